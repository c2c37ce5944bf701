import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import ModelLogEntry

from catalog.choices import OfferStatus
from catalog.models import Offer, OfferImage, Organisation, QuoteRecipient, QuoteRequest
from catalog.services.portal import invite_member, moderate_offer
from catalog.tests.factories import CategoryFactory, OfferFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_member():
    return UserFactory()


@pytest.fixture
def other_member():
    user = UserFactory()
    OrganisationFactory().members.add(user)
    return user


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def organisation(own_member):
    organisation = OrganisationFactory()
    organisation.members.add(own_member)
    return organisation


@pytest.fixture
def offer(organisation):
    return OfferFactory(organisation=organisation)


@pytest.fixture
def recipient(organisation):
    quote_request = QuoteRequest.objects.create(
        buyer_type="company",
        buyer_name="Jan Kowalski",
        buyer_email="jan@example.pl",
        description="Sprzątanie biura",
        quantity="300 m²",
        deadline="2030-01-01",
        place="Gdańsk",
        consent_given_at="2026-01-01T10:00Z",
        ip_hash="x",
    )
    return QuoteRecipient.objects.create(quote_request=quote_request, organisation=organisation)


PORTAL_VIEWS = {
    "organisation edit": lambda o, offer, r: f"/katalog/panel/organizacja/{o.slug}/",
    "offer create": lambda o, offer, r: f"/katalog/panel/organizacja/{o.slug}/nowa-oferta/",
    "offer edit": lambda o, offer, r: f"/katalog/panel/oferty/{offer.slug}/",
    "quote answer": lambda o, offer, r: f"/katalog/panel/zapytania/{r.pk}/",
}


@pytest.mark.parametrize("view", PORTAL_VIEWS)
@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("other_member", 403), ("own_member", 200), ("staff", 200)],
)
def test_portal_views_are_only_for_the_organisations_own_members_and_staff(
    client, request, organisation, offer, recipient, view, who, expected
):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    url = PORTAL_VIEWS[view](organisation, offer, recipient)

    get = client.get(url)
    post = client.post(url, {})

    assert get.status_code == expected
    assert post.status_code in ((expected,) if expected != 200 else (200, 302))
    if who == "anonymous":
        assert "/konto/login/" in get["Location"]


@pytest.mark.parametrize("who", ["anonymous", "other_member", "own_member"])
def test_posting_to_another_organisation_changes_nothing(client, request, who):
    target = OrganisationFactory(name="Cudza Fundacja")
    target_offer = OfferFactory(organisation=target, title="Cudza oferta")
    user = request.getfixturevalue(who) if who != "anonymous" else None
    if user:
        client.force_login(user)
        OrganisationFactory().members.add(user)

    client.post(f"/katalog/panel/organizacja/{target.slug}/", {"name": "Przejęta"})
    client.post(f"/katalog/panel/oferty/{target_offer.slug}/", {"title": "Przejęta", "publish": "1"})

    assert Organisation.objects.get(pk=target.pk).name == "Cudza Fundacja"
    assert Offer.objects.get(pk=target_offer.pk).title == "Cudza oferta"


def test_dashboard_lists_only_the_members_own_organisations_and_requests(
    client, own_member, organisation, recipient
):
    stranger = OrganisationFactory(name="Obca Spółdzielnia")
    client.force_login(own_member)

    html = client.get("/katalog/panel/").content.decode()

    assert organisation.name in html
    assert stranger.name not in html
    assert "Sprzątanie biura" in html


def test_dashboard_needs_a_login(client):
    assert client.get("/katalog/panel/").status_code == 302


def organisation_form(organisation, **overrides):
    data = {
        "name": organisation.name,
        "nip": organisation.nip,
        "regon": "",
        "krs": "",
        "description": "Nowy opis",
        "social_mission": organisation.social_mission,
        "street": organisation.street,
        "postal_code": organisation.postal_code,
        "city": organisation.city,
        "powiat": organisation.powiat,
        "subregion": organisation.subregion,
        "website": organisation.website,
        "email": organisation.email,
        "phone": organisation.phone,
        "employees_total": "10",
        "employees_disadvantaged": "4",
        "certificates": ["haccp"],
    }
    data.update(overrides)
    return data


