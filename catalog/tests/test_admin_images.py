"""Staff edit galleries and offer images in the Wagtail admin: real POSTs with the inline formset data."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from catalog.choices import MembershipStatus, OfferStatus
from catalog.models import CpvCode, Offer, Organisation, OrganisationGalleryImage
from catalog.tests.factories import OfferFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def wagtail_image(title: str):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (640, 480), (20, 120, 90)).save(buffer, format="PNG")
    image = get_image_model()(title=title, file=SimpleUploadedFile(f"{title}.png", buffer.getvalue()))
    image.save()
    return image


def edit_form_data(model, instance, user) -> dict:
    """The edit form as staff receive it: every field with its current value, as the browser posts it."""
    form_class = model.snippet_viewset.get_edit_handler().get_form_class()
    form = form_class(instance=instance, for_user=user)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value == []:
            continue
        data[name] = value
    for prefix, formset in form.formsets.items():
        rows = [
            {**{field: child[field].value() for field in child.fields}, "id": child.instance.pk}
            for child in formset.forms
        ]
        data.update(_formset(prefix, rows, initial=len(rows)))
    return data


def _formset(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = nested_form_data({prefix: inline_formset(rows, initial=initial)})
    return {key: value for key, value in data.items() if value is not None}


def test_staff_adds_a_gallery_image_in_the_admin_and_it_shows_on_the_profile(client, staff):
    organisation = OrganisationFactory(membership_status=MembershipStatus.ACTIVE, certificates=["haccp"])
    image = wagtail_image("kuchnia")
    data = edit_form_data(Organisation, organisation, staff)
    data.update(_formset("gallery_images", [{"image": image.pk, "caption": "Nasza kuchnia"}]))

    response = client.post(f"/admin/katalog/organizacje/edit/{organisation.pk}/", data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    item = organisation.gallery_images.get()
    assert (item.image, item.caption) == (image, "Nasza kuchnia")
    organisation.refresh_from_db()
    assert organisation.certificates == ["haccp"]  # every other field kept its value
    profile = client.get(organisation.get_absolute_url()).content.decode()
    assert "Nasza kuchnia" in profile
    assert 'alt="Nasza kuchnia"' in profile and "/images/kuchnia" in profile


def test_staff_removes_a_gallery_image_and_the_other_stays(client, staff):
    organisation = OrganisationFactory(membership_status=MembershipStatus.ACTIVE)
    first, second = wagtail_image("pierwsze"), wagtail_image("drugie")
    OrganisationGalleryImage.objects.create(
        organisation=organisation, image=first, caption="Pierwsze", sort_order=0
    )
    OrganisationGalleryImage.objects.create(
        organisation=organisation, image=second, caption="Drugie", sort_order=1
    )
    data = edit_form_data(Organisation, organisation, staff)
    data["gallery_images-0-DELETE"] = "1"

    response = client.post(f"/admin/katalog/organizacje/edit/{organisation.pk}/", data)

    assert response.status_code == 302
    remaining = OrganisationGalleryImage.objects.filter(organisation=organisation)
    assert [item.caption for item in remaining] == ["Drugie"]


def test_staff_adds_an_offer_image_with_its_alternative_text(client, staff):
    offer = OfferFactory(
        status=OfferStatus.PUBLISHED, organisation__membership_status=MembershipStatus.ACTIVE
    )
    image = wagtail_image("obiad")
    data = edit_form_data(Offer, offer, staff)
    data.update(_formset("images", [{"image": image.pk, "alt_text": "Talerz zupy pomidorowej"}]))

    response = client.post(f"/admin/katalog/oferty/edit/{offer.pk}/", data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    assert offer.images.get().alt_text == "Talerz zupy pomidorowej"
    assert 'alt="Talerz zupy pomidorowej"' in client.get(offer.get_absolute_url()).content.decode()


def test_staff_find_cpv_codes_by_name_and_cannot_rekey_one(client, staff):
    listing = client.get("/admin/katalog/cpv/", {"q": "sprzątania biur"})
    assert listing.status_code == 200
    assert "90919200-4" in listing.content.decode()

    response = client.post(
        "/admin/katalog/cpv/edit/90919200-4/",
        {"code": "11111111-1", "name_pl": "Usługi sprzątania biur", "name_en": "Office cleaning"},
    )

    assert response.status_code == 302
    assert CpvCode.objects.get(code="90919200-4").name_en == "Office cleaning"
    assert not CpvCode.objects.filter(code="11111111-1").exists()
