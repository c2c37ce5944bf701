"""The curated CPV dictionary: loaded idempotently, complete for the codes members use, shown in PL and EN."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from catalog.choices import MembershipStatus, OfferStatus
from catalog.models import CpvCode
from catalog.services.cpv import (
    CPV_CODES_FILE,
    InvalidCpvFile,
    describe_cpv_codes,
    load_cpv_codes,
    read_cpv_codes,
)
from catalog.tests.factories import OfferFactory
from cms.demo.loader import read_demo_data

pytestmark = pytest.mark.django_db

SHARED_CATALOGUE = settings.BASE_DIR.parent / "shared" / "data" / "catalog"


def snapshot() -> list[tuple[str, str, str]]:
    return list(CpvCode.objects.order_by("code").values_list("code", "name_pl", "name_en"))


def test_loading_the_dictionary_twice_changes_nothing():
    CpvCode.objects.all().delete()
    first = load_cpv_codes()
    after_first = snapshot()
    second = load_cpv_codes()

    entries = len(read_cpv_codes())
    assert (first.created, first.updated, first.unchanged) == (entries, 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, entries)
    assert snapshot() == after_first


def test_loading_restores_the_file_wording_and_keeps_codes_staff_added():
    CpvCode.objects.filter(code="90910000-9").update(name_en="Cleaning")
    CpvCode.objects.create(code="90919100-3", name_pl="Usługi sprzątania sprzętu biurowego", name_en="x")

    report = load_cpv_codes()

    assert report.updated == 1 and report.created == 0
    assert CpvCode.objects.get(code="90910000-9").name_en == "Cleaning services"
    assert CpvCode.objects.filter(code="90919100-3").exists()


def test_dictionary_is_present_after_migrate_without_any_command():
    # The test database was built by `migrate`, whose post-migrate hook loaded the file.
    assert CpvCode.objects.count() >= len(read_cpv_codes())


def test_command_reports_what_it_did():
    out = StringIO()
    call_command("load_cpv_codes", stdout=out)
    assert out.getvalue().strip() == f"CPV codes: 0 created, 0 updated, {len(read_cpv_codes())} unchanged."


def test_invalid_file_is_refused_whole_with_its_line(tmp_path):
    CpvCode.objects.all().delete()
    bad = tmp_path / "cpv.csv"
    bad.write_text(
        "code,name_pl,name_en\n90910000-9,Usługi sprzątania,Cleaning services\n9091-9,Zły kod,Bad code\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidCpvFile, match=r"cpv.csv:3"):
        load_cpv_codes(bad)
    assert not CpvCode.objects.exists()


def test_every_code_of_the_demo_content_has_a_polish_and_an_english_name():
    categories = read_demo_data("catalog.demo", "catalogue")["categories"]
    codes = {code for category in categories for offer in category["offers"] for code in offer["cpv_codes"]}
    named = {code: (pl, en) for code, pl, en in snapshot()}
    assert codes and all(named.get(code, ("", ""))[0] and named[code][1] for code in codes), sorted(
        codes - set(named)
    )


@pytest.mark.skipif(not SHARED_CATALOGUE.exists(), reason="the shared sample lives beside the repository")
def test_every_code_of_the_shared_sample_has_a_polish_and_an_english_name():
    codes = set()
    for line in (SHARED_CATALOGUE / "organisations.jsonl").read_text(encoding="utf-8").splitlines():
        for offer in json.loads(line).get("offers", []):
            codes.update(offer.get("cpv") or [])
    named = {code: (pl, en) for code, pl, en in snapshot()}
    missing = sorted(code for code in codes if not all(named.get(code, ("", ""))))
    assert len(codes) > 200
    assert missing == []


def test_the_file_names_each_code_once_in_the_official_format():
    entries = read_cpv_codes(CPV_CODES_FILE)
    assert len({entry.code for entry in entries}) == len(entries)
    # One code per 8 digits: two check digits for the same code would be a typing error.
    assert len({entry.code[:8] for entry in entries}) == len(entries)


def test_a_code_outside_the_dictionary_reads_as_its_nearest_parent():
    with translation.override("en"):
        named, unknown, orphan = describe_cpv_codes(["90919200-4", "90919100-3", "99999999-9"])
    assert (named.name, named.exact) == ("Office cleaning services", True)
    assert (unknown.name, unknown.exact) == ("Office, school and office equipment cleaning services", False)
    assert (orphan.name, orphan.exact) == ("", False)
    with translation.override("pl"):
        assert describe_cpv_codes(["90919200-4"])[0].name == "Usługi sprzątania biur"


def test_offer_page_names_its_codes_in_the_page_language(client):
    offer = OfferFactory(
        cpv_codes=["90910000-9", "90919100-3"],
        status=OfferStatus.PUBLISHED,
        organisation__membership_status=MembershipStatus.ACTIVE,
    )
    polish = client.get(offer.get_absolute_url()).content.decode()
    english = client.get("/en" + offer.get_absolute_url()).content.decode()

    assert "<code>90910000-9</code> Usługi sprzątania" in polish
    assert "<code>90910000-9</code> Cleaning services" in english
    assert "Cleaning services" not in polish
    # A code outside the dictionary shows the group it belongs to.
    assert "Office, school and office equipment cleaning services" in english
