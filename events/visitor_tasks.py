"""Emails of visitors' tickets, enqueued after commit by events/services/visitors.py."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from config.core.emails import send_email
from config.core.links import absolute_url

from .models import VisitorTicket
from .tickets_pdf import qr_payload, qr_png, render_ticket

KINDS = {"ticket_confirm", "ticket", "ticket_offer", "ticket_cancelled"}


@task()
def send_ticket_email(ticket_id: int, kind: str) -> None:
    """One email per ticket event (template events/email/<kind>.txt: subject line, then body). The
    ticket itself carries its QR code as a PNG and the PDF ticket as attachments."""
    if kind not in KINDS:
        raise ValueError(kind)
    ticket = VisitorTicket.objects.select_related("page").get(pk=ticket_id)
    with translation.override(ticket.language or settings.LANGUAGE_CODE):
        context = {
            "ticket": ticket,
            "page": ticket.page,
            "link": absolute_url(reverse("events:ticket", args=[ticket.token])),
        }
        rendered = render_to_string(f"events/email/{kind}.txt", context).strip()
        attachments = []
        if kind == "ticket":
            attachments = [
                (f"bilet-{ticket.code}.pdf", render_ticket(ticket), "application/pdf"),
                (f"kod-{ticket.code}.png", qr_png(qr_payload(ticket)), "image/png"),
            ]
    subject, _, body = rendered.partition("\n")
    send_email(subject.strip(), body.strip(), [ticket.email], attachments=attachments)
