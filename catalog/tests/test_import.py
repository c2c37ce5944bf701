import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from catalog.choices import MembershipStatus, OfferStatus
from catalog.models import Category, Offer, Organisation
from catalog.services import import_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages():
    """Reasons are asserted in the source language, whatever translations are compiled."""
    with translation.override("en"):
        yield


SHARED_CATALOGUE = settings.BASE_DIR.parent / "shared" / "data" / "catalog"

CATEGORIES = [
    {
        "slug": "gastronomia-catering",
        "name_pl": "Gastronomia i catering",
        "name_en": "Food service and catering",
    },
    {"slug": "sprzatanie", "name_pl": "Sprzątanie", "name_en": "Cleaning services"},
]


def organisation_record(**overrides):
    record = {
        "id": "sps-testowa-kuchnia",
        "name": "Spółdzielnia Socjalna „Testowa Kuchnia”",
        "legal_form": "spoldzielnia_socjalna",
        "ps_status": True,
        "nip": "8399954166",
        "krs": "0000512734",
        "street": "ul. Kaszubska 18A",
        "postal_code": "76-200",
        "city": "Słupsk",
        "powiat": "Słupsk",
        "subregion": "slupski",
        "lat": 54.4672,
        "lon": 17.0259,
        "website": "https://kuchnia.example.pl",
        "email": "zamowienia@kuchnia.example.pl",
        "phone": "+48 59 842 17 35",
        "description": "Gotujemy obiady dla szkół.",
        "social_mission": "Zatrudniamy osoby długotrwale bezrobotne.",
        "employees_total": 10,
        "employees_disadvantaged": 3,
        "reserved_contract_eligible": True,
        "certificates": ["haccp"],
        "member_since": "2023-03-14",
        "offers": [offer_record()],
    }
    record.update(overrides)
    return record


def offer_record(**overrides):
    offer = {
        "id": "tk-obiady",
        "kind": "service",
        "title": "Obiady dla szkół",
        "description": "Dwudaniowe obiady z dowozem.",
        "category": "gastronomia-catering",
        "cpv": ["55523100-3"],
        "price_from": 12.5,
        "price_to": 16,
        "price_unit": "osoba",
        "service_area": ["Słupsk", "powiat słupski"],
        "lead_time_days": 14,
        "tags": ["obiady szkolne"],
    }
    offer.update(overrides)
    return offer


def second_record(**overrides):
    values = {
        "id": "fund-druga",
        "name": "Fundacja „Druga”",
        "legal_form": "fundacja",
        "nip": "5842000003",
        "krs": "0000123456",
        "employees_total": 7,
        "employees_disadvantaged": 2,
        "reserved_contract_eligible": False,
        "offers": [offer_record(id="fd-sprzatanie", category="sprzatanie", cpv=["90910000-9"])],
    }
    values.update(overrides)
    return organisation_record(**values)


def lines(*records):
    return [json.dumps(record, ensure_ascii=False) for record in records]


def test_import_creates_active_members_and_published_offers_with_prices_in_grosze():
    report = import_catalog(lines(organisation_record()), categories=CATEGORIES)

    assert (report.created, report.updated, report.unchanged, report.rejected) == (1, 0, 0, 0)
    organisation = Organisation.objects.get(slug="sps-testowa-kuchnia")
    assert organisation.membership_status == MembershipStatus.ACTIVE
    assert organisation.reserved_contract_eligible is True
    assert organisation.member_since.isoformat() == "2023-03-14"
    offer = Offer.objects.get(slug="tk-obiady")
    assert offer.status == OfferStatus.PUBLISHED
    assert (offer.price_from, offer.price_to) == (1250, 1600)
    assert offer.organisation == organisation
    assert offer.cpv_codes == ["55523100-3"]


