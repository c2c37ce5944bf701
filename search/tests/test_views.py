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


def _rescue_links(html: str) -> list[str]:
    import re

    return re.findall(r'<a href="([^"]*)" data-relaxed>([^<]*)</a>', html)


@pytest.mark.parametrize("backend", ["es", "db"])
def test_no_results_with_filters_offers_each_relaxed_filter_with_its_count(client, backend, request):
    """Never a dead end: the empty page links to the search without each filter, with its count."""
    request.getfixturevalue("search_index" if backend == "es" else "catalogue")
    url = "http://127.0.0.1:9" if backend == "db" else None
    with override_settings(**({"ELASTICSEARCH_URL": url} if url else {})):
        response = client.get(
            "/en/katalog/", {"q": "koszenie", "category": "gastronomia-catering", "subregion": "slupski"}
        )
    html = response.content.decode()
    assert response.status_code == 200 and 'data-result-count="0"' in html
    assert ("data-simplified" in html) == (backend == "db")
    links = {label.split(":")[0]: (href, label) for href, label in _rescue_links(html)}
    href, label = links["without “Category”"]
    assert label.endswith(": 1 result")
    assert "q=koszenie" in href and "category=" not in href and "subregion=slupski" in href
    assert links["without “Subregion”"][1].endswith(": 0 results")
    assert links["without “every filter”"][1].endswith(": 1 result")


def test_nearest_spelling_comes_from_the_catalogue_titles(catalogue):
    from search.rescue import nearest_spelling

    assert nearest_spelling("koszenje trawy") == "koszenie trawy"
    assert nearest_spelling("koszenie trawy") == ""  # nothing to correct
    assert nearest_spelling("zzzzqx") == ""


@override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9")
def test_no_results_page_offers_the_catalogues_spelling(client, catalogue):
    html = client.get("/katalog/", {"q": "koszenje", "category": "gastronomia-catering"}).content.decode()
    assert 'data-result-count="0"' in html
    assert "data-spelling>koszenie</a>" in html
