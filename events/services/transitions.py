"""State changes of applications and payments, each written to Wagtail's audit log, and the emails
that tell the applicant about them (queued to run after the transaction commits)."""

from django.db import transaction
from wagtail.log_actions import log

from .. import tasks
from ..models import ExhibitorApplication, Payment


def audit(instance, action: str, user=None, **data) -> None:
    log(instance=instance, action=action, user=user, data={k: str(v) for k, v in data.items()})


def set_application_status(application: ExhibitorApplication, status: str, user=None, **data) -> None:
    previous = application.status
    application.status = status
    application.save()
    audit(application, f"events.application.{status}", user, previous=previous, **data)


def set_payment_status(payment: Payment, status: str, user=None, **data) -> None:
    previous = payment.status
    payment.status = status
    payment.save()
    audit(
        payment.application, f"events.payment.{status}", user, payment=payment.pk, previous=previous, **data
    )


def email_applicant(application: ExhibitorApplication, kind: str) -> None:
    """Queue the email of kind (the template events/email/<kind>.txt) once the transaction commits."""
    transaction.on_commit(lambda: tasks.send_application_email.enqueue(application.pk, kind))
