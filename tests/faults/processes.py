"""Real processes for fault tests: freeze and thaw a service (SIGSTOP/SIGCONT), found by the port it
listens on, and serve the app in gunicorn."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import psutil


def pid_listening_on(url: str) -> int:
    port = urlparse(url).port
    for connection in psutil.net_connections(kind="tcp"):
        if connection.status == psutil.CONN_LISTEN and connection.laddr.port == port and connection.pid:
            return connection.pid
    raise LookupError(f"no process listens on port {port}")


# However the test run ends (even killed mid-test), the service is thawed after this many seconds.
WATCHDOG_SECONDS = 60


@contextlib.contextmanager
def frozen(url: str):
    """The service keeps its socket open but answers nothing: the worst kind of outage for a client."""
    pid = pid_listening_on(url)
    # A detached watchdog thaws the process even if this test process is killed before `finally` runs,
    # so a shared service is never left stopped.
    watchdog = subprocess.Popen(  # noqa: S603 - fixed argument list
        ["/bin/sh", "-c", f"sleep {WATCHDOG_SECONDS}; kill -CONT {pid}"],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.kill(pid, signal.SIGSTOP)
    try:
        yield pid
    finally:
        os.kill(pid, signal.SIGCONT)
        watchdog.kill()


ROOT = Path(__file__).resolve().parent.parent.parent


@contextlib.contextmanager
def gunicorn(env: dict[str, str], port: int, log_path: Path, workers: int = 2):
    """The app in a real gunicorn (sync workers, as the Dockerfile runs it) on loopback, until the block
    ends. Yields the master process; its workers are its children."""
    with log_path.open("wb") as log:
        server = subprocess.Popen(  # noqa: S603 - fixed argument list
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        watchdog = subprocess.Popen(  # noqa: S603 - stops the server even if this process is killed
            ["/bin/sh", "-c", f"sleep {WATCHDOG_SECONDS * 3}; kill -TERM {server.pid}"],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_until_answering(f"http://127.0.0.1:{port}/health/live/", server, log_path)
            yield server
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=5)
            os.killpg(watchdog.pid, signal.SIGKILL)  # the shell and its sleep


def _wait_until_answering(url: str, server: subprocess.Popen, log_path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback URL we built
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer at {url} within {timeout}s:\n{log_path.read_text()[-3000:]}")
