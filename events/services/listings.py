"""What confirmed exhibitors tell the public: their listing (edited until a deadline, published only
after staff review), the public exhibitor catalogue built from it, and the exhibitor's checklist with
the deadline reminders the periodic job sends and the list of who is late that staff see."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import Offer

from ..models import (
    ApplicationStatus,
    ExhibitorApplication,
    ExhibitorListing,
    Fair,
    FairReminder,
    FloorPlan,
    ListingStatus,
)
from .errors import FairError
from .transitions import audit, email_applicant

# Reminders go out this long before a deadline (once per exhibitor and deadline).
REMIND_BEFORE = timedelta(days=7)
DEADLINES = {
    "listing": gettext_lazy("Exhibitor listing"),
    "logistics": gettext_lazy("Logistics: power, table, access"),
    "payment": gettext_lazy("Payment"),
}
LISTING_FIELDS = (
    "exhibits",
    "description",
    "description_en",
    "needs_power",
    "needs_table",
    "accessibility_needs",
)


def _plan(fair: Fair) -> FloorPlan | None:
    return FloorPlan.objects.filter(fair=fair).first()


def listing_for(application: ExhibitorApplication) -> ExhibitorListing:
    """The application's listing, created (prefilled from the application) on first use."""
    listing, _created = ExhibitorListing.objects.get_or_create(
        application=application,
        defaults={
            "exhibits": application.exhibits[:300],
            "accessibility_needs": application.accessibility_needs[:300],
        },
    )
    return listing


def listing_editable(application: ExhibitorApplication, now=None) -> bool:
    plan = _plan(application.fair)
    deadline = plan.listing_deadline if plan else None
    return application.status == ApplicationStatus.CONFIRMED and (
        deadline is None or (now or timezone.now()) <= deadline
    )


def save_listing(
    application: ExhibitorApplication, data: dict, products=(), *, submit: bool, by=None
) -> ExhibitorListing:
    """The exhibitor saves (and optionally submits for review) their listing, before the deadline.

    Products must be the exhibitor's own published catalogue offers. A change to a published listing
    goes back to review; the public keeps seeing the last approved version meanwhile. Audited.
    """
    if not listing_editable(application):
        raise FairError(_("The listing can no longer be changed: the deadline has passed."))
    products = list(products)
    if any(p.organisation_id != application.organisation_id for p in products):
        raise FairError(_("Only products of your own catalogue profile can be linked."))
    with transaction.atomic():
        listing = listing_for(application)
        for name in LISTING_FIELDS:
            if name in data:
                setattr(listing, name, data[name])
        listing.logistics_confirmed_at = listing.logistics_confirmed_at or timezone.now()
        if submit:
            listing.status = ListingStatus.SUBMITTED
            listing.submitted_at = timezone.now()
        elif listing.status != ListingStatus.SUBMITTED:
            listing.status = ListingStatus.DRAFT
        listing.save()
        listing.products.set(products)
        audit(application, "events.listing.submitted" if submit else "events.listing.saved", by)
    return listing


def review_listing(listing: ExhibitorListing, *, approve: bool, note: str = "", by) -> ExhibitorListing:
    """Staff publish a submitted listing (a snapshot the public reads) or send it back with a note.
    Audited; emails "listing_approved" or "listing_changes"."""
    with transaction.atomic():
        listing = ExhibitorListing.objects.select_related("application").get(pk=listing.pk)
        if listing.status != ListingStatus.SUBMITTED:
            raise FairError(_("Only a listing waiting for review can be reviewed."))
        if not approve and not note.strip():
            raise FairError(_("Tell the exhibitor what to change."))
        listing.reviewed_at, listing.reviewed_by, listing.review_note = timezone.now(), by, note.strip()
        if approve:
            listing.status = ListingStatus.APPROVED
            listing.published = {
                **{name: getattr(listing, name) for name in ("exhibits", "description", "description_en")},
                "product_ids": list(listing.products.values_list("pk", flat=True)),
            }
        else:
            listing.status = ListingStatus.CHANGES_REQUESTED
        listing.save()
        audit(listing.application, f"events.listing.{listing.status}", by, note=note)
        email_applicant(listing.application, "listing_approved" if approve else "listing_changes")
    return listing


@dataclass
class CatalogueEntry:
    application: ExhibitorApplication
    exhibits: str = ""
    description: str = ""
    products: list = field(default_factory=list)
    categories: list = field(default_factory=list)

    @property
    def stand_number(self) -> str:
        return self.application.stand_number

    @property
    def zone(self) -> str:
        return self.application.stand.zone if self.application.stand_id else ""


