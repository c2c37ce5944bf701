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
        assert (
            abs((radio_box["y"] + radio_box["height"] / 2) - (label_box["y"] + label_box["height"] / 2)) < 12
        )

    page.locator("button[type=submit]", has_text="Wyślij").click()
    # Wait for the answer page: is_visible() alone would read the page before the reload.
    page.wait_for_selector("#error-summary")
    error = page.locator("#id_buyer_type_error")
    assert error.is_visible(), "choosing nothing is reported on the radio group"


def test_header_has_six_primary_items_on_one_row_at_1280_px(live_server, page, demo):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")

    items = page.locator(".site-nav .nav > li")
    labels = [items.nth(i).locator("a, summary").first.inner_text().strip() for i in range(items.count())]
    header_height = page.locator(".site-header").bounding_box()["height"]

    assert labels == [
        "Katalog",
        "Targi i wydarzenia",
        "Dla zamawiających",
        "O klastrze",
        "Aktualności",
        "Kontakt",
    ]
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


def test_catalogue_results_come_within_the_first_screen_at_375_px(live_server, browser, demo):
    context = browser.new_context(viewport=PHONE, locale="pl-PL", device_scale_factor=2, has_touch=True)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/katalog/")
        first_result = page.locator(".search-results .card").first.bounding_box()
        toggle = page.locator("[data-filters-toggle]")

        assert first_result["y"] < PHONE["height"], f"the first result starts {first_result['y']:.0f} px down"
        assert toggle.inner_text().strip() == "Filtry (0)"
        assert not page.locator("fieldset.facet").first.is_visible(), "the filters are folded"
        toggle.click()
        assert page.locator("fieldset.facet").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        # The impact chart's labels stay readable on a phone (they were ~8 px).
        page.goto(live_server.url + "/katalog/wplyw-spoleczny/")
        label_height = page.locator(".chart__label").first.bounding_box()["height"]
        assert label_height >= 11, f"chart labels are {label_height:.1f} px tall"
    finally:
        context.close()


def test_catalogue_filters_open_and_apply_without_javascript(live_server, browser, demo):
    context = browser.new_context(viewport=PHONE, locale="pl-PL", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/katalog/")
        page.locator("[data-filters-toggle]").click()
        facet = page.locator("fieldset[data-facet=subregion] input").first
        value = facet.get_attribute("value")
        facet.check()
        page.locator("[data-apply-filters]").click()

        assert f"subregion={value}" in page.url
        assert page.locator("[data-filters-toggle]").inner_text().strip() == "Filtry (1)"
        assert page.locator("[data-chip]").count() == 1
    finally:
        context.close()


def test_a_facet_keeps_keyboard_focus_announces_the_count_and_shows_a_removable_chip(live_server, page, demo):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/katalog/")
    total = int(page.locator(".search-count").get_attribute("data-result-count"))
    checkbox = page.locator("fieldset[data-facet=subregion] input").first
    value = checkbox.get_attribute("value")

    checkbox.focus()
    page.keyboard.press("Space")
    page.locator("[data-chip]").first.wait_for()

    focused = page.evaluate("[document.activeElement.name, document.activeElement.value]")
    assert focused == ["subregion", value], "focus stays on the facet that was changed"
    assert page.evaluate("document.activeElement.checked")
    filtered = int(page.locator(".search-count").get_attribute("data-result-count"))
    assert filtered < total
    assert page.locator("[data-live-count]").inner_text().startswith(str(filtered))
    assert f"subregion={value}" in page.url
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('fieldset.facet') !== null"), (
        "Tab reaches the next facet"
    )

    chip = page.locator("[data-chip]")
    assert chip.count() == 1 and chip.inner_text().startswith("Subregion:")
    chip.click()
    page.wait_for_load_state()
    assert page.locator("[data-chip]").count() == 0
    assert int(page.locator(".search-count").get_attribute("data-result-count")) == total

    page.goto(live_server.url + f"/katalog/?q=catering&subregion={value}&kind=service")
    page.locator("[data-clear-filters]", has_text="Wyczyść filtry").click()
    assert page.url.endswith("/katalog/?q=catering")


