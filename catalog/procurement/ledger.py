"""The social-spend ledger: outcomes buyers record after choosing, deals reported after meetings at the
fair, the suppliers' confirmations, and the live figures and open data built from them. One module owns
the totals the impact page shows."""

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
from catalog.models import Organisation, QuoteRecipient, QuoteRequest
from catalog.rules import MAX_PRICE_GROSZE
from config.core.exports import neutralise_formula

from .models import ContractType, MarketResearchNote, OutcomeSource, ProcurementOutcome


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


def record_fair_deal(
    *,
    organisation: Organisation,
    value_net: int,
    awarded_on: date,
    buyer_type: str,
    buyer_institution: str,
    supplier_confirmed: bool,
) -> ProcurementOutcome:
    """Add the ledger line of a deal reported after a meeting at the fair. Audited.

    The caller (events' meeting follow-ups) links the line to its meeting and holds the meeting's row
    lock, which is what keeps it to one line per meeting. As for a quote request, the supplier's
    subregion is copied, and a buyer is named only when it is a public body (the rest are companies
    and people: the open data keeps them anonymous, so the ledger does not hold the name at all).
    What kind of contract it was is not asked at a fair: "ordinary" (not reserved, no known social
    clauses), so the reserved share never counts a contract nobody said was reserved.
    """
    _check_fair_deal_value(value_net)
    if buyer_type not in BuyerType.values:
        raise ValueError(buyer_type)
    outcome = ProcurementOutcome.objects.create(
        source=OutcomeSource.FAIR,
        awarded_to=organisation,
        value_net=value_net,
        awarded_on=awarded_on,
        contract_type=ContractType.ORDINARY,
        buyer_type=buyer_type,
        buyer_institution=buyer_institution if buyer_type == BuyerType.PUBLIC_BODY else "",
        subregion=organisation.subregion,
        supplier_confirmed_at=timezone.now() if supplier_confirmed else None,
    )
    log(outcome, "procurement.fair_deal_recorded", data={"value_net": value_net})
    return outcome


def update_fair_deal(outcome_id: int, *, value_net: int, supplier_confirmed: bool | None) -> None:
    """A later follow-up answer changes a fair deal's value or the supplier's word on it. Audited when
    something changed.

    `supplier_confirmed` is the exhibitor's latest answer: True (a contract) confirms, False (anything
    else) takes back a confirmation that came from an answer, None (no answer) leaves it. A supplier
    who confirmed the line in its portal (`confirm_outcome`, a user recorded) keeps that confirmation.
    """
    _check_fair_deal_value(value_net)
    outcome = ProcurementOutcome.objects.select_for_update().get(pk=outcome_id, source=OutcomeSource.FAIR)
    changed = []
    if outcome.value_net != value_net:
        outcome.value_net = value_net
        changed.append("value_net")
    if supplier_confirmed and outcome.supplier_confirmed_at is None:
        outcome.supplier_confirmed_at = timezone.now()
        changed.append("supplier_confirmed_at")
    elif supplier_confirmed is False and outcome.supplier_confirmed_at and outcome.confirmed_by_id is None:
        outcome.supplier_confirmed_at = None
        changed.append("supplier_confirmed_at")
    if changed:
        outcome.save(update_fields=changed)
        log(
            outcome,
            "procurement.fair_deal_changed",
            data={"value_net": value_net, "confirmed": outcome.supplier_confirmed_at is not None},
        )


def withdraw_fair_deal(outcome_id: int) -> None:
    """Both sides of the meeting took the contract back: its line leaves the ledger. Audited."""
    outcome = ProcurementOutcome.objects.select_for_update().get(pk=outcome_id, source=OutcomeSource.FAIR)
    log(outcome, "procurement.fair_deal_withdrawn", data={"value_net": outcome.value_net})
    outcome.delete()


def _check_fair_deal_value(value_net: int) -> None:
    if not 0 < value_net <= MAX_PRICE_GROSZE:
        raise ValueError(value_net)


def winning_recipients(quote_request: QuoteRequest):
    return quote_request.recipients.filter(status=QuoteAnswerStatus.QUOTED).select_related("organisation")


@dataclass(frozen=True)
class SocialSpend:
    year: int
    total_net: int
    contracts: int
    reserved_contracts: int
    confirmed_contracts: int
    # Of the totals above: the deals reported after meetings at the fair (not added again).
    fair_contracts: int
    fair_total_net: int
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
        fair_count=Count("pk", filter=Q(source=OutcomeSource.FAIR)),
        fair_total=Sum("value_net", filter=Q(source=OutcomeSource.FAIR)),
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
        fair_contracts=totals["fair_count"] or 0,
        fair_total_net=totals["fair_total"] or 0,
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
        _("Source"),
    ]


def open_data_rows(year: int) -> list[list]:
    """One row per contract of `year`. A buyer is named only when it is a public body (public
    information); companies and people stay anonymous."""
    buyer_types, subregions, types, sources = (
        dict(BuyerType.choices),
        dict(Subregion.choices),
        dict(ContractType.choices),
        dict(OutcomeSource.choices),
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
                str(sources[outcome.source]),
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
