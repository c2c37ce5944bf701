"""Buyer quote requests: one request to up to ten suppliers, their answers, and retried emails."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from catalog.choices import QuoteAnswerStatus
from catalog.models import Offer, Organisation, QuoteRecipient, QuoteRequest
from catalog.rules import QUOTE_VAT_RATES, validate_price_range, validate_quote_attachment
from catalog.shortlist import SHORTLIST_LIMIT
from catalog.tasks import (
    deliver_quote_answer_to_buyer,
    deliver_quote_closing_notice,
    deliver_quote_receipt,
    deliver_quote_reminder,
    deliver_quote_request_to_supplier,
)
from events.money import gross_from_net

# Anti-abuse limits over a sliding hour (settings, so an installation or a load test can tune them).
QUOTE_REQUESTS_PER_EMAIL_PER_HOUR = settings.QUOTE_REQUESTS_PER_EMAIL_PER_HOUR
QUOTE_REQUESTS_PER_IP_PER_HOUR = settings.QUOTE_REQUESTS_PER_IP_PER_HOUR
RATE_LIMIT_WINDOW = timedelta(hours=1)
# Emails not delivered after this long are handed to the retry command.
RETRY_AFTER = timedelta(minutes=10)


class QuoteRequestRefused(Exception):
    """A request that may not be sent (rate limit, no suppliers); the message is shown to the buyer."""


@dataclass(frozen=True)
class SupplierChoice:
    organisation: Organisation
    offers: list[Offer]


def hash_ip_address(ip_address: str) -> str:
    """A keyed hash: lets us count requests per address without storing the address (GDPR)."""
    return hmac.new(settings.SECRET_KEY.encode(), (ip_address or "").encode(), hashlib.sha256).hexdigest()


def check_quote_request_allowed(buyer_email: str, ip_hash: str) -> None:
    """Raise QuoteRequestRefused when the email or the IP address is over its hourly limit."""
    since = timezone.now() - RATE_LIMIT_WINDOW
    recent = QuoteRequest.objects.filter(created_at__gte=since)
    if recent.filter(buyer_email__iexact=buyer_email).count() >= QUOTE_REQUESTS_PER_EMAIL_PER_HOUR:
        raise QuoteRequestRefused(
            ngettext(
                "You have sent %(limit)s quote request in the last hour. Please try again later.",
                "You have sent %(limit)s quote requests in the last hour. Please try again later.",
                QUOTE_REQUESTS_PER_EMAIL_PER_HOUR,
            )
            % {"limit": QUOTE_REQUESTS_PER_EMAIL_PER_HOUR}
        )
    if recent.filter(ip_hash=ip_hash).count() >= QUOTE_REQUESTS_PER_IP_PER_HOUR:
        raise QuoteRequestRefused(
            _("Too many quote requests were sent from your network. Please try again later.")
        )


def submit_quote_request(*, details: dict, suppliers: list[SupplierChoice], ip_address: str) -> QuoteRequest:
    """Create one quote request addressed to every chosen supplier, then email them and the buyer.

    `details` holds the QuoteRequest fields from the validated form (buyer type and contact,
    description, quantity, deadline, place). Checks the rate limits first. One transaction creates
    the request and one recipient row per distinct supplier; after commit one task per supplier and a
    receipt for the buyer (with the private link) are queued. Emails are retried until delivered.
    """
    organisations = {choice.organisation.pk: choice for choice in suppliers}
    if not organisations:
        raise QuoteRequestRefused(_("Choose at least one supplier for your request."))
    if len(organisations) > SHORTLIST_LIMIT:
        raise QuoteRequestRefused(
            _("A request can go to at most %(limit)s suppliers.") % {"limit": SHORTLIST_LIMIT}
        )
    ip_hash = hash_ip_address(ip_address)
    check_quote_request_allowed(details["buyer_email"], ip_hash)
    with transaction.atomic():
        quote_request = QuoteRequest.objects.create(
            **details,
            consent_given_at=timezone.now(),
            ip_hash=ip_hash,
            language=(get_language() or settings.LANGUAGE_CODE)[:2],
        )
        recipient_ids = []
        for choice in organisations.values():
            organisation = choice.organisation
            recipient = QuoteRecipient.objects.create(
                quote_request=quote_request,
                organisation=organisation,
                # The standing buyers relied on when they asked; the note and comparison read this.
                reserved_eligible_at_request=organisation.reserved_contract_eligible,
                ps_status_at_request=organisation.ps_status,
            )
            recipient.offers.set(
                [offer for offer in choice.offers if offer.organisation_id == choice.organisation.pk]
            )
            recipient_ids.append(recipient.pk)

        def queue_emails():
            for recipient_id in recipient_ids:
                deliver_quote_request_to_supplier.enqueue(recipient_id)
            deliver_quote_receipt.enqueue(quote_request.pk)

        transaction.on_commit(queue_emails)
    return quote_request


def check_can_answer(user, recipient: QuoteRecipient) -> None:
    """Only the supplier's own portal users (or staff) may see and answer its copy of a request."""
    if not user.is_authenticated:
        raise PermissionDenied
    if (
        user.has_perm("catalog.change_quoterequest")
        or recipient.organisation.members.filter(pk=user.pk).exists()
    ):
        return
    raise PermissionDenied


@dataclass(frozen=True)
class QuoteTerms:
    """A supplier's structured quote: net price (grosze) and VAT rate; the gross is derived, never typed."""

    price: int
    vat_rate: int
    unit: str = ""
    lead_time_days: int | None = None
    valid_until: date | None = None
    conditions: str = ""
    attachment: bytes | None = None
    attachment_name: str = ""


