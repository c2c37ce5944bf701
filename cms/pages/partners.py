"""Partners of the cluster: the index grouped by kind, and one page per partner."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from catalog.choices import Subregion

from ..blocks import BodyBlock
from .base import BrandPage


class PartnerIndexPage(BrandPage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.PartnerPage"]

    class Meta:
        verbose_name = _("partner index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = list(
            PartnerPage.objects.child_of(self)
            .live()
            .public()
            .select_related("logo")
            .prefetch_related("logo__renditions")
            .order_by("path")
        )
        context["partner_groups"] = [
            (label, [p for p in partners if p.kind == kind]) for kind, label in PartnerPage.Kind.choices
        ]
        return context


class PartnerPage(BrandPage):
    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Project and programme")
        COORDINATOR = "coordinator", _("Coordinator")
        OWES = "owes", _("Social economy support centre (OWES)")

    kind = models.CharField(_("kind of partner"), max_length=16, choices=Kind.choices, default=Kind.OWES)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    subregion = models.CharField(_("subregion"), max_length=32, choices=Subregion.choices, blank=True)
    area = models.CharField(_("area served"), max_length=255, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("short_name"), FieldPanel("subregion"), FieldPanel("area")],
            heading=_("Partner"),
        ),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("website"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("address"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.PartnerIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("partner page")
