"""Finding 6: inputs that gave a 500. Each is now a translated field error (a 200 with the form again)."""

import pytest

from catalog.models import Offer, QuoteRecipient, QuoteRequest
from catalog.tests.factories import OrganisationFactory, UserFactory

from .test_portal import offer_form

pytestmark = pytest.mark.django_db

HUGE_PRICES = ["1e999999", "1E+17", "99999999999", "-1e999999"]


@pytest.fixture
def member_of_organisation():
    user = UserFactory()
    organisation = OrganisationFactory()
    organisation.members.add(user)
    return user, organisation


@pytest.mark.parametrize("price", HUGE_PRICES)
def test_an_absurd_price_on_the_offer_form_is_a_field_error(client, member_of_organisation, price):
    user, organisation = member_of_organisation
    client.force_login(user)
    response = client.post(
        f"/katalog/panel/organizacja/{organisation.slug}/nowa-oferta/",
        offer_form(price_from=price, price_to=""),
    )
    assert response.status_code == 200
    assert "price_from" in response.context["form"].errors
    assert not Offer.objects.filter(organisation=organisation).exists()


@pytest.mark.parametrize("price", HUGE_PRICES)
def test_an_absurd_price_on_the_quote_answer_is_a_field_error(client, member_of_organisation, price):
    user, organisation = member_of_organisation
    quote_request = QuoteRequest.objects.create(
        buyer_type="company",
        buyer_name="Jan",
        buyer_email="jan@example.pl",
        description="Sprzątanie",
        quantity="1",
        deadline="2030-01-01",
        place="Gdańsk",
        consent_given_at="2026-01-01T10:00Z",
        ip_hash="x",
    )
    recipient = QuoteRecipient.objects.create(quote_request=quote_request, organisation=organisation)
    client.force_login(user)
    response = client.post(f"/katalog/panel/zapytania/{recipient.pk}/", {"status": "quoted", "price": price})
    assert response.status_code == 400
    assert "price" in response.context["form"].errors
    recipient.refresh_from_db()
    assert recipient.price is None
