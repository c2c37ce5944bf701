"""Production hardening that a test can see: headers, CSP, deploy checks and login lockout."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent


def test_public_pages_carry_a_csp_without_inline_scripts(client):
    response = client.get("/health/live/")
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src
    assert "frame-ancestors 'none'" in policy


def test_responses_forbid_mime_sniffing_and_set_a_referrer_policy(client):
    response = client.get("/health/live/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]


def test_check_deploy_is_clean_with_production_settings():
    # The browser tests allow async-unsafe ORM calls in their own process; production never does.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **env,
        "SECRET_KEY": "x" * 64 + "-not-a-real-secret-but-long-enough",
        "ALLOWED_HOSTS": "pes.example.pl",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(
        {
            "ALLOWED_HOSTS": "pes.example.pl",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_admin_login_locks_out_after_repeated_failures(client):
    # The admin signs in through allauth's form (config/staff_mfa.py), which posts the account as `login`.
    user = get_user_model().objects.create_superuser("staff", "staff@example.org", "correct-horse-battery")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for _ in range(3):
        client.post("/konto/login/", {"login": "staff@example.org", "password": "wrong"})
    response = client.post(
        "/konto/login/", {"login": "staff@example.org", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_lockout_is_keyed_on_address_and_login_not_the_address_alone(client):
    """Finding 5: failures against one account from a shared address do not lock out its neighbours."""
    users = get_user_model().objects
    for name in ("ofiara", "sasiad"):
        user = users.create_user(name, f"{name}@example.org", "correct-horse-battery")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    office = {"REMOTE_ADDR": "10.20.30.40"}
    for _ in range(3):
        client.post("/konto/login/", {"login": "ofiara@example.org", "password": "wrong"}, **office)
    locked = client.post(
        "/konto/login/", {"login": "ofiara@example.org", "password": "correct-horse-battery"}, **office
    )
    assert locked.status_code == 429 and not locked.wsgi_request.user.is_authenticated

    neighbour = client.post(
        "/konto/login/", {"login": "sasiad@example.org", "password": "correct-horse-battery"}, **office
    )
    assert neighbour.status_code == 302
    assert neighbour.wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_wagtail_password_reset_without_rate_limits_is_off_and_allauths_is_limited(client):
    """Finding 5: Wagtail's reset form has no limit, so staff reset through allauth's rate-limited one."""
    get_user_model().objects.create_user("kasia", "kasia@example.org", "correct-horse-battery")
    assert client.post("/admin/password_reset/", {"email": "kasia@example.org"}).status_code == 404
    answers = [
        client.post("/konto/password/reset/", {"email": "kasia@example.org"}).status_code for _ in range(7)
    ]
    assert answers[0] == 302
    assert 429 in answers  # five a minute per address (ACCOUNT_RATE_LIMITS["reset_password"])