def test_member_edit_of_the_profile_is_saved_and_audited(client, own_member, organisation):
    client.force_login(own_member)

    response = client.post(
        f"/katalog/panel/organizacja/{organisation.slug}/", organisation_form(organisation)
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description == "Nowy opis"
    entry = ModelLogEntry.objects.get(action="catalog.member_edit", object_id=str(organisation.pk))
    assert entry.user == own_member
    assert entry.data["fields"] == ["description"]


def test_nip_typed_with_dashes_is_stored_compact_and_is_no_change(client, own_member, organisation):
    client.force_login(own_member)
    nip = organisation.nip
    dashed = f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}"

    response = client.post(
        f"/katalog/panel/organizacja/{organisation.slug}/", organisation_form(organisation, nip=dashed)
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.nip == nip
    entry = ModelLogEntry.objects.get(action="catalog.member_edit", object_id=str(organisation.pk))
    assert entry.data["fields"] == ["description"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"nip": "1234567890"}, "nip"),
        ({"employees_disadvantaged": "11"}, "employees_disadvantaged"),
        ({"krs": "123"}, "krs"),
        ({"certificates": ["iso_27001"]}, "certificates"),
    ],
)
def test_invalid_profile_edit_shows_errors_and_saves_nothing(
    client, own_member, organisation, overrides, field
):
    client.force_login(own_member)

    response = client.post(
        f"/katalog/panel/organizacja/{organisation.slug}/", organisation_form(organisation, **overrides)
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'class="error-summary"' in response.content.decode()
    assert Organisation.objects.get(pk=organisation.pk).description != "Nowy opis"
    assert not ModelLogEntry.objects.filter(action="catalog.member_edit").exists()


def test_non_image_logo_upload_is_refused_with_a_clear_error(client, own_member, organisation):
    client.force_login(own_member)
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")

    response = client.post(
        f"/katalog/panel/organizacja/{organisation.slug}/",
        {**organisation_form(organisation), "logo_upload": fake},
    )

    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["logo_upload"][0].code == "invalid_image"
    assert Organisation.objects.get(pk=organisation.pk).logo is None


def offer_form(**overrides):
    data = {
        "kind": "service",
        "title": "Mycie okien",
        "description": "Mycie okien w biurach i szkołach.",
        "category": CategoryFactory(slug="sprzatanie").pk,
        "cpv_codes": "90911300-9, 90910000-9",
        "price_from": "8,50",
        "price_to": "12",
        "price_unit": "m2",
        "service_area": "Gdańsk, powiat gdański",
        "lead_time_days": "3",
        "minimum_order": "",
        "capacity_note": "",
        "tags": "okna, sprzątanie",
        "image_alt_text": "",
        "publish": "1",
    }
    data.update(overrides)
    return data


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def test_new_offer_of_a_moderated_organisation_waits_for_review(client, own_member, organisation):
    client.force_login(own_member)

    response = client.post(f"/katalog/panel/organizacja/{organisation.slug}/nowa-oferta/", offer_form())

    assert response.status_code == 302
    offer = Offer.objects.get(title="Mycie okien")
    assert offer.status == OfferStatus.PENDING_REVIEW
    assert (offer.price_from, offer.price_to) == (850, 1200)
    assert offer.cpv_codes == ["90911300-9", "90910000-9"]
    assert offer.service_area == ["Gdańsk", "powiat gdański"]
    assert ModelLogEntry.objects.filter(action="catalog.submitted_for_review", user=own_member).exists()
    assert client.get(offer.get_absolute_url()).status_code == 404


def test_offer_of_an_unmoderated_organisation_is_published_at_once_with_its_image(
    client, own_member, organisation
):
    organisation.requires_moderation = False
    organisation.save()
    client.force_login(own_member)
    image = SimpleUploadedFile("okna.png", png_bytes(), content_type="image/png")

    client.post(
        f"/katalog/panel/organizacja/{organisation.slug}/nowa-oferta/",
        offer_form(image_upload=image, image_alt_text="Czyste okno biurowca"),
    )

    offer = Offer.objects.get(title="Mycie okien")
    assert offer.status == OfferStatus.PUBLISHED
    assert OfferImage.objects.get(offer=offer).alt_text == "Czyste okno biurowca"
    assert client.get(offer.get_absolute_url()).status_code == 200


def test_changing_a_published_offer_of_a_moderated_organisation_sends_it_back_to_review(
    client, own_member, offer
):
    client.force_login(own_member)

    client.post(f"/katalog/panel/oferty/{offer.slug}/", offer_form(title="Nowy tytuł"))

    offer.refresh_from_db()
    assert offer.title == "Nowy tytuł"
    assert offer.status == OfferStatus.PENDING_REVIEW


def test_saving_as_draft_takes_the_offer_off_the_catalogue(client, own_member, offer):
    client.force_login(own_member)
    data = offer_form()
    del data["publish"]
    data["draft"] = "1"

    client.post(f"/katalog/panel/oferty/{offer.slug}/", data)

    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.DRAFT


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"cpv_codes": "9091130-9"}, "cpv_codes"),
        ({"cpv_codes": ""}, "cpv_codes"),
        ({"price_from": "-5"}, "price_from"),
        ({"price_from": "20", "price_to": "10"}, "price_to"),
        ({"price_from": "10,123"}, "price_from"),
        ({"price_from": "dziesięć"}, "price_from"),
        ({"price_unit": ""}, "price_unit"),
        (
            {"image_upload": SimpleUploadedFile("x.jpg", b"GIF89a broken", content_type="image/jpeg")},
            "image_upload",
        ),
        (
            {"image_upload": SimpleUploadedFile("x.png", png_bytes(), content_type="image/png")},
            "image_alt_text",
        ),
    ],
)
def test_invalid_offer_shows_a_clear_error_and_saves_nothing(
    client, own_member, organisation, overrides, field
):
    client.force_login(own_member)

    response = client.post(
        f"/katalog/panel/organizacja/{organisation.slug}/nowa-oferta/", offer_form(**overrides)
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Offer.objects.filter(title="Mycie okien").exists()
    assert not OfferImage.objects.exists()


def test_staff_approval_publishes_and_is_audited(staff, offer):
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.PENDING_REVIEW)

    moderate_offer(offer.pk, user=staff, decision="approve")

    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.PUBLISHED
    assert ModelLogEntry.objects.filter(action="catalog.moderation_approved", user=staff).exists()


