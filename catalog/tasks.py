"""Emails of the quote requests, sent by django-tasks after the workflow's transaction commits.

Every email has a delivery timestamp on its row (null = not delivered). A task locks the row, sends,
and stamps it, so running a task twice never sends twice. When sending fails the row stays unstamped,
the failure is recorded, and the task is enqueued again later (when the backend can defer); whatever
is still unstamped after that is picked up by `manage.py retry_quote_emails`. Nothing is lost.
"""

import logging
from datetime import timedelta

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from config.core.emails import Email, render_subject, send_email
from config.core.links import absolute_url

from .choices import QuoteAnswerStatus
from .models import Offer, Organisation, QuoteRecipient, QuoteRequest

logger = logging.getLogger(__name__)

# Backoff between attempts, in seconds; after the last one the retry command takes over.
RETRY_DELAYS = (60, 300, 1800, 7200)


def supplier_addresses(organisation) -> list[str]:
    addresses = [organisation.email] if organisation.email else []
    for email in organisation.members.exclude(email="").values_list("email", flat=True):
        if email not in addresses:
            addresses.append(email)
    return addresses


def _schedule_retry(task_function, pk: int, attempt: int) -> None:
    if attempt > len(RETRY_DELAYS):
        return
    backend = task_function.get_backend()
    if not backend.supports_defer:
        return
    delay = timedelta(seconds=RETRY_DELAYS[attempt - 1])
    task_function.using(run_after=timezone.now() + delay).enqueue(pk, attempt + 1)


def _record_failure(row, error: Exception) -> None:
    if hasattr(row, "email_attempts"):
        row.email_attempts += 1
        row.last_email_error = f"{type(error).__name__}: {error}"[:2000]
        row.save(update_fields=["email_attempts", "last_email_error"])


def _deliver(model, pk: int, sent_field: str, build_message, task_function, attempt: int) -> bool:
    """Send one tracked email once. Returns False when it had already been delivered."""
    with transaction.atomic():
        row = model.objects.select_for_update().get(pk=pk)
        if getattr(row, sent_field) is not None:
            return False
        message = build_message(row)
        if message is None:
            return False
        try:
            send_email(**message)
        except Exception as error:
            # The error's class only: SMTP errors echo the refused addresses (the full text is on the row).
            logger.warning(
                "Sending %s of %s #%s failed (attempt %s): %s",
                sent_field,
                model.__name__,
                pk,
                attempt,
                type(error).__name__,
            )
            _record_failure(row, error)
            transaction.on_commit(lambda: _schedule_retry(task_function, pk, attempt))
            failed = error
        else:
            setattr(row, sent_field, timezone.now())
            row.save(update_fields=[sent_field])
            return True
    # Leaving the block committed the recorded failure; raising marks the task result as failed.
    raise failed


def _message(
    subject_template: str, body_template: str, context: dict, to: list[str], reply_to: list[str] | None = None
) -> Email:
    subject = render_subject(subject_template, context)
    body = render_to_string(body_template, context)
    return Email(subject=subject, body=body, to=to, reply_to=reply_to)


def _supplier_message(recipient):
    addresses = supplier_addresses(recipient.organisation)
    if not addresses:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "recipient": recipient,
            "quote_request": recipient.quote_request,
            "offers": list(recipient.offers.all()),
            "answer_url": absolute_url(reverse("catalog:portal_quote", kwargs={"pk": recipient.pk})),
        }
        return _message(
            "catalog/email/quote_request_supplier_subject.txt",
            "catalog/email/quote_request_supplier.txt",
            context,
            addresses,
        )


def _answer_message(recipient):
    quote_request = recipient.quote_request
    with translation.override(quote_request.language):
        context = {
            "recipient": recipient,
            "quote_request": quote_request,
            "private_url": absolute_url(quote_request.get_absolute_url()),
        }
        reply_to = [recipient.organisation.email] if recipient.organisation.email else None
        return _message(
            "catalog/email/quote_answer_subject.txt",
            "catalog/email/quote_answer.txt",
            context,
            [quote_request.buyer_email],
            reply_to=reply_to,
        )


