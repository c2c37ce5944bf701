"""The hall plan of a fair and its stands, and what each confirmed exhibitor tells the public.

A stand's status (available, held, sold, blocked) is never stored: it is derived from the holds and the
confirmed applications (events.services.stands.stand_statuses); only "blocked" is a staff flag.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from config.core.languages import localised

from .fair import Fair, PricingRule, StandType


class FloorPlan(models.Model):
    """The plan of the hall (a sanitised SVG whose shapes carry ids) and the rules for choosing stands."""

    fair = models.OneToOneField(
        Fair, on_delete=models.CASCADE, related_name="floor_plan", verbose_name=_("fair")
    )
    # Stored already sanitised (events.floor_svg.sanitise_svg): it is inlined into public pages.
    svg = models.TextField(_("plan (SVG)"), blank=True)
    priority_until = models.DateTimeField(_("priority choice until"), null=True, blank=True)
    priority_eligibility = models.CharField(
        _("who chooses first"), max_length=20, choices=PricingRule.Eligibility.choices, blank=True
    )
    listing_deadline = models.DateTimeField(_("exhibitor listing deadline"), null=True, blank=True)
    logistics_deadline = models.DateTimeField(
        _("logistics deadline (power, table, access)"), null=True, blank=True
    )
    payment_deadline = models.DateTimeField(_("payment deadline"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("floor plan")
        verbose_name_plural = _("floor plans")

    def __str__(self) -> str:
        return f"{self.fair}"


class Stand(models.Model):
    """One place in the hall, linked to a shape of the plan by its id."""

    floor_plan = models.ForeignKey(FloorPlan, on_delete=models.CASCADE, related_name="stands")
    stand_type = models.ForeignKey(
        StandType, on_delete=models.PROTECT, related_name="stands", verbose_name=_("stand type")
    )
    number = models.CharField(_("stand number"), max_length=16)
    zone = models.CharField(_("zone"), max_length=60, blank=True)
    width_cm = models.PositiveIntegerField(_("width (cm)"), default=300)
    depth_cm = models.PositiveIntegerField(_("depth (cm)"), default=300)
    corner = models.BooleanField(_("corner stand"), default=False)
    power = models.BooleanField(_("power socket"), default=False)
    accessible = models.BooleanField(_("step-free access"), default=True)
    shape_id = models.CharField(_("shape id in the plan"), max_length=64, blank=True)
    # The shape's centre in plan units, read from the SVG when stands are mapped: "nearest free stand".
    x = models.FloatField(null=True, blank=True)
    y = models.FloatField(null=True, blank=True)
    blocked = models.BooleanField(_("blocked by staff"), default=False)

    class Meta:
        ordering = ["floor_plan", "number"]
        verbose_name = _("stand")
        verbose_name_plural = _("stands")
        constraints = [
            models.UniqueConstraint(fields=["floor_plan", "number"], name="stand_number_unique_per_plan"),
            models.UniqueConstraint(
                fields=["floor_plan", "shape_id"], condition=~models.Q(shape_id=""), name="stand_shape_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def size_label(self) -> str:
        return f"{self.width_cm / 100:g}×{self.depth_cm / 100:g} m"


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for staff review")
    APPROVED = "approved", _("Published")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")


class ExhibitorListing(models.Model):
    """What a confirmed exhibitor shows the public. The exhibitor edits the draft fields; staff approve
    a submitted draft, which copies it into `published` (the only thing public pages read)."""

    application = models.OneToOneField(
        "events.ExhibitorApplication", on_delete=models.CASCADE, related_name="listing"
    )
    exhibits = models.CharField(_("what you show"), max_length=300, blank=True)
    description = models.TextField(_("short description"), max_length=600, blank=True)
    description_en = models.TextField(_("short description in English"), max_length=600, blank=True)
    products = models.ManyToManyField(
        "catalog.Offer",
        blank=True,
        related_name="fair_listings",
        verbose_name=_("products from the catalogue"),
    )
    needs_power = models.BooleanField(_("needs power"), default=False)
    needs_table = models.BooleanField(_("needs a table"), default=False)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    logistics_confirmed_at = models.DateTimeField(_("logistics confirmed at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    review_note = models.CharField(_("staff note"), max_length=300, blank=True)
    published = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("exhibitor listing")
        verbose_name_plural = _("exhibitor listings")

    def __str__(self) -> str:
        return f"{self.application.organisation_name}"

    @property
    def public_description(self) -> str:
        return localised(self.published.get("description", ""), self.published.get("description_en", ""))


class FairReminder(models.Model):
    """A deadline reminder sent to an exhibitor, so the periodic job sends each one once."""

    application = models.ForeignKey(
        "events.ExhibitorApplication", on_delete=models.CASCADE, related_name="fair_reminders"
    )
    deadline = models.CharField(max_length=16)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "deadline"], name="fair_reminder_once")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.deadline}"
