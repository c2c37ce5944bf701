"""Load the demo content of `make run`: brand pages, a demo catalogue, an upcoming fair and an admin.

The content is data in each app's `demo` package (`cms/demo/*.yaml`, `catalog/demo/catalogue.yaml`,
`events/demo/fair.yaml`), read by `cms.demo.loader` and built by the module beside each file.

Idempotent: every object is upserted by a stable key, so a second run changes nothing; an English page
field an editor wrote is kept (`cms.demo.translation`).
"""

import os

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.demo.catalogue import load_catalogue
from cms.demo.loader import read_demo_data
from cms.demo.pages import load_pages, translate_pages
from events.demo.fair import load_fair_demo

DEMO_ADMIN_EMAIL = "admin@pes.example.pl"


class Command(BaseCommand):
    help = "Load (or refresh) the demo content: brand pages, catalogue, fair and an admin account."

    def handle(self, *args, **options):
        english = read_demo_data("cms.demo", "pages_en")
        with transaction.atomic():
            pages = load_pages(read_demo_data("cms.demo", "pages"))
            translate_pages(pages, english)
            organisations, offers = load_catalogue(read_demo_data("catalog.demo", "catalogue"))
            event_page = load_fair_demo(read_demo_data("events.demo", "fair"), pages["home"])
            # The events index and the fair's page; the programme stays single (`events.pages`).
            translate_pages({page.slug: page for page in (event_page.get_parent(), event_page)}, english)
            password = self.ensure_admin()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: home page '{pages['home'].title}', {organisations} organisations, "
                f"{offers} offers."
            )
        )
        self.stdout.write(
            f"Admin: http://127.0.0.1:8000/admin/  email: {DEMO_ADMIN_EMAIL}  password: {password}"
        )

    def ensure_admin(self) -> str:
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "pes-demo-admin")
        user_model = get_user_model()
        admin = user_model.objects.filter(username="admin").first()
        if admin is None:
            admin = user_model.objects.create_superuser("admin", DEMO_ADMIN_EMAIL, password)
        # The admin signs in through allauth (config/staff_mfa.py), with a verified email address.
        EmailAddress.objects.get_or_create(
            user=admin,
            email__iexact=admin.email,
            defaults={"email": admin.email, "verified": True, "primary": True},
        )
        return password
