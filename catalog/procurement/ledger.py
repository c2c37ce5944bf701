"""The social-spend ledger: outcomes buyers record after choosing, the suppliers' confirmations, and the
live figures and open data built from them. One module owns the totals the impact page shows."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from wagtail.log_actions import log

from catalog.choices import BuyerType, QuoteAnswerStatus, Subregion
from catalog.impact import Figure
from catalog.models import QuoteRecipient, QuoteRequest
from catalog.rules import MAX_PRICE_GROSZE
from config.core.exports import neutralise_formula

from .models import ContractType, MarketResearchNote, ProcurementOutcome


def record_outcome(
    quote_request: QuoteRequest,
    *,
    awarded_to: QuoteRecipient,
    value_net: int,
    awarded_on: date,
    contract_type: str,
) -> ProcurementOutcome:
    """Record who the buyer awarded the contract to. Once per request (the request row is locked).

    The supplier must be one the request was sent to; the value is net grosze within the price limit;
    the date may not be in the future. The buyer type, institution and the supplier's subregion are
    copied, so the ledger's breakdowns do not move when those change later. Audited.
    """
    if awarded_to.quote_request_id != quote_request.pk:
        raise ValidationError({"awarded_to": _("Choose one of the suppliers you asked.")})
    if not 0 < value_net <= MAX_PRICE_GROSZE:
        raise ValidationError({"value_net": _("Enter the contract's net value.")})
    if awarded_on > timezone.localdate():
        raise ValidationError({"awarded_on": _("The date of the award cannot be in the future.")})
    if contract_type not in ContractType.values:
        raise ValidationError({"contract_type": _("Choose the contract type.")})
    with transaction.atomic():
        QuoteRequest.objects.select_for_update().get(pk=quote_request.pk)
        if ProcurementOutcome.objects.filter(quote_request=quote_request).exists():
            raise ValidationError(_("The outcome of this request has already been recorded."))
        note = MarketResearchNote.objects.filter(quote_request=quote_request).first()
        organisation = awarded_to.organisation
        outcome = ProcurementOutcome.objects.create(
            quote_request=quote_request,
            awarded_to=organisation,
            value_net=value_net,
            awarded_on=awarded_on,
            contract_type=contract_type,
            buyer_type=quote_request.buyer_type,
            buyer_institution=note.institution if note else quote_request.buyer_organisation,
            subregion=organisation.subregion,
        )
        log(outcome, "procurement.outcome_recorded", data={"value_net": value_net, "type": contract_type})
    return outcome


def confirm_outcome(outcome_id: int, *, user) -> ProcurementOutcome:
    """The awarded supplier's portal user (or staff) confirms the contract; idempotent, audited once."""
    with transaction.atomic():
        outcome = (
            ProcurementOutcome.objects.select_for_update().select_related("awarded_to").get(pk=outcome_id)
        )
        if not (user.is_staff or outcome.awarded_to.members.filter(pk=user.pk).exists()):
            raise PermissionDenied
        if outcome.supplier_confirmed_at is None:
            outcome.supplier_confirmed_at = timezone.now()
            outcome.confirmed_by = user
            outcome.save(update_fields=["supplier_confirmed_at", "confirmed_by"])
            log(outcome, "procurement.outcome_confirmed", user=user)
    return outcome


def winning_recipients(quote_request: QuoteRequest):
    return quote_request.recipients.filter(status=QuoteAnswerStatus.QUOTED).select_related("organisation")


@dataclass(frozen=True)
class SocialSpend:
    year: int
    total_net: int
    contracts: int
    reserved_contracts: int
    confirmed_contracts: int
    by_buyer_type: list[Figure]
    by_subregion: list[Figure]

    @property
    def reserved_share_percent(self) -> int:
        return round(100 * self.reserved_contracts / self.contracts) if self.contracts else 0


def compute_social_spend(year: int | None = None) -> SocialSpend:
    """This year's ledger (by the award date): PLN net in total, by buyer type and by subregion."""
    year = year or timezone.localdate().year
    rows = ProcurementOutcome.objects.filter(awarded_on__year=year)
    totals = rows.aggregate(
        total=Sum("value_net"),
        count=Count("pk"),
        reserved=Count("pk", filter=Q(contract_type=ContractType.RESERVED)),
        confirmed=Count("pk", filter=Q(supplier_confirmed_at__isnull=False)),
    )
    by_buyer = dict(
        rows.values_list("buyer_type").annotate(s=Sum("value_net")).values_list("buyer_type", "s")
    )
    by_subregion = dict(
        rows.values_list("subregion").annotate(s=Sum("value_net")).values_list("subregion", "s")
    )
    return SocialSpend(
        year=year,
        total_net=totals["total"] or 0,
        contracts=totals["count"] or 0,
        reserved_contracts=totals["reserved"] or 0,
        confirmed_contracts=totals["confirmed"] or 0,
        by_buyer_type=[Figure(v, str(label), by_buyer.get(v, 0)) for v, label in BuyerType.choices],
        by_subregion=[Figure(v, str(label), by_subregion.get(v, 0)) for v, label in Subregion.choices],
    )


def open_data_header() -> list[str]:
    return [
        _("Date of the award"),
        _("Supplier"),
        _("NIP"),
        _("Subregion"),
        _("Buyer type"),
        _("Public buyer"),
        _("Contract type"),
        _("Value net (PLN)"),
        _("Confirmed by the supplier"),
    ]


def open_data_rows(year: int) -> list[list]:
    """One row per contract of `year`. A buyer is named only when it is a public body (public
    information); companies and people stay anonymous."""
    buyer_types, subregions, types = (
        dict(BuyerType.choices),
        dict(Subregion.choices),
        dict(ContractType.choices),
    )
    rows = []
    for outcome in ProcurementOutcome.objects.filter(awarded_on__year=year).select_related("awarded_to"):
        public = outcome.buyer_type == BuyerType.PUBLIC_BODY
        rows.append(
            [
                outcome.awarded_on.isoformat(),
                outcome.awarded_to.name,
                outcome.awarded_to.nip,
                str(subregions.get(outcome.subregion, outcome.subregion)),
                str(buyer_types.get(outcome.buyer_type, outcome.buyer_type)),
                outcome.buyer_institution if public else "",
                str(types[outcome.contract_type]),
                f"{outcome.value_net / 100:.2f}",
                _("yes") if outcome.supplier_confirmed_at else _("no"),
            ]
        )
    return rows


def export_ledger_csv(year: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(open_data_header())
    for row in open_data_rows(year):
        writer.writerow([neutralise_formula(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_ledger_xlsx(year: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(year)
    sheet.append(open_data_header())
    for row in open_data_rows(year):
        sheet.append([neutralise_formula(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
