"""A throwaway PostgreSQL cluster that a test may stop and restart at will.

The shared server on :55432 is never stopped: other test runs and pytest-django's own connection use it.
This cluster runs from the same Debian binaries in a temporary directory, on a free loopback port, as
the unprivileged service user when the tests run as root (PostgreSQL refuses to run as root), exactly as
scripts/services.sh starts the shared one.
"""

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

SERVICE_USER = "pes-svc"
SUPERUSER = "pes"
# However the test run ends (even killed mid-test), the cluster is stopped and removed after this long.
WATCHDOG_SECONDS = 180


class ClusterUnavailable(RuntimeError):
    """PostgreSQL binaries are missing or the cluster would not start."""


def postgres_bin() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(path.split("/")[-2]))
    if not candidates:
        raise ClusterUnavailable("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    return Path(candidates[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayCluster:
    def __init__(self, root: Path, port: int):
        self.root = root
        self.data = root / "data"
        self.log = root / "server.log"
        self.port = port
        self.bin = postgres_bin()

    def url(self, database: str = "pes") -> str:
        return f"postgres://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _as_service_user(self, *command: str) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", SERVICE_USER, "--", *command]
        return list(command)

    def _pg_ctl(self, *args: str, timeout: float = 30) -> None:
        command = self._as_service_user(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), *args
        )
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        if result.returncode != 0:
            raise ClusterUnavailable(f"pg_ctl {' '.join(args)} failed: {result.stderr}\n{self.server_log()}")

    def server_log(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def initdb(self) -> None:
        command = self._as_service_user(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        if result.returncode != 0:
            raise ClusterUnavailable(f"initdb failed: {result.stderr}")

    def start(self) -> None:
        # Durability is not what this cluster is for; the socket stays in our own directory.
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -c fsync=off -c synchronous_commit=off"
        self._pg_ctl("-w", "-t", "30", "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("-w", "-t", "30", "-m", mode, "stop")

    def restart(self) -> None:
        self._pg_ctl("-w", "-t", "30", "-m", "fast", "restart")

    def is_running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def load(self, source_url: str, database: str = "pes") -> None:
        """Copy a database (schema and rows) from another server: much faster than running migrations."""
        subprocess.run(
            [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, database],
            check=True,
            capture_output=True,
            timeout=30,
        )
        dump = subprocess.run(
            [str(self.bin / "pg_dump"), "--no-owner", "--no-privileges", "--dbname", source_url],
            check=True,
            capture_output=True,
            timeout=60,
        )
        subprocess.run(
            [str(self.bin / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "--dbname", self.url(database)],
            input=dump.stdout,
            check=True,
            capture_output=True,
            timeout=60,
        )


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[ThrowawayCluster]:
    root = Path(tempfile.mkdtemp(prefix="pes-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, user=SERVICE_USER)
    cluster = ThrowawayCluster(root, free_port())
    watchdog = subprocess.Popen(  # a detached guard against a test run killed before `finally`
        [
            "/bin/sh",
            "-c",
            f"sleep {WATCHDOG_SECONDS}; "
            f"{' '.join(cluster._as_service_user(str(cluster.bin / 'pg_ctl')))} -D {cluster.data} -m immediate stop; "
            f"rm -rf {root}",
        ],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        cluster.initdb()
        cluster.start()
        yield cluster
    finally:
        try:
            if cluster.is_running():
                cluster.stop(mode="immediate")
        finally:
            os.killpg(watchdog.pid, signal.SIGKILL)  # the shell and its sleep
            shutil.rmtree(root, ignore_errors=True)
