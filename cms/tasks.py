"""Emails of the brand site, sent by django-tasks after the workflow's transaction commits."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from catalog.models import Organisation
from config.core.emails import render_subject, send_email
from config.core.links import absolute_url

from .records import ContactMessage, LetterOfIntentSignature, MembershipConflict


@task()
def notify_staff_of_membership_application(
    organisation_id: int, contact_person: str, contact_email: str
) -> None:
    organisation = Organisation.objects.get(pk=organisation_id)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "organisation": organisation,
            "contact_person": contact_person,
            "contact_email": contact_email,
            "admin_url": absolute_url("/admin/"),
        }
        send_email(
            render_subject("cms/email/membership_application_subject.txt", context),
            render_to_string("cms/email/membership_application.txt", context),
            settings.STAFF_NOTIFICATION_EMAILS,
        )


@task()
def send_signature_confirmation_link(signature_id: int, confirm_path: str) -> None:
    signature = LetterOfIntentSignature.objects.get(pk=signature_id)
    with translation.override(signature.language):
        context = {"signature": signature, "confirm_url": absolute_url(confirm_path)}
        send_email(
            render_subject("cms/email/signature_confirmation_subject.txt", context),
            render_to_string("cms/email/signature_confirmation.txt", context),
            [signature.email],
        )


@task()
def notify_staff_of_contact_message(message_id: int) -> None:
    message = ContactMessage.objects.get(pk=message_id)
    with translation.override(settings.LANGUAGE_CODE):
        context = {"message": message}
        send_email(
            render_subject("cms/email/contact_message_subject.txt", context),
            render_to_string("cms/email/contact_message.txt", context),
            settings.STAFF_NOTIFICATION_EMAILS,
        )


@task()
def notify_staff_of_membership_conflict(conflict_id: int) -> None:
    conflict = MembershipConflict.objects.get(pk=conflict_id)
    holder = Organisation.objects.filter(nip=conflict.nip).first()
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "conflict": conflict,
            "holder": holder,
            "admin_url": absolute_url(f"/admin/cms/nip-conflicts/inspect/{conflict.pk}/"),
        }
        send_email(
            render_subject("cms/email/membership_conflict_subject.txt", context),
            render_to_string("cms/email/membership_conflict.txt", context),
            settings.STAFF_NOTIFICATION_EMAILS,
        )
