"""The map view of the listings: a list of organisations without JavaScript, markers as JSON for Leaflet."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import override_settings

from catalog.models import Organisation

pytestmark = pytest.mark.django_db


def markers(html: str) -> list[dict]:
    match = re.search(r'<script id="results-map-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, "the markers are embedded with json_script"
    return json.loads(match.group(1))


def view_link(html: str, view: str) -> dict[str, list[str]]:
    href = re.search(rf'<a href="([^"]*)" data-view-link="{view}"', html).group(1)
    return parse_qs(urlsplit(href.replace("&amp;", "&")).query)


def test_map_view_lists_every_matching_organisation_with_address_and_offer_count(client, search_index):
    response = client.get("/katalog/", {"category": "sprzatanie", "view": "map"})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r'data-map-point="([^"]+)"', html) == ["fund-czysty-dom", "sps-slupskie-ogrody"]
    assert '<a href="/katalog/organizacje/fund-czysty-dom/">Fundacja „Czysty Dom”</a>' in html
    assert "<address>ul. Testowa 1, 80-001 Gdańsk</address>" in html
    assert "1 oferta</span>" in html
    assert 'class="card-list"' not in html  # the map view replaces the page of offers


def test_map_view_embeds_markers_as_json_and_loads_leaflet_from_files(client, search_index):
    html = client.get("/katalog/", {"q": "catering", "view": "map"}).content.decode()
    found = markers(html)
    assert [marker["id"] for marker in found] == ["sps-zielona-kuchnia"]
    assert found[0] == {
        "id": "sps-zielona-kuchnia",
        "name": "Spółdzielnia Socjalna „Zielona Kuchnia”",
        "url": "/katalog/organizacje/sps-zielona-kuchnia/",
        "city": "Gdańsk",
        "lat": 54.352,
        "lon": 18.646,
        "offers": "2 oferty",
    }
    for script in ("vendor/leaflet/leaflet.js", "leaflet.markercluster.js", "search/results-map.js"):
        assert f"{script}" in html
    # Only the JSON data block is inline: the CSP allows no inline script.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' id="results-map-data" type="application/json"']
    assert "data-results-map" in html and "MarkerCluster.css" in html


def test_map_shows_all_matching_organisations_not_only_the_current_page(client, search_index):
    html = client.get("/katalog/", {"view": "map", "per_page": "1", "page": "3"}).content.decode()
    assert len(markers(html)) == 4
    assert 'data-map-count="4"' in html


def test_list_view_has_no_map_and_no_leaflet(client, search_index):
    html = client.get("/katalog/", {"category": "sprzatanie"}).content.decode()
    assert "data-map-point" not in html and "leaflet" not in html
    assert 'data-view-link="list" aria-current="page"' in html


def test_toggle_links_and_the_filter_form_keep_the_filters(client, search_index):
    listing = client.get("/katalog/", {"category": "sprzatanie", "q": "biur", "page": "1"}).content.decode()
    assert view_link(listing, "map") == {"category": ["sprzatanie"], "q": ["biur"], "view": ["map"]}

    on_map = client.get("/katalog/", {"category": "sprzatanie", "q": "biur", "view": "map"}).content.decode()
    assert view_link(on_map, "list") == {"category": ["sprzatanie"], "q": ["biur"]}
    assert 'data-view-link="map" aria-current="page"' in on_map
    assert '<input type="hidden" name="view" value="map">' in on_map  # applying filters stays on the map


def test_organisation_listing_has_a_map_of_its_results(client, search_index):
    html = client.get("/szukaj/organizacje/", {"subregion": "slupski", "view": "map"}).content.decode()
    assert [marker["id"] for marker in markers(html)] == ["sps-slupskie-ogrody"]
    assert markers(html)[0]["offers"] == "2 oferty"
    assert view_link(html, "list") == {"subregion": ["slupski"]}


def test_organisation_without_coordinates_is_listed_but_gets_no_marker(client, catalogue):
    Organisation.objects.filter(slug="wtz-pracownia-tczew").update(latitude=None, longitude=None)
    html = client.get("/katalog/", {"view": "map"}).content.decode()
    assert 'data-map-point="wtz-pracownia-tczew"' in html
    assert "brak na mapie: nie podano lokalizacji" in html
    assert "wtz-pracownia-tczew" not in {marker["id"] for marker in markers(html)}


def test_names_cannot_break_out_of_the_marker_data(client, catalogue):
    Organisation.objects.filter(slug="fund-czysty-dom").update(name="</script><script>alert(1)</script>")
    html = client.get("/katalog/", {"view": "map"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "</script><script>alert(1)</script>" in {marker["name"] for marker in markers(html)}


def test_map_without_results_says_so(client, search_index):
    html = client.get("/katalog/", {"q": "tłumaczenia przysięgłe zzzzqx", "view": "map"}).content.decode()
    assert 'data-map-count="0"' in html and 'class="empty-state"' in html
    assert "results-map-data" not in html


@override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9")
def test_map_view_works_on_the_database_fallback(client, catalogue):
    response = client.get("/katalog/", {"q": "sprzątanie", "view": "map"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-simplified" in html
    assert {marker["id"] for marker in markers(html)} == {"fund-czysty-dom", "sps-slupskie-ogrody"}


def test_invalid_filter_on_the_map_view_shows_the_message(client, catalogue):
    response = client.get("/katalog/", {"cpv": "abc", "view": "map"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
