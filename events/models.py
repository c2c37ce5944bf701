"""Fair state: fairs and their stand types. Applications and payments are added by the fair workflow."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .money import gross_from_net


class Fair(models.Model):
    """A social-entrepreneurship fair (targi ekonomii społecznej) with stands to sell."""

    slug = models.SlugField(_("identifier"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=255)
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

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("fair")
        verbose_name_plural = _("fairs")

    def __str__(self) -> str:
        return self.name


class StandType(models.Model):
    """A kind of stand with a limited number of places, priced net in grosze with a VAT rate."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="stand_types", verbose_name=_("fair")
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(_("number of stands"))
    price_net = models.PositiveIntegerField(_("net price (grosze)"))
    vat_rate = models.PositiveSmallIntegerField(_("VAT rate (%)"), default=23)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["fair", "sort_order", "name"]
        verbose_name = _("stand type")
        verbose_name_plural = _("stand types")

    def __str__(self) -> str:
        return f"{self.name} ({self.fair})"

    @property
    def price_gross(self) -> int:
        return gross_from_net(self.price_net, self.vat_rate)
