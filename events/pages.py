"""Wagtail page types of events: the events index, an event page with its programme, partners,
session sign-up, an iCal download and JSON-LD.

One programme per event, whatever the language. The sessions (and their sign-ups) belong to the event
page in the default locale (Polish); a translation of it (same `translation_key`, e.g. the English page
made by simple_translation) shows and books those same sessions, with their English texts where an editor
gave them (`EventSession.title_en` and friends). A place taken in either language is therefore taken
once. Translations never hold sessions of their own:

- a translation copy (simple_translation's "Translate", `copy_for_translation`, an alias) is saved
  without the copied sessions (`EventPage.save`), so no second set of places appears;
- the edit form of a translation has no programme formset (`EventPageForm`), so editing it can neither
  add sessions nor touch the source's; the panel tells the editor where the programme is edited.

A page that exists only in another locale (no default-locale version) owns its programme as usual.

The page types serve visitors through the fair's services, which import the fair's models, so
events.models cannot import this module: EventsConfig.ready() registers these page types.
The sessions and sign-ups themselves are models of the programme (events/models/programme.py).
"""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page

from config.core.ratelimit import TOO_MANY_SUBMISSIONS, allow_submission

from . import services
from .forms import SessionSignupForm
from .ical import ical_for
from .models import EventSession


class AttendanceMode(models.TextChoices):
    """schema.org's eventAttendanceMode, as editors choose it."""

    OFFLINE = "offline", _("On site")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("Hybrid (on site and online)")


SCHEMA_ATTENDANCE = {
    AttendanceMode.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
}


class EventIndexPage(Page):
    """Upcoming events first (soonest first), then past ones (latest first)."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("events index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.child_of(self).live().public()
        now = timezone.now()
        context["upcoming"] = events.filter(ends_at__gte=now).order_by("starts_at")
        context["past"] = events.filter(ends_at__lt=now).order_by("-starts_at")
        return context


class EventPageForm(WagtailAdminPageForm):
    """The admin form of an event page; a translation's form has no programme (see the module docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.programme_page() != self.instance:
            self.formsets.pop("sessions", None)


class ProgrammePanel(InlinePanel):
    """The programme sessions, shown only where the form edits them (on the page that owns them)."""

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            form = kwargs.get("form")
            self.owns_programme = form is None or "sessions" in form.formsets
            if self.owns_programme:
                super().__init__(**kwargs)
            else:
                # InlinePanel's own set-up needs the formset the form left out; it is never rendered.
                super(InlinePanel.BoundPanel, self).__init__(**kwargs)

        def is_shown(self):
            return self.owns_programme and super().is_shown()


class TranslatedProgrammeHelp(HelpPanel):
    """Tells the editor of a translation that its programme is the source page's."""

    class BoundPanel(HelpPanel.BoundPanel):
        def is_shown(self):
            return self.form is not None and "sessions" not in self.form.formsets


