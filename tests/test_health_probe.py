"""Health probes answer a container healthcheck: no public Host header, plain HTTP, no proxy."""

import pytest
from django.test import override_settings

PRODUCTION_LIKE = {"ALLOWED_HOSTS": ["pes.example.pl"], "SECURE_SSL_REDIRECT": True}


@override_settings(**PRODUCTION_LIKE)
def test_liveness_answers_on_the_containers_own_address(client):
    response = client.get("/health/live/", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
@override_settings(**PRODUCTION_LIKE, ELASTICSEARCH_URL="")
def test_readiness_answers_on_the_containers_own_address(client):
    response = client.get("/health/ready/", HTTP_HOST="127.0.0.1:8000", HTTP_ACCEPT="application/json")
    assert response.status_code == 200


@override_settings(**PRODUCTION_LIKE)
def test_every_other_path_still_validates_the_host_and_redirects_to_https(client):
    assert client.get("/", HTTP_HOST="127.0.0.1:8000").status_code == 400
    redirect = client.get("/", HTTP_HOST="pes.example.pl")
    assert redirect.status_code == 301
    assert redirect["Location"].startswith("https://pes.example.pl/")


@pytest.mark.django_db
@override_settings(**PRODUCTION_LIKE, ELASTICSEARCH_URL="")
def test_readiness_renders_its_html_page_for_a_browser(client):
    response = client.get("/health/ready/", HTTP_HOST="127.0.0.1:8000", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"<html" in response.content.lower()
