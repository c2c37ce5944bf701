import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_page_and_admin_login_open_in_chromium(live_server, page):
    call_command("load_demo")

    page.goto(live_server.url + "/")
    assert page.locator("h1").first.inner_text() == "Pomorska Ekonomia Społeczna"
    assert page.locator("html").get_attribute("lang") == "pl"

    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "pes-demo-admin")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    # The admin follows the site language: Polish "Kokpit" is the dashboard.
    assert page.title().startswith("Kokpit")
