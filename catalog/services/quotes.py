"""Buyer quote requests: one request to up to ten suppliers, their answers, and retried emails."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from catalog.choices import QuoteAnswerStatus
from catalog.models import Offer, Organisation, QuoteRecipient, QuoteRequest
from catalog.rules import validate_price_range
from catalog.shortlist import SHORTLIST_LIMIT
from catalog.tasks import (
    deliver_quote_answer_to_buyer,
    deliver_quote_receipt,
    deliver_quote_request_to_supplier,
)

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
            recipient = QuoteRecipient.objects.create(
                quote_request=quote_request, organisation=choice.organisation
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
    if user.is_staff or recipient.organisation.members.filter(pk=user.pk).exists():
        return
    raise PermissionDenied


def answer_quote_request(
    recipient_id: int, *, user, status: str, price: int | None = None, message: str = ""
) -> QuoteRecipient:
    """Record a supplier's answer: a quote with a price (grosze, net) or "cannot take it".

    Locks the recipient row; a second answer is refused, so the buyer's email goes out once. Writes
    the audit log and, after commit, queues the email to the buyer (retried until delivered).
    """
    if status not in (QuoteAnswerStatus.QUOTED, QuoteAnswerStatus.DECLINED):
        raise ValidationError(_("Choose whether you send a quote or cannot take the order."))
    if status == QuoteAnswerStatus.QUOTED:
        if price is None:
            raise ValidationError({"price": _("A quote needs a price.")})
        validate_price_range(price, None)
    else:
        price = None
    with transaction.atomic():
        recipient = (
            QuoteRecipient.objects.select_for_update().select_related("organisation").get(pk=recipient_id)
        )
        check_can_answer(user, recipient)
        if recipient.is_answered:
            raise ValidationError(_("This request has already been answered."))
        recipient.status = status
        recipient.price = price
        recipient.message = message.strip()
        recipient.answered_at = timezone.now()
        recipient.answered_by = user
        recipient.save(update_fields=["status", "price", "message", "answered_at", "answered_by"])
        log(
            recipient,
            "catalog.quote_answered",
            user=user,
            data={"status": status, "price": price, "quote_request": recipient.quote_request_id},
        )
        transaction.on_commit(lambda: deliver_quote_answer_to_buyer.enqueue(recipient.pk))
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
