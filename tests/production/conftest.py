"""The production stack of `make prod-up`, started once for the smoke tests on ports of its own.

It is the same script (scripts/prod.sh) with the same build (scripts/build-release.sh); only the ports,
the directory, the database and the index prefix differ, so a developer's own `make prod-up` and the
other checkouts' test runs on this machine are left alone. The database starts empty every run: the
rate-limit test counts the quote requests of the last hour.
"""

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
import requests
from django.conf import settings

from tests.conftest_services import IN_CI

ROOT = Path(__file__).resolve().parents[2]
PROD_SH = ROOT / "scripts" / "prod.sh"


@dataclass
class Stack:
    url: str
    ca: str
    web_ports: list[int]
    directory: Path
    env: dict

    def session(self) -> requests.Session:
        session = requests.Session()
        # Not the environment's CA bundle or proxies (requests would let them override `verify`).
        session.trust_env = False
        session.verify = self.ca
        return session

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [str(PROD_SH), "manage", *args], env=self.env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def shell(self, code: str) -> str:
        """The last line `manage.py shell -c` printed (Django's shell announces its imports first)."""
        return self.manage("shell", "-c", code).strip().splitlines()[-1]

    def access_log(self, instance: int) -> str:
        return (self.directory / "logs" / f"web{instance}-access.log").read_text()


def _stack_database_url() -> str:
    db = settings.DATABASES["default"]
    name = db["NAME"].removeprefix("test_") + "_stack"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"


def _drop_database(url: str) -> None:
    parsed = urlparse(url)
    admin = urlunparse(parsed._replace(path="/postgres"))
    subprocess.run(
        ["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{parsed.path.lstrip("/")}" WITH (FORCE)'],
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.fixture(scope="session")
def stack():
    directory = ROOT / "var" / "prod-smoke"
    web_ports = [int(p) for p in os.environ.get("PES_SMOKE_WEB_PORTS", "8411 8412").split()]
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env.update(
        {
            "PES_PROD_DIR": str(directory),
            "PES_PROD_PORT": os.environ.get("PES_SMOKE_PORT", "8453"),
            "PES_PROD_WEB_PORTS": " ".join(map(str, web_ports)),
            "PES_PROD_REDIS_PORT": os.environ.get("PES_SMOKE_REDIS_PORT", "6392"),
            "PES_PROD_ES_PORT": os.environ.get("PES_SMOKE_ES_PORT", "9282"),
            "PES_PROD_DATABASE_URL": _stack_database_url(),
            "PES_PROD_INDEX_PREFIX": f"{settings.SEARCH_INDEX_PREFIX}_stack",
            # Two cores shared by several test runs: a cold query may take longer than production's 2 s,
            # and the test is about where the answer comes from, not about its latency.
            "SEARCH_TIMEOUT_SECONDS": "15",
        }
    )
    _drop_database(env["PES_PROD_DATABASE_URL"])
    up = subprocess.run([str(PROD_SH), "up"], env=env, capture_output=True, text=True, timeout=1200)
    try:
        if up.returncode != 0:
            message = f"`scripts/prod.sh up` failed:\n{up.stderr[-4000:]}"
            if IN_CI:
                pytest.fail(message)
            pytest.skip(message)
        yield Stack(
            url=f"https://127.0.0.1:{env['PES_PROD_PORT']}",
            ca=str(directory / "caddy" / "pki" / "authorities" / "local" / "root.crt"),
            web_ports=web_ports,
            directory=directory,
            env=env,
        )
    finally:
        subprocess.run([str(PROD_SH), "down"], env=env, capture_output=True, timeout=300)