class EventPage(RoutablePageMixin, Page):
    """An event (a fair, a workshop day, a conference) with dates in Europe/Warsaw and a programme."""

    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    intro = RichTextField(_("description"), blank=True)
    venue_name = models.CharField(_("venue"), max_length=255)
    venue_address = models.CharField(_("venue address"), max_length=255)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    fair = models.ForeignKey(
        "events.Fair",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pages",
        verbose_name=_("fair with stands"),
        help_text=_("Link a fair to show its stand offer and the list of exhibitors."),
    )
    # Visitors, series and online attendance (issue 19): see events/models/visitors.py.
    visitor_capacity = models.PositiveIntegerField(
        _("visitor tickets"),
        null=True,
        blank=True,
        help_text=_("Free tickets for visitors; leave empty when visitors need no registration."),
    )
    meetings_per_buyer = models.PositiveSmallIntegerField(
        _("meetings per buyer"), default=3, help_text=_("How many meetings with exhibitors a buyer may book.")
    )
    series = models.ForeignKey(
        "events.EventSeries",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pages",
        verbose_name=_("series"),
    )
    attendance_mode = models.CharField(
        _("attendance"), max_length=8, choices=AttendanceMode.choices, default=AttendanceMode.OFFLINE
    )
    meeting_link = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Shown only to people with a confirmed ticket."),
    )
    materials = RichTextField(
        _("materials and recordings"),
        blank=True,
        help_text=_("Added after the event: presentations, documents and recordings."),
    )
    co_funding_notice = models.CharField(
        _("co-funding notice"),
        max_length=255,
        blank=True,
        default="Co-funded by the European Union (Interreg)",
        help_text=_("Leave empty when the event is not co-funded."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("When")),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("intro"),
        FieldPanel("fair"),
        MultiFieldPanel(
            [
                FieldPanel("visitor_capacity"),
                FieldPanel("meetings_per_buyer"),
                FieldPanel("series"),
                FieldPanel("attendance_mode"),
                FieldPanel("meeting_link"),
                FieldPanel("materials"),
            ],
            heading=_("Visitors, series and online attendance"),
        ),
        ProgrammePanel("sessions", label=_("Programme")),
        TranslatedProgrammeHelp(
            heading=_("Programme"),
            content=_(
                "This page is a translation: it shows and books the sessions of the Polish page. Edit the "
                "programme there, including the English titles and descriptions of the sessions."
            ),
        ),
        InlinePanel("partners", label=_("Partners")),
        FieldPanel("co_funding_notice"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []
    base_form_class = EventPageForm

    class Meta:
        verbose_name = _("event")

    def programme_page(self) -> "EventPage":
        """The page whose sessions this page shows and books: its default-locale version, else itself."""
        if not hasattr(self, "_programme_page"):
            owner = self
            default = Locale.get_default()
            if self.locale_id != default.pk and self.translation_key:
                source = (
                    EventPage.objects.filter(translation_key=self.translation_key, locale=default)
                    .exclude(pk=self.pk)
                    .first()
                )
                owner = source or self
            self._programme_page = owner
        return self._programme_page

    def programme_sessions(self):
        """The sessions of this event in programme order, the same rows in every language."""
        owner = self.programme_page()
        return EventSession.objects.filter(page_id=owner.pk).order_by("sort_order", "pk")

    def save(self, *args, **kwargs):
        # A new translation is a copy of the source page with copies of its sessions: drop them, so the
        # places are never split between languages (see the module docstring).
        if self._state.adding and self.programme_page() is not self:
            self.sessions = []
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The event cannot end before it starts.")})

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sessions = list(self.programme_sessions())
        base = self.get_url(request) or self.url or ""
        for session in sessions:
            session.places_left = services.session_places_left(session) if session.requires_signup else None
            session.signup_url = base + self.reverse_subpage("session_signup", args=[session.pk])
        context.update(
            {
                "sessions": sessions,
                "ical_url": base + self.reverse_subpage("ical"),
                "partners": self.partners.all(),
                "json_ld": self.json_ld(request),
                "map_tile_url": settings.MAP_TILE_URL,
                "map_attribution": settings.MAP_TILE_ATTRIBUTION,
            }
        )
        if self.fair_id:
            context["exhibitors"] = services.public_exhibitors(self.fair)
        return context

    def json_ld(self, request=None) -> str:
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "inLanguage": self.locale.language_code,
            "startDate": timezone.localtime(self.starts_at).isoformat(),
            "endDate": timezone.localtime(self.ends_at).isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": SCHEMA_ATTENDANCE[self.attendance_mode],
            "location": {
                "@type": "Place",
                "name": self.venue_name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": self.venue_address,
                    "addressCountry": "PL",
                },
            },
            "organizer": {"@type": "Organization", "name": "Pomorska Ekonomia Społeczna"},
        }
        place = data["location"]
        if self.latitude is not None and self.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": self.latitude,
                "longitude": self.longitude,
            }
        # The meeting link itself is for ticket holders only: the public data names no URL.
        online = {"@type": "VirtualLocation", "name": str(_("Online meeting"))}
        if self.attendance_mode == AttendanceMode.ONLINE:
            data["location"] = online
        elif self.attendance_mode == AttendanceMode.MIXED:
            data["location"] = [place, online]
        if self.series_id:
            data["superEvent"] = {"@type": "EventSeries", "name": self.series.localized_name}
        if request is not None:
            data["url"] = self.get_full_url(request)
        if self.search_description:
            data["description"] = self.search_description
        text = json.dumps(data, ensure_ascii=False)
        # Safe inside <script>: no tag can be closed from the data.
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return mark_safe(text)  # noqa: S308 - escaped above

    @path("kalendarz/", name="ical")
    def ical(self, request):
        response = HttpResponse(ical_for(self, request), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response

    @path("zapisy/<int:session_id>/", name="session_signup")
    def session_signup(self, request, session_id):
        session = self.programme_sessions().filter(pk=session_id, requires_signup=True).first()
        if session is None:
            return HttpResponseRedirect(self.url)
        form = SessionSignupForm(request.POST or None)
        if request.method == "POST" and form.is_valid() and not allow_submission("session_signup", request):
            form.add_error(None, TOO_MANY_SUBMISSIONS)
        elif request.method == "POST" and form.is_valid():
            try:
                registration = services.register_for_session(
                    session, name=form.cleaned_data["name"], email=form.cleaned_data["email"]
                )
            except services.FairError as error:
                form.add_error(None, error.message)
            else:
                return TemplateResponse(
                    request,
                    "events/session_signup_done.html",
                    {"page": self, "session": session, "registration": registration},
                )
        return TemplateResponse(
            request, "events/session_signup.html", {"page": self, "session": session, "form": form}
        )


class EventPartner(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("logo")]

    def __str__(self) -> str:
        return self.name
