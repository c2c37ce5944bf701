"""The key pages work on a 320 px wide phone, in Polish and in English: nothing scrolls sideways and the
main navigation can be opened and followed by keyboard alone."""

import pytest
from django.core.management import call_command

from tests.conftest_services import IN_CI
from tests.e2e.test_accessibility import (
    AXE_JS,
    AXE_RUN,
    WCAG_TAGS,
    first_fair_url,
    first_offer_url,
    first_organisation_url,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 640}

# (name, Polish path or a callable returning it). English pages are the same paths under /en/.
KEY_PAGES = [
    ("home", "/"),
    ("standard page", "/o-klastrze/"),
    ("cluster model", "/model-klastra/"),
    ("news index", "/aktualnosci/"),
    ("news article", "/aktualnosci/regionalne-laboratorium-strategii/"),
    ("catalogue listing with results", "/katalog/?q=catering"),
    ("organisation profile", first_organisation_url),
    ("offer", first_offer_url),
    ("event page with programme", "/wydarzenia/targi-ekonomii-spolecznej/"),
    ("fair application form", lambda: first_fair_url() + "zgloszenie/"),
    ("membership form", "/czlonkostwo/"),
    ("letter of intent", "/list-intencyjny/"),
]

# Elements sticking out past the right edge of the viewport, named so a failure says what to fix.
OVERFLOWING = """
() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.classList.length ? "." + [...el.classList].join(".") : "");
  return [...document.body.querySelectorAll("*")]
    .filter((el) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.right > width + 0.5 && getComputedStyle(el).position !== "fixed";
    })
    .filter((el) => !el.closest(".visually-hidden, .honeypot, .skip-link"))
    .slice(0, 8)
    .map((el) => name(el) + " right=" + Math.round(el.getBoundingClientRect().right));
}
"""


@pytest.fixture
def phone(browser):
    # bypass_csp lets the axe test inject axe-core; the site's own scripts run the same either way.
    context = browser.new_context(
        viewport=PHONE, locale="pl-PL", device_scale_factor=2, has_touch=True, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def focus_by_tab(page, selector: str, limit: int = 60) -> bool:
    """Press Tab from the top of the page until the element matching `selector` has focus."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return True
    return False


def assert_navigation_works_by_keyboard(page, where: str) -> None:
    links = page.locator(".site-nav a")
    count = links.count()
    assert count >= 5, f"{where}: the main navigation has {count} links"
    toggle = page.locator(".nav-toggle")
    if toggle.count() and toggle.is_visible():
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not links.first.is_visible(), f"{where}: a closed menu hides its links"
        assert focus_by_tab(page, ".nav-toggle"), f"{where}: Tab never reaches the menu button"
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
    for index in range(count):
        link = links.nth(index)
        href = link.get_attribute("href")
        assert link.is_visible(), f"{where}: navigation link {href} is not visible"
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"{where}: {href} is off screen"
    last = links.nth(count - 1).get_attribute("href")
    assert focus_by_tab(page, f'.site-nav a[href="{last}"]'), f"{where}: Tab never reaches {last}"


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["pl", "en"])
def test_key_pages_fit_a_320_px_screen_and_the_navigation_works_by_keyboard(live_server, phone, prefix):
    call_command("load_demo")
    problems = []
    for name, path in KEY_PAGES:
        url = live_server.url + prefix + (path() if callable(path) else path)
        response = phone.goto(url)
        assert response is not None and response.status < 400, (
            f"{url} answered {response and response.status}"
        )
        scroll_width = phone.evaluate("document.documentElement.scrollWidth")
        if scroll_width > PHONE["width"]:
            problems.append(f"{name} ({url}): {scroll_width} px wide; {phone.evaluate(OVERFLOWING)}")
        try:
            assert_navigation_works_by_keyboard(phone, f"{name} ({url})")
        except AssertionError as error:
            problems.append(str(error))
    assert problems == [], "\n".join(problems)


def test_the_menu_button_closes_with_escape_and_returns_focus(live_server, phone):
    call_command("load_demo")
    phone.goto(live_server.url + "/")
    toggle = phone.locator(".nav-toggle")
    assert toggle.is_visible()

    assert focus_by_tab(phone, ".nav-toggle")
    phone.keyboard.press("Enter")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.closest('.site-nav') !== null")
    phone.keyboard.press("Escape")

    assert toggle.get_attribute("aria-expanded") == "false"
    assert not phone.locator(".site-nav a").first.is_visible()
    assert phone.evaluate("document.activeElement.classList.contains('nav-toggle')")


def test_without_javascript_the_menu_link_opens_the_navigation(live_server, browser):
    call_command("load_demo")
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/en/")
        links = page.locator(".site-nav a")
        assert not links.first.is_visible()

        page.click("a.nav-toggle")

        assert page.evaluate("location.hash") == "#site-nav"
        assert all(links.nth(index).is_visible() for index in range(links.count()))
    finally:
        context.close()


def test_wide_screens_show_the_navigation_without_a_menu_button(live_server, page):
    call_command("load_demo")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/en/")

    assert not page.locator(".nav-toggle").is_visible()
    assert page.locator(".site-nav a").first.is_visible()


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["pl", "en"])
def test_the_open_phone_menu_has_no_wcag_a_or_aa_violations(live_server, phone, prefix):
    if not AXE_JS.exists():
        message = f"axe-core is not installed at {AXE_JS}; run `make install` (npm install)."
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    call_command("load_demo")
    phone.goto(live_server.url + prefix + "/")
    phone.click(".nav-toggle")
    phone.add_script_tag(content=AXE_JS.read_text())

    violations = phone.evaluate(AXE_RUN, WCAG_TAGS)

    assert [f"{v['id']}: {v['help']} {v['nodes']}" for v in violations] == []
