"""Emails of the fair, enqueued after commit (invoices and refunds have their tasks beside their services)."""

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from django_tasks import task

from config.core.emails import send_email
from config.core.links import absolute_url

from .models import ExhibitorApplication, SessionRegistration

logger = logging.getLogger(__name__)

# Application emails that staff get a copy of, with what the subject adds.
STAFF_COPIES = {"received": "", "payment_review": gettext_lazy("the paid amount differs from the price")}


@task()
def send_application_email(application_id: int, kind: str) -> None:
    """One email per application event; the template events/email/<kind>.txt holds subject and body."""
    application = ExhibitorApplication.objects.select_related("fair", "stand_type").get(pk=application_id)
    with translation.override(application.language or settings.LANGUAGE_CODE):
        context = {
            "application": application,
            "fair": application.fair,
            "link": absolute_url(application.get_absolute_url()),
        }
        rendered = render_to_string(f"events/email/{kind}.txt", context).strip()
    subject, _, body = rendered.partition("\n")
    recipients = [application.contact_email]
    if kind in {"confirmed", "refunded"} and application.invoice_email not in recipients:
        recipients.append(application.invoice_email)
    send_email(subject.strip(), body.strip(), recipients)
    if kind in STAFF_COPIES and settings.STAFF_NOTIFICATION_EMAILS:
        with translation.override(settings.LANGUAGE_CODE):
            note = f" – {STAFF_COPIES[kind]}" if STAFF_COPIES[kind] else ""
        send_email(
            f"[PES] {application.fair.name}: {application.organisation_name}{note}",
            f"{application.stand_type.name}\n{absolute_url(f'/admin/targi/zgloszenie/{application.pk}/')}",
            settings.STAFF_NOTIFICATION_EMAILS,
        )


@task()
def send_session_email(registration_id: int, kind: str = "session_registration") -> None:
    """The sign-up's email of kind: "session_registration" (with the cancel link) or
    "session_place_offered" (a freed place to claim by the link, until the offer lapses)."""
    registration = SessionRegistration.objects.select_related("session__page").get(pk=registration_id)
    context = {
        "registration": registration,
        "session": registration.session,
        "cancel_link": absolute_url(reverse("events:session_cancel", args=[registration.token])),
        "claim_link": absolute_url(reverse("events:session_claim", args=[registration.token])),
    }
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        rendered = render_to_string(f"events/email/{kind}.txt", context).strip()
    subject, _, body = rendered.partition("\n")
    send_email(subject.strip(), body.strip(), [registration.email])
