"""Exhibitors list their further stand staff from the application page (up to a limit, until a deadline);
staff print a badge for each of them in the batch PDF, and each badge checks its person in."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from pypdf import PdfReader

from events.models import BadgeRole, VisitorTicket

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    admin = get_user_model().objects.create_superuser(
        username="st", email="st@pes.pl", password="x-Secret-123"
    )
    client.force_login(admin)
    return client


def _url(application) -> str:
    return f"/targi/zgloszenie/{application.access_token}/obsluga-stoiska/"


def test_the_exhibitor_lists_stand_staff_and_every_name_gets_a_badge_in_the_batch(
    client, staff_client, exhibitor, fair_page, settings
):
    page = client.get(_url(exhibitor))
    assert page.status_code == 200 and "Obsługa stoiska" in page.text and "no-store" in page["Cache-Control"]
    saved = client.post(_url(exhibitor), {"names": "Jan Kowalski\n\nZofia Wiśniewska-Nowak\nJan Kowalski\n"})
    assert saved.status_code == 302
    assert [member.name for member in exhibitor.stand_staff.all()] == [
        "Jan Kowalski",
        "Zofia Wiśniewska-Nowak",
    ]
    client.post(_url(exhibitor), {"names": "Zofia Wiśniewska-Nowak\nPiotr Łęcki"})  # Jan no longer comes
    response = staff_client.get(f"/admin/goscie/{fair_page.pk}/identyfikatory.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Zofia Wiśniewska-Nowak" in text and "Piotr Łęcki" in text and "Jan Kowalski" not in text
    assert exhibitor.contact_name in text  # the contact person's badge is still there
    staff_tickets = VisitorTicket.objects.filter(staff_member__application=exhibitor)
    assert staff_tickets.count() == 2 and {ticket.role for ticket in staff_tickets} == {BadgeRole.EXHIBITOR}
    staff_client.get(f"/admin/goscie/{fair_page.pk}/identyfikatory.pdf")  # printing again issues nothing new
    assert VisitorTicket.objects.filter(page=fair_page).count() == 3
    checked = staff_client.post(
        f"/admin/goscie/{fair_page.pk}/wejscie/",
        {"code": staff_tickets.first().code},
        HTTP_ACCEPT="application/json",
    )
    assert checked.status_code == 200 and checked.json()["result"]["ok"] is True


def test_the_list_is_limited_and_closes_at_the_deadline_with_a_polish_400(client, exhibitor, settings):
    settings.STAND_STAFF_LIMIT = 2
    too_many = client.post(_url(exhibitor), {"names": "A B\nC D\nE F"})
    assert too_many.status_code == 400 and "najwyżej 2 osób" in too_many.text
    assert not exhibitor.stand_staff.exists()
    fair = exhibitor.fair
    fair.starts_at = timezone.now() + timedelta(days=settings.STAND_STAFF_DEADLINE_DAYS - 1)
    fair.save()
    closed = client.post(_url(exhibitor), {"names": "A B"})
    assert closed.status_code == 400 and "nie można już zmienić" in closed.text
    assert not exhibitor.stand_staff.exists()


def test_only_exhibitors_with_a_stand_can_list_staff(client, make_application):
    pending = make_application()
    response = client.post(_url(pending), {"names": "A B"})
    assert response.status_code == 400 and not pending.stand_staff.exists()


def test_stand_staff_names_are_exported_and_erased_with_the_contact_person(exhibitor):
    from events import visitor_retention
    from events.retention import ERASED
    from events.services.stand_staff import set_stand_staff

    set_stand_staff(exhibitor, ["Jan Kowalski"])
    assert visitor_retention.export_for(exhibitor.contact_email)["stand_staff"] == ["Jan Kowalski"]
    visitor_retention.erase_for(exhibitor.contact_email)
    assert [member.name for member in exhibitor.stand_staff.all()] == [ERASED]
