"""Pages that show a form and hand it to a workflow of `cms.services`: membership, letter of intent,
contact. A page here is the view of its form (Wagtail serves pages), so it imports forms and services;
the records the workflows write live in `cms.records` and know nothing of either."""

from urllib.parse import urlencode

from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from config.core.ratelimit import TOO_MANY_SUBMISSIONS, allow_submission

from ..blocks import BodyBlock
from ..forms import ContactForm, LetterOfIntentForm, MembershipApplicationForm
from ..services import (
    ContactRateLimited,
    InvalidSignatureToken,
    confirm_signature,
    read_signature_token,
    report_membership_conflict,
    sign_letter_of_intent,
    submit_contact_message,
    submit_membership_application,
)
from .base import BrandPage


class FormPage(BrandPage):
    """A page that shows a form and handles it with a service (Post/Redirect/Get on success)."""

    intro = models.TextField(_("introduction"), blank=True)
    thank_you_text = models.TextField(_("text after sending"), blank=True)

    success_query = "wyslano"

    class Meta:
        abstract = True

    def get_form(self, request):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

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
        return MembershipApplicationForm(request.POST or None)

    def process_form(self, request, form):
        if not allow_submission("membership", request):
            form.add_error(None, TOO_MANY_SUBMISSIONS)
            return False
        if form.nip_is_taken:
            report_membership_conflict(form.application())
        else:
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
        return LetterOfIntentForm(request.POST or None, page=self)

    def process_form(self, request, form):
        if not allow_submission("letter_of_intent", request):
            form.add_error(None, TOO_MANY_SUBMISSIONS)
            return False
        sign_letter_of_intent(self, form.signature(), language=request.LANGUAGE_CODE)
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        signatories = list(self.signatures.public().order_by("confirmed_at", "pk"))
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
        """The link from the email opens a page with a button; only the button's POST confirms, so a
        mail scanner that opens links confirms nothing. The token travels in the form, not the log."""
        token = request.POST.get("token", "") if request.method == "POST" else request.GET.get("token", "")
        try:
            signature = read_signature_token(token)
        except InvalidSignatureToken as error:
            raise Http404(str(error)) from error
        if signature.page_id != self.pk:
            raise Http404
        if request.method == "POST":
            signature = confirm_signature(token)
        response = self.render(
            request,
            template="cms/letter_of_intent_confirmed.html",
            context_overrides={"signature": signature, "token": token},
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        # same-origin, not no-referrer: the page posts forms, and with no-referrer Chrome sends
        # "Origin: null", which Django's CSRF check refuses. Other sites still never see the token.
        response["Referrer-Policy"] = "same-origin"
        return response


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
        return ContactForm(request.POST or None)

    def process_form(self, request, form):
        if form.is_spam():
            # Bots get the same thank-you page as people, so the honeypot teaches them nothing.
            return None
        try:
            submit_contact_message(self, form.message_input(), client_ip=request.META.get("REMOTE_ADDR", ""))
        except ContactRateLimited as error:
            form.add_error(None, str(error))
            return False
        return None
