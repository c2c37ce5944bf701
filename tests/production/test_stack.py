"""Smoke test of the production stack over HTTPS through Caddy: what an operator sees after `make prod-up`.

The tests run in file order; the last one stops the stack's own Elasticsearch node (never the shared one).
"""

import io
import re
import subprocess
import sys
import time
from datetime import date, timedelta

import pytest
from PIL import Image

pytestmark = pytest.mark.elasticsearch

QUOTE_LIMIT_MESSAGE = "Z Twojej sieci wysłano zbyt wiele zapytań ofertowych."


def test_home_is_polish_and_english_under_en(stack):
    session = stack.session()
    polish = session.get(f"{stack.url}/")
    english = session.get(f"{stack.url}/en/")

    assert polish.status_code == 200
    assert '<html lang="pl"' in polish.text
    assert "Przejdź do treści" in polish.text
    assert "Skip to main content" not in polish.text
    assert english.status_code == 200
    assert '<html lang="en"' in english.text
    assert "Skip to main content" in english.text


def test_security_headers_on_proxied_responses(stack):
    response = stack.session().get(f"{stack.url}/")

    # Once: Django sets it on proxied pages, and Caddy only where Django did not (its own files).
    assert response.raw.headers.getlist("Strict-Transport-Security") == [
        "max-age=31536000; includeSubDomains; preload"
    ]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_health_endpoints_as_the_compose_healthchecks_call_them(stack):
    # The command of the web service's healthcheck in docker-compose.yml, against each instance's port.
    for port in stack.web_ports:
        probe = (
            "import urllib.request; "
            f"urllib.request.urlopen('http://127.0.0.1:{port}/health/live/', timeout=5)"
        )
        assert subprocess.run([sys.executable, "-c", probe], timeout=30).returncode == 0
    # A probe carries no public Host header and no proxy's X-Forwarded-Proto: no 400, no HTTPS redirect.
    session = stack.session()
    direct = session.get(
        f"http://127.0.0.1:{stack.web_ports[0]}/health/live/",
        headers={"Host": "10.0.0.7:8000"},
        allow_redirects=False,
    )
    assert direct.status_code == 200
    assert direct.json() == {"status": "ok"}
    ready = session.get(f"{stack.url}/health/ready/", headers={"Accept": "application/json"})
    assert ready.status_code == 200, ready.text


def test_static_files_are_served_by_the_proxy(stack):
    response = stack.session().get(f"{stack.url}/static/ninja/swagger-ui.css")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_catalogue_search_comes_from_elasticsearch(stack):
    response = stack.session().get(f"{stack.url}/api/v1/offers/", params={"q": "catering"})

    assert response.status_code == 200
    body = response.json()
    assert body["simplified"] is False
    assert body["count"] > 0


def _quote_form(session, stack, supplier):
    url = f"{stack.url}/katalog/zapytanie-ofertowe/?dostawca={supplier}"
    page = session.get(url)
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return url, token


def _quote(session, url, token, number, **headers):
    return session.post(
        url,
        data={
            "csrfmiddlewaretoken": token,
            "description": "Obiad dla 40 osób na szkolenie.",
            "quantity": "40 porcji",
            "deadline": (date.today() + timedelta(days=30)).isoformat(),
            "place": "Gdańsk",
            "buyer_type": "company",
            "buyer_name": f"Kupujący {number}",
            "buyer_organisation": "Firma testowa",
            # A new address each time: the per-address limit (3/h) must not be the one that trips.
            "buyer_email": f"kupujacy{number}@example.pl",
            "buyer_phone": "",
            "consent": "on",
            "website": "",
        },
        headers={"Referer": url, **headers},
        allow_redirects=False,
    )


def _quote_posts_served(stack, before, expected):
    """Quote POSTs per instance since `before`; gunicorn writes its access line just after answering."""
    deadline = time.monotonic() + 10
    while True:
        after = [stack.access_log(n).count("POST /katalog/zapytanie-ofertowe/") for n in (1, 2)]
        served = [a - b for a, b in zip(after, before, strict=True)]
        if sum(served) >= expected or time.monotonic() > deadline:
            return served


