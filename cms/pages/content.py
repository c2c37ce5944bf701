"""Pages of plain editorial content: the standard page and the cluster model page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BodyBlock, DimensionBlock
from .base import BrandPage


class StandardPage(BrandPage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class ClusterModelPage(BrandPage):
    """The CSEI cluster model of the RESIST project: eight dimensions, each with the cluster's answer."""

    intro = models.TextField(_("introduction"), blank=True)
    dimensions = StreamField([("dimension", DimensionBlock())], blank=True, verbose_name=_("dimensions"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("further content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("dimensions"), FieldPanel("body")]

    class Meta:
        verbose_name = _("cluster model page")
