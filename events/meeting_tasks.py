"""The schedule emails of buyer–supplier meetings, with an .ics of each side's meetings attached."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from config.core.emails import send_email
from config.core.links import absolute_url

from .ical import meetings_ical
from .models import MeetingSlot


@task()
def send_meeting_emails(slot_id: int, kind: str) -> None:
    """Tell the buyer and the exhibitor about a booking; each gets their whole schedule as .ics."""
    slot = MeetingSlot.objects.select_related("application__fair", "ticket__page").get(pk=slot_id)
    ticket, application = slot.ticket, slot.application
    if ticket is None:
        return  # cancelled before the task ran
    for for_buyer, language, recipient, slots, link in (
        (
            True,
            ticket.language,
            ticket.email,
            ticket.meetings.select_related("application").order_by("starts_at"),
            absolute_url(reverse("events:ticket", args=[ticket.token])),
        ),
        (
            False,
            application.language,
            application.contact_email,
            application.meeting_slots.filter(ticket__isnull=False)
            .select_related("ticket")
            .order_by("starts_at"),
            absolute_url(reverse("events:exhibitor_meetings", args=[application.access_token])),
        ),
    ):
        with translation.override(language or settings.LANGUAGE_CODE):
            slots = list(slots)
            context = {"slots": slots, "link": link, "fair": application.fair, "for_buyer": for_buyer}
            rendered = render_to_string(f"events/email/{kind}.txt", context).strip()
            calendar = meetings_ical(slots, for_buyer=for_buyer)
        subject, _, body = rendered.partition("\n")
        send_email(
            subject.strip(),
            body.strip(),
            [recipient],
            attachments=[("spotkania.ics", calendar.encode(), "text/calendar")],
        )


@task()
def send_follow_up_questions(slot_id: int) -> None:
    """Ask the buyer and the exhibitor, each by their own link, whether a quote or a deal followed."""
    slot = MeetingSlot.objects.select_related("application__fair", "ticket").get(pk=slot_id)
    ticket, application = slot.ticket, slot.application
    if ticket is None:
        return
    for language, recipient, token, other in (
        (ticket.language, ticket.email, slot.buyer_follow_up_token, application.organisation_name),
        (
            application.language,
            application.contact_email,
            slot.exhibitor_follow_up_token,
            ticket.organisation or ticket.name,
        ),
    ):
        with translation.override(language or settings.LANGUAGE_CODE):
            context = {
                "slot": slot,
                "fair": application.fair,
                "other": other,
                "link": absolute_url(reverse("events:meeting_follow_up", args=[token])),
            }
            rendered = render_to_string("events/email/meeting_follow_up.txt", context).strip()
        subject, _, body = rendered.partition("\n")
        send_email(subject.strip(), body.strip(), [recipient])
