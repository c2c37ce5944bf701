"""The programme of an event page: its sessions and visitors' free sign-ups for them.

The sessions belong to the default-locale event page and serve its translations too (see events/pages.py),
so a place taken in either language is taken once.
"""

import uuid

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable


def is_english() -> bool:
    return (get_language() or "pl").startswith("en")


class EventSession(Orderable):
    """One item of the programme: a workshop or a talk, with its time, room and speakers.

    It belongs to the default-locale event page and serves its translations too; the `_en` fields are
    its English text, shown in English with the Polish text as the fallback (`localized_title` etc.).
    """

    class Kind(models.TextChoices):
        TALK = "talk", _("Talk")
        WORKSHOP = "workshop", _("Workshop")
        PANEL = "panel", _("Panel discussion")
        OTHER = "other", _("Other")

    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.TALK)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    speakers = models.CharField(_("speakers"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    room_en = models.CharField(_("room (English)"), max_length=120, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    requires_signup = models.BooleanField(_("sign-up required"), default=False)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("room"),
        FieldPanel("speakers"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("room_en"), FieldPanel("description_en")],
            heading=_("English version"),
            help_text=_("Shown on the English page; where empty, the Polish text is shown."),
        ),
        FieldPanel("requires_signup"),
        FieldPanel("capacity"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("programme session")

    def __str__(self) -> str:
        return self.title

    @property
    def localized_title(self) -> str:
        return (is_english() and self.title_en) or self.title

    @property
    def localized_room(self) -> str:
        return (is_english() and self.room_en) or self.room

    @property
    def localized_description(self) -> str:
        return (is_english() and self.description_en) or self.description


class SessionRegistration(models.Model):
    """A visitor's free sign-up for a session; beyond capacity it waits on the list.

    A cancelled sign-up frees its place: the first person waiting is offered it until `offer_expires_at`
    (a place held for them) and claims it by the link in the email (events/services/sessions.py).
    """

    session = models.ForeignKey(EventSession, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("email"))
    waitlisted = models.BooleanField(_("on the waiting list"), default=False)
    # The language of the page the visitor signed up on: the confirmation is written in it.
    language = models.CharField(_("language"), max_length=8, default="pl")
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    offer_expires_at = models.DateTimeField(_("place offered until"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("session registration")
        constraints = [
            models.UniqueConstraint(fields=["session", "email"], name="one_registration_per_email")
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.session}"
