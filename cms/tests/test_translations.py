"""Every message of the project is translated into Polish and English, none is fuzzy, and the compiled
catalogue is what the site serves."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.conftest_services import IN_CI

LOCALE_DIR = Path(settings.BASE_DIR) / "site" / "locale"


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", ["pl", "en"])
def test_every_message_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    live = [entry for entry in po if not entry.obsolete]

    untranslated = [entry.msgid for entry in live if not entry.translated()]
    fuzzy = [entry.msgid for entry in live if "fuzzy" in entry.flags]

    assert len(live) > 500
    assert untranslated == [], f"{len(untranslated)} untranslated {language} messages: {untranslated[:10]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy {language} messages: {fuzzy[:10]}"


def test_polish_and_english_catalogues_hold_the_same_messages():
    def ids(po):
        return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}

    assert ids(catalogue("pl")) == ids(catalogue("en"))


def test_polish_placeholders_match_the_source_messages():
    import re

    placeholder = re.compile(r"%\((\w+)\)[sd]")
    wrong = []
    for entry in catalogue("pl"):
        if entry.obsolete or entry.msgid_plural:
            continue
        if set(placeholder.findall(entry.msgid)) != set(placeholder.findall(entry.msgstr)):
            wrong.append(entry.msgid)
    assert wrong == []


def test_the_polish_catalogue_compiles_and_translates_the_interface(tmp_path):
    # Compiled here rather than read from site/locale: the .mo files are build output (make run).
    mo = tmp_path / "django.mo"
    catalogue("pl").save_as_mofile(str(mo))
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    assert compiled.gettext("Skip to main content") == "Przejdź do treści"
    assert compiled.ngettext("%(counter)s offer", "%(counter)s offers", 5) == "%(counter)s ofert"


@pytest.mark.parametrize("language", ["pl", "en"])
def test_catalogue_compiles_with_msgfmt_format_checks(language):
    import shutil
    import subprocess

    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        message = "gettext (msgfmt) is not installed; run `scripts/services.sh tools`."
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [msgfmt, "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_every_message_in_the_source_code_is_in_the_catalogues(tmp_path, settings):
    """Extracts the messages of every app and template afresh: a new string without a translation fails."""
    import shutil

    from django.core.management import call_command

    if shutil.which("xgettext") is None:
        message = "gettext is not installed; run `scripts/services.sh tools`."
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    settings.LOCALE_PATHS = [tmp_path]
    call_command(
        "makemessages",
        locale=["pl"],
        ignore_patterns=[".venv", "var", "node_modules", "benchmarks", "site/locale"],
        verbosity=0,
        no_obsolete=True,
    )
    extracted = {
        (e.msgctxt, e.msgid) for e in polib.pofile(str(tmp_path / "pl" / "LC_MESSAGES" / "django.po"))
    }
    for language in ("pl", "en"):
        known = {(e.msgctxt, e.msgid) for e in catalogue(language) if not e.obsolete}
        missing = sorted(msgid for _, msgid in extracted - known)
        assert missing == [], (
            f"{len(missing)} messages are missing from site/locale/{language}: {missing[:10]} — run the "
            "translation pass described in site/README.md"
        )
