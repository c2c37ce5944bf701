"""Page types, site settings and submission records of the brand site.

Pages hold content; forms on pages are handled by `cms.forms` and the workflows in `cms.services`.
"""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from catalog.choices import Subregion
from catalog.rules import validate_nip

from .blocks import BodyBlock, DimensionBlock, FigureBlock

NEWS_PER_PAGE = 10


class BrandPage(Page):
    """Fields every page of the brand site shares: a sharing image for OpenGraph and Twitter cards."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sharing image"),
        help_text=_("Shown when the page is shared on social media (OpenGraph, Twitter cards)."),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        return cache_for_anonymous_visitors(request, super().serve(request, *args, **kwargs))


PUBLIC_CACHE_SECONDS = 300


def cache_for_anonymous_visitors(request, response):
    """Let browsers and shared caches keep content pages for five minutes: only anonymous GETs of pages
    without forms, varying on the cookie so a signed-in editor or a pending message is never shared."""
    if request.method == "GET" and not request.user.is_authenticated and response.status_code == 200:
        patch_cache_control(response, public=True, max_age=PUBLIC_CACHE_SECONDS)
        patch_vary_headers(response, ["Cookie"])
    return response


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
        from .queries import catalogue_impact_figures, featured_offers, latest_news, upcoming_events

        context = super().get_context(request, *args, **kwargs)
        context["impact"] = catalogue_impact_figures()
        context["featured_offers"] = featured_offers()
        context["upcoming_events"] = upcoming_events(locale_id=self.locale_id)
        context["latest_news"] = latest_news(self.locale_id)
        return context


class StandardPage(BrandPage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(RoutablePageMixin, BrandPage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    def news(self):
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .select_related("lead_image")
            # The thumbnails' renditions in one query, however many articles the page lists.
            .prefetch_related("tags", "lead_image__renditions")
            .order_by("-date", "-pk")
        )

    @property
    def feed_url(self) -> str:
        return self.url + self.reverse_subpage("feed")

    @path("")
    def index_route(self, request):
        news = self.news()
        tag = request.GET.get("tag", "").strip()
        if tag:
            news = news.filter(tags__slug=tag)
        page = Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        response = self.render(
            request,
            context_overrides={
                "news_page": page,
                "tag": tag,
                "query_string": urlencode({"tag": tag}) if tag else "",
            },
        )
        return cache_for_anonymous_visitors(request, response)

    @path("feed/", name="feed")
    def feed(self, request):
        from .feeds import NewsFeed

        return NewsFeed(self)(request)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("cms.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(BrandPage):
    date = models.DateField(_("date"), default=timezone.localdate)
    author = models.CharField(_("author"), max_length=255, blank=True)
    intro = models.TextField(_("lead"), blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead image"),
    )
    lead_image_alt = models.CharField(_("alternative text of the lead image"), max_length=255, blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("author"), FieldPanel("tags")], heading=_("Details")),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading=_("Lead image")),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def clean(self):
        super().clean()
        if self.lead_image_id and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": _("Describe the lead image for people who cannot see it.")}
            )


class ClusterModelPage(BrandPage):
    """The CSEI cluster model of the RESIST project: eight dimensions, each with the cluster's answer."""

    intro = models.TextField(_("introduction"), blank=True)
    dimensions = StreamField([("dimension", DimensionBlock())], blank=True, verbose_name=_("dimensions"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("further content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("dimensions"), FieldPanel("body")]

    class Meta:
        verbose_name = _("cluster model page")


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


class FormPage(BrandPage):
    """A page that shows a form and handles it with a service (Post/Redirect/Get on success)."""

    intro = models.TextField(_("introduction"), blank=True)
    thank_you_text = models.TextField(_("text after sending"), blank=True)

    success_query = "wyslano"

    class Meta:
        abstract = True

    def get_form(self, request):
        return self.form_class(request.POST or None)

    def process_form(self, request, form):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def serve(self, request, *args, **kwargs):
        form = self.get_form(request)
        if request.method == "POST" and form.is_valid() and self.process_form(request, form) is not False:
            return HttpResponseRedirect(f"{self.url}?{self.success_query}=1")
        context = self.get_context(request, *args, **kwargs)
        context["form"] = form
        context["submitted"] = request.method == "GET" and self.success_query in request.GET
        response = TemplateResponse(request, self.get_template(request, *args, **kwargs), context)
        # Forms carry a CSRF token and echo what was typed: never stored by shared caches.
        patch_cache_control(response, private=True, no_cache=True)
        return response


class MembershipPage(FormPage):
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("thank_you_text"),
    ]

    class Meta:
        verbose_name = _("membership page")

    def get_form(self, request):
        from .forms import MembershipApplicationForm

        return MembershipApplicationForm(request.POST or None)

    def process_form(self, request, form):
        from .services import submit_membership_application

        submit_membership_application(form.application())


class LetterOfIntentPage(RoutablePageMixin, FormPage):
    letter_text = RichTextField(_("text of the letter"), blank=True)
    target = models.PositiveIntegerField(_("target number of signatories"), default=20)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("letter_text"),
        FieldPanel("target"),
        FieldPanel("thank_you_text"),
    ]

    class Meta:
        verbose_name = _("letter of intent page")

    def get_form(self, request):
        from .forms import LetterOfIntentForm

        return LetterOfIntentForm(request.POST or None, page=self)

    def process_form(self, request, form):
        from .services import DuplicateSignature, sign_letter_of_intent

        try:
            sign_letter_of_intent(self, form.signature(), language=request.LANGUAGE_CODE)
        except DuplicateSignature as error:
            form.add_error("nip", str(error))
            return False
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        signatories = list(self.signatures.confirmed().order_by("confirmed_at", "pk"))
        context["signatories"] = signatories
        context["progress"] = min(100, round(100 * len(signatories) / self.target)) if self.target else 100
        return context

    @path("")
    def index_route(self, request):
        return FormPage.serve(self, request)

    def confirmation_path(self, token: str) -> str:
        # The token travels in the query string: Wagtail's page URLs allow only letters, digits and dashes.
        return f"{self.url}{self.reverse_subpage('confirm')}?{urlencode({'token': token})}"

    @path("potwierdz/", name="confirm")
    def confirm_route(self, request):
        from .services import InvalidSignatureToken, confirm_signature

        try:
            signature = confirm_signature(request.GET.get("token", ""))
        except InvalidSignatureToken as error:
            raise Http404(str(error)) from error
        if signature.page_id != self.pk:
            raise Http404
        return self.render(
            request,
            template="cms/letter_of_intent_confirmed.html",
            context_overrides={"signature": signature},
        )


class ContactPage(FormPage):
    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")
        ),
        FieldPanel("thank_you_text"),
    ]

    class Meta:
        verbose_name = _("contact page")

    def get_form(self, request):
        from .forms import ContactForm

        return ContactForm(request.POST or None)

    def process_form(self, request, form):
        from .services import ContactRateLimited, submit_contact_message

        if form.is_spam():
            # Bots get the same thank-you page as people, so the honeypot teaches them nothing.
            return None
        try:
            submit_contact_message(self, form.message_input(), client_ip=request.META.get("REMOTE_ADDR", ""))
        except ContactRateLimited as error:
            form.add_error(None, str(error))
            return False
        return None


class SignatureQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class LetterOfIntentSignature(models.Model):
    """One organisation's signature under the letter of intent; public once the email is confirmed."""

    page = models.ForeignKey(
        LetterOfIntentPage, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("letter")
    )
    organisation_name = models.CharField(_("organisation"), max_length=255)
    nip = models.CharField(_("NIP"), max_length=10, validators=[validate_nip])
    signatory_name = models.CharField(_("signatory's name"), max_length=255)
    signatory_role = models.CharField(_("signatory's role"), max_length=255)
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=8, default="pl")
    consent_at = models.DateTimeField(_("consent given at"))
    created_at = models.DateTimeField(_("signed at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("letter of intent signature")
        verbose_name_plural = _("letter of intent signatures")
        constraints = [models.UniqueConstraint(fields=["page", "nip"], name="one_signature_per_nip")]

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.nip})"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class ContactMessage(models.Model):
    page = models.ForeignKey(
        ContactPage, null=True, on_delete=models.SET_NULL, related_name="messages", verbose_name=_("page")
    )
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("email"))
    subject = models.CharField(_("subject"), max_length=255)
    message = models.TextField(_("message"))
    # A keyed hash, not the address: enough to rate-limit, nothing to leak.
    client_fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self) -> str:
        return f"{self.subject} — {self.name}"


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
