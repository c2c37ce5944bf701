"""docker-compose.yml is valid for `docker compose` and runs the stack the way production needs it.

There is no Docker engine here, so the file is validated against the compose-spec JSON schema that
check-jsonschema vendors (the schema `docker compose config` itself applies).
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"


def check_compose_schema(path: Path) -> subprocess.CompletedProcess:
    cli = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert cli, "check-jsonschema is a dev dependency (pyproject.toml)"
    return subprocess.run(
        [cli, "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_compose_file_validates_against_the_compose_schema():
    result = check_compose_schema(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_compose_file(tmp_path):
    # Proof that the check above can fail: a misspelt service key is not valid compose.
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(COMPOSE.read_text().replace("    healthcheck:", "    healthchek:", 1))
    assert check_compose_schema(broken).returncode != 0


def test_every_image_is_pinned(compose):
    for name, service in compose["services"].items():
        if "image" in service:
            tag = service["image"].rpartition(":")[2]
            assert re.match(r"^v?\d+\.\d+", tag), f"{name}: {service['image']} is not pinned to a version"


def test_web_healthcheck_calls_the_health_endpoint(compose):
    command = " ".join(compose["services"]["web"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/health/live/" in command


def test_the_proxy_is_a_service_and_serves_media_from_the_shared_volume(compose):
    proxy = compose["services"]["proxy"]
    assert "media:/srv/media:ro" in proxy["volumes"]
    assert "media:/app/var/media" in compose["services"]["web"]["volumes"]
    caddyfile = (ROOT / "docker" / "caddy" / "Caddyfile").read_text()
    assert "root * /srv/media" in caddyfile


def test_smtp_comes_from_env_and_elasticsearch_security_is_on(compose):
    for name, service in compose["services"].items():
        assert "EMAIL_HOST" not in service.get("environment", {}), f"{name} overrides the SMTP host of .env"
    elasticsearch = compose["services"]["elasticsearch"]["environment"]
    assert elasticsearch["xpack.security.enabled"] == "true"
    assert elasticsearch["ELASTIC_PASSWORD"] == "${ELASTIC_PASSWORD}"
    web = compose["services"]["web"]["environment"]
    assert web["ELASTICSEARCH_PASSWORD"] == "${ELASTIC_PASSWORD}"
    assert web["SEARCH_INDEX_REPLICAS"] == "${SEARCH_INDEX_REPLICAS:-0}"
    assert web["REDIS_URL"].startswith("redis://redis:")


def test_the_image_builds_with_the_release_script_and_gettext():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "apt-get install -y --no-install-recommends gettext" in dockerfile
    assert "scripts/build-release.sh" in dockerfile
    assert ":latest" not in dockerfile
    # The media directory is created and owned by the app user before USER switches to it.
    assert dockerfile.index("chown -R app /app/var") < dockerfile.index("USER app")
