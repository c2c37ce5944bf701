"""Freeze and thaw the real service processes (SIGSTOP/SIGCONT), found by the port they listen on."""

import contextlib
import os
import signal
from urllib.parse import urlparse

import psutil


def pid_listening_on(url: str) -> int:
    port = urlparse(url).port
    for connection in psutil.net_connections(kind="tcp"):
        if connection.status == psutil.CONN_LISTEN and connection.laddr.port == port and connection.pid:
            return connection.pid
    raise LookupError(f"no process listens on port {port}")


@contextlib.contextmanager
def frozen(url: str):
    """The service keeps its socket open but answers nothing: the worst kind of outage for a client."""
    pid = pid_listening_on(url)
    os.kill(pid, signal.SIGSTOP)
    try:
        yield pid
    finally:
        os.kill(pid, signal.SIGCONT)
