"""Site-wide settings of the brand site that editors change in the Wagtail admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="site")
class BrandSettings(BaseGenericSetting):
    """The footer's EU funding notice and the logo slots the visibility rules of EU projects require."""

    funding_notice = models.TextField(
        _("funding notice"),
        default=(
            "Projekt RESIST jest współfinansowany przez Unię Europejską w ramach programu "
            "Interreg Regionu Morza Bałtyckiego 2021–2027."
        ),
    )
    funding_notice_en = models.TextField(
        _("funding notice in English"),
        blank=True,
        default=(
            "The RESIST project is co-funded by the European Union under the Interreg Baltic Sea Region "
            "2021–2027 programme."
        ),
        help_text=_("Shown on the English pages; the Polish notice is shown when this is empty."),
    )
    eu_emblem = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("EU emblem with “Co-funded by the European Union”"),
    )
    programme_logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Interreg Baltic Sea Region logo"),
    )
    coordinator_logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("coordinator's logo (ROPS)"),
    )
    contact_email = models.EmailField(_("contact email"), default="m.kochanowski@pomorskie.eu")
    contact_phone = models.CharField(_("contact phone"), max_length=32, default="789 442 467")

    panels = [
        FieldPanel("funding_notice"),
        FieldPanel("funding_notice_en"),
        MultiFieldPanel(
            [FieldPanel("eu_emblem"), FieldPanel("programme_logo"), FieldPanel("coordinator_logo")],
            heading=_("Logo slots"),
        ),
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
    ]

    class Meta:
        verbose_name = _("brand settings")