def exhibitor_catalogue(
    fair: Fair, *, category=None, subregion="", legal_form="", zone=""
) -> list[CatalogueEntry]:
    """Confirmed exhibitors with their approved listing, filtered; categories come from their catalogue
    offers (linked products first). Staff-unreviewed text never appears here."""
    applications = (
        fair.applications.filter(status=ApplicationStatus.CONFIRMED)
        .select_related("organisation", "stand", "listing", "organisation__logo")
        .order_by("stand_number", "organisation_name")
    )
    if subregion:
        applications = applications.filter(organisation__subregion=subregion)
    if legal_form:
        applications = applications.filter(legal_form=legal_form)
    if zone:
        applications = applications.filter(stand__zone=zone)
    entries = []
    for application in applications:
        listing = getattr(application, "listing", None)
        published = listing.published if listing else {}
        products = list(
            Offer.objects.public().filter(pk__in=published.get("product_ids", [])).select_related("category")
        )
        offers = products or (
            list(
                Offer.objects.public()
                .filter(organisation=application.organisation)
                .select_related("category")
            )
            if application.organisation_id
            else []
        )
        categories = sorted({o.category for o in offers}, key=lambda c: c.pk)
        if category is not None and category not in categories:
            continue
        entries.append(
            CatalogueEntry(
                application,
                exhibits=published.get("exhibits", ""),
                description=listing.public_description if listing and published else "",
                products=products,
                categories=categories,
            )
        )
    return entries


@dataclass
class ChecklistItem:
    key: str
    label: str
    done: bool
    deadline: object = None

    @property
    def late(self) -> bool:
        return not self.done and self.deadline is not None and timezone.now() > self.deadline


def exhibitor_checklist(application: ExhibitorApplication) -> list[ChecklistItem]:
    """What the exhibitor has done and what is still due, with the fair's deadlines."""
    plan = _plan(application.fair)
    listing = ExhibitorListing.objects.filter(application=application).first()
    items = [
        ChecklistItem(
            "payment",
            str(DEADLINES["payment"]),
            application.status == ApplicationStatus.CONFIRMED,
            plan.payment_deadline if plan else None,
        )
    ]
    if plan is not None and plan.stands.exists():
        items.append(ChecklistItem("stand", _("Stand chosen"), bool(application.stand_id)))
    items += [
        ChecklistItem(
            "listing",
            str(DEADLINES["listing"]),
            bool(listing and listing.status in (ListingStatus.SUBMITTED, ListingStatus.APPROVED)),
            plan.listing_deadline if plan else None,
        ),
        ChecklistItem(
            "logistics",
            str(DEADLINES["logistics"]),
            bool(listing and listing.logistics_confirmed_at),
            plan.logistics_deadline if plan else None,
        ),
    ]
    return items


def _due(application, now) -> list[ChecklistItem]:
    """Deadlines not met yet. The listing and the logistics come after payment: until the application is
    confirmed only the payment is due."""
    confirmed = application.status == ApplicationStatus.CONFIRMED
    return [
        item
        for item in exhibitor_checklist(application)
        if item.key in DEADLINES and not item.done and (confirmed or item.key == "payment")
    ]


def late_exhibitors(fair: Fair, now=None) -> list[tuple[ExhibitorApplication, list[ChecklistItem]]]:
    """Approved or confirmed exhibitors with a deadline passed and the item not done (staff view)."""
    now = now or timezone.now()
    late = []
    for application in fair.applications.filter(
        status__in=(ApplicationStatus.APPROVED, ApplicationStatus.CONFIRMED)
    ).order_by("organisation_name"):
        items = [i for i in _due(application, now) if i.deadline is not None and now > i.deadline]
        if items:
            late.append((application, items))
    return late


def send_deadline_reminders(now=None) -> int:
    """The periodic job: remind each exhibitor once per deadline falling within REMIND_BEFORE that they
    have not met yet. Emails "reminder_<deadline>" after commit; FairReminder keeps it to one."""
    now = now or timezone.now()
    sent = 0
    plans = FloorPlan.objects.select_related("fair").filter(fair__ends_at__gt=now)
    for plan in plans:
        for application in plan.fair.applications.filter(
            status__in=(ApplicationStatus.APPROVED, ApplicationStatus.CONFIRMED)
        ):
            for item in _due(application, now):
                if item.deadline is None or not (now <= item.deadline <= now + REMIND_BEFORE):
                    continue
                try:
                    with transaction.atomic():
                        FairReminder.objects.create(application=application, deadline=item.key)
                        email_applicant(application, f"reminder_{item.key}")
                except IntegrityError:
                    continue  # already reminded
                sent += 1
    return sent
