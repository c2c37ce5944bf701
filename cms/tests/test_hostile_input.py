"""Finding 6 on the brand-site forms: input that gave a 500 is a translated field error."""

import pytest

from catalog.models import Organisation

from .test_forms import membership_data

pytestmark = pytest.mark.django_db


def test_a_website_address_over_200_characters_on_the_membership_form_is_a_field_error(
    client, membership_page, free_nip
):
    long_url = "https://spoldzielnia.example.pl/" + "a" * 200
    response = client.post(membership_page.url, membership_data(free_nip, website=long_url))
    assert response.status_code == 200
    assert "website" in response.context["form"].errors
    assert not Organisation.objects.filter(nip=free_nip).exists()
