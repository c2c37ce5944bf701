"""Visitors of an event: free tickets with a capacity, double opt-in, a waiting list that moves, and
check-in on the day; and the series an event page can belong to (the grant's workshop cycles).

Tickets belong to the default-locale event page (like the programme, see events/pages.py), so a place
taken in either language is taken once. The workflows live in events/services/visitors.py.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .programme import is_english

# Typed at the check-in desk when the camera cannot read the QR code: no 0/O, 1/I/L to confuse.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_ticket_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


class ParticipantType(models.TextChoices):
    COMPANY = "company", _("Company")
    PUBLIC_BODY = "public_body", _("Public body")
    NGO = "ngo", _("NGO")
    RESIDENT = "resident", _("Resident")
    ACADEMIA = "academia", _("Academia")


class Sector(models.TextChoices):
    """The sectors the grant programme reports attendance by."""

    PUBLIC = "public", _("Public sector")
    PRIVATE = "private", _("Private sector")
    SOCIAL_ECONOMY = "social_economy", _("Social economy")
    NGO = "ngo", _("Non-governmental organisations")
    ACADEMIA = "academia", _("Academia")


class EventSeries(models.Model):
    """A cycle of events reported together, e.g. the four workshops of the 2025 plan."""

    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    funding_marks = models.CharField(
        _("funding marks"),
        max_length=255,
        blank=True,
        default="Co-funded by the European Union (Interreg)",
        help_text=_("Printed on the attendance reports of the series."),
    )

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("funding_marks")]

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        return (is_english() and self.name_en) or self.name


class TicketStatus(models.TextChoices):
    # Registered, email not yet confirmed: holds a place until `hold_until`.
    PENDING = "pending", _("Awaiting email confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    # Beyond capacity; offered a place in turn once the email is confirmed.
    WAITLISTED = "waitlisted", _("On the waiting list")
    # A place came free for this person: theirs to claim until `hold_until`.
    OFFERED = "offered", _("Place offered")
    CANCELLED = "cancelled", _("Cancelled")


class BadgeRole(models.TextChoices):
    VISITOR = "visitor", _("Visitor")
    EXHIBITOR = "exhibitor", _("Exhibitor")
    SPEAKER = "speaker", _("Speaker")
    ORGANISER = "organiser", _("Organiser")


class VisitorTicket(models.Model):
    """One person's free ticket for an event page; its QR code carries `code`."""

    page = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="tickets")
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("ticket code"), max_length=12, unique=True, default=new_ticket_code)
    status = models.CharField(
        _("status"), max_length=16, choices=TicketStatus.choices, default=TicketStatus.PENDING
    )
    role = models.CharField(_("role"), max_length=16, choices=BadgeRole.choices, default=BadgeRole.VISITOR)
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("email"))
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    participant_type = models.CharField(_("participant type"), max_length=16, choices=ParticipantType.choices)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    # An exhibitor's staff member gets a ticket (and badge) through the application.
    application = models.ForeignKey(
        "events.ExhibitorApplication", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8, default="pl")
    consent_at = models.DateTimeField(_("consent given at"))
    email_confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    hold_until = models.DateTimeField(_("place held until"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # An exhibitor's further stand staff have no address of their own: their tickets carry the
    # application's contact email, so the one-ticket-per-email rule does not apply to them.
    staff_member = models.OneToOneField(
        "events.StandStaffMember", null=True, blank=True, on_delete=models.CASCADE, related_name="ticket"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("visitor ticket")
        verbose_name_plural = _("visitor tickets")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "email"],
                condition=~models.Q(status="cancelled") & models.Q(staff_member__isnull=True),
                name="one_live_ticket_per_email",
            )
        ]
        indexes = [models.Index(fields=["page", "status"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_buyer(self) -> bool:
        """Companies and public bodies book meetings with suppliers at the fair."""
        return self.participant_type in {ParticipantType.COMPANY, ParticipantType.PUBLIC_BODY}


class StandStaffMember(models.Model):
    """A person working at an exhibitor's stand, named by the exhibitor for a badge (up to a limit,
    until a few days before the fair; events/services/stand_staff.py)."""

    application = models.ForeignKey(
        "events.ExhibitorApplication", on_delete=models.CASCADE, related_name="stand_staff"
    )
    name = models.CharField(_("name"), max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("stand staff member")
        verbose_name_plural = _("stand staff")

    def __str__(self) -> str:
        return self.name
