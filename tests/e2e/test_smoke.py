import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_page_and_admin_login_open_in_chromium(live_server, page):
    call_command("load_demo")

    page.goto(live_server.url + "/")
    assert page.locator("h1").first.inner_text() == "Pomorska Ekonomia Społeczna"
    assert page.locator("html").get_attribute("lang") == "pl"

    # The admin's login hands over to allauth's form (config/staff_mfa.py), which signs in by email.
    page.goto(live_server.url + "/admin/login/")
    page.wait_for_url("**/konto/login/**")
    page.fill("input[name=login]", "admin@pes.example.pl")
    page.fill("input[name=password]", "pes-demo-admin")
    page.click("form[action*='login'] button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    # The admin follows the site language: Polish "Kokpit" is the dashboard.
    assert page.title().startswith("Kokpit")
