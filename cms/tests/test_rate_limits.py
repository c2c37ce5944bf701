"""Finding 5: the membership and letter-of-intent forms are rate-limited per client address."""

import pytest

from catalog.models import Organisation
from cms.models import LetterOfIntentSignature

from .conftest import _free_nip
from .test_forms import membership_data, signature_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_per_hour(settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {
        **settings.PUBLIC_FORM_RATE_LIMITS,
        "membership": 2,
        "letter_of_intent": 2,
    }


def test_membership_applications_beyond_the_limit_are_refused_with_a_message(
    client, membership_page, two_per_hour
):
    nips = [_free_nip() for _ in range(3)]
    answers = [
        client.post(
            membership_page.url, membership_data(nip, name=f"Spółdzielnia {n}"), REMOTE_ADDR="10.9.9.9"
        )
        for n, nip in enumerate(nips)
    ]
    assert [a.status_code for a in answers] == [302, 302, 200]
    assert "kilka razy w krótkim czasie" in answers[-1].content.decode()
    assert Organisation.objects.filter(nip__in=nips).count() == 2
    # Another address is not affected.
    other = client.post(membership_page.url, membership_data(_free_nip()), REMOTE_ADDR="10.9.9.10")
    assert other.status_code == 302


def test_letter_of_intent_signatures_beyond_the_limit_are_refused(client, letter_page, two_per_hour):
    answers = [
        client.post(letter_page.url, signature_data(_free_nip()), REMOTE_ADDR="10.9.9.9") for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [302, 302, 200]
    assert "kilka razy w krótkim czasie" in answers[-1].content.decode()
    assert LetterOfIntentSignature.objects.count() == 2
