"""Members manage their organisation's gallery in the portal: add with a description, remove their own only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from catalog.choices import MembershipStatus
from catalog.models import OrganisationGalleryImage
from catalog.tests.factories import OrganisationFactory, UserFactory
from catalog.tests.test_admin_images import wagtail_image
from catalog.tests.test_portal import organisation_form, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def organisation(member):
    organisation = OrganisationFactory(membership_status=MembershipStatus.ACTIVE)
    organisation.members.add(member)
    return organisation


def edit_url(organisation) -> str:
    return f"/katalog/panel/organizacja/{organisation.slug}/"


def test_member_adds_a_gallery_image_that_shows_on_the_profile(client, member, organisation):
    upload = SimpleUploadedFile("warsztat.png", png_bytes(), content_type="image/png")

    response = client.post(
        edit_url(organisation),
        {**organisation_form(organisation), "gallery_upload": upload, "gallery_caption": "Nasz warsztat"},
    )

    assert response.status_code == 302
    item = OrganisationGalleryImage.objects.get(organisation=organisation)
    assert item.caption == "Nasz warsztat"
    assert 'alt="Nasz warsztat"' in client.get(organisation.get_absolute_url()).content.decode()
    entry = ModelLogEntry.objects.get(action="catalog.member_edit", object_id=str(organisation.pk))
    assert "gallery" in entry.data["fields"]


def test_gallery_image_without_a_description_is_refused(client, member, organisation):
    upload = SimpleUploadedFile("warsztat.png", png_bytes(), content_type="image/png")

    response = client.post(
        edit_url(organisation), {**organisation_form(organisation), "gallery_upload": upload}
    )

    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["gallery_caption"][0].code == "alt_required"
    assert not OrganisationGalleryImage.objects.exists()


def test_member_removes_an_image_of_the_own_gallery(client, member, organisation):
    kept = OrganisationGalleryImage.objects.create(
        organisation=organisation, image=wagtail_image("a"), caption="A"
    )
    gone = OrganisationGalleryImage.objects.create(
        organisation=organisation, image=wagtail_image("b"), caption="B"
    )
    form_page = client.get(edit_url(organisation)).content.decode()
    assert f'value="{gone.pk}"' in form_page  # offered as a checkbox labelled with its caption

    response = client.post(
        edit_url(organisation), {**organisation_form(organisation), "gallery_remove": [gone.pk]}
    )

    assert response.status_code == 302
    assert list(OrganisationGalleryImage.objects.filter(organisation=organisation)) == [kept]


def test_member_cannot_remove_another_organisations_image(client, member, organisation):
    other = OrganisationFactory()
    foreign = OrganisationGalleryImage.objects.create(
        organisation=other, image=wagtail_image("c"), caption="C"
    )
    OrganisationGalleryImage.objects.create(organisation=organisation, image=wagtail_image("d"), caption="D")

    response = client.post(
        edit_url(organisation), {**organisation_form(organisation), "gallery_remove": [foreign.pk]}
    )

    assert response.status_code == 200
    assert "gallery_remove" in response.context["form"].errors
    assert OrganisationGalleryImage.objects.filter(pk=foreign.pk).exists()
