"""Load the demo content of `make run`: brand pages, a demo catalogue, an upcoming fair and an admin.

Idempotent: every object is upserted by a stable key, so a second run changes nothing.
"""

import json
import os
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from catalog.choices import MembershipStatus, OfferStatus
from catalog.demo import CATEGORIES, generate_demo_catalogue
from catalog.models import Category, Offer, Organisation
from cms.demo_pages import (
    CLUSTER_DIMENSIONS,
    CLUSTER_MODEL,
    CONTACT,
    HOME,
    LETTER_OF_INTENT,
    MEMBERSHIP,
    NEWS,
    NEWS_INDEX,
    PARTNER_INDEX,
    PARTNERS,
    SECTOR_FIGURES,
    STANDARD_PAGES,
)
from cms.demo_pages_en import ENGLISH_PAGES, FORMER_ENGLISH_DEMO_TEXT
from cms.demo_translation import stream, translate_demo_page
from cms.models import (
    ClusterModelPage,
    ContactPage,
    HomePage,
    LetterOfIntentPage,
    MembershipPage,
    NewsIndexPage,
    NewsPage,
    PartnerIndexPage,
    PartnerPage,
    StandardPage,
)
from events.demo import load_fair_demo
from events.models import Fair, StandType

DEMO_ADMIN_EMAIL = "admin@pes.example.pl"


