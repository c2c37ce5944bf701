"""The catalogue listing as a person reads it (issue 15): notices, sorting, filter errors and chips."""

from django.test import override_settings


@override_settings(ELASTICSEARCH_URL="")
def test_without_elasticsearch_configured_no_simplified_notice_is_shown(client, catalogue):
    html = client.get("/katalog/", {"q": "catering"}).content.decode()

    assert 'data-offer="zk-catering-weganski"' in html
    assert "data-simplified" not in html
    assert "trybie uproszczonym" not in html


@override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9")
def test_a_failing_elasticsearch_shows_the_simplified_notice(client, catalogue):
    html = client.get("/katalog/", {"q": "catering"}).content.decode()

    assert "data-simplified" in html


def test_organisation_listing_offers_no_price_sort_but_the_catalogue_does(client, catalogue):
    organisations = client.get("/szukaj/organizacje/").content.decode()
    offers = client.get("/katalog/").content.decode()

    assert "sort=price" not in organisations and "Cena" not in organisations
    assert "sort=price" in offers


def test_filter_errors_name_the_filter_in_polish_not_the_parameter(client, catalogue):
    response = client.get("/katalog/", {"town": "x" * 100, "page": "abc"})
    html = response.content.decode()

    assert response.status_code == 400
    assert "W pobliżu miejscowości:" in html and "Strona:" in html
    assert "<li>town:" not in html and "<li>page:" not in html


def test_active_filters_are_chips_that_remove_one_filter_each(client, catalogue):
    html = client.get(
        "/katalog/",
        {"q": "sprzątanie", "subregion": ["slupski", "metropolitalny_poludniowy"], "powiat": "kartuski"},
    ).content.decode()

    assert html.count("data-chip") == 3
    # The słupski chip links to the same search without słupski, every other filter kept.
    assert 'href="?q=sprz%C4%85tanie&amp;subregion=metropolitalny_poludniowy&amp;powiat=kartuski"' in html
    assert "Obsługiwany powiat: kartuski" in html
    assert 'href="/katalog/?q=sprz%C4%85tanie" data-clear-filters' in html
    assert "Filtry (3)" in html


def test_organisations_without_a_logo_get_a_monogram():
    from catalog.templatetags.catalog_tags import monogram

    assert monogram("Spółdzielnia Socjalna „Zielona Kuchnia”") == "ZK"
    assert monogram("Centrum Integracji Społecznej w Pruszczu Gdańskim") == "PG"
    assert monogram("Fundacja") == "F"
