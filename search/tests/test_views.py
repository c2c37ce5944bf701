"""The catalogue listing at /katalog/ and the organisations listing: thin pages over the search service."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_catalogue_lists_offers_with_count_facets_and_highlight(client, search_index):
    response = client.get("/katalog/", {"q": "sprzątanie", "subregion": "metropolitalny_poludniowy"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-offer="cd-sprzatanie-biur"' in html
    assert 'data-result-count="1"' in html
    # The subregion facet still offers the other subregion, counted without its own filter.
    assert 'name="subregion" value="slupski"' in html
    assert "<mark>" in html
    assert "data-simplified" not in html


def test_catalogue_url_with_filters_is_shareable(client, search_index):
    response = client.get("/katalog/?category=sprzatanie&subregion=slupski&sort=price")
    html = response.content.decode()
    assert 'data-result-count="1"' in html
    assert 'value="slupski" checked' in html
    assert "category=sprzatanie" in html  # sort links keep the filters


def test_empty_search_shows_an_empty_state(client, search_index):
    response = client.get("/katalog/", {"q": "tłumaczenia przysięgłe zzzzqx"})
    assert response.status_code == 200
    assert 'class="empty-state"' in response.content.decode()


def test_invalid_filter_shows_the_message_instead_of_failing(client, catalogue):
    response = client.get("/katalog/", {"cpv": "abc"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


@override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9")
def test_fallback_results_carry_a_discreet_notice(client, catalogue):
    response = client.get("/katalog/", {"q": "catering"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-simplified" in html
    assert 'data-offer="zk-catering-weganski"' in html


def test_organisations_listing_filters_by_subregion(client, search_index):
    response = client.get("/szukaj/organizacje/", {"subregion": "slupski"})
    html = response.content.decode()
    assert 'data-organisation="sps-slupskie-ogrody"' in html
    assert 'data-organisation="fund-czysty-dom"' not in html


def test_search_path_redirects_to_the_catalogue_keeping_the_query(client, db):
    response = client.get("/szukaj/", {"q": "catering"})
    assert response.status_code == 302
    assert response["Location"] == "/katalog/?q=catering"


def test_cpv_filter_shows_the_name_of_the_chosen_code(client, catalogue):
    html = client.get("/katalog/", {"cpv": "9091"}).content.decode()
    assert '<p class="form-field__help" id="cpv-name" data-cpv-name>Usługi sprzątania</p>' in html
    assert 'aria-describedby="cpv-name"' in html
    assert "data-cpv-name" not in client.get("/katalog/").content.decode()
