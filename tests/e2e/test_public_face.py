"""What a person sees and does on the public site (issue 15): forms, the phone catalogue, the header.

Each test loads the demo content and drives Debian's Chromium; measurements are taken from the layout.
"""

import pytest
from django.core.management import call_command

from tests.e2e.test_accessibility import first_offer_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def demo():
    call_command("load_demo")


def shortlist_first_offer(page, base_url):
    page.goto(base_url + first_offer_url())
    page.locator("form[action$='/wybrane/dodaj/'] button").first.click()


def test_quote_form_radios_sit_beside_their_labels_and_none_is_preselected(live_server, page, demo):
    page.set_viewport_size(DESKTOP)
    shortlist_first_offer(page, live_server.url)
    page.goto(live_server.url + "/katalog/zapytanie-ofertowe/")

    radios = page.locator("input[name=buyer_type]")
    assert radios.count() == 4, "four buyer types and no '---------' choice"
    assert page.locator("input[name=buyer_type]:checked").count() == 0
    assert "---------" not in page.locator("fieldset.choices").inner_text()
    for index in range(radios.count()):
        radio = radios.nth(index)
        label = page.locator(f"label[for='{radio.get_attribute('id')}']")
        radio_box, label_box = radio.bounding_box(), label.bounding_box()
        assert radio_box["width"] < 40, "a radio is not stretched across the form"
        gap = label_box["x"] - (radio_box["x"] + radio_box["width"])
        assert 0 <= gap < 24, f"label starts {gap:.0f} px after its radio"
        assert abs((radio_box["y"] + radio_box["height"] / 2) - (label_box["y"] + label_box["height"] / 2)) < 12

    page.locator("button[type=submit]", has_text="Wyślij").click()
    error = page.locator("#id_buyer_type_error")
    assert error.is_visible(), "choosing nothing is reported on the radio group"


def test_header_has_six_primary_items_on_one_row_at_1280_px(live_server, page, demo):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")

    items = page.locator(".site-nav .nav > li")
    labels = [items.nth(i).locator("a, summary").first.inner_text().strip() for i in range(items.count())]
    header_height = page.locator(".site-header").bounding_box()["height"]

    assert labels == ["Katalog", "Targi i wydarzenia", "Dla zamawiających", "O klastrze", "Aktualności", "Kontakt"]
    assert header_height <= 90, f"the header is {header_height:.0f} px tall"
    switcher = page.locator(".language-switcher").bounding_box()
    nav = page.locator(".site-nav").bounding_box()
    assert switcher["x"] > nav["x"] + nav["width"] - 1, "the language switch is at the right"
    assert page.locator(".shortlist-link__count").inner_text() == "0"

    # A group opens by keyboard and its links are followed like any other.
    page.locator("[data-nav=events] summary").focus()
    page.keyboard.press("Enter")
    fair_link = page.locator("[data-nav=events] a", has_text="Zgłoś stoisko")
    assert fair_link.is_visible()
    fair_link.click()
    assert "/zgloszenie/" in page.url
