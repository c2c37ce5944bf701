"""The fair and what it sells: stand types, add-ons and the discounts staff configure."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.core.languages import localised

from ..money import gross_from_net


class Fair(models.Model):
    """A social-entrepreneurship fair (targi ekonomii społecznej) with stands to sell."""

    slug = models.SlugField(_("identifier"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue_name = models.CharField(_("venue"), max_length=255)
    venue_address = models.CharField(_("venue address"), max_length=255)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    applications_open = models.BooleanField(_("applications open"), default=True)
    requires_approval = models.BooleanField(_("applications need staff approval"), default=True)
    application_deadline = models.DateTimeField(_("application deadline"), null=True, blank=True)
    cancellation_deadline = models.DateTimeField(_("cancellation deadline"), null=True, blank=True)
    cancellation_refund_percent = models.PositiveSmallIntegerField(
        _("refund on cancellation before the deadline (%)"), default=100
    )
    bank_account = models.CharField(
        _("bank account for transfers"),
        max_length=64,
        blank=True,
        default="PL61 1090 1014 0000 0712 1981 2874",
    )
    transfer_days = models.PositiveSmallIntegerField(
        _("days to pay by bank transfer (the stand is held meanwhile)"), default=7
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("fair")
        verbose_name_plural = _("fairs")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:fair", kwargs={"slug": self.slug})

    @property
    def local_name(self) -> str:
        return localised(self.name, self.name_en)

    def accepts_applications(self, now=None) -> bool:
        now = now or timezone.now()
        if not self.applications_open:
            return False
        return self.application_deadline is None or now <= self.application_deadline

    def allows_cancellation(self, now=None) -> bool:
        now = now or timezone.now()
        return self.cancellation_deadline is None or now <= self.cancellation_deadline


class StandType(models.Model):
    """A kind of stand with a limited number of places, priced net in grosze with a VAT rate."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="stand_types", verbose_name=_("fair")
    )
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    capacity = models.PositiveIntegerField(_("number of stands"))
    price_net = models.PositiveIntegerField(_("net price (grosze)"))
    vat_rate = models.PositiveSmallIntegerField(_("VAT rate (%)"), default=23)
    sort_order = models.PositiveSmallIntegerField(default=0)
    stand_numbers = models.TextField(
        _("stand numbers"),
        blank=True,
        help_text=_("Comma-separated list staff assign from, e.g. A1, A2, A3."),
    )

    class Meta:
        ordering = ["fair", "sort_order", "name"]
        verbose_name = _("stand type")
        verbose_name_plural = _("stand types")

    def __str__(self) -> str:
        return f"{self.name} ({self.fair})"

    @property
    def local_name(self) -> str:
        return localised(self.name, self.name_en)

    @property
    def local_description(self) -> str:
        return localised(self.description, self.description_en)

    @property
    def price_gross(self) -> int:
        return gross_from_net(self.price_net, self.vat_rate)

    @property
    def stand_number_list(self) -> list[str]:
        return [n.strip() for n in self.stand_numbers.split(",") if n.strip()]


class StandAddon(models.Model):
    """An extra ordered with a stand (electricity, an extra table, an extra badge)."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="addons", verbose_name=_("fair"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    price_net = models.PositiveIntegerField(_("net price (grosze)"))
    vat_rate = models.PositiveSmallIntegerField(_("VAT rate (%)"), default=23)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["fair", "sort_order", "name"]
        verbose_name = _("stand add-on")
        verbose_name_plural = _("stand add-ons")
        constraints = [models.UniqueConstraint(fields=["fair", "code"], name="addon_code_unique_per_fair")]

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        return localised(self.name, self.name_en)

    @property
    def price_gross(self) -> int:
        return gross_from_net(self.price_net, self.vat_rate)


class PricingRule(models.Model):
    """A staff-configured price for eligible exhibitors: free or a percentage off a stand type.

    Eligibility is read from the linked catalogue profile (membership and PS status are verified data),
    never from what the applicant declares.
    """

    class Eligibility(models.TextChoices):
        ACTIVE_MEMBER = "active_member", _("Active cluster member")
        PS_STATUS = "ps_status", _("Entity with the social enterprise (PS) status")

    stand_type = models.ForeignKey(
        StandType, on_delete=models.CASCADE, related_name="pricing_rules", verbose_name=_("stand type")
    )
    eligibility = models.CharField(_("who is eligible"), max_length=20, choices=Eligibility.choices)
    discount_percent = models.PositiveSmallIntegerField(
        _("discount (%)"), help_text=_("100 means the stand is free.")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("pricing rule")
        verbose_name_plural = _("pricing rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(discount_percent__lte=100), name="pricing_rule_discount_lte_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stand_type.name}: {self.get_eligibility_display()} −{self.discount_percent}%"
