"""StreamField blocks of the brand site. Each block has a small, accessible template under cms/templates/blocks/."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3")], default="h2", label=_("Level"))

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"


class AccessibleImageBlock(blocks.StructBlock):
    """An image whose alternative text is required: WCAG 1.1.1 is not left to the editor's memory."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=255,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    text = blocks.CharBlock(label=_("Link text"))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External link"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or enter a link."))}
            )
        return value


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=20)
    label = blocks.CharBlock(label=_("Label"), max_length=120)
    note = blocks.CharBlock(label=_("Note"), max_length=120, required=False)

    class Meta:
        icon = "order"
        label = _("Figure")


class FiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    figures = blocks.ListBlock(FigureBlock(), label=_("Figures"))
    source = blocks.CharBlock(label=_("Source"), required=False)

    class Meta:
        icon = "table"
        label = _("Figures")
        template = "blocks/figures.html"


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"))
    answer = blocks.RichTextBlock(label=_("Answer"), features=["bold", "italic", "link", "ul", "ol"])


class FaqBlock(blocks.StructBlock):
    """Questions and answers as native <details>: keyboard and screen-reader friendly without JavaScript."""

    title = blocks.CharBlock(label=_("Title"), required=False)
    items = blocks.ListBlock(FaqItemBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("FAQ")
        template = "blocks/faq.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document.html"


class PartnerLogoBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"))
    logo = ImageChooserBlock(label=_("Logo"), required=False)
    url = blocks.URLBlock(label=_("Website"), required=False)


class PartnerLogosBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    partners = blocks.ListBlock(PartnerLogoBlock(), label=_("Partners"))

    class Meta:
        icon = "group"
        label = _("Partner logos")
        template = "blocks/partner_logos.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Rich text"), template="blocks/paragraph.html")
    image = AccessibleImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    figures = FiguresBlock()
    faq = FaqBlock()
    document = DocumentBlock()
    embed = EmbedBlock(label=_("Embedded media"), template="blocks/embed.html")
    partner_logos = PartnerLogosBlock()


class DimensionBlock(blocks.StructBlock):
    """One dimension of the CSEI cluster model: its guiding questions and the cluster's current answer."""

    name = blocks.CharBlock(label=_("Dimension"))
    name_en = blocks.CharBlock(label=_("Name in the RESIST model (English)"), required=False)
    questions = blocks.ListBlock(blocks.CharBlock(label=_("Question")), label=_("Guiding questions"))
    answer = blocks.RichTextBlock(label=_("The cluster's current answer"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("Model dimension")
        template = "blocks/dimension.html"