def test_second_import_of_the_same_records_changes_nothing():
    records = lines(organisation_record(), second_record())
    import_catalog(records, categories=CATEGORIES)
    first_update = Organisation.objects.get(slug="sps-testowa-kuchnia").updated_at

    report = import_catalog(records, categories=CATEGORIES)

    assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 0, 2, 0)
    assert (report.offers_created, report.offers_updated, report.offers_unchanged) == (0, 0, 2)
    assert report.categories_unchanged == 2
    assert Organisation.objects.get(slug="sps-testowa-kuchnia").updated_at == first_update


def test_changed_record_is_updated_in_place():
    import_catalog(lines(organisation_record()), categories=CATEGORIES)

    report = import_catalog(
        lines(
            organisation_record(
                employees_disadvantaged=2,
                reserved_contract_eligible=False,
                offers=[offer_record(price_to=18)],
            )
        )
    )

    assert (report.created, report.updated) == (0, 1)
    assert report.offers_updated == 1
    organisation = Organisation.objects.get(slug="sps-testowa-kuchnia")
    assert organisation.reserved_contract_eligible is False
    assert Offer.objects.get(slug="tk-obiady").price_to == 1800
    assert Organisation.objects.count() == 1


def test_bad_record_is_reported_with_its_line_and_the_others_still_import():
    report = import_catalog(
        lines(
            organisation_record(),
            second_record(nip="5842000007"),
            organisation_record(id="ok-trzecia", nip="1234563218", offers=[]),
        ),
        categories=CATEGORIES,
    )

    assert (report.created, report.rejected) == (2, 1)
    [error] = report.errors
    assert error.line == 2
    assert error.record_id == "fund-druga"
    assert "NIP" in error.reason
    assert not Organisation.objects.filter(slug="fund-druga").exists()
    assert Organisation.objects.filter(slug="ok-trzecia").exists()


@pytest.mark.parametrize(
    ("record", "reason_fragment"),
    [
        (organisation_record(offers=[offer_record(cpv=["5552310-3"])]), "NNNNNNNN-N"),
        (organisation_record(offers=[offer_record(price_from=-5)]), "negative"),
        (organisation_record(offers=[offer_record(price_from=20, price_to=10)]), "lower price"),
        (organisation_record(offers=[offer_record(price_from=10.123)]), "two decimal places"),
        (organisation_record(offers=[offer_record(category="nieznana")]), "unknown category"),
        (organisation_record(reserved_contract_eligible=False), "30% rule"),
        (organisation_record(legal_form="cis", ps_status=True), "PS"),
        (organisation_record(employees_disadvantaged=11), "outnumber"),
        (organisation_record(certificates=["iso_27001"]), "unknown certificate"),
        (organisation_record(legal_form="spolka_akcyjna"), "legal_form"),
        (organisation_record(member_since="14.03.2023"), "YYYY-MM-DD"),
        (organisation_record(name=None), "“name” is required"),
        (organisation_record(offers=[offer_record(), offer_record()]), "twice"),
    ],
)
def test_invalid_record_is_rejected_whole_with_a_reason(record, reason_fragment):
    report = import_catalog(lines(record), categories=CATEGORIES)

    assert report.rejected == 1
    assert reason_fragment in report.errors[0].reason
    assert not Organisation.objects.exists()
    assert not Offer.objects.exists()


def test_one_bad_offer_keeps_an_existing_organisation_unchanged():
    import_catalog(lines(organisation_record()), categories=CATEGORIES)

    report = import_catalog(
        lines(
            organisation_record(
                name="Nowa nazwa", offers=[offer_record(), offer_record(id="tk-zle", cpv=["x"])]
            )
        )
    )

    assert report.rejected == 1
    assert "tk-zle" in report.errors[0].reason
    assert (
        Organisation.objects.get(slug="sps-testowa-kuchnia").name == "Spółdzielnia Socjalna „Testowa Kuchnia”"
    )
    assert not Offer.objects.filter(slug="tk-zle").exists()


