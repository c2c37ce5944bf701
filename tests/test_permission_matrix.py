"""The permission matrix: every URL pattern the project defines, with the expected answer per role.

Roles: anonymous, buyer (an account without an organisation), member of organisation A, member of
organisation B, staff (cluster staff with admin access) and superuser. Objects belong to A. Member B
must never read or change A's offers, quote requests or applications.

A new URL pattern that is not listed here fails `test_every_project_url_is_in_the_matrix`, so nobody can
add a view without deciding who may use it.
"""

import functools
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from catalog.choices import OfferStatus
from catalog.models import QuoteRecipient, QuoteRequest
from catalog.tests.factories import OfferFactory, OrganisationFactory
from events import services as fair_services
from events.models import Fair, StandType
from events.tests.conftest import application_data

ROLES = ("anonymous", "buyer", "member_a", "member_b", "staff", "superuser")
PROJECT_PACKAGES = {"catalog", "events", "cms", "search", "config"}
LOGIN = 302  # anonymous users are sent to the login page
PUBLIC = dict.fromkeys(ROLES, 200)


def only(**statuses) -> dict:
    return statuses


OWNER_OF_A = {
    "anonymous": LOGIN,
    "buyer": 403,
    "member_a": 200,
    "member_b": 403,
    "staff": 200,
    "superuser": 200,
}
APPLICANT_A = {
    "anonymous": LOGIN,
    "buyer": 404,
    "member_a": 200,
    "member_b": 404,
    "staff": 200,
    "superuser": 200,
}
ADMIN_ONLY = {
    "anonymous": 302,
    "buyer": 302,
    "member_a": 302,
    "member_b": 302,
    "staff": 200,
    "superuser": 200,
}


@dataclass
class Row:
    url: str  # a format string filled from the world fixture
    expected: dict
    method: str = "get"
    data: dict = field(default_factory=dict)
    note: str = ""


