"""The home page: hero, live figures of the catalogue beside the sector's, offers, events and news."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from catalog.impact import compute_impact_figures

from ..blocks import BodyBlock, FigureBlock
from ..queries import featured_offers, latest_news, upcoming_events
from .base import BrandPage


class HomePage(BrandPage):
    hero_title = models.CharField(_("hero title"), max_length=255, default="Pomorska Ekonomia Społeczna")
    hero_lead = models.TextField(_("hero lead"), blank=True)
    sector_figures = StreamField([("figure", FigureBlock())], blank=True, verbose_name=_("sector figures"))
    sector_figures_source = models.CharField(_("source of the sector figures"), max_length=255, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_lead"),
        MultiFieldPanel(
            [FieldPanel("sector_figures"), FieldPanel("sector_figures_source")], heading=_("Sector figures")
        ),
        FieldPanel("body"),
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["impact"] = compute_impact_figures()
        context["featured_offers"] = featured_offers()
        context["upcoming_events"] = upcoming_events(locale_id=self.locale_id)
        context["latest_news"] = latest_news(self.locale_id)
        return context
