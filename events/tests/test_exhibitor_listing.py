"""Exhibitor self-service (listing edited until a deadline, published after staff review), the public
catalogue with its filters and printable PDF, the checklist, deadline reminders and who is late."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from catalog.choices import Subregion
from catalog.tests.factories import CategoryFactory, OfferFactory
from events import services
from events.models import ApplicationStatus, ExhibitorApplication, FairReminder, ListingStatus, StandType
from events.services import listings

from .floor_fixtures import map_row_of_stands


@pytest.fixture
def row(fair):
    big_type = StandType.objects.create(fair=fair, name="Stoisko 3×3 m", capacity=30, price_net=45000)
    return map_row_of_stands(fair, big_type)


def _confirmed(make_application, stand, **kwargs) -> ExhibitorApplication:
    application = make_application(approved=True, stand=stand.stand_type, **kwargs)
    ExhibitorApplication.objects.filter(pk=application.pk).update(status=ApplicationStatus.CONFIRMED)
    application.refresh_from_db()
    return services.choose_stand(application, stand)


@pytest.fixture
def exhibitor(row, make_application, member_organisation):
    return _confirmed(make_application, row["B12"], organisation=member_organisation)


@pytest.fixture
def crafts_offer(member_organisation):
    crafts = CategoryFactory(slug="rekodzielo", name_pl="Rękodzieło", name_en="Crafts")
    return OfferFactory(organisation=member_organisation, category=crafts, title="Ceramika z Kaszub")


def test_listing_is_public_only_after_staff_review_and_changes_wait_for_the_next_review(
    exhibitor, crafts_offer, admin_user, django_capture_on_commit_callbacks
):
    fair = exhibitor.fair
    data = {"exhibits": "Ceramika", "description": "Miski i kubki", "description_en": "Bowls and mugs"}
    listing = listings.save_listing(exhibitor, data, [crafts_offer], submit=True)
    assert listing.status == ListingStatus.SUBMITTED
    (entry,) = listings.exhibitor_catalogue(fair)
    assert (entry.exhibits, entry.description, entry.products) == ("", "", [])  # not reviewed yet

    with pytest.raises(services.FairError):
        listings.review_listing(listing, approve=False, note="", by=admin_user)  # a note is required
    with django_capture_on_commit_callbacks(execute=True):
        listings.review_listing(listing, approve=True, by=admin_user)
    (entry,) = listings.exhibitor_catalogue(fair)
    assert (entry.exhibits, entry.description, entry.products) == (
        "Ceramika",
        "Bowls and mugs",  # English pages show the English description
        [crafts_offer],
    )
    with translation.override("pl"):
        assert listings.exhibitor_catalogue(fair)[0].description == "Miski i kubki"
    assert "published" in mail.outbox[-1].subject
    assert ModelLogEntry.objects.filter(
        action="events.listing.approved", object_id=str(exhibitor.pk)
    ).exists()

    listings.save_listing(exhibitor, {"description_en": "Only mugs"}, [], submit=True)
    (entry,) = listings.exhibitor_catalogue(fair)
    assert entry.description == "Bowls and mugs"  # the last approved version until staff review again


def test_listing_links_only_own_products_and_closes_at_the_deadline(exhibitor, crafts_offer, row):
    someone_elses = OfferFactory(category=crafts_offer.category)
    with pytest.raises(services.FairError, match="own catalogue"):
        listings.save_listing(exhibitor, {"exhibits": "x"}, [someone_elses], submit=False)
    plan = row["B12"].floor_plan
    plan.listing_deadline = timezone.now() - timedelta(minutes=1)
    plan.save()
    with pytest.raises(services.FairError, match="deadline"):
        listings.save_listing(exhibitor, {"exhibits": "x"}, [], submit=False)


def test_catalogue_filters_by_category_subregion_legal_form_and_zone(
    exhibitor, crafts_offer, row, make_application
):
    other = _confirmed(
        make_application, row["B10"], legal_form="stowarzyszenie", organisation_name="Stowarzyszenie Mewa"
    )
    row["B10"].zone = "A"
    row["B10"].save()
    fair = exhibitor.fair

    def names(**filters):
        return [e.application.organisation_name for e in listings.exhibitor_catalogue(fair, **filters)]

    assert names() == [other.organisation_name, exhibitor.organisation_name]  # by stand number: B10, B12
    assert names(category=crafts_offer.category) == [exhibitor.organisation_name]
    assert names(subregion=Subregion.METROPOLITALNY_POLUDNIOWY) == [exhibitor.organisation_name]
    assert names(legal_form="stowarzyszenie") == [other.organisation_name]
    assert names(zone="A") == [other.organisation_name]


def test_public_catalogue_page_highlights_the_stand_and_the_pdf_lists_exhibitors_by_category(
    client, exhibitor, crafts_offer
):
    listing = listings.save_listing(exhibitor, {"exhibits": "Ceramika"}, [crafts_offer], submit=True)
    listings.review_listing(listing, approve=True, by=None)
    response = client.get(f"/targi/{exhibitor.fair.slug}/wystawcy/?stoisko=B12")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="stand stand--sold stand--highlight"' in body
    assert exhibitor.organisation.get_absolute_url() in body and "Ceramika z Kaszub" in body

    pdf = client.get(f"/targi/{exhibitor.fair.slug}/katalog-wystawcow.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Rękodzieło" in text
    assert exhibitor.organisation_name in text and "B12" in text


def test_checklist_reminders_once_per_deadline_and_the_late_list(
    exhibitor, row, make_application, django_capture_on_commit_callbacks
):
    plan = row["B12"].floor_plan
    now = timezone.now()
    plan.listing_deadline = now + timedelta(days=3)
    plan.logistics_deadline = now - timedelta(days=1)
    plan.payment_deadline = now + timedelta(days=30)
    plan.save()
    checklist = {item.key: item for item in listings.exhibitor_checklist(exhibitor)}
    assert checklist["payment"].done and checklist["stand"].done
    assert not checklist["listing"].done and not checklist["logistics"].done and checklist["logistics"].late

    unpaid = make_application(
        approved=True, stand=row["B12"].stand_type, organisation_name="Fundacja Bez Wpłaty"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert listings.send_deadline_reminders(now) == 1  # listing due in 3 days; payment is 30 days away
    with django_capture_on_commit_callbacks(execute=True):
        assert listings.send_deadline_reminders(now) == 0  # once only
    assert [m.to for m in mail.outbox] == [[exhibitor.contact_email]]
    assert "listing" in mail.outbox[0].subject
    assert FairReminder.objects.filter(application=exhibitor, deadline="listing").exists()

    plan.payment_deadline = now - timedelta(hours=1)
    plan.save()
    late = {
        a.organisation_name: [i.key for i in items] for a, items in listings.late_exhibitors(plan.fair, now)
    }
    assert late == {exhibitor.organisation_name: ["logistics"], unpaid.organisation_name: ["payment"]}

    listings.save_listing(exhibitor, {"needs_power": True}, [], submit=False)  # confirms the logistics
    late = {a.organisation_name for a, _items in listings.late_exhibitors(plan.fair, now)}
    assert late == {unpaid.organisation_name}


def test_listing_page_and_staff_plan_render_for_their_users(client, admin_client, exhibitor):
    response = client.get(f"/targi/zgloszenie/{exhibitor.access_token}/wizytowka/")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert 'data-testid="checklist"' in response.content.decode()
    response = admin_client.get(f"/admin/targi/plan/{exhibitor.fair.pk}/")
    body = response.content.decode()
    assert response.status_code == 200 and exhibitor.organisation_name in body
    assert 'data-testid="revenue-by-zone"' in body
