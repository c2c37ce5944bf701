"""Sharing and search-engine metadata, sitemap.xml and robots.txt, and constant query counts per page."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import LetterOfIntentSignature, StandardPage

from .conftest import publish_child

pytestmark = pytest.mark.django_db


def test_pages_carry_canonical_url_description_opengraph_and_twitter_card(client, home):
    page = publish_child(
        home, StandardPage(title="O klastrze", slug="o-klastrze", intro="Klaster PES na Pomorzu.")
    )

    body = client.get(page.url).content.decode()

    assert '<link rel="canonical" href="http://localhost/o-klastrze/">' in body
    assert '<meta name="description" content="Klaster PES na Pomorzu.">' in body
    assert '<meta property="og:title" content="O klastrze">' in body
    assert '<meta property="og:url" content="http://localhost/o-klastrze/">' in body
    assert '<meta property="og:locale" content="pl_PL">' in body
    assert '<meta name="twitter:card" content="summary">' in body


def test_home_page_describes_the_cluster_as_a_json_ld_organization(client, home):
    body = client.get("/").content.decode()

    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    data = json.loads(payload)
    assert data["@type"] == "Organization"
    assert data["name"] == "Pomorska Ekonomia Społeczna"
    assert data["parentOrganization"]["name"].startswith("Regionalny Ośrodek Polityki Społecznej")


def test_english_home_describes_the_cluster_in_english(client, english_home):
    body = client.get("/en/").content.decode()

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))
    assert data["description"] == "The social economy cluster of the Pomorskie voivodeship."
    assert data["areaServed"] == "Pomorskie voivodeship"


def test_sitemap_lists_both_languages_with_hreflang_alternates(client, english_home, standard_page, locales):
    translation = standard_page.copy_for_translation(locales[1]).specific
    translation.title = "About"
    translation.save_revision().publish()

    response = client.get("/sitemap.xml")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<loc>http://localhost/o-klastrze/</loc>" in body
    assert "<loc>http://localhost/en/o-klastrze/</loc>" in body
    assert '<xhtml:link rel="alternate" hreflang="en" href="http://localhost/en/o-klastrze/"/>' in body
    assert '<xhtml:link rel="alternate" hreflang="pl" href="http://localhost/o-klastrze/"/>' in body
    assert "public" in response["Cache-Control"]


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_home_page_runs_the_same_number_of_queries_whatever_the_number_of_offers_and_news(
    client, home, make_member, make_news
):
    make_member(offers=1)
    make_news(1)
    client.get("/")  # warm caches of the site root and locales
    few = count_queries(client, "/")

    for _ in range(5):
        make_member(offers=4)
    make_news(6)
    many = count_queries(client, "/")

    assert many == few


def test_news_index_runs_the_same_number_of_queries_whatever_the_number_of_articles(
    client, news_index, make_news
):
    for article in make_news(2):
        article.tags.add("RESIST", "klaster")
        article.save_revision().publish()
    client.get(news_index.url)
    few = count_queries(client, news_index.url)

    for article in make_news(8):
        article.tags.add("warsztaty")
        article.save_revision().publish()
    many = count_queries(client, news_index.url)

    assert many == few


def test_letter_of_intent_page_runs_the_same_number_of_queries_whatever_the_number_of_signatories(
    client, letter_page
):
    def add_signatures(start, count):
        LetterOfIntentSignature.objects.bulk_create(
            LetterOfIntentSignature(
                page=letter_page,
                organisation_name=f"Organizacja {number}",
                nip=f"{number:010d}",
                signatory_name="Jan",
                signatory_role="Prezes",
                email="jan@example.pl",
                consent_at=timezone.now(),
                confirmed_at=timezone.now(),
                review="approved",  # on the public list
            )
            for number in range(start, start + count)
        )

    add_signatures(1, 2)
    client.get(letter_page.url)
    few = count_queries(client, letter_page.url)
    add_signatures(100, 25)
    many = count_queries(client, letter_page.url)

    assert many == few


def test_content_pages_are_cacheable_for_anonymous_visitors_but_form_pages_are_not(
    client, standard_page, membership_page
):
    content = client.get(standard_page.url)
    form = client.get(membership_page.url)

    assert "public" in content["Cache-Control"] and "max-age=300" in content["Cache-Control"]
    assert "Cookie" in content["Vary"]
    assert "private" in form["Cache-Control"] and "public" not in form["Cache-Control"]