# Route pattern (as Django prints it) -> how to call it and what each role must get.
MATRIX: dict[str, Row] = {
    # Public pages and API: everyone gets them.
    "sitemap.xml": Row("/sitemap.xml", PUBLIC),
    "robots.txt": Row("/robots.txt", PUBLIC),
    "mapa-strony/": Row("/mapa-strony/", PUBLIC),
    # The design system's pattern page: for staff reviewing the look, not for the public.
    "wzorce/": Row("/wzorce/", ADMIN_ONLY),
    "api/v1/offers/": Row("/api/v1/offers/?q=catering", PUBLIC),
    "api/v1/organisations/": Row("/api/v1/organisations/", PUBLIC),
    "api/v1/offers/map/": Row("/api/v1/offers/map/?q=catering", PUBLIC),
    "api/v1/organisations/map/": Row("/api/v1/organisations/map/", PUBLIC),
    "api/v1/suggest/": Row("/api/v1/suggest/?q=cat", PUBLIC),
    # The API describes itself to everyone: the schema and its docs carry no data.
    "api/v1/openapi.json": Row("/api/v1/openapi.json", PUBLIC),
    "api/v1/docs": Row("/api/v1/docs", PUBLIC),
    "api/v1/": Row(
        "/api/v1/", dict.fromkeys(ROLES, 404), note="no index page: the docs live at /api/v1/docs"
    ),
    "health/live/": Row("/health/live/", PUBLIC),
    # Probes of the load balancer; they say which dependency is down, never whose data is where.
    "health/ready/": Row("/health/ready/?format=json", PUBLIC),
    "katalog/": Row("/katalog/", PUBLIC),
    "szukaj/": Row("/szukaj/", dict.fromkeys(ROLES, 302), note="redirects to the catalogue listing"),
    "szukaj/organizacje/": Row("/szukaj/organizacje/", PUBLIC),
    "katalog/organizacje/<slug:slug>/": Row("/katalog/organizacje/{org_a}/", PUBLIC),
    "katalog/oferty/<slug:slug>/": Row("/katalog/oferty/{offer_a}/", PUBLIC),
    "katalog/wplyw-spoleczny/": Row("/katalog/wplyw-spoleczny/", PUBLIC),
    "katalog/wybrane/": Row("/katalog/wybrane/", PUBLIC),
    "katalog/wybrane/dodaj/": Row(
        "/katalog/wybrane/dodaj/", dict.fromkeys(ROLES, 302), "post", {"kind": "offer", "slug": "{offer_a}"}
    ),
    "katalog/wybrane/usun/": Row(
        "/katalog/wybrane/usun/", dict.fromkeys(ROLES, 302), "post", {"kind": "offer", "slug": "{offer_a}"}
    ),
    r"katalog/^wybrane/eksport\.(?P<file_format>csv|xlsx)$": Row(
        "/katalog/wybrane/eksport.csv",
        dict.fromkeys(ROLES, 302),
        note="an empty shortlist has nothing to export",
    ),
    "katalog/zapytanie-ofertowe/": Row(
        "/katalog/zapytanie-ofertowe/",
        dict.fromkeys(ROLES, 302),
        note="an empty shortlist sends the buyer back to the catalogue",
    ),
    # The buyer's private link is the capability: whoever holds the unguessable token may read it.
    "katalog/zapytania/<str:token>/": Row("/katalog/zapytania/{quote_token}/", PUBLIC),
    "katalog/zapytania/<str:token>/ (wrong token)": Row(
        "/katalog/zapytania/not-the-token/", dict.fromkeys(ROLES, 404)
    ),
    # The supplier portal: only A's own users (and staff) reach A's things.
    "katalog/panel/": Row("/katalog/panel/", {**dict.fromkeys(ROLES, 200), "anonymous": LOGIN}),
    "katalog/panel/organizacja/<slug:slug>/": Row("/katalog/panel/organizacja/{org_a}/", OWNER_OF_A),
    "katalog/panel/organizacja/<slug:slug>/nowa-oferta/": Row(
        "/katalog/panel/organizacja/{org_a}/nowa-oferta/", OWNER_OF_A
    ),
    "katalog/panel/oferty/<slug:slug>/": Row("/katalog/panel/oferty/{offer_a}/", OWNER_OF_A),
    "katalog/panel/zapytania/<int:pk>/": Row("/katalog/panel/zapytania/{recipient_a}/", OWNER_OF_A),
    "katalog/panel/organizacja/<slug:slug>/ (post)": Row(
        "/katalog/panel/organizacja/{org_a}/",
        only(anonymous=LOGIN, buyer=403, member_b=403),
        "post",
        {"name": "Przejęta nazwa"},
        note="writes by outsiders are refused before the form is read",
    ),
    # The fair: an application made from an account belongs to that account.
    "targi/<slug:slug>/": Row("/targi/{fair}/", PUBLIC),
    "targi/<slug:slug>/zgloszenie/": Row("/targi/{fair}/zgloszenie/", PUBLIC),
    "targi/zgloszenie/<uuid:token>/": Row("/targi/zgloszenie/{application_a}/", APPLICANT_A),
    "targi/zgloszenie/<uuid:token>/zaplac/": Row(
        "/targi/zgloszenie/{application_a}/zaplac/",
        only(anonymous=LOGIN, buyer=404, member_b=404),
        "post",
        note="the owner's payment is proven in events/tests",
    ),
    "targi/zgloszenie/<uuid:token>/przelew/": Row(
        "/targi/zgloszenie/{application_a}/przelew/", only(anonymous=LOGIN, buyer=404, member_b=404), "post"
    ),
    "targi/zgloszenie/<uuid:token>/anuluj/": Row(
        "/targi/zgloszenie/{application_a}/anuluj/", only(anonymous=LOGIN, buyer=404, member_b=404), "post"
    ),
    "targi/zgloszenie/<uuid:token>/platnosc/sukces/": Row(
        "/targi/zgloszenie/{application_a}/platnosc/sukces/",
        {**APPLICANT_A, "member_a": 302, "staff": 302, "superuser": 302},
    ),
    "targi/zgloszenie/<uuid:token>/platnosc/anulowana/": Row(
        "/targi/zgloszenie/{application_a}/platnosc/anulowana/",
        {**APPLICANT_A, "member_a": 302, "staff": 302, "superuser": 302},
    ),
    "targi/zgloszenie/<uuid:token>/dokument/<int:invoice_id>.pdf": Row(
        "/targi/zgloszenie/{application_a}/dokument/{invoice_a}.pdf", APPLICANT_A
    ),
    "targi/zgloszenie/<uuid:token>/proforma.pdf": Row(
        "/targi/zgloszenie/{application_a}/proforma.pdf",
        {**APPLICANT_A, "member_a": 404, "staff": 404, "superuser": 404},
        note="A's transfer is paid, so no pro-forma is open; the owner's 200 is in events' tests",
    ),
    # Stripe's webhook: no session, no CSRF, only a valid signature counts.
    "webhooks/stripe/": Row("/webhooks/stripe/", dict.fromkeys(ROLES, 400), "post", {"id": "evt_forged"}),
    # Staff tools in the Wagtail admin.
    # Wagtail's password-only login hands over to allauth's login with the second factor (everyone).
    "admin/login/": Row("/admin/login/", dict.fromkeys(ROLES, 302)),
    "admin/katalog/moderacja/": Row("/admin/katalog/moderacja/", ADMIN_ONLY),
    "admin/katalog/zaproszenia/": Row("/admin/katalog/zaproszenia/", ADMIN_ONLY),
    "admin/katalog/weryfikacja/": Row("/admin/katalog/weryfikacja/", ADMIN_ONLY),
    "admin/cms/podpisy-do-sprawdzenia/": Row("/admin/cms/podpisy-do-sprawdzenia/", ADMIN_ONLY),
    "admin/targi/": Row("/admin/targi/", ADMIN_ONLY),
    "admin/targi/zgloszenie/<int:pk>/": Row("/admin/targi/zgloszenie/{application_a_pk}/", ADMIN_ONLY),
    "admin/targi/faktury/": Row("/admin/targi/faktury/", ADMIN_ONLY),
    "admin/targi/faktury/<int:pk>.<str:fmt>": Row("/admin/targi/faktury/{invoice_a}.xml", ADMIN_ONLY),
    "admin/targi/faktury/<int:pk>/ksef/": Row(
        "/admin/targi/faktury/{invoice_a}/ksef/", {**ADMIN_ONLY, "staff": 302, "superuser": 302}, "post"
    ),
    "admin/targi/wyciagi/": Row("/admin/targi/wyciagi/", ADMIN_ONLY),
}

