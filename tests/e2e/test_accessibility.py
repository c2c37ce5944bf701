"""axe-core in headless Chromium on the key pages of the site, in Polish and in English.

The test fails on any WCAG 2.0/2.1 A or AA violation. Pages are listed as data: adding a page is one line.
axe-core comes from npm (package.json, `make install` / `make test` run `npm install`).
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.conftest_services import IN_CI

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def first_offer_url():
    from catalog.models import Offer

    return Offer.objects.published().order_by("slug").first().get_absolute_url()


def first_organisation_url():
    from catalog.models import Organisation

    return Organisation.objects.filter(membership_status="active").order_by("slug").first().get_absolute_url()


def first_fair_url():
    from events.models import Fair

    return f"/targi/{Fair.objects.order_by('slug').first().slug}/"


# (name, Polish path or a callable returning it). English pages are the same paths under /en/.
KEY_PAGES = [
    ("home", "/"),
    ("standard page", "/o-klastrze/"),
    ("accessibility statement", "/deklaracja-dostepnosci/"),
    ("cluster model", "/model-klastra/"),
    ("news index", "/aktualnosci/"),
    ("news article", "/aktualnosci/regionalne-laboratorium-strategii/"),
    ("partners", "/partnerzy/"),
    ("catalogue listing with results", "/katalog/?q=catering"),
    ("catalogue map view", "/katalog/?view=map"),
    ("organisation profile", first_organisation_url),
    ("offer", first_offer_url),
    ("event: the fair", first_fair_url),
    ("events index", "/wydarzenia/"),
    ("event page with programme", "/wydarzenia/targi-ekonomii-spolecznej/"),
    ("fair application form", lambda: first_fair_url() + "zgloszenie/"),
    ("membership form", "/czlonkostwo/"),
    ("letter of intent", "/list-intencyjny/"),
    ("contact form", "/kontakt/"),
]

AXE_RUN = """
async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " — " + (n.failureSummary || "").split("\\n")[1]),
  }));
}
"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        message = f"axe-core is not installed at {AXE_JS}; run `make install` (npm install)."
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS.read_text()


@pytest.fixture
def audit_page(browser):
    # The site's Content-Security-Policy rightly refuses inline scripts; axe is injected by the test only.
    context = browser.new_context(locale="pl-PL", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def audit(page, url, axe_source):
    response = page.goto(url)
    assert response is not None and response.status < 400, f"{url} answered {response and response.status}"
    page.add_script_tag(content=axe_source)
    return page.evaluate(AXE_RUN, WCAG_TAGS)


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["pl", "en"])
def test_key_pages_have_no_wcag_a_or_aa_violations(live_server, audit_page, axe_source, prefix):
    call_command("load_demo")
    problems = []
    audited = 0
    for name, path in KEY_PAGES:
        url = live_server.url + prefix + (path() if callable(path) else path)
        violations = audit(audit_page, url, axe_source)
        audited += 1
        for violation in violations:
            problems.append(f"{name} ({url}): {violation['id']} [{violation['impact']}] {violation['help']}")
            problems.extend(f"    {node}" for node in violation["nodes"])
    assert audited >= 10
    assert problems == [], "\n".join(problems)


def test_skip_link_is_the_first_focusable_element_and_moves_focus_to_main(live_server, page):
    call_command("load_demo")
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    page.keyboard.press("Enter")

    assert focused == "skip-link"
    assert page.evaluate("location.hash") == "#main"


def test_membership_form_can_be_sent_by_keyboard_alone_and_errors_are_summarised(live_server, page):
    call_command("load_demo")
    page.goto(live_server.url + "/czlonkostwo/")

    page.focus("#id_name")
    page.keyboard.type("Spółdzielnia Socjalna Test")
    page.keyboard.press("Enter")  # submits the form with most fields missing

    summary = page.locator("#error-summary")
    summary.wait_for()
    assert summary.is_visible()
    page.locator("#error-summary a").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_nip" or page.evaluate("location.hash") != ""
