"""The map view in Chromium: clustered markers whose popups lead to profiles; the list survives lost tiles."""

import re

import pytest
from playwright.sync_api import expect

from search.indexing import delete_indices, rebuild_index
from search.tests.catalogue import load_test_catalogue

pytestmark = [pytest.mark.e2e, pytest.mark.elasticsearch, pytest.mark.django_db(transaction=True)]

# Any tile URL answers with this small image, so the test needs no tile server and no network.
LOCAL_TILE = "/static/vendor/leaflet/images/layers.png?z={z}&x={x}&y={y}"


@pytest.fixture
def indexed_catalogue(elasticsearch_url, fallback_guard):
    load_test_catalogue()
    delete_indices()
    rebuild_index("offer")
    rebuild_index("organisation")
    yield
    delete_indices()


def test_map_view_clusters_members_and_a_popup_leads_to_the_profile(
    live_server, page, indexed_catalogue, settings
):
    settings.MAP_TILE_URL = LOCAL_TILE
    page.goto(live_server.url + "/katalog/")
    page.locator("[data-view-link=map]").click()
    page.wait_for_url(re.compile(r".*view=map.*"))

    # The two Gdańsk organisations, 1.5 km apart, share one cluster at the zoom that shows the region.
    cluster = page.locator(".marker-cluster")
    expect(cluster).to_have_count(1)
    expect(cluster).to_have_text("2")
    expect(page.locator(".leaflet-marker-icon:not(.marker-cluster)")).to_have_count(2)
    expect(page.locator("[data-tiles-failed]")).to_be_hidden()
    expect(page.locator("[data-map-point]")).to_have_count(4)  # the list stays below the map

    cluster.click()  # zooms in until the two members separate
    expect(page.locator(".marker-cluster")).to_have_count(0)
    page.locator(".leaflet-marker-icon[title='Fundacja „Czysty Dom”']").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Gdańsk · 1 oferta")
    popup.get_by_role("link", name="Fundacja „Czysty Dom”").click()
    page.wait_for_url(re.compile(r".*/katalog/organizacje/fund-czysty-dom/$"))


def test_filters_applied_on_the_map_stay_on_the_map(live_server, page, indexed_catalogue, settings):
    settings.MAP_TILE_URL = LOCAL_TILE
    page.goto(live_server.url + "/katalog/?view=map")
    expect(page.locator(".leaflet-marker-icon")).not_to_have_count(0)

    page.locator("input[name=subregion][value=slupski]").check()  # facets apply at once
    page.wait_for_url(re.compile(r".*subregion=slupski.*"))
    assert "view=map" in page.url
    expect(page.locator("[data-map-point]")).to_have_count(1)
    expect(
        page.locator(".leaflet-marker-icon[title='Spółdzielnia Socjalna „Słupskie Ogrody”']")
    ).to_be_visible()


def test_markers_and_the_list_remain_when_tiles_cannot_be_loaded(
    live_server, page, indexed_catalogue, settings
):
    settings.MAP_TILE_URL = "/static/no-such-tiles/{z}/{x}/{y}.png"
    page.goto(live_server.url + "/szukaj/organizacje/?view=map")

    expect(page.locator("[data-tiles-failed]")).to_be_visible()
    expect(page.locator(".leaflet-marker-icon")).to_have_count(3)  # a cluster of two and two markers
    expect(page.locator("[data-map-point]")).to_have_count(4)
    expect(page.locator("[data-map-point] a").first).to_be_visible()