def test_line_that_is_not_json_is_rejected_with_its_number():
    report = import_catalog(["{not json", *lines(organisation_record())], categories=CATEGORIES)

    assert report.created == 1
    assert report.errors[0].line == 1
    assert "JSON" in report.errors[0].reason


def test_nip_already_used_by_another_organisation_is_rejected():
    import_catalog(lines(organisation_record()), categories=CATEGORIES)

    report = import_catalog(lines(second_record(nip="8399954166")))

    assert report.rejected == 1
    assert "NIP" in report.errors[0].reason


def test_offer_id_of_another_organisation_is_rejected():
    import_catalog(lines(organisation_record()), categories=CATEGORIES)

    report = import_catalog(lines(second_record(offers=[offer_record(id="tk-obiady")])))

    assert report.rejected == 1
    assert "another organisation" in report.errors[0].reason
    assert Offer.objects.get(slug="tk-obiady").organisation.slug == "sps-testowa-kuchnia"


def test_offer_id_repeated_on_a_later_line_is_rejected():
    report = import_catalog(
        lines(organisation_record(), second_record(offers=[offer_record(id="tk-obiady")])),
        categories=CATEGORIES,
    )

    assert (report.created, report.rejected) == (1, 1)
    assert "line 1" in report.errors[0].reason


def test_dry_run_counts_but_writes_nothing():
    report = import_catalog(
        lines(organisation_record(), second_record()), categories=CATEGORIES, dry_run=True
    )

    assert report.created == 2
    assert report.categories_created == 2
    assert not Organisation.objects.exists()
    assert not Category.objects.exists()


def test_categories_are_upserted_by_slug_in_file_order():
    import_catalog([], categories=CATEGORIES)
    renamed = [{**CATEGORIES[0], "name_en": "Catering"}, CATEGORIES[1]]

    report = import_catalog([], categories=renamed)

    assert (report.categories_created, report.categories_updated, report.categories_unchanged) == (0, 1, 1)
    assert Category.objects.get(slug="gastronomia-catering").name_en == "Catering"
    assert list(Category.objects.values_list("slug", flat=True)) == ["gastronomia-catering", "sprzatanie"]


def test_command_prints_progress_errors_and_summary(tmp_path):
    categories = tmp_path / "categories.json"
    categories.write_text(json.dumps(CATEGORIES), encoding="utf-8")
    data = tmp_path / "organisations.jsonl"
    data.write_text("\n".join(lines(organisation_record(), second_record(nip="1"))) + "\n", encoding="utf-8")
    out, err = StringIO(), StringIO()

    call_command("import_catalog", str(data), categories=str(categories), stdout=out, stderr=err)

    assert "Progress: 2/2 records" in out.getvalue()
    assert "Organisations: created 1, updated 0, unchanged 0, rejected 1." in out.getvalue()
    assert "line 2 (fund-druga)" in err.getvalue()


@pytest.mark.skipif(not SHARED_CATALOGUE.exists(), reason="the shared sample lives beside the repository")
def test_shared_sample_imports_completely_and_a_second_import_changes_nothing():
    categories = json.loads((SHARED_CATALOGUE / "categories.json").read_text(encoding="utf-8"))
    records = (SHARED_CATALOGUE / "organisations.jsonl").read_text(encoding="utf-8").splitlines()

    first = import_catalog(records, categories=categories)
    second = import_catalog(records, categories=categories)

    assert first.errors == []
    assert (first.created, first.offers_created, first.categories_created) == (45, 294, 18)
    assert (second.created, second.updated, second.rejected, second.unchanged) == (0, 0, 0, 45)
    assert (second.offers_created, second.offers_updated, second.offers_unchanged) == (0, 0, 294)
    assert Organisation.objects.get(slug="fund-nowy-start-debrzno").reserved_contract_eligible is True
    assert Organisation.objects.get(slug="stow-drugie-zycie").reserved_contract_eligible is False
    assert Offer.objects.published().count() == 294
