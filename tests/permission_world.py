"""The world the permission matrix is checked in: the demo site, every role's user and one object of
each kind that a URL names. Built once per module and rolled back afterwards (see `permission_world`)."""

import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, get_page_models

from catalog.choices import MembershipStatus, OfferStatus
from catalog.models import Category, CpvCode, QuoteRecipient, QuoteRequest
from catalog.tests.factories import OfferFactory, OrganisationFactory
from cms.records import ContactMessage, LetterOfIntentSignature, MembershipConflict
from cms.services import make_signature_token
from config.core.staff_roles import CATALOGUE_MODERATOR, EDITOR, FAIR_STAFF, setup_staff_roles
from events import services as fair_services
from events.models import EventSession, Fair, PricingRule, StandAddon, StandType
from events.tests.conftest import application_data

PROJECT_PACKAGES = {"catalog", "events", "cms", "search", "config"}
ROLES = ("anonymous", "buyer", "member_a", "member_b", "moderator", "fair_staff", "editor", "superuser")
STAFF_ROLE_OF = {"moderator": CATALOGUE_MODERATOR, "fair_staff": FAIR_STAFF, "editor": EDITOR}


def project_page_models() -> list[type[Page]]:
    return [model for model in get_page_models() if model._meta.app_label in PROJECT_PACKAGES]


def _users() -> dict:
    user_model = get_user_model()
    users = {
        name: user_model.objects.create_user(name, f"{name}@example.org", "x-pass-123")
        for name in ("buyer", "member_a", "member_b")
    }
    groups = setup_staff_roles()
    for name, role in STAFF_ROLE_OF.items():
        users[name] = user_model.objects.create_user(name, f"{name}@example.org", "x-pass-123", is_staff=True)
        users[name].groups.add(groups[role.key])
    users["superuser"] = user_model.objects.create_superuser("root", "root@example.org", "x-pass-123")
    return users


def _pages(ids: dict) -> None:
    """The first live page of each project page type, in Polish and in English (`page_<Model>[_en]`)."""
    for model in project_page_models():
        for language, suffix in (("pl", ""), ("en", "_en")):
            page = model.objects.live().filter(locale=Locale.objects.get(language_code=language)).first()
            assert page is not None, f"the demo site has no live {model.__name__} in {language}"
            ids[f"page_{model.__name__}{suffix}"] = page.url.rstrip("/")


