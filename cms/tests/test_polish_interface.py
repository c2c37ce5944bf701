"""A Polish page shows the Polish interface: the compiled catalogue is loaded and no English source string
of the interface leaks onto the key pages.

This is the check that a missing or stale .mo file (or a template string outside the catalogue) cannot
pass: the source strings are English, so without the compiled catalogue every one of them would appear
on the Polish pages, and this test lists them.
"""

import html
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "site" / "locale" / "pl" / "LC_MESSAGES" / "django.po"


def english_interface_strings() -> set[str]:
    """Source strings that read differently in Polish and are long enough not to match by chance."""
    strings = set()
    for entry in polib.pofile(str(CATALOGUE)):
        msgid = entry.msgid
        if entry.obsolete or entry.msgid_plural or not entry.msgstr or entry.msgstr == msgid:
            continue
        if re.search(r"[%{<]", msgid) or len(msgid) < 12 or len(msgid.split()) < 2:
            continue
        strings.add(msgid)
    return strings


def visible_html(response) -> str:
    return html.unescape(response.content.decode())


def test_the_compiled_polish_catalogue_is_loaded():
    with translation.override("pl"):
        assert translation.gettext("Skip to main content") == "Przejdź do treści"
        assert translation.gettext("Search the supplier catalogue") != "Search the supplier catalogue"


def test_the_check_has_enough_strings_to_mean_something():
    assert len(english_interface_strings()) > 300


@pytest.fixture
def polish_pages(home, english_home, make_member, contact_page, membership_page):
    organisation = make_member(offers=1)
    offer = organisation.offers.first()
    return [
        "/",
        contact_page.url,
        membership_page.url,
        "/katalog/",
        f"/katalog/organizacje/{organisation.slug}/",
        f"/katalog/oferty/{offer.slug}/",
        "/katalog/wybrane/",
        f"/katalog/zapytanie-ofertowe/?dostawca={organisation.slug}",
        "/konto/login/",
        "/konto/signup/",
        "/szukaj/organizacje/",
    ]


def test_polish_pages_show_no_english_interface_string(client, polish_pages):
    english = english_interface_strings()
    leaks = {}
    for path in polish_pages:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        page = visible_html(response)
        assert '<html lang="pl"' in page, path
        found = sorted(s for s in english if s in page)
        if found:
            leaks[path] = found
    assert leaks == {}


def test_english_pages_show_the_english_interface(client, english_home):
    page = visible_html(client.get("/en/"))
    assert '<html lang="en"' in page
    assert "Skip to main content" in page
    assert "Przejdź do treści" not in page