class Command(BaseCommand):
    help = "Load (or refresh) the demo content: brand pages, catalogue, fair and an admin account."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = self.load_pages()
            organisations, offers = self.load_catalogue()
            self.translate_event_pages(load_fair_demo(self.load_fair(), home))
            password = self.ensure_admin()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: home page '{home.title}', {organisations} organisations, {offers} offers."
            )
        )
        self.stdout.write(f"Admin: http://127.0.0.1:8000/admin/  user: admin  password: {password}")

    def load_pages(self) -> HomePage:
        """Brand pages in Polish and their English translations.

        Existing Polish pages are left as they are; English ones get the English text where they still hold
        the Polish copy or an earlier demo text (`translate_demo_page`), never over an editor's text.
        """
        polish, _ = Locale.objects.get_or_create(language_code="pl")
        english, _ = Locale.objects.get_or_create(language_code="en")
        root = Page.get_first_root_node()
        if root is None:
            # A flushed database (transactional tests) has lost the tree root that migrations create.
            root = Page.add_root(instance=Page(title="Root", slug="root", locale=polish))
        home = HomePage.objects.filter(depth=2, locale=polish).first()
        if home is None:
            # Wagtail's placeholder "Welcome" page (a plain Page) makes way for the brand home page.
            for placeholder in Page.objects.filter(depth=2):
                if placeholder.specific_class is Page:
                    placeholder.delete()
            home = HomePage(
                **HOME,
                slug="home",
                locale=polish,
                sector_figures=json.dumps(
                    [
                        {"type": "figure", "value": {"value": value, "label": label, "note": note}}
                        for value, label, note in SECTOR_FIGURES
                    ]
                ),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Pomorska Ekonomia Społeczna",
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()

        pages = {"home": home}
        for spec in STANDARD_PAGES:
            pages[spec["slug"]] = self.child_page(
                home,
                StandardPage,
                spec["slug"],
                title=spec["title"],
                intro=spec["intro"],
                body=stream(spec["body"]),
                show_in_menus=spec["show_in_menus"],
            )
        pages[CLUSTER_MODEL["slug"]] = self.child_page(
            home,
            ClusterModelPage,
            CLUSTER_MODEL["slug"],
            title=CLUSTER_MODEL["title"],
            intro=CLUSTER_MODEL["intro"],
            show_in_menus=True,
            dimensions=json.dumps(
                [
                    {
                        "type": "dimension",
                        "value": {"name": name, "name_en": name_en, "questions": questions, "answer": answer},
                    }
                    for name, name_en, questions, answer in CLUSTER_DIMENSIONS
                ]
            ),
        )
        news_index = self.child_page(
            home,
            NewsIndexPage,
            NEWS_INDEX["slug"],
            title=NEWS_INDEX["title"],
            intro=NEWS_INDEX["intro"],
            show_in_menus=True,
        )
        pages[NEWS_INDEX["slug"]] = news_index
        for item in NEWS:
            article = self.child_page(
                news_index,
                NewsPage,
                item["slug"],
                title=item["title"],
                date=item["date"],
                author=item["author"],
                intro=item["intro"],
                body=stream([("paragraph", f"<p>{item['intro']}</p>")]),
            )
            if not article.tags.exists():
                article.tags.add(*item["tags"])
                article.save_revision().publish()
            pages[item["slug"]] = article
        partners = self.child_page(
            home,
            PartnerIndexPage,
            PARTNER_INDEX["slug"],
            title=PARTNER_INDEX["title"],
            intro=PARTNER_INDEX["intro"],
            show_in_menus=True,
        )
        pages[PARTNER_INDEX["slug"]] = partners
        for spec in PARTNERS:
            fields = {key: value for key, value in spec.items() if key != "slug"}
            pages[spec["slug"]] = self.child_page(partners, PartnerPage, spec["slug"], **fields)
        for model, spec in (
            (MembershipPage, MEMBERSHIP),
            (LetterOfIntentPage, LETTER_OF_INTENT),
            (ContactPage, CONTACT),
        ):
            fields = {key: value for key, value in spec.items() if key != "slug"}
            pages[spec["slug"]] = self.child_page(home, model, spec["slug"], show_in_menus=True, **fields)

        # Parents before children: a translation is copied under its parent's translation.
        for key, page in sorted(pages.items(), key=lambda item: item[1].depth):
            translate_demo_page(page, english, ENGLISH_PAGES[key], FORMER_ENGLISH_DEMO_TEXT.get(key))
        return home

    def translate_event_pages(self, event_page) -> None:
        """English versions of the events index and the fair's event page (its programme stays single:
        `events.pages`)."""
        english = Locale.objects.get(language_code="en")
        for page in (event_page.get_parent(), event_page):
            translate_demo_page(
                page, english, ENGLISH_PAGES[page.slug], FORMER_ENGLISH_DEMO_TEXT.get(page.slug)
            )

    def child_page(self, parent, model, slug, **fields):
        """The child of `parent` with this slug, created and published when missing."""
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing
        page = model(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def load_catalogue(self) -> tuple[int, int]:
        for order, (slug, name_pl, name_en) in enumerate(CATEGORIES):
            Category.objects.update_or_create(
                slug=slug, defaults={"name_pl": name_pl, "name_en": name_en, "sort_order": order}
            )
        categories = {c.slug: c for c in Category.objects.all()}
        offers = 0
        demo = generate_demo_catalogue()
        for item in demo:
            organisation, _ = Organisation.objects.update_or_create(
                slug=item.slug,
                defaults={
                    "name": item.name,
                    "legal_form": item.legal_form,
                    "ps_status": item.ps_status,
                    "nip": item.nip,
                    "krs": item.krs,
                    "street": item.street,
                    "postal_code": item.postal_code,
                    "city": item.city,
                    "powiat": item.powiat,
                    "subregion": item.subregion,
                    "latitude": item.latitude,
                    "longitude": item.longitude,
                    "website": item.website,
                    "email": item.email,
                    "phone": item.phone,
                    "description": item.description,
                    "social_mission": item.social_mission,
                    "employees_total": item.employees_total,
                    "employees_disadvantaged": item.employees_disadvantaged,
                    "certificates": item.certificates,
                    "member_since": item.member_since,
                    "membership_status": MembershipStatus.ACTIVE,
                },
            )
            for offer in item.offers:
                Offer.objects.update_or_create(
                    slug=offer.slug,
                    defaults={
                        "organisation": organisation,
                        "kind": offer.kind,
                        "title": offer.title,
                        "description": offer.description,
                        "category": categories[offer.category],
                        "cpv_codes": offer.cpv_codes,
                        "price_from": offer.price_from,
                        "price_to": offer.price_to,
                        "price_unit": offer.price_unit,
                        "service_area": offer.service_area,
                        "lead_time_days": offer.lead_time_days,
                        "tags": offer.tags,
                        "status": OfferStatus.PUBLISHED,
                    },
                )
                offers += 1
        return len(demo), offers

    def load_fair(self) -> Fair:
        starts = (timezone.now() + timedelta(days=60)).replace(hour=10, minute=0, second=0, microsecond=0)
        fair, created = Fair.objects.get_or_create(
            slug="targi-ekonomii-spolecznej",
            defaults={
                "name": "Pomorskie Targi Ekonomii Społecznej",
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=7),
                "venue_name": "Europejskie Centrum Solidarności",
                "venue_address": "pl. Solidarności 1, 80-863 Gdańsk",
                "latitude": 54.3606,
                "longitude": 18.6496,
                "application_deadline": starts - timedelta(days=14),
                "cancellation_deadline": starts - timedelta(days=21),
            },
        )
        if created:
            StandType.objects.bulk_create(
                [
                    StandType(
                        fair=fair,
                        name="Stoisko PES 2×2 m",
                        capacity=40,
                        price_net=20000,
                        vat_rate=23,
                        sort_order=1,
                    ),
                    StandType(
                        fair=fair,
                        name="Stoisko 3×3 m",
                        capacity=15,
                        price_net=45000,
                        vat_rate=23,
                        sort_order=2,
                    ),
                    StandType(
                        fair=fair,
                        name="Stoisko zewnętrzne / namiot",
                        capacity=10,
                        price_net=60000,
                        vat_rate=23,
                        sort_order=3,
                    ),
                ]
            )
        return fair

    def ensure_admin(self) -> str:
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "pes-demo-admin")
        user_model = get_user_model()
        if not user_model.objects.filter(username="admin").exists():
            user_model.objects.create_superuser("admin", DEMO_ADMIN_EMAIL, password)
        return password
