"""The Wagtail dashboard panel with what staff act on: one count and one link per queue."""

from dataclasses import dataclass
from datetime import timedelta

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from catalog.choices import MembershipStatus, OfferStatus
from catalog.models import Offer, Organisation, QuoteRequest
from cms.records import LetterOfIntentSignature, SignatureReview
from events.models import ApplicationStatus, ExhibitorApplication, Payment

NEW_QUOTE_REQUEST_DAYS = 7


@dataclass
class StaffTask:
    key: str
    label: str
    count: int
    url: str


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def staff_tasks() -> list[StaffTask]:
    """The queues of the dashboard, each counted with one query."""
    since = timezone.now() - timedelta(days=NEW_QUOTE_REQUEST_DAYS)
    return [
        StaffTask(
            "moderation",
            _("Offers waiting for moderation"),
            Offer.objects.filter(status=OfferStatus.PENDING_REVIEW).count(),
            _url("catalog_moderation"),
        ),
        StaffTask(
            "membership",
            _("Membership applications"),
            Organisation.objects.filter(membership_status=MembershipStatus.APPLIED).count(),
            _url("membership_applications:index"),
        ),
        StaffTask(
            "applications",
            _("Stand applications to review"),
            ExhibitorApplication.objects.filter(status=ApplicationStatus.SUBMITTED).count(),
            _url("events_admin:dashboard"),
        ),
        StaffTask(
            "transfers",
            _("Unpaid bank transfers"),
            Payment.objects.open_transfers().count(),
            _url("events_admin:statements"),
        ),
        StaffTask(
            "quotes",
            _("New quote requests (7 days)"),
            QuoteRequest.objects.filter(created_at__gte=since).count(),
            _url("wagtailsnippets_catalog_quoterequest:list"),
        ),
        StaffTask(
            "letters",
            _("Letters of intent to review"),
            LetterOfIntentSignature.objects.filter(
                confirmed_at__isnull=False, review=SignatureReview.PENDING
            ).count(),
            _url("cms_signature_review"),
        ),
    ]


class StaffTasksPanel(Component):
    name = "staff_tasks"
    order = 50
    template_name = "cms/admin/staff_tasks_panel.html"

    def get_context_data(self, parent_context=None):
        return {"tasks": staff_tasks()}
