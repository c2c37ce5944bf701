"""Finding 1: staff two-factor holds. The admin signs in through allauth's forms, which ask for the TOTP
code; Wagtail's password-only login no longer signs anyone in; with STAFF_REQUIRE_MFA (production) the
admin opens only after a second factor. Codes are computed with allauth's own TOTP functions."""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import override_settings

pytestmark = pytest.mark.django_db

PASSWORD = "x-Staff-secret-123"


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def make_staff(email: str = "kasia@pes.example.pl", *, totp: bool = True):
    user = get_user_model().objects.create_user("kasia", email, PASSWORD, is_staff=True)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    group, _ = Group.objects.get_or_create(name="Redakcja")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    secret = generate_totp_secret()
    if totp:
        TOTP.activate(user, secret)
    return user, secret


def test_wagtail_login_form_no_longer_accepts_the_password_alone(client):
    make_staff()
    response = client.post("/admin/login/", {"username": "kasia", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert not response.wsgi_request.user.is_authenticated
    assert client.get("/admin/").status_code == 302  # still signed out


def test_admin_sends_anonymous_staff_to_the_allauth_login(client):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert client.get("/admin/login/?next=https://evil.example/")["Location"] == "/konto/login/?next=/admin/"


@override_settings(STAFF_REQUIRE_MFA=True)
def test_staff_with_totp_signs_in_with_password_and_code_through_the_real_forms(client):
    user, secret = make_staff()
    first = client.post("/konto/login/", {"login": user.email, "password": PASSWORD, "next": "/admin/"})
    assert first.status_code == 302
    assert first["Location"].startswith("/konto/2fa/authenticate/")
    assert client.get("/admin/").status_code == 302  # the password alone opens nothing

    wrong = client.post("/konto/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200 and not wrong.wsgi_request.user.is_authenticated

    second = client.post("/konto/2fa/authenticate/", {"code": current_code(secret)})
    assert second.status_code == 302 and second["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@override_settings(STAFF_REQUIRE_MFA=True)
def test_staff_without_totp_must_set_it_up_before_the_admin_opens(client):
    user, _secret = make_staff(totp=False)
    signed_in = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/totp/activate/"
    assert not Authenticator.objects.filter(user=user).exists()


@override_settings(STAFF_REQUIRE_MFA=True)
def test_a_session_that_skipped_the_second_factor_is_signed_out_of_the_admin(client):
    user, _secret = make_staff()
    client.force_login(user)  # e.g. a session from before the requirement
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert client.get("/konto/email/").status_code == 302  # signed out everywhere


def test_production_requires_the_second_factor_by_default(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "pes.example.pl")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")  # production requires a shared cache
    monkeypatch.delenv("STAFF_REQUIRE_MFA", raising=False)
    production = importlib.import_module("config.settings.production")
    assert importlib.reload(production).STAFF_REQUIRE_MFA is True
    assert production.WAGTAILADMIN_LOGIN_URL == "account_login"
