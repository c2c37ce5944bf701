"""Finding 8: members' images are capped well below the library's 40 Mpx, the gallery has a size, and
renditions are made by the worker after the upload, not by the first view of the profile."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model

from catalog.choices import MembershipStatus
from catalog.models import Organisation, OrganisationGalleryImage
from catalog.renditions import RENDITION_SPECS
from catalog.tests.factories import OrganisationFactory, UserFactory
from catalog.tests.test_admin_images import wagtail_image
from catalog.tests.test_portal import organisation_form, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(client):
    user = UserFactory()
    client.force_login(user)
    organisation = OrganisationFactory(membership_status=MembershipStatus.ACTIVE)
    organisation.members.add(user)
    return organisation


def edit(client, organisation, **files):
    return client.post(
        f"/katalog/panel/organizacja/{organisation.slug}/", {**organisation_form(organisation), **files}
    )


def test_a_13_megapixel_logo_is_refused_although_the_library_takes_40(client, organisation):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS >= 40_000_000
    buffer = io.BytesIO()
    Image.new("L", (4200, 3100)).save(buffer, format="PNG")  # 13 Mpx, a few kB of zeros
    response = edit(
        client, organisation, logo_upload=SimpleUploadedFile("logo.png", buffer.getvalue(), "image/png")
    )
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["logo_upload"][0].code == "too_many_pixels"
    assert Organisation.objects.get(pk=organisation.pk).logo is None


def test_the_gallery_has_a_maximum_size(client, organisation, settings):
    settings.GALLERY_MAX_IMAGES = 2
    for number in range(2):
        OrganisationGalleryImage.objects.create(organisation=organisation, image=wagtail_image(f"g{number}"))
    upload = SimpleUploadedFile("trzeci.png", png_bytes(), content_type="image/png")
    response = edit(client, organisation, gallery_upload=upload, gallery_caption="Trzeci")
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["gallery_upload"][0].code == "gallery_full"
    assert organisation.gallery_images.count() == 2


def test_renditions_are_made_after_the_upload_and_the_profile_view_makes_none(
    client, organisation, django_capture_on_commit_callbacks
):
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    gallery = SimpleUploadedFile("zdjecie.png", png_bytes(), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(
            client, organisation, logo_upload=logo, gallery_upload=gallery, gallery_caption="Zdjęcie"
        )
    assert response.status_code == 302

    renditions = get_image_model().get_rendition_model().objects
    made_by_the_worker = renditions.count()
    assert made_by_the_worker == 8  # two formats × two sizes, for the logo and the gallery image
    client.logout()
    assert client.get(Organisation.objects.get(pk=organisation.pk).get_absolute_url()).status_code == 200
    assert renditions.count() == made_by_the_worker


def test_the_worker_makes_the_renditions_the_templates_ask_for():
    templates = Path(settings.BASE_DIR) / "catalog" / "templates" / "catalog"
    source = (templates / "organisation_detail.html").read_text() + (
        templates / "offer_detail.html"
    ).read_text()
    for spec in RENDITION_SPECS.values():
        assert spec in source
