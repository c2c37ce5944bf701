"""The market-research note (notatka z rozeznania rynku): issued once from a quote request, frozen.

`issue_market_research_note` copies everything the documents print into the note's `content` (values,
never labels: the PDF and the DOCX add the labels in the reader's language), numbers it and hashes it.
The verification page shows the reference, the date and that hash, so anyone holding a copy can check
it was issued here and not altered.
"""

import hashlib
import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from catalog.choices import QuoteAnswerStatus
from catalog.models import QuoteRecipient, QuoteRequest
from catalog.services.cpv import describe_cpv_codes
from config.core.links import absolute_url

from .comparison import middle_value
from .models import EstimateBasis, LegalBasisTemplate, MarketResearchNote

REFERENCE_FORMAT = "PES/RR/{year}/{number:05d}"
MAX_EUR_RATE = Decimal("100")


@dataclass(frozen=True)
class NoteChoices:
    """What the buyer decides on the note form; the rest comes from the request and its answers."""

    institution: str
    subject: str
    cpv_codes: list[str]
    estimate_basis: str
    eur_rate: Decimal
    criteria: str
    chosen: QuoteRecipient | None
    justification: str
    legal_basis: LegalBasisTemplate


def estimate_value(quotes: list[QuoteRecipient], basis: str) -> int:
    """The estimated value, net grosze: the lowest or the median of the net quotes."""
    prices = [recipient.price for recipient in quotes]
    return min(prices) if basis == EstimateBasis.LOWEST else middle_value(prices)


def to_euro_cents(grosze: int, eur_rate: Decimal) -> int:
    return int((Decimal(grosze) / eur_rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def suggested_cpv_codes(quote_request: QuoteRequest) -> list[str]:
    """The CPV codes of the offers the buyer asked about, in order, once each."""
    codes: list[str] = []
    for recipient in quote_request.recipients.prefetch_related("offers"):
        for offer in recipient.offers.all():
            codes += [code for code in offer.cpv_codes if code not in codes]
    return codes


def _cpv_names(codes: list[str]) -> list[dict]:
    names = {}
    for language in ("pl", "en"):
        with translation.override(language):
            names[language] = [cpv.name for cpv in describe_cpv_codes(codes)]
    return [{"code": code, "pl": names["pl"][i], "en": names["en"][i]} for i, code in enumerate(codes)]


def _answer(recipient: QuoteRecipient) -> dict:
    return {
        "id": recipient.pk,
        "supplier": recipient.organisation.name,
        "nip": recipient.organisation.nip,
        "invited_at": recipient.quote_request.created_at.isoformat(),
        "status": recipient.status,
        "answered_at": recipient.answered_at.isoformat() if recipient.answered_at else None,
        "price_net": recipient.price,
        "vat_rate": recipient.vat_rate,
        "price_gross": recipient.gross_price,
        "unit": recipient.unit,
        "lead_time_days": recipient.lead_time_days,
        "valid_until": recipient.valid_until.isoformat() if recipient.valid_until else None,
        "conditions": recipient.conditions,
        "decline_reason": recipient.decline_reason,
        "reserved_eligible_at_request": recipient.reserved_eligible_at_request,
        "ps_status_at_request": recipient.ps_status_at_request,
    }


def content_hash(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def issue_market_research_note(quote_request: QuoteRequest, choices: NoteChoices) -> MarketResearchNote:
    """Issue the one note of this request: numbered, frozen, hashed, audited.

    Locks the request row, so two clicks issue one note; refuses a second note and a request without
    any quote (there is no value to estimate). The rate must be positive and below MAX_EUR_RATE.
    """
    if not (Decimal(0) < choices.eur_rate < MAX_EUR_RATE):
        raise ValidationError({"eur_rate": _("Enter the euro exchange rate, e.g. 4.2500.")})
    with transaction.atomic():
        QuoteRequest.objects.select_for_update().get(pk=quote_request.pk)
        if MarketResearchNote.objects.filter(quote_request=quote_request).exists():
            raise ValidationError(_("The note for this request has already been issued."))
        recipients = list(quote_request.recipients.select_related("organisation", "quote_request"))
        quotes = [r for r in recipients if r.status == QuoteAnswerStatus.QUOTED]
        if not quotes:
            raise ValidationError(_("The note needs at least one quote to estimate the value."))
        if choices.chosen is not None and choices.chosen.pk not in {r.pk for r in quotes}:
            raise ValidationError({"chosen": _("Choose one of the suppliers that sent a quote.")})
        estimated = estimate_value(quotes, choices.estimate_basis)
        basis = choices.legal_basis
        note = MarketResearchNote.objects.create(
            quote_request=quote_request,
            reference=f"pending-{quote_request.token[:20]}",
            institution=choices.institution.strip(),
            subject=choices.subject.strip(),
            cpv_codes=choices.cpv_codes,
            estimate_basis=choices.estimate_basis,
            estimated_value_net=estimated,
            eur_rate=choices.eur_rate,
            estimated_value_eur_cents=to_euro_cents(estimated, choices.eur_rate),
            criteria=choices.criteria.strip(),
            chosen=choices.chosen,
            justification=choices.justification.strip(),
            legal_basis=basis,
            legal_basis_title={"pl": basis.title_pl, "en": basis.title_en},
            legal_basis_text={"pl": basis.text_pl, "en": basis.text_en},
        )
        note.reference = REFERENCE_FORMAT.format(year=note.issued_at.year, number=note.pk)
        note.content = {
            "reference": note.reference,
            "issued_at": note.issued_at.isoformat(),
            "verification_url": absolute_url(note.get_verification_url()),
            "institution": note.institution,
            "subject": note.subject,
            "quantity": quote_request.quantity,
            "cpv_codes": _cpv_names(note.cpv_codes),
            "estimate_basis": note.estimate_basis,
            "estimated_value_net": estimated,
            "eur_rate": str(note.eur_rate),
            "estimated_value_eur_cents": note.estimated_value_eur_cents,
            "criteria": note.criteria,
            "invited_at": quote_request.created_at.isoformat(),
            "answers": [_answer(r) for r in recipients],
            "chosen": choices.chosen.organisation.name if choices.chosen else None,
            "justification": note.justification,
            "legal_basis_title": note.legal_basis_title,
            "legal_basis_text": note.legal_basis_text,
        }
        note.content_hash = content_hash(note.content)
        note.save(update_fields=["reference", "content", "content_hash"])
        log(note, "procurement.note_issued", data={"reference": note.reference, "hash": note.content_hash})
    return note


def note_date(note: MarketResearchNote):
    return timezone.localtime(note.issued_at).date()
