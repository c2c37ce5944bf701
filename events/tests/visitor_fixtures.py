"""Fixtures of the visitors' tests: an event page with free tickets, tickets in each state, QR decoding."""

import io
import re
from datetime import timedelta

import pytest
import zxingcpp
from django.core import mail
from django.utils import timezone
from PIL import Image
from wagtail.models import Locale, Page, Site

from events.models import TicketStatus, VisitorTicket
from events.pages import EventIndexPage, EventPage
from events.services import visitors


def site_root() -> Page:
    """The default site's root page; a transactional test's flush removes the one migrations made."""
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        return site.root_page
    Locale.objects.get_or_create(language_code="pl")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Start", slug="start"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


def make_event_page(*, capacity=2, days=30, slug=None, **extra) -> EventPage:
    root = site_root()
    index = EventIndexPage.objects.first()
    if index is None:
        index = EventIndexPage(title="Wydarzenia", slug="wydarzenia")
        root.add_child(instance=index)
    starts = (timezone.now() + timedelta(days=days)).replace(hour=9, minute=0, second=0, microsecond=0)
    page = EventPage(
        title=extra.pop("title", "Warsztaty ekonomii społecznej"),
        slug=slug or f"warsztaty-{EventPage.objects.count() + 1}",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        venue_name="Europejskie Centrum Solidarności",
        venue_address="pl. Solidarności 1, 80-863 Gdańsk",
        visitor_capacity=capacity,
        **extra,
    )
    index.add_child(instance=page)
    return page


@pytest.fixture
def event_page(db):
    return make_event_page()


def register(page, email, *, participant_type="company", sector="private", name=None) -> VisitorTicket:
    return visitors.register_visitor(
        page,
        name=name or email.split("@")[0].title(),
        email=email,
        organisation="Firma " + email.split("@")[0],
        participant_type=participant_type,
        sector=sector,
        language="en",
    )


def confirmed(page, email, **kwargs) -> VisitorTicket:
    return visitors.confirm_ticket(register(page, email, **kwargs))


def link_in(message) -> str:
    return re.search(r"https?://\S+/targi/\S+", message.body).group(0)


def last_mail_to(address):
    return [message for message in mail.outbox if address in message.to][-1]


def decode_qr(png: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert results, "no QR code found in the image"
    return results[0].text


__all__ = [
    "TicketStatus",
    "confirmed",
    "decode_qr",
    "event_page",
    "last_mail_to",
    "link_in",
    "make_event_page",
    "register",
]