def test_quote_rate_limit_holds_across_both_web_instances(stack):
    supplier = stack.shell(
        "from catalog.models import Organisation; print(Organisation.objects.public().first().slug)"
    )
    session = stack.session()
    url, token = _quote_form(session, stack, supplier)
    before = [stack.access_log(n).count("POST /katalog/zapytanie-ofertowe/") for n in (1, 2)]

    statuses = [_quote(session, url, token, n).status_code for n in range(1, 6)]
    refused = _quote(session, url, token, 6)
    # A client cannot pick its own address: Caddy replaces X-Forwarded-For from an untrusted client.
    spoofed = _quote(session, url, token, 7, **{"X-Forwarded-For": "198.51.100.7"})

    assert statuses == [302] * 5
    assert refused.status_code == 200
    assert QUOTE_LIMIT_MESSAGE in refused.text
    assert spoofed.status_code == 200
    assert QUOTE_LIMIT_MESSAGE in spoofed.text
    served = _quote_posts_served(stack, before, expected=7)
    # Round robin: both instances took part, so the limit is not a per-process counter.
    assert sum(served) == 7
    assert min(served) >= 3, served


@pytest.fixture
def browser_context(stack, browser):
    # The stack's certificate is signed by its own local CA, which Chromium does not know.
    context = browser.new_context(base_url=stack.url, ignore_https_errors=True, locale="pl-PL")
    context.set_default_timeout(20_000)
    yield context
    context.close()


def test_api_docs_render_from_our_origin_without_csp_violations(stack, browser_context):
    page = browser_context.new_page()
    foreign, csp_errors = [], []
    page.on("request", lambda r: None if r.url.startswith(stack.url) else foreign.append(r.url))
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)

    response = page.goto("/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    page.locator(".opblock").first.wait_for()

    assert response.status == 200
    assert "Pomorska Ekonomia Społeczna API" in page.locator(".swagger-ui .info .title").inner_text()
    assert foreign == []
    assert csp_errors == []


def test_a_members_uploaded_logo_is_served(stack, browser_context):
    slug = stack.shell(MEMBER_SETUP)
    logo = io.BytesIO()
    Image.new("RGB", (200, 120), (20, 110, 60)).save(logo, format="PNG")

    page = browser_context.new_page()
    page.goto("/konto/login/")
    page.fill("input[name=login]", "czlonek@example.pl")
    page.fill("input[name=password]", "haslo-czlonka-2026")
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"^(?!.*/konto/login/)"))
    page.goto(f"/katalog/panel/organizacja/{slug}/")
    page.set_input_files(
        "input[name=logo_upload]",
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": logo.getvalue()}],
    )
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/katalog/panel/$"))

    profile = stack.session().get(f"{stack.url}/katalog/organizacje/{slug}/")
    sources = re.findall(r'<img[^>]+src="(/media/[^"]+)"', profile.text)
    assert sources, "the profile shows no uploaded logo"
    image = stack.session().get(f"{stack.url}{sources[0]}")
    assert image.status_code == 200
    assert image.headers["Content-Type"].startswith("image/")
    assert Image.open(io.BytesIO(image.content)).width > 0


MEMBER_SETUP = """
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from catalog.models import Organisation
user, _ = get_user_model().objects.get_or_create(username="czlonek", defaults={"email": "czlonek@example.pl"})
user.email = "czlonek@example.pl"
user.set_password("haslo-czlonka-2026")
user.save()
EmailAddress.objects.update_or_create(
    user=user, email=user.email, defaults={"verified": True, "primary": True}
)
organisation = Organisation.objects.public().order_by("slug").first()
organisation.members.add(user)
print(organisation.slug)
"""


def test_search_falls_back_to_the_database_when_elasticsearch_stops(stack):
    # The stack's own secured node, started for this stack only: the shared test node keeps running.
    stop = subprocess.run(
        ["scripts/services.sh", "es-secure-stop"],
        cwd=stack.directory.parent.parent,
        env={**stack.env, "PES_ES_SECURE_PORT": stack.env["PES_PROD_ES_PORT"]},
        capture_output=True,
        timeout=120,
    )
    assert stop.returncode == 0, stop.stderr

    session = stack.session()
    response = session.get(f"{stack.url}/api/v1/offers/", params={"q": "catering"})
    ready = session.get(f"{stack.url}/health/ready/", headers={"Accept": "application/json"})

    assert response.status_code == 200
    assert response.json()["simplified"] is True
    assert response.json()["count"] > 0
    assert ready.status_code == 503
