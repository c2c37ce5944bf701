"""Ledger lines of deals made at the fair (recorded from the meeting follow-ups in events): counted once
in the totals with their own figure, marked as such in the open data, and kept apart from quote-request
lines by a database constraint."""

import csv
import io

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.procurement.ledger import (
    compute_social_spend,
    record_fair_deal,
    record_outcome,
    update_fair_deal,
    withdraw_fair_deal,
)
from catalog.procurement.models import ProcurementOutcome

from .test_ledger import quoted

pytestmark = pytest.mark.django_db


def fair_deal(organisation, **overrides):
    values = {
        "organisation": organisation,
        "value_net": 30000,
        "awarded_on": timezone.localdate(),
        "buyer_type": "company",
        "buyer_institution": "Hotel Morski sp. z o.o.",
        "supplier_confirmed": False,
    }
    return record_fair_deal(**{**values, **overrides})


def reserved_contract_from_a_quote(quote_request, supplier, user):
    """The ledger's other kind of line: 1,000 zł net awarded after a quote request, reserved."""
    return record_outcome(
        quote_request,
        awarded_to=quoted(quote_request, supplier, user),
        value_net=100000,
        awarded_on=timezone.localdate(),
        contract_type="reserved",
    )


def test_fair_deals_count_once_in_the_totals_and_have_their_own_figure(quote_request, suppliers):
    (a, _, user_a), (b, _, _), _ = suppliers
    reserved_contract_from_a_quote(quote_request, a, user_a)
    line = fair_deal(b)

    spend = compute_social_spend()

    assert (line.source, line.contract_type, line.subregion) == ("fair", "ordinary", b.subregion)
    assert line.buyer_institution == ""  # a company is not named
    assert (spend.total_net, spend.contracts, spend.fair_total_net, spend.fair_contracts) == (
        130000,
        2,
        30000,
        1,
    )
    assert spend.reserved_share_percent == 50
    assert {figure.key: figure.value for figure in spend.by_buyer_type}["company"] == 30000


def test_the_open_data_source_column_tells_quote_requests_from_the_fair(client, quote_request, suppliers):
    (a, _, user_a), (b, _, _), _ = suppliers
    reserved_contract_from_a_quote(quote_request, a, user_a)
    fair_deal(b, buyer_type="public_body", buyer_institution="Gmina Kartuzy", supplier_confirmed=True)

    response = client.get(f"/zakupy/kupuj-spolecznie-{timezone.localdate().year}.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "Źródło"
    by_supplier = {row[1]: row for row in rows[1:]}
    assert by_supplier[a.name][-1] == "Zapytanie ofertowe"
    assert by_supplier[b.name][-1] == "Targi" and by_supplier[b.name][5] == "Gmina Kartuzy"
    assert by_supplier[b.name][-2] == "tak"


def test_a_portal_confirmation_survives_the_exhibitor_changing_its_answer(suppliers):
    from catalog.procurement.ledger import confirm_outcome

    organisation, _, user = suppliers[0]
    line = fair_deal(organisation)
    confirm_outcome(line.pk, user=user)

    update_fair_deal(line.pk, value_net=30000, supplier_confirmed=False)

    line.refresh_from_db()
    assert line.supplier_confirmed_at is not None and line.confirmed_by == user
    withdraw_fair_deal(line.pk)
    assert not ProcurementOutcome.objects.exists()


@pytest.mark.parametrize("source", ["quote_request", "fair"])
def test_the_database_keeps_the_source_and_the_quote_request_together(quote_request, suppliers, source):
    organisation, _, _ = suppliers[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcurementOutcome.objects.create(
            source=source,
            quote_request=None if source == "quote_request" else quote_request,
            awarded_to=organisation,
            value_net=100,
            awarded_on=timezone.localdate(),
            contract_type="ordinary",
            buyer_type="company",
            subregion=organisation.subregion,
        )