def _check_terms(terms: QuoteTerms) -> None:
    validate_price_range(terms.price, None)
    if terms.vat_rate not in QUOTE_VAT_RATES:
        raise ValidationError({"vat_rate": _("Choose a VAT rate.")})
    if terms.valid_until is not None and terms.valid_until < timezone.localdate():
        raise ValidationError({"valid_until": _("The date cannot be in the past.")})
    if terms.attachment is not None:
        validate_quote_attachment(terms.attachment)


def answer_quote_request(
    recipient_id: int,
    *,
    user,
    status: str,
    terms: QuoteTerms | None = None,
    decline_reason: str = "",
    message: str = "",
) -> QuoteRecipient:
    """Record a supplier's answer: structured terms (net, VAT, gross, unit, lead time, validity,
    conditions, an optional checked PDF) or "cannot take it" with a reason.

    Locks the recipient row; a second answer is refused, so the buyer's email goes out once. Writes
    the audit log and, after commit, queues the email to the buyer (retried until delivered) and,
    when this was the last answer, the buyer's "all answered" notice.
    """
    if status not in (QuoteAnswerStatus.QUOTED, QuoteAnswerStatus.DECLINED):
        raise ValidationError(_("Choose whether you send a quote or cannot take the order."))
    if status == QuoteAnswerStatus.QUOTED:
        if terms is None:
            raise ValidationError({"price": _("A quote needs a price.")})
        _check_terms(terms)
    elif not decline_reason.strip():
        raise ValidationError({"decline_reason": _("Tell the buyer why you cannot take it.")})
    with transaction.atomic():
        recipient = (
            QuoteRecipient.objects.select_for_update().select_related("organisation").get(pk=recipient_id)
        )
        check_can_answer(user, recipient)
        if recipient.is_answered:
            raise ValidationError(_("This request has already been answered."))
        recipient.status = status
        if terms is not None and status == QuoteAnswerStatus.QUOTED:
            recipient.price = terms.price
            recipient.vat_rate = terms.vat_rate
            recipient.gross_price = gross_from_net(terms.price, terms.vat_rate)
            recipient.unit = terms.unit
            recipient.lead_time_days = terms.lead_time_days
            recipient.valid_until = terms.valid_until
            recipient.conditions = terms.conditions.strip()
            recipient.attachment = terms.attachment
            recipient.attachment_name = terms.attachment_name[:120] if terms.attachment else ""
        else:
            recipient.decline_reason = decline_reason.strip()
        recipient.message = message.strip()
        recipient.answered_at = timezone.now()
        recipient.answered_by = user
        recipient.save()
        log(
            recipient,
            "catalog.quote_answered",
            user=user,
            data={
                "status": status,
                "price": recipient.price,
                "gross_price": recipient.gross_price,
                "quote_request": recipient.quote_request_id,
            },
        )
        all_answered = not QuoteRecipient.objects.filter(
            quote_request_id=recipient.quote_request_id, status=QuoteAnswerStatus.PENDING
        ).exists()

        def queue_emails():
            deliver_quote_answer_to_buyer.enqueue(recipient.pk)
            if all_answered:
                deliver_quote_closing_notice.enqueue(recipient.quote_request_id)

        transaction.on_commit(queue_emails)
    return recipient


def retry_undelivered_quote_emails(older_than: timedelta = RETRY_AFTER) -> int:
    """Queue again every quote email still undelivered after `older_than`; returns how many.

    Safe to run at any time (cron): the tasks are idempotent, so a duplicate queue entry sends nothing.
    """
    cutoff = timezone.now() - older_than
    queued = 0
    for recipient_id in QuoteRecipient.objects.filter(
        supplier_notified_at__isnull=True, quote_request__created_at__lte=cutoff
    ).values_list("pk", flat=True):
        deliver_quote_request_to_supplier.enqueue(recipient_id)
        queued += 1
    for recipient_id in QuoteRecipient.objects.filter(
        buyer_notified_at__isnull=True, answered_at__isnull=False, answered_at__lte=cutoff
    ).values_list("pk", flat=True):
        deliver_quote_answer_to_buyer.enqueue(recipient_id)
        queued += 1
    for request_id in QuoteRequest.objects.filter(
        receipt_sent_at__isnull=True, created_at__lte=cutoff
    ).values_list("pk", flat=True):
        deliver_quote_receipt.enqueue(request_id)
        queued += 1
    return queued


# Suppliers who have not answered are reminded from this many days before the buyer's answer date.
REMIND_DAYS_BEFORE = 2


def remind_suppliers_and_notify_buyers(today: date | None = None) -> dict[str, int]:
    """The periodic job: remind each supplier still silent REMIND_DAYS_BEFORE days before the answer
    date (once), and tell each buyer whose request is complete or past its date (once).

    Idempotent: both emails are stamped on their rows by the tasks, so running twice sends nothing new.
    """
    today = today or timezone.localdate()
    reminders = 0
    waiting = QuoteRecipient.objects.filter(
        status=QuoteAnswerStatus.PENDING, reminded_at__isnull=True, supplier_notified_at__isnull=False
    ).select_related("quote_request")
    for recipient in waiting:
        due = recipient.quote_request.answers_due_on
        if due - timedelta(days=REMIND_DAYS_BEFORE) <= today <= due:
            deliver_quote_reminder.enqueue(recipient.pk)
            reminders += 1
    notices = 0
    for quote_request in QuoteRequest.objects.filter(buyer_closing_notice_at__isnull=True).prefetch_related(
        "recipients"
    ):
        statuses = [recipient.status for recipient in quote_request.recipients.all()]
        complete = statuses and QuoteAnswerStatus.PENDING not in statuses
        if complete or quote_request.answers_due_on < today:
            deliver_quote_closing_notice.enqueue(quote_request.pk)
            notices += 1
    return {"reminders": reminders, "buyer notices": notices}
