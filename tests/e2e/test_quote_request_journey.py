"""A buyer shortlists three offers and sends one quote request; a supplier answers; the buyer sees it."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from catalog.models import Organisation, QuoteRequest
from catalog.services import import_catalog
from tests.conftest_services import IN_CI

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CATEGORIES = [{"slug": "gastronomia-catering", "name_pl": "Gastronomia i catering", "name_en": "Catering"}]
SUPPLIER_PASSWORD = "haslo-dostawcy-2026"
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """
async () => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]});
  return result.violations.map(v => v.id + ": " + v.help + " @ " + v.nodes.slice(0, 2).map(n => n.target.join(" ")).join(", "));
}
"""


def assert_accessible(page):
    """axe-core finds no WCAG 2.1 A/AA violation on the current page."""
    if not AXE_JS.exists():
        message = f"axe-core is not installed at {AXE_JS}; run `make install` (npm install)."
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    page.add_script_tag(content=AXE_JS.read_text())
    violations = page.evaluate(AXE_RUN)
    assert violations == [], f"{page.url}: {violations}"


@pytest.fixture
def buyer_page(browser):
    # Content-Security-Policy refuses inline scripts; only the test's axe injection needs the bypass.
    context = browser.new_context(locale="pl-PL", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def organisation(slug, name, nip, offers):
    return {
        "id": slug,
        "name": name,
        "legal_form": "spoldzielnia_socjalna",
        "ps_status": True,
        "nip": nip,
        "krs": "0000512734",
        "street": "ul. Kaszubska 18A",
        "postal_code": "76-200",
        "city": "Słupsk",
        "powiat": "Słupsk",
        "subregion": "slupski",
        "lat": 54.4672,
        "lon": 17.0259,
        "website": f"https://{slug}.example.pl",
        "email": f"biuro@{slug}.example.pl",
        "phone": "+48 59 842 17 35",
        "description": "Gotujemy obiady dla szkół i firm.",
        "social_mission": "Zatrudniamy osoby długotrwale bezrobotne.",
        "employees_total": 10,
        "employees_disadvantaged": 4,
        "certificates": ["haccp"],
        "member_since": "2024-01-10",
        "offers": [
            {
                "id": offer_id,
                "kind": "service",
                "title": title,
                "description": "Catering z dowozem w termosach.",
                "category": "gastronomia-catering",
                "cpv": ["55520000-1"],
                "price_from": 30,
                "price_to": 80,
                "price_unit": "osoba",
                "service_area": ["województwo pomorskie"],
                "lead_time_days": 3,
                "tags": ["catering"],
            }
            for offer_id, title in offers
        ],
    }


@pytest.fixture
def catalogue():
    records = [
        organisation(
            "sps-kuchnia",
            "Spółdzielnia Socjalna „Kuchnia”",
            "8399954166",
            [("kuchnia-obiady", "Obiady dla szkół"), ("kuchnia-catering", "Catering konferencyjny")],
        ),
        organisation(
            "sps-smaki", "Spółdzielnia Socjalna „Smaki”", "1234563218", [("smaki-bufet", "Bufet na piknik")]
        ),
    ]
    report = import_catalog([json.dumps(r, ensure_ascii=False) for r in records], categories=CATEGORIES)
    assert report.rejected == 0
    supplier = get_user_model().objects.create_user(
        "dostawca", "dostawca@kuchnia.example.pl", SUPPLIER_PASSWORD
    )
    EmailAddress.objects.create(user=supplier, email=supplier.email, verified=True, primary=True)
    Organisation.objects.get(slug="sps-kuchnia").members.add(supplier)
    return supplier


def test_buyer_shortlists_three_offers_sends_one_request_and_sees_the_suppliers_answer(
    live_server, buyer_page, catalogue
):
    page = buyer_page
    # The buyer filters the catalogue; the listing belongs to the search app, so follow its link when
    # it shows the supplier, and open the profile directly otherwise.
    page.goto(live_server.url + "/katalog/?category=gastronomia-catering")
    profile_link = page.locator('a[href$="/katalog/organizacje/sps-kuchnia/"]').first
    if profile_link.count():
        profile_link.click()
    else:
        page.goto(live_server.url + "/katalog/organizacje/sps-kuchnia/")
    assert page.locator("h1").inner_text() == "Spółdzielnia Socjalna „Kuchnia”"

    # Two offers from this profile, a third from another supplier's offer page.
    for title in ("Obiady dla szkół", "Catering konferencyjny"):
        page.locator("li.card", has_text=title).locator("button[type=submit]").click()
        page.wait_for_load_state()
    page.goto(live_server.url + "/katalog/oferty/smaki-bufet/")
    page.locator(".actions button[type=submit]").first.click()
    page.wait_for_load_state()

    page.goto(live_server.url + "/katalog/wybrane/")
    for title in ("Obiady dla szkół", "Catering konferencyjny", "Bufet na piknik"):
        assert page.get_by_role("link", name=title, exact=True).count() == 1
    assert_accessible(page)
    page.locator('a[href$="/katalog/zapytanie-ofertowe/"]').click()

    # Sending the empty form shows the error summary, and the page stays accessible.
    page.locator("form button[type=submit]").last.click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)

    page.locator("#id_description").fill("Catering na konferencję dla 120 osób.")
    page.locator("#id_quantity").fill("120 osób")
    page.locator("#id_deadline").fill((timezone.localdate() + timedelta(days=21)).isoformat())
    page.locator("#id_place").fill("Gdańsk, ul. Długa 1")
    page.locator("input[name=buyer_type][value=public_body]").check()
    page.locator("#id_buyer_name").fill("Anna Nowak")
    page.locator("#id_buyer_organisation").fill("Urząd Miejski w Gdańsku")
    page.locator("#id_buyer_email").fill("anna.nowak@gdansk.example.pl")
    page.locator("#id_consent").check()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/katalog/zapytania/[\w-]+/$"))
    private_url = page.url
    assert_accessible(page)

    quote_request = QuoteRequest.objects.get()
    assert quote_request.recipients.count() == 2
    assert private_url.endswith(quote_request.get_absolute_url())
    supplier_mail = next(m for m in mail.outbox if "biuro@sps-kuchnia.example.pl" in m.to)
    answer_url = re.search(r"http\S+/katalog/panel/zapytania/\d+/", supplier_mail.body).group(0)
    answer_path = answer_url.split("://", 1)[1].split("/", 1)[1]

    # The supplier follows the link from the email, logs in and answers with a price.
    buyer_context = page.context
    supplier_page = buyer_context.browser.new_context(locale="pl-PL", bypass_csp=True).new_page()
    supplier_page.goto(f"{live_server.url}/{answer_path}")
    supplier_page.locator("input[name=login]").fill(catalogue.email)
    supplier_page.locator("input[name=password]").fill(SUPPLIER_PASSWORD)
    supplier_page.locator("form button[type=submit]").last.click()
    supplier_page.wait_for_url(f"{live_server.url}/{answer_path}")
    assert "Catering na konferencję dla 120 osób." in supplier_page.content()
    assert_accessible(supplier_page)
    supplier_page.locator("input[name=status][value=quoted]").check()
    supplier_page.locator("#id_price").fill("6 400,00")
    supplier_page.locator("#id_vat_rate").select_option("8")
    supplier_page.locator("#id_message").fill("Cena obejmuje dowóz i zastawę.")
    supplier_page.locator("form button[type=submit]").last.click()
    supplier_page.wait_for_url(f"{live_server.url}/katalog/panel/")
    supplier_page.context.close()

    # The buyer got the answer by email and sees it on the private link next to the pending one.
    answer_mail = next(
        m for m in mail.outbox if m.to == ["anna.nowak@gdansk.example.pl"] and "6\u00a0400,00" in m.body
    )
    assert private_url.split(live_server.url, 1)[1] in answer_mail.body
    page.goto(private_url)
    answers = page.locator("ul.answers > li")
    assert answers.count() == 2
    quoted = page.locator("li.answer--quoted")
    assert "6\u00a0400,00\u00a0zł" in quoted.inner_text()
    assert "Cena obejmuje dowóz i zastawę." in quoted.inner_text()
    assert page.locator("li.answer--pending").count() == 1
    assert_accessible(page)


def test_impact_page_charts_pass_axe(live_server, buyer_page, catalogue):
    buyer_page.goto(live_server.url + "/katalog/wplyw-spoleczny/")

    assert buyer_page.locator("svg.chart__svg").count() == 5
    assert_accessible(buyer_page)