# The staff listings use the project's formula-safe export base (config/core/exports.py), so their
# routes are the project's: the listing, its filtered results and its CSV export, staff only.
STAFF_LISTINGS = (
    "cms/contact-messages",
    "cms/letter-of-intent",
    "cms/membership-applications",
    "cms/nip-conflicts",
    "fair/add-ons",
    "fair/applications",
    "fair/fairs",
    "fair/pricing-rules",
    "fair/stand-types",
    "katalog/cpv",
    "katalog/kategorie",
    "katalog/oferty",
    "katalog/organizacje",
    "katalog/zapytania",
)
for _prefix in STAFF_LISTINGS:
    MATRIX[f"admin/{_prefix}/"] = Row(f"/admin/{_prefix}/", ADMIN_ONLY)
    MATRIX[f"admin/{_prefix}/ (csv export)"] = Row(f"/admin/{_prefix}/?export=csv", ADMIN_ONLY)
    MATRIX[f"admin/{_prefix}/results/"] = Row(f"/admin/{_prefix}/results/", ADMIN_ONLY)


def project_routes() -> set[str]:
    """Every URL pattern whose view lives in this project's code (library routes are not ours to list)."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                callback = pattern.callback
                # django-ninja's OpenAPI JSON and docs are functools.partial objects: look inside.
                while isinstance(callback, functools.partial):
                    callback = callback.func
                module = getattr(getattr(callback, "view_class", callback), "__module__", "") or ""
                if module.split(".")[0] in PROJECT_PACKAGES or module.startswith("ninja"):
                    yield prefix + str(pattern.pattern)

    return set(walk(get_resolver().url_patterns))


def test_every_project_url_is_in_the_matrix():
    listed = {key.split(" (")[0] for key in MATRIX}
    missing = project_routes() - listed
    assert not missing, f"Add these URL patterns to the permission matrix: {sorted(missing)}"


@pytest.fixture
def world(db, django_capture_on_commit_callbacks):
    user_model = get_user_model()
    org_a = OrganisationFactory()
    org_b = OrganisationFactory()
    offer_a = OfferFactory(organisation=org_a, status=OfferStatus.PUBLISHED)
    OfferFactory(organisation=org_b, status=OfferStatus.PUBLISHED)
    users = {
        "buyer": user_model.objects.create_user("buyer", "buyer@example.org", "x-pass-123"),
        "member_a": user_model.objects.create_user("member_a", "a@example.org", "x-pass-123"),
        "member_b": user_model.objects.create_user("member_b", "b@example.org", "x-pass-123"),
        "staff": user_model.objects.create_user("staff", "staff@example.org", "x-pass-123", is_staff=True),
        "superuser": user_model.objects.create_superuser("root", "root@example.org", "x-pass-123"),
    }
    org_a.members.add(users["member_a"])
    org_b.members.add(users["member_b"])
    staff_group, _ = Group.objects.get_or_create(name="Zespół klastra")
    # Cluster staff: the admin, and every permission on the project's own models.
    staff_group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label__in=["catalog", "events", "cms"]),
    )
    users["staff"].groups.add(staff_group)

    quote = QuoteRequest.objects.create(
        buyer_type="company",
        buyer_name="Anna",
        buyer_email="anna@example.org",
        description="Catering",
        quantity="40",
        deadline=timezone.localdate() + timedelta(days=30),
        place="Gdańsk",
        consent_given_at=timezone.now(),
        ip_hash="x",
    )
    recipient = QuoteRecipient.objects.create(quote_request=quote, organisation=org_a)

    now = timezone.now()
    fair = Fair.objects.create(
        slug="targi-macierz",
        name="Targi",
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=6),
        venue_name="Hala",
        venue_address="Gdańsk",
    )
    stand = StandType.objects.create(fair=fair, name="Stoisko", capacity=5, price_net=20000)
    application = fair_services.apply_for_stand(
        fair=fair,
        stand_type=stand,
        addons=[],
        data=application_data(),
        organisation=org_a,
        user=users["member_a"],
    )
    application = fair_services.approve_application(application)
    with django_capture_on_commit_callbacks(execute=True):
        fair_services.choose_bank_transfer(application)
        fair_services.mark_transfer_paid(application)
    invoice = application.invoices.get()
    return {
        "users": users,
        "ids": {
            "org_a": org_a.slug,
            "offer_a": offer_a.slug,
            "quote_token": quote.token,
            "recipient_a": recipient.pk,
            "fair": fair.slug,
            "application_a": application.access_token,
            "application_a_pk": application.pk,
            "invoice_a": invoice.pk,
        },
    }


@pytest.mark.parametrize("route", sorted(MATRIX))
def test_each_role_gets_the_expected_answer(route, world, client):
    row = MATRIX[route]
    url = row.url.format(**world["ids"])
    data = {key: value.format(**world["ids"]) for key, value in row.data.items()}
    answers = {}
    for role in row.expected:
        client.logout()
        if role != "anonymous":
            client.force_login(world["users"][role])
        response = getattr(client, row.method)(url, data) if row.method == "post" else client.get(url)
        answers[role] = response.status_code
        assert response.status_code < 500
    assert answers == row.expected, f"{route}: {answers}"


I18N_PREFIXES = ("/katalog/", "/targi/", "/szukaj/", "/konto/")


@pytest.mark.parametrize(
    "route", sorted(key for key, row in MATRIX.items() if row.url.startswith(I18N_PREFIXES))
)
def test_each_role_gets_the_same_answer_in_english(route, world, client):
    """The English URLs (/en/...) reach the same views: the same answer for every role."""
    row = MATRIX[route]
    url = "/en" + row.url.format(**world["ids"])
    data = {key: value.format(**world["ids"]) for key, value in row.data.items()}
    answers = {}
    for role in row.expected:
        client.logout()
        if role != "anonymous":
            client.force_login(world["users"][role])
        response = getattr(client, row.method)(url, data) if row.method == "post" else client.get(url)
        answers[role] = response.status_code
    assert answers == row.expected, f"/en{route}: {answers}"


def project_admin_viewsets() -> list[str]:
    """Listing URLs of every Wagtail admin viewset (snippets included) that this project registers."""
    _ = get_resolver().url_patterns  # viewsets are registered when the admin URLs load
    from wagtail.admin.viewsets import viewsets

    return sorted(
        viewset.menu_url
        for viewset in viewsets.viewsets
        if type(viewset).__module__.split(".")[0] in PROJECT_PACKAGES and hasattr(viewset, "model")
    )


def test_the_project_registers_its_staff_viewsets():
    names = project_admin_viewsets()
    assert "/admin/fair/applications/" in names
    assert "/admin/katalog/oferty/" in names
    assert len(names) >= 10


@pytest.mark.parametrize("url", project_admin_viewsets())
def test_every_staff_viewset_is_closed_to_everyone_but_staff(url, world, client):
    answers = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world["users"][role])
        answers[role] = client.get(url).status_code
    assert answers == ADMIN_ONLY, f"{url}: {answers}"