def _receipt_message(quote_request):
    with translation.override(quote_request.language):
        context = {
            "quote_request": quote_request,
            "recipients": list(quote_request.recipients.select_related("organisation")),
            "private_url": absolute_url(quote_request.get_absolute_url()),
        }
        return _message(
            "catalog/email/quote_receipt_subject.txt",
            "catalog/email/quote_receipt.txt",
            context,
            [quote_request.buyer_email],
        )


@task()
def deliver_quote_request_to_supplier(recipient_id: int, attempt: int = 1) -> bool:
    """Email a supplier (its address and its portal users) about a new quote request. Idempotent."""
    return _deliver(
        QuoteRecipient,
        recipient_id,
        "supplier_notified_at",
        _supplier_message,
        deliver_quote_request_to_supplier,
        attempt,
    )


@task()
def deliver_quote_answer_to_buyer(recipient_id: int, attempt: int = 1) -> bool:
    """Email the buyer one supplier's answer with the private link to all answers. Idempotent."""
    return _deliver(
        QuoteRecipient,
        recipient_id,
        "buyer_notified_at",
        _answer_message,
        deliver_quote_answer_to_buyer,
        attempt,
    )


@task()
def deliver_quote_receipt(quote_request_id: int, attempt: int = 1) -> bool:
    """Email the buyer a receipt with the private link where the answers will appear. Idempotent."""
    return _deliver(
        QuoteRequest, quote_request_id, "receipt_sent_at", _receipt_message, deliver_quote_receipt, attempt
    )


@task()
def send_member_invitation(user_id: int, organisation_id: int) -> None:
    """Email a portal invitation with a one-time link to set the password (allauth's reset key)."""
    user = get_user_model().objects.get(pk=user_id)
    organisation = Organisation.objects.get(pk=organisation_id)
    key = default_token_generator.make_token(user)
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": key})
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "organisation": organisation,
            "set_password_url": absolute_url(path),
            "portal_url": absolute_url(reverse("catalog:portal")),
        }
        send_email(
            **_message(
                "catalog/email/member_invitation_subject.txt",
                "catalog/email/member_invitation.txt",
                context,
                [user.email],
            )
        )


@task()
def notify_members_of_moderation(offer_id: int) -> None:
    """Tell an organisation's portal users the staff decision on their offer."""
    offer = Offer.objects.select_related("organisation").get(pk=offer_id)
    addresses = list(offer.organisation.members.exclude(email="").values_list("email", flat=True))
    if not addresses:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"offer": offer, "portal_url": absolute_url(reverse("catalog:portal"))}
        send_email(
            **_message(
                "catalog/email/moderation_decision_subject.txt",
                "catalog/email/moderation_decision.txt",
                context,
                addresses,
            )
        )


def _reminder_message(recipient):
    if recipient.is_answered:
        return None
    message = _supplier_message(recipient)
    if message is not None:
        with translation.override(settings.LANGUAGE_CODE):
            message["subject"] = render_subject(
                "catalog/email/quote_reminder_subject.txt",
                {"quote_request": recipient.quote_request, "recipient": recipient},
            )
    return message


def _closing_message(quote_request):
    recipients = list(quote_request.recipients.select_related("organisation"))
    waiting = [r for r in recipients if r.status == QuoteAnswerStatus.PENDING]
    if waiting and quote_request.answers_due_on >= timezone.localdate():
        return None  # neither all answered nor past the date: nothing to tell yet
    with translation.override(quote_request.language):
        context = {
            "quote_request": quote_request,
            "recipients": recipients,
            "waiting": waiting,
            "private_url": absolute_url(quote_request.get_absolute_url()),
        }
        return _message(
            "catalog/email/quote_closing_subject.txt",
            "catalog/email/quote_closing.txt",
            context,
            [quote_request.buyer_email],
        )


@task()
def deliver_quote_reminder(recipient_id: int, attempt: int = 1) -> bool:
    """Remind a supplier that has not answered, once, before the buyer's answer date. Idempotent."""
    return _deliver(
        QuoteRecipient, recipient_id, "reminded_at", _reminder_message, deliver_quote_reminder, attempt
    )


@task()
def deliver_quote_closing_notice(quote_request_id: int, attempt: int = 1) -> bool:
    """Tell the buyer, once, that every supplier answered or that the answer date passed. Idempotent."""
    return _deliver(
        QuoteRequest,
        quote_request_id,
        "buyer_closing_notice_at",
        _closing_message,
        deliver_quote_closing_notice,
        attempt,
    )