def test_staff_rejection_needs_a_reason_and_returns_the_offer_to_draft(client, staff, own_member, offer):
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.PENDING_REVIEW)
    client.force_login(staff)

    client.post("/admin/katalog/moderacja/", {"offer": offer.pk, "decision": "reject", "note": ""})
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.PENDING_REVIEW

    client.post("/admin/katalog/moderacja/", {"offer": offer.pk, "decision": "reject", "note": "Brak cen"})

    offer.refresh_from_db()
    assert (offer.status, offer.moderation_note) == (OfferStatus.DRAFT, "Brak cen")
    entry = ModelLogEntry.objects.get(action="catalog.moderation_rejected")
    assert entry.data["note"] == "Brak cen"
    client.force_login(own_member)
    assert "Brak cen" in client.get("/katalog/panel/").content.decode()


def test_members_cannot_moderate(client, own_member, offer):
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.PENDING_REVIEW)
    client.force_login(own_member)

    client.post("/admin/katalog/moderacja/", {"offer": offer.pk, "decision": "approve"})

    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.PENDING_REVIEW


def test_moderation_queue_lists_offers_pending_review(client, staff, offer):
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.PENDING_REVIEW)
    client.force_login(staff)

    response = client.get("/admin/katalog/moderacja/")

    assert response.status_code == 200
    assert offer.title in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/katalog/organizacje/",
        "/admin/katalog/organizacje/?membership_status=active&legal_form=fundacja",
        "/admin/katalog/oferty/?status=pending_review",
        "/admin/katalog/kategorie/",
        "/admin/katalog/zapytania/?buyer_type=public_body",
    ],
)
def test_staff_admin_listings_with_filters_open(client, staff, offer, recipient, url):
    client.force_login(staff)

    response = client.get(url)

    assert response.status_code == 200
    assert b"Internal server error" not in response.content


def test_staff_can_edit_an_organisation_in_the_admin(client, staff, organisation):
    client.force_login(staff)

    assert client.get(f"/admin/katalog/organizacje/edit/{organisation.pk}/").status_code == 200
    assert (
        client.get(
            f"/admin/katalog/oferty/edit/{Offer.objects.create(organisation=organisation, slug='x', title='x', description='x', category=CategoryFactory()).pk}/"
        ).status_code
        == 200
    )


