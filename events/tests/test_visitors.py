"""Visitors' free tickets: double opt-in by POST, the ticket with its QR code and PDF, cancellation that
moves the waiting list with a time-limited claim, lapsed holds, and the rate-limited public form."""

import io
import re
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from events.models import TicketStatus, VisitorTicket
from events.services import FairError, visitors
from events.tickets_pdf import qr_payload

from .visitor_fixtures import confirmed, decode_qr, last_mail_to, link_in, register

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Anna Nowak",
    "email": "anna@example.org",
    "organisation": "Urząd Miasta Gdańska",
    "participant_type": "public_body",
    "sector": "public",
    "consent_privacy": "on",
}


def test_registration_is_confirmed_only_by_the_post_button_and_then_the_ticket_arrives_with_qr_and_pdf(
    client, event_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/targi/wydarzenie/{event_page.pk}/rejestracja/", FORM)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    ticket = VisitorTicket.objects.get(email="anna@example.org")
    assert ticket.status == TicketStatus.PENDING and ticket.participant_type == "public_body"
    link = urlparse(link_in(last_mail_to("anna@example.org"))).path
    # A mail filter's link scanner only GETs: that confirms nothing.
    page = client.get(link)
    assert page.status_code == 200 and b"confirm-email" in page.content
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/targi/bilet/{ticket.token}/potwierdz/")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CONFIRMED
    message = last_mail_to("anna@example.org")
    attachments = {name: (content, kind) for name, content, kind in message.attachments}
    pdf, png = attachments[f"bilet-{ticket.code}.pdf"], attachments[f"kod-{ticket.code}.png"]
    assert pdf[1] == "application/pdf" and png[1] == "image/png"
    assert decode_qr(png[0]) == f"PES:{ticket.code}"
    text = PdfReader(io.BytesIO(pdf[0])).pages[0].extract_text()
    assert ticket.code in text and "Anna Nowak" in text and event_page.title in text


def test_a_registration_beyond_capacity_waits_and_confirming_keeps_it_waiting(event_page):
    confirmed(event_page, "a@example.org")
    register(event_page, "b@example.org")  # holds the second place while unconfirmed
    third = confirmed(event_page, "c@example.org")
    assert third.status == TicketStatus.WAITLISTED
    assert visitors.ticket_places_left(event_page) == 0


def test_registering_twice_returns_the_same_ticket(event_page):
    first = register(event_page, "anna@example.org")
    again = register(event_page, " Anna@Example.org ")
    assert again.pk == first.pk
    assert VisitorTicket.objects.count() == 1


def test_cancelling_offers_the_place_to_the_first_confirmed_person_waiting_who_claims_it(
    client, event_page, django_capture_on_commit_callbacks
):
    first = confirmed(event_page, "a@example.org")
    confirmed(event_page, "b@example.org")
    unconfirmed_waiting = register(event_page, "c@example.org")  # earlier, but never confirmed its email
    waiting = confirmed(event_page, "d@example.org")
    assert {unconfirmed_waiting.status, waiting.status} == {TicketStatus.WAITLISTED}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/targi/bilet/{first.token}/anuluj/")
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == TicketStatus.CANCELLED
    assert waiting.status == TicketStatus.OFFERED
    assert waiting.hold_until > timezone.now() + timedelta(hours=23)
    offer = last_mail_to("d@example.org")
    assert "claim it by" in offer.body
    assert not [m for m in mail.outbox if "c@example.org" in m.to]
    # The offered place is held: nobody new takes it meanwhile.
    assert register(event_page, "e@example.org").status == TicketStatus.WAITLISTED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(urlparse(link_in(offer)).path.rstrip("/") + "/odbierz/")
    waiting.refresh_from_db()
    assert waiting.status == TicketStatus.CONFIRMED
    assert any(name.endswith(".pdf") for name, _, _ in last_mail_to("d@example.org").attachments)


def test_an_unclaimed_offer_lapses_and_the_place_moves_on_to_the_next_person(
    event_page, django_capture_on_commit_callbacks
):
    first = confirmed(event_page, "a@example.org")
    confirmed(event_page, "b@example.org")
    second_in_line = confirmed(event_page, "c@example.org")
    third_in_line = confirmed(event_page, "d@example.org")
    visitors.cancel_ticket(first)
    second_in_line.refresh_from_db()
    assert second_in_line.status == TicketStatus.OFFERED
    with django_capture_on_commit_callbacks(execute=True):
        released = visitors.expire_ticket_holds(now=second_in_line.hold_until + timedelta(seconds=1))
    assert released == 1
    second_in_line.refresh_from_db()
    third_in_line.refresh_from_db()
    assert second_in_line.status == TicketStatus.CANCELLED
    assert third_in_line.status == TicketStatus.OFFERED
    with pytest.raises(FairError):
        visitors.claim_offered_place(second_in_line)
    assert "claim it by" in last_mail_to("d@example.org").body


def test_an_unconfirmed_registration_frees_its_place_when_its_hold_lapses(event_page):
    event_page.visitor_capacity = 1
    event_page.save()
    lazy = register(event_page, "a@example.org")
    waiting = confirmed(event_page, "b@example.org")
    assert waiting.status == TicketStatus.WAITLISTED
    visitors.expire_ticket_holds(now=lazy.hold_until + timedelta(seconds=1))
    lazy.refresh_from_db()
    waiting.refresh_from_db()
    assert lazy.status == TicketStatus.WAITLISTED and waiting.status == TicketStatus.OFFERED
    # Confirming late keeps the late person's turn on the list; the offered place is not taken back.
    late = visitors.confirm_ticket(lazy)
    assert late.status == TicketStatus.WAITLISTED


def test_the_ticket_pdf_is_only_for_confirmed_tickets_and_carries_the_qr_code(client, event_page):
    pending = register(event_page, "a@example.org")
    assert client.get(f"/targi/bilet/{pending.token}/bilet.pdf").status_code == 404
    ticket = visitors.confirm_ticket(pending)
    response = client.get(f"/targi/bilet/{ticket.token}/bilet.pdf")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    images = PdfReader(io.BytesIO(response.content)).pages[0].images
    png = io.BytesIO()
    images[0].image.save(png, format="PNG")
    assert decode_qr(png.getvalue()) == qr_payload(ticket)


@override_settings(PUBLIC_FORM_RATE_LIMITS={"visitor_registration": 2})
def test_the_public_registration_form_is_rate_limited(client, event_page):
    cache.clear()
    for number in range(2):
        response = client.post(
            f"/targi/wydarzenie/{event_page.pk}/rejestracja/", {**FORM, "email": f"p{number}@example.org"}
        )
        assert b"registered" in response.content
    response = client.post(
        f"/targi/wydarzenie/{event_page.pk}/rejestracja/", {**FORM, "email": "p9@example.org"}
    )
    assert "kilka razy w krótkim czasie" in response.content.decode()
    assert VisitorTicket.objects.count() == 2


def test_an_event_without_visitor_tickets_has_no_registration_page(client, db):
    from .visitor_fixtures import make_event_page

    page = make_event_page(capacity=None)
    assert client.get(f"/targi/wydarzenie/{page.pk}/rejestracja/").status_code == 404


def _session(page, capacity=1):
    from events.models import EventSession

    return EventSession.objects.create(
        page=page,
        title="Warsztaty: zamówienia zastrzeżone",
        starts_at=page.starts_at,
        ends_at=page.starts_at + timedelta(hours=1),
        requires_signup=True,
        capacity=capacity,
    )


def test_a_cancelled_session_place_is_offered_to_the_first_person_waiting_who_claims_it_by_post(
    client, event_page, django_capture_on_commit_callbacks
):
    from events import services

    session = _session(event_page)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.register_for_session(session, name="Anna", email="anna@example.org", language="en")
        waiting = services.register_for_session(
            session, name="Piotr", email="piotr@example.org", language="en"
        )
    assert waiting.waitlisted
    cancel_link = urlparse(
        re.search(r"https?://\S+/anuluj/", last_mail_to("anna@example.org").body).group(0)
    ).path
    assert client.get(cancel_link).status_code == 200  # a link scanner's GET cancels nothing
    first.refresh_from_db()
    assert first.cancelled_at is None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_link)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at is not None and not waiting.waitlisted
    claim_link = urlparse(
        re.search(r"https?://\S+/odbierz/", last_mail_to("piotr@example.org").body).group(0)
    ).path
    assert services.session_places_left(session) == 0  # held for Piotr meanwhile
    with django_capture_on_commit_callbacks(execute=True):
        client.post(claim_link)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at is None and waiting.cancelled_at is None
    assert "You are registered" in last_mail_to("piotr@example.org").subject


def test_an_unclaimed_session_offer_lapses_and_moves_on(event_page):
    from events import services

    session = _session(event_page)
    first = services.register_for_session(session, name="A", email="a@example.org")
    second = services.register_for_session(session, name="B", email="b@example.org")
    third = services.register_for_session(session, name="C", email="c@example.org")
    services.cancel_session_registration(first)
    second.refresh_from_db()
    assert services.expire_session_offers(now=second.offer_expires_at + timedelta(seconds=1)) == 1
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.cancelled_at is not None and third.offer_expires_at is not None
    with pytest.raises(FairError):
        services.claim_session_place(second)