def _visitors_and_procurement(*, fair_application, quote, org_a) -> dict:
    """Objects the visitor, meeting and procurement URLs name (issues 17 and 19)."""
    from catalog.procurement.models import (
        LegalBasisTemplate,
        MarketResearchNote,
        ProcurementOutcome,
        SavedSearch,
    )
    from events.models import EventSeries, MeetingSlot
    from events.services import visitors as visitor_services
    from events.tests.visitor_fixtures import make_event_page

    event_page = make_event_page(capacity=10, slug="macierz-wydarzenie")
    series = EventSeries.objects.create(name="Cykl")
    ticket = visitor_services.register_visitor(
        event_page,
        name="Gość",
        email="gosc@example.org",
        organisation="",
        participant_type="resident",
        sector="private",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        ticket = visitor_services.confirm_ticket(ticket)
    session = EventSession.objects.create(
        page=event_page,
        title="Warsztat",
        starts_at=event_page.starts_at,
        ends_at=event_page.ends_at,
        requires_signup=True,
        capacity=5,
    )
    registration = fair_services.register_for_session(session, name="Gość", email="gosc@example.org")
    slot = MeetingSlot.objects.create(
        application=fair_application,
        starts_at=event_page.starts_at,
        ticket=ticket,
        follow_up_asked_at=timezone.now(),
        buyer_follow_up_token=uuid.uuid4(),
        exhibitor_follow_up_token=uuid.uuid4(),
    )
    legal_basis = LegalBasisTemplate.objects.order_by("pk").first()
    note = MarketResearchNote.objects.create(
        # a request of its own: the matrix's request has no note, so its note download is a 404
        quote_request=QuoteRequest.objects.create(
            buyer_type="public_body",
            buyer_name="Gmina",
            buyer_email="gmina@example.org",
            description="Catering",
            quantity="1",
            deadline=timezone.localdate(),
            place="Gdańsk",
            consent_given_at=timezone.now(),
            ip_hash="x",
        ),
        reference="PES/RR/2026/999",
        institution="Gmina",
        subject="Catering",
        estimate_basis="median",
        estimated_value_net=100_000,
        eur_rate="4.2500",
        estimated_value_eur_cents=23_529,
        justification="Najniższa cena",
        content_hash="0" * 64,
    )
    outcome = ProcurementOutcome.objects.create(
        quote_request=quote,
        awarded_to=OrganisationFactory(),  # not org_a: an award protects its supplier from deletion
        value_net=100_000,
        awarded_on=timezone.localdate(),
        contract_type="reserved",
        buyer_type="company",
        subregion="slupski",
    )
    saved = SavedSearch.objects.create(email="szukam@example.org", query={"q": "catering"})
    return {
        "event_page": event_page.pk,
        "series": series.pk,
        "ticket": ticket.token,
        "ticket_pk": ticket.pk,
        "session_registration": registration.token,
        "slot_pk": slot.pk,
        "follow_up": slot.buyer_follow_up_token,
        "legal_basis_pk": legal_basis.pk,
        "note_pk": note.pk,
        "outcome_pk": outcome.pk,
        "saved_search_pk": saved.pk,
    }


def build_world() -> dict:
    call_command("load_demo", verbosity=0)
    users = _users()
    org_a, org_b = OrganisationFactory(), OrganisationFactory()
    offer_a = OfferFactory(organisation=org_a, status=OfferStatus.PUBLISHED)
    pending_offer = OfferFactory(organisation=org_a, status=OfferStatus.PENDING_REVIEW)
    OfferFactory(organisation=org_b, status=OfferStatus.PUBLISHED)
    suspended_org = OrganisationFactory(membership_status=MembershipStatus.SUSPENDED)
    spare_category = Category.objects.create(slug="macierz-pusta", name_pl="Pusta", name_en="Empty")
    org_a.members.add(users["member_a"])
    org_b.members.add(users["member_b"])
    quote = QuoteRequest.objects.create(
        buyer_type="company",
        buyer_name="Anna",
        buyer_email="anna@example.org",
        description="Catering",
        quantity="40",
        deadline=timezone.localdate() + timedelta(days=30),
        place="Gdańsk",
        consent_given_at=timezone.now(),
        ip_hash="x",
    )
    recipient = QuoteRecipient.objects.create(quote_request=quote, organisation=org_a)

    now = timezone.now()
    fair = Fair.objects.create(
        slug="targi-macierz",
        name="Targi",
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=6),
        venue_name="Hala",
        venue_address="Gdańsk",
    )
    stand = StandType.objects.create(fair=fair, name="Stoisko", capacity=5, price_net=20000)
    addon = StandAddon.objects.create(fair=fair, code="prad", name="Prąd", price_net=5000)
    rule = PricingRule.objects.create(stand_type=stand, eligibility="ps_status", discount_percent=10)
    application = fair_services.apply_for_stand(
        fair=fair,
        stand_type=stand,
        addons=[],
        data=application_data(),
        organisation=org_a,
        user=users["member_a"],
    )
    application = fair_services.approve_application(application)
    with TestCase.captureOnCommitCallbacks(execute=True):
        fair_services.choose_bank_transfer(application)
        fair_services.mark_transfer_paid(application)

    from cms.models import LetterOfIntentPage
    from events.pages import EventPage

    letter_page = LetterOfIntentPage.objects.live().filter(locale__language_code="pl").first()
    signature = LetterOfIntentSignature.objects.create(
        page=letter_page,
        organisation_name="Fundacja",
        nip=org_b.nip,
        signatory_name="Jan",
        signatory_role="Prezes",
        email="jan@example.org",
        consent_at=now,
    )
    signature_en = LetterOfIntentSignature.objects.create(
        page=LetterOfIntentPage.objects.live().filter(locale__language_code="en").first(),
        organisation_name="Foundation",
        nip=org_b.nip,
        signatory_name="John",
        signatory_role="President",
        email="john@example.org",
        consent_at=now,
        language="en",
    )
    spare_fair = Fair.objects.create(
        slug="targi-zapasowe",
        name="Targi zapasowe",
        starts_at=now + timedelta(days=60),
        ends_at=now + timedelta(days=60, hours=6),
        venue_name="Hala",
        venue_address="Gdynia",
    )
    spare_stand = StandType.objects.create(fair=spare_fair, name="Zapasowe", capacity=1, price_net=100)
    event_page = EventPage.objects.live().filter(locale__language_code="pl").first()
    session = EventSession.objects.create(
        page=event_page,
        title="Warsztat",
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=1),
        requires_signup=True,
        capacity=20,
    )
    conflict = MembershipConflict.objects.create(
        nip=org_a.nip, organisation_name="Podszywacz", contact_person="X", email="x@example.org"
    )
    message = ContactMessage.objects.create(
        name="Ewa", email="ewa@example.org", subject="Pytanie", message="Treść", client_fingerprint="x"
    )
    cpv = CpvCode.objects.order_by("code").first() or CpvCode.objects.create(
        code="55520000-1", name_pl="Usługi dostarczania posiłków", name_en="Catering services"
    )
    document = get_document_model().objects.create(
        title="Regulamin targów", file=ContentFile(b"%PDF-1.4 regulamin", name="regulamin.pdf")
    )
    ids = {
        **_visitors_and_procurement(fair_application=application, quote=quote, org_a=org_a),
        "org_a": org_a.slug,
        "org_a_pk": org_a.pk,
        "offer_a": offer_a.slug,
        "offer_a_pk": offer_a.pk,
        "pending_offer_pk": pending_offer.pk,
        "suspended_org_pk": suspended_org.pk,
        "spare_category_pk": spare_category.pk,
        "category_pk": Category.objects.order_by("pk").first().pk,
        "cpv_pk": cpv.pk,
        "quote_pk": quote.pk,
        "quote_token": quote.token,
        "recipient_a": recipient.pk,
        "fair": fair.slug,
        "fair_pk": fair.pk,
        "stand_pk": stand.pk,
        "addon_pk": addon.pk,
        "rule_pk": rule.pk,
        "application_a": application.access_token,
        "application_a_pk": application.pk,
        "invoice_a": application.invoices.get().pk,
        "signature_pk": signature.pk,
        "signature_token": make_signature_token(signature),
        "signature_token_en": make_signature_token(signature_en),
        "spare_fair_pk": spare_fair.pk,
        "spare_stand_pk": spare_stand.pk,
        "conflict_pk": conflict.pk,
        "message_pk": message.pk,
        "session_pk": session.pk,
        "document_pk": document.pk,
        "document_file": document.filename,
        "root_page_pk": Page.get_first_root_node().pk,
        "home_page_pk": event_page.get_parent().get_parent().pk,
    }
    _pages(ids)
    return {"users": users, "ids": ids}