def test_staff_invitation_links_a_new_account_and_its_link_sets_the_password(
    client, staff, organisation, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/katalog/zaproszenia/",
            {"organisation": organisation.pk, "email": "Nowy.Czlonek@Example.pl"},
        )

    assert response.status_code == 302
    member = organisation.members.get(email="nowy.czlonek@example.pl")
    assert not member.has_usable_password()
    assert ModelLogEntry.objects.filter(action="catalog.member_invited", user=staff).exists()
    [invitation] = mail.outbox
    assert invitation.to == ["nowy.czlonek@example.pl"]
    link = re.search(r"http\S+/konto/password/reset/key/\S+/", invitation.body).group(0)
    client.logout()

    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    # allauth moves the key into the session and redirects to a set-password URL without it.
    form_page = client.get(path, follow=True)
    set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    client.post(
        set_password_url, {"password1": "Bezpieczne-Haslo-2026", "password2": "Bezpieczne-Haslo-2026"}
    )
    member.refresh_from_db()
    assert member.check_password("Bezpieczne-Haslo-2026")
    assert client.login(username=member.username, password="Bezpieczne-Haslo-2026")
    assert client.get(f"/katalog/panel/organizacja/{organisation.slug}/").status_code == 200


def test_inviting_the_same_person_twice_links_once(staff, organisation, own_member):
    invite_member(organisation, email=own_member.email, invited_by=staff)

    assert organisation.members.filter(pk=own_member.pk).count() == 1


def test_members_cannot_invite(client, own_member, organisation):
    client.force_login(own_member)

    response = client.post(
        "/admin/katalog/zaproszenia/", {"organisation": organisation.pk, "email": "x@example.pl"}
    )

    assert response.status_code in (302, 403)
    assert not organisation.members.filter(email="x@example.pl").exists()


def test_moderation_decision_is_emailed_to_the_members(
    staff, own_member, offer, django_capture_on_commit_callbacks
):
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.PENDING_REVIEW)

    with django_capture_on_commit_callbacks(execute=True):
        moderate_offer(offer.pk, user=staff, decision="reject", note="Uzupełnij kody CPV")

    [notice] = mail.outbox
    assert notice.to == [own_member.email]
    assert "Uzupełnij kody CPV" in notice.body


def test_staff_bulk_approval_publishes_only_offers_pending_review(client, staff, organisation):
    pending = OfferFactory(organisation=organisation, status=OfferStatus.PENDING_REVIEW)
    draft = OfferFactory(organisation=organisation, status=OfferStatus.DRAFT)
    client.force_login(staff)
    url = f"/admin/bulk/catalog/offer/approve_offers/?next=/admin/&id={pending.pk}&id={draft.pk}"

    assert client.get(url).status_code == 200
    response = client.post(url)

    assert response.status_code == 302
    assert Offer.objects.get(pk=pending.pk).status == OfferStatus.PUBLISHED
    assert Offer.objects.get(pk=draft.pk).status == OfferStatus.DRAFT
    assert ModelLogEntry.objects.filter(action="catalog.moderation_approved").count() == 1


def test_staff_bulk_suspension_takes_profiles_off_the_catalogue_and_is_audited(client, staff, organisation):
    other = OrganisationFactory()
    client.force_login(staff)

    client.post(
        f"/admin/bulk/catalog/organisation/suspend_membership/?next=/admin/&id={organisation.pk}&id={other.pk}"
    )

    assert set(Organisation.objects.values_list("membership_status", flat=True)) == {"suspended"}
    assert ModelLogEntry.objects.filter(action="catalog.membership_changed", user=staff).count() == 2
    assert client.get(organisation.get_absolute_url()).status_code == 404


def test_image_with_too_many_pixels_is_refused_before_it_is_stored(
    client, own_member, organisation, settings
):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    buffer = io.BytesIO()
    Image.new("L", (200, 200)).save(buffer, format="PNG")
    client.force_login(own_member)

    response = client.post(
        f"/katalog/panel/organizacja/{organisation.slug}/nowa-oferta/",
        offer_form(
            image_upload=SimpleUploadedFile("duzy.png", buffer.getvalue(), content_type="image/png"),
            image_alt_text="Zdjęcie",
        ),
    )

    assert response.context["form"].errors.as_data()["image_upload"][0].code == "too_many_pixels"
    assert not Offer.objects.filter(title="Mycie okien").exists()
