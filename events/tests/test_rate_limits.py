"""Finding 5: the fair application and the session sign-up are rate-limited per client address."""

import pytest

from events.models import ExhibitorApplication, SessionRegistration

from .test_event_pages import event, index_page  # noqa: F401 - fixtures
from .test_views_and_staff import _form_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_per_hour(settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {
        **settings.PUBLIC_FORM_RATE_LIMITS,
        "fair_application": 2,
        "session_signup": 2,
    }


def test_fair_applications_beyond_the_limit_are_refused(client, fair, stand_type, two_per_hour):
    url = f"/targi/{fair.slug}/zgloszenie/"
    answers = [
        client.post(url, _form_post(stand_type, contact_email=f"osoba{n}@example.pl"), REMOTE_ADDR="10.8.8.8")
        for n in range(3)
    ]
    assert [a.status_code for a in answers] == [302, 302, 200]
    assert "kilka razy w krótkim czasie" in answers[-1].content.decode()
    assert ExhibitorApplication.objects.count() == 2


def test_session_sign_ups_beyond_the_limit_are_refused(client, event, two_per_hour):  # noqa: F811
    session = event.sessions.get()
    url = f"{event.url}zapisy/{session.pk}/"
    answers = [
        client.post(
            url,
            {"name": f"Osoba {n}", "email": f"osoba{n}@example.pl", "consent_privacy": "on"},
            REMOTE_ADDR="10.8.8.8",
        )
        for n in range(3)
    ]
    assert "kilka razy w krótkim czasie" in answers[-1].content.decode()
    assert SessionRegistration.objects.count() == 2
