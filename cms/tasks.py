"""Emails of the brand site, sent by django-tasks after the workflow's transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@task()
def notify_staff_of_membership_application(organisation_id: int, contact_person: str, contact_email: str):
    from catalog.models import Organisation

    organisation = Organisation.objects.get(pk=organisation_id)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "organisation": organisation,
            "contact_person": contact_person,
            "contact_email": contact_email,
            "admin_url": _absolute("/admin/"),
        }
        send_mail(
            subject=render_to_string("cms/email/membership_application_subject.txt", context).strip(),
            message=render_to_string("cms/email/membership_application.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=settings.STAFF_NOTIFICATION_EMAILS,
        )


@task()
def send_signature_confirmation_link(signature_id: int, confirm_path: str):
    from .models import LetterOfIntentSignature

    signature = LetterOfIntentSignature.objects.get(pk=signature_id)
    with translation.override(signature.language):
        context = {"signature": signature, "confirm_url": _absolute(confirm_path)}
        send_mail(
            subject=render_to_string("cms/email/signature_confirmation_subject.txt", context).strip(),
            message=render_to_string("cms/email/signature_confirmation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[signature.email],
        )


@task()
def notify_staff_of_contact_message(message_id: int):
    from .models import ContactMessage

    message = ContactMessage.objects.get(pk=message_id)
    with translation.override(settings.LANGUAGE_CODE):
        context = {"message": message}
        send_mail(
            subject=render_to_string("cms/email/contact_message_subject.txt", context).strip(),
            message=render_to_string("cms/email/contact_message.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=settings.STAFF_NOTIFICATION_EMAILS,
            fail_silently=False,
        )
