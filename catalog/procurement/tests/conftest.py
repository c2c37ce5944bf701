from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.models import QuoteRequest
from catalog.services.quotes import SupplierChoice, submit_quote_request
from catalog.tests.factories import OfferFactory, OrganisationFactory, UserFactory


@pytest.fixture
def buyer_details():
    return {
        "description": "Catering na konferencję dla 120 osób.",
        "quantity": "120 osób",
        "deadline": timezone.localdate() + timedelta(days=20),
        "answers_due": timezone.localdate() + timedelta(days=10),
        "place": "Gdańsk, ul. Długa 1",
        "buyer_type": "public_body",
        "buyer_name": "Anna Nowak",
        "buyer_organisation": "Urząd Miejski w Gdańsku",
        "buyer_email": "anna.nowak@gdansk.example.pl",
        "buyer_phone": "",
    }


@pytest.fixture
def suppliers():
    """Three suppliers with one offer each and a portal user each: (organisation, offer, user)."""
    triples = []
    for index, (name, reserved) in enumerate(
        [("Spółdzielnia Socjalna Kuchnia", True), ("Fundacja Smaki", False), ("Catering Wspólny", True)]
    ):
        organisation = OrganisationFactory(
            name=name,
            employees_total=10,
            employees_disadvantaged=4 if reserved else 1,  # 40% or 10%: the 30% rule decides
            ps_status=reserved,
            subregion="slupski" if index == 0 else "metropolitalny_poludniowy",
        )
        offer = OfferFactory(organisation=organisation, cpv_codes=["55520000-1"])
        user = UserFactory()
        organisation.members.add(user)
        triples.append((organisation, offer, user))
    return triples


@pytest.fixture
def quote_request(buyer_details, suppliers) -> QuoteRequest:
    return submit_quote_request(
        details=buyer_details,
        suppliers=[SupplierChoice(organisation, [offer]) for organisation, offer, _ in suppliers],
        ip_address="10.0.0.1",
    )
