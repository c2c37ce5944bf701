"""Fixtures of the brand-site tests: a Polish home page as the site root, with an English translation."""

import uuid

import pytest
from wagtail.models import Locale

from catalog.choices import LegalForm, MembershipStatus, OfferStatus, Subregion
from catalog.models import Category, Offer, Organisation
from cms.models import (
    ContactPage,
    LetterOfIntentPage,
    MembershipPage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)
from cms.tests.sites import make_home_site


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def locales(db):
    polish, _ = Locale.objects.get_or_create(language_code="pl")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return polish, english


@pytest.fixture
def home(locales):
    return make_home_site("localhost")


@pytest.fixture
def english_home(home, locales):
    _, english = locales
    translation = home.copy_for_translation(english).specific
    translation.title = "Pomorska Ekonomia Społeczna (EN)"
    translation.save_revision().publish()
    return translation


@pytest.fixture
def news_index(home):
    return publish_child(home, NewsIndexPage(title="Aktualności", slug="aktualnosci", show_in_menus=True))


@pytest.fixture
def make_news(news_index):
    def make(count, **fields):
        from datetime import date, timedelta

        pages = []
        for number in range(count):
            page = NewsPage(
                title=f"Wiadomość {number}",
                slug=f"wiadomosc-{uuid.uuid4().hex[:8]}",
                date=date(2025, 1, 1) + timedelta(days=number),
                author="Zespół klastra",
                intro=f"Zajawka {number}",
                **fields,
            )
            pages.append(publish_child(news_index, page))
        return pages

    return make


@pytest.fixture
def category(db):
    category, _ = Category.objects.get_or_create(
        slug="catering", defaults={"name_pl": "Catering", "name_en": "Catering"}
    )
    return category


@pytest.fixture
def make_member(db, category):
    def make(offers=1, legal_form=LegalForm.SPOLDZIELNIA_SOCJALNA, status=MembershipStatus.ACTIVE, nip=None):
        suffix = uuid.uuid4().hex[:8]
        organisation = Organisation.objects.create(
            slug=f"org-{suffix}",
            name=f"Spółdzielnia {suffix}",
            legal_form=legal_form,
            nip=nip or _free_nip(),
            city="Gdańsk",
            powiat="Gdańsk",
            subregion=Subregion.METROPOLITALNY_POLNOCNY,
            employees_total=10,
            employees_disadvantaged=4,
            membership_status=status,
        )
        for number in range(offers):
            Offer.objects.create(
                slug=f"oferta-{suffix}-{number}",
                organisation=organisation,
                title=f"Obiady {number}",
                description="Catering na spotkania",
                category=category,
                status=OfferStatus.PUBLISHED,
            )
        return organisation

    return make


def _free_nip() -> str:
    """A valid NIP not used yet: nine random digits completed with the NIP check digit."""
    import random

    weights = [6, 5, 7, 2, 3, 4, 5, 6, 7]
    while True:
        digits = [random.randint(0, 9) for _ in range(9)]
        check = sum(w * d for w, d in zip(weights, digits, strict=True)) % 11
        if check == 10:
            continue
        nip = "".join(map(str, digits)) + str(check)
        if not Organisation.objects.filter(nip=nip).exists():
            return nip


@pytest.fixture
def free_nip(db):
    return _free_nip()


@pytest.fixture
def standard_page(home):
    return publish_child(home, StandardPage(title="O klastrze", slug="o-klastrze", intro="Wprowadzenie"))


@pytest.fixture
def membership_page(home):
    return publish_child(home, MembershipPage(title="Dołącz do klastra", slug="czlonkostwo"))


@pytest.fixture
def letter_page(home):
    return publish_child(home, LetterOfIntentPage(title="List intencyjny", slug="list-intencyjny", target=20))


@pytest.fixture
def contact_page(home):
    return publish_child(home, ContactPage(title="Kontakt", slug="kontakt", email="klaster@example.pl"))
