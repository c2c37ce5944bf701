"""Freeze and thaw the real service processes (SIGSTOP/SIGCONT), found by the port they listen on."""

import contextlib
import os
import signal
import subprocess
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