def _application_urls() -> tuple[str, str]:
    """An approved application (the payment choices) and one paying by transfer (the transfer details)."""
    from events import services
    from events.models import Fair
    from events.tests.conftest import application_data

    fair = Fair.objects.order_by("slug").first()
    stand = fair.stand_types.order_by("sort_order").last()
    urls = []
    for nip, transfer in (("5833118969", False), ("5260250995", True)):
        application = services.approve_application(
            services.apply_for_stand(
                fair=fair,
                stand_type=stand,
                addons=[],
                data=application_data(nip=nip, invoice_nip=nip, language="pl"),
            )
        )
        if transfer:
            services.choose_bank_transfer(application)
        urls.append(application.get_absolute_url())
    return urls[0], urls[1]


def _signed_in_member(context, base_url) -> None:
    """A portal user of the first public organisation, signed in through a session cookie."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from catalog.models import Organisation

    user = get_user_model().objects.create_user("portal-axe", "portal-axe@example.pl", "x-Secret-123-portal")
    Organisation.objects.public().order_by("slug").first().members.add(user)
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": base_url}])


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["pl", "en"])
def test_portal_shortlist_quote_payment_sign_up_and_status_pages_have_no_axe_violations(
    live_server, browser, demo, prefix
):
    from events.pages import EventPage
    from tests.e2e.test_accessibility import AXE_JS, AXE_RUN, WCAG_TAGS

    approved, transfer = _application_urls()
    event = EventPage.objects.live().filter(locale__language_code="pl").first()
    session = event.programme_sessions().filter(requires_signup=True).first()
    context = browser.new_context(locale="pl-PL", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    try:
        shortlist_first_offer(page, live_server.url + prefix)
        pages = [
            ("shortlist", "/katalog/wybrane/"),
            ("quote form", "/katalog/zapytanie-ofertowe/"),
            ("payment choices", approved),
            ("bank transfer details", transfer),
            ("account sign-up", "/konto/signup/"),
            ("session sign-up", f"{event.url}zapisy/{session.pk}/" if session else None),
            ("site map", "/mapa-strony/"),
        ]
        _signed_in_member(context, live_server.url)
        pages.append(("member portal", "/katalog/panel/"))
        for name, path in pages:
            if path is None:
                continue
            url = live_server.url + prefix + path.removeprefix("/en") if path.startswith("/") else path
            response = page.goto(url)
            assert response is not None and response.status < 400, f"{name}: {url} answered {response.status}"
            if prefix == "":
                assert page.evaluate("document.documentElement.lang") == "pl"
            page.add_script_tag(content=AXE_JS.read_text())
            for violation in page.evaluate(AXE_RUN, WCAG_TAGS):
                problems.append(f"{name} ({url}): {violation['id']} {violation['help']} {violation['nodes']}")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


def test_the_new_and_changed_pages_fit_a_320_px_screen(live_server, browser, demo):
    approved, transfer = _application_urls()
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="pl-PL")
    page = context.new_page()
    problems = []
    try:
        shortlist_first_offer(page, live_server.url)
        for path in [
            "/katalog/?q=catering&subregion=slupski",
            "/katalog/wybrane/",
            "/katalog/zapytanie-ofertowe/",
            "/targi/targi-ekonomii-spolecznej/zgloszenie/",
            approved,
            transfer,
            "/mapa-strony/",
            "/en/katalog/?q=catering",
        ]:
            page.goto(live_server.url + path)
            if page.locator("[data-filters-toggle]").count():
                page.locator("[data-filters-toggle]").click()
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                problems.append(f"{path}: {width} px wide")
    finally:
        context.close()
    assert problems == []
