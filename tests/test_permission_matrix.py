"""The permission matrix: every URL the project serves, with the expected answer per role.

Roles: anonymous, buyer (an account without an organisation), member of organisation A, member of
organisation B, the three staff roles of `config/core/staff_roles.py` (catalogue moderator, fair staff,
editor, each a real group with its real permissions) and a superuser. Objects belong to A.

What counts as a URL (and fails `test_every_url_is_in_the_matrix` when it is missing here):
- every URL pattern whose view is the project's code, django-ninja's schema and docs included;
- every URL of every project admin viewset and snippet (listing, results, add, copy, edit, delete,
  inspect, history, usage) and every bulk action registered for a project model;
- Wagtail's document URLs;
- every project page type and every RoutablePage sub-route, in Polish (no prefix) and English (/en/).

Answers: a status code, or "login" (sent to a login page), "refused" (Wagtail's admin refused the
permission and sent the user to the dashboard), "done" (the action took effect: checked on the data).
Each role's request runs in its own savepoint, rolled back, so no role sees another's effects.
"""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from catalog.models import Category, CpvCode, Offer, Organisation, QuoteRequest
from tests.permission_world import PROJECT_PACKAGES, ROLES, build_world, project_page_models

NON_STAFF = ("anonymous", "buyer", "member_a", "member_b")
STAFF = ("moderator", "fair_staff", "editor")
LOGIN, REFUSED, DONE = "login", "refused", "done"


def everyone(answer) -> dict:
    return dict.fromkeys(ROLES, answer)


PUBLIC = everyone(200)


def staff_tool(*owners, ok=200, others=REFUSED) -> dict:
    """An admin tool: people without admin access are sent to log in; staff of other roles are refused."""
    return {
        **dict.fromkeys(NON_STAFF, LOGIN),
        **{r: ok if r in owners else others for r in STAFF},
        "superuser": ok,
    }


def portal(member_a, staff_ok, *, refused=403, **overrides) -> dict:
    answers = {"anonymous": LOGIN, "buyer": refused, "member_a": member_a, "member_b": refused}
    answers |= {role: staff_ok if role in overrides.get("staff", ()) else refused for role in STAFF}
    return answers | {"superuser": staff_ok}


OWNER_OF_A = portal(200, 200, staff=("moderator",))  # catalog.change_organisation
APPLICANT_A = portal(200, 200, refused=404, staff=("fair_staff",))  # events.view_exhibitorapplication


@dataclass
class Row:
    url: str  # a format string filled from the world's ids
    expected: dict
    method: str = "get"
    data: dict = field(default_factory=dict)
    done: Callable[[dict], bool] | None = (
        None  # True when the request took effect (read inside its savepoint)
    )
    note: str = ""


MATRIX: dict[str, Row] = {
    # Public pages and API: everyone gets them.
    "sitemap.xml": Row("/sitemap.xml", PUBLIC),
    "robots.txt": Row("/robots.txt", PUBLIC),
    "mapa-strony/": Row("/mapa-strony/", PUBLIC),
    # The design system's pattern page: for staff reviewing the look, not for the public.
    "wzorce/": Row("/wzorce/", staff_tool(*STAFF)),
    "api/v1/offers/": Row("/api/v1/offers/?q=catering", PUBLIC),
    "api/v1/organisations/": Row("/api/v1/organisations/", PUBLIC),
    "api/v1/offers/map/": Row("/api/v1/offers/map/?q=catering", PUBLIC),
    "api/v1/organisations/map/": Row("/api/v1/organisations/map/", PUBLIC),
    "api/v1/suggest/": Row("/api/v1/suggest/?q=cat", PUBLIC),
    # The API describes itself to everyone: the schema and its docs carry no data.
    "api/v1/openapi.json": Row("/api/v1/openapi.json", PUBLIC),
    "api/v1/docs": Row("/api/v1/docs", PUBLIC),
    "api/v1/": Row("/api/v1/", everyone(404), note="no index page: the docs live at /api/v1/docs"),
    "health/live/": Row("/health/live/", PUBLIC),
    # Probes of the load balancer; they say which dependency is down, never whose data is where.
    "health/ready/": Row("/health/ready/?format=json", PUBLIC),
    "katalog/": Row("/katalog/", PUBLIC),
    "szukaj/": Row("/szukaj/", everyone(302), note="redirects to the catalogue listing"),
    "szukaj/organizacje/": Row("/szukaj/organizacje/", PUBLIC),
    "katalog/organizacje/<slug:slug>/": Row("/katalog/organizacje/{org_a}/", PUBLIC),
    "katalog/oferty/<slug:slug>/": Row("/katalog/oferty/{offer_a}/", PUBLIC),
    "katalog/wplyw-spoleczny/": Row("/katalog/wplyw-spoleczny/", PUBLIC),
    "katalog/wybrane/": Row("/katalog/wybrane/", PUBLIC),
    "katalog/wybrane/dodaj/": Row(
        "/katalog/wybrane/dodaj/", everyone(302), "post", {"kind": "offer", "slug": "{offer_a}"}
    ),
    "katalog/wybrane/usun/": Row(
        "/katalog/wybrane/usun/", everyone(302), "post", {"kind": "offer", "slug": "{offer_a}"}
    ),
    r"katalog/^wybrane/eksport\.(?P<file_format>csv|xlsx)$": Row(
        "/katalog/wybrane/eksport.csv", everyone(302), note="an empty shortlist has nothing to export"
    ),
    "katalog/zapytanie-ofertowe/": Row(
        "/katalog/zapytanie-ofertowe/", everyone(302), note="an empty shortlist sends the buyer back"
    ),
    # The buyer's private link is the capability: whoever holds the unguessable token may read it.
    "katalog/zapytania/<str:token>/": Row("/katalog/zapytania/{quote_token}/", PUBLIC),
    "katalog/zapytania/<str:token>/ (wrong token)": Row("/katalog/zapytania/not-the-token/", everyone(404)),
    # The supplier portal: only A's own users reach A's things; of the staff, the catalogue's moderators.
    "katalog/panel/": Row("/katalog/panel/", {**PUBLIC, "anonymous": LOGIN}),
    "katalog/panel/organizacja/<slug:slug>/": Row("/katalog/panel/organizacja/{org_a}/", OWNER_OF_A),
    "katalog/panel/organizacja/<slug:slug>/nowa-oferta/": Row(
        "/katalog/panel/organizacja/{org_a}/nowa-oferta/", OWNER_OF_A
    ),
    "katalog/panel/oferty/<slug:slug>/": Row("/katalog/panel/oferty/{offer_a}/", OWNER_OF_A),
    # A supplier's copy of a quote request is the supplier's: staff do not answer for them.
    "katalog/panel/zapytania/<int:pk>/": Row("/katalog/panel/zapytania/{recipient_a}/", portal(200, 200)),
    "katalog/panel/organizacja/<slug:slug>/ (post)": Row(
        "/katalog/panel/organizacja/{org_a}/",
        {"anonymous": LOGIN, "buyer": 403, "member_b": 403, "fair_staff": 403, "editor": 403},
        "post",
        {"name": "Przejęta nazwa"},
        note="writes by outsiders are refused before the form is read",
    ),
    # The fair: an application made from an account belongs to that account (and to the fair staff).
    "targi/<slug:slug>/": Row("/targi/{fair}/", PUBLIC),
    "targi/<slug:slug>/zgloszenie/": Row("/targi/{fair}/zgloszenie/", PUBLIC),
    "targi/zgloszenie/<uuid:token>/": Row("/targi/zgloszenie/{application_a}/", APPLICANT_A),
    "targi/zgloszenie/<uuid:token>/zaplac/": Row(
        "/targi/zgloszenie/{application_a}/zaplac/",
        {"anonymous": LOGIN, "buyer": 404, "member_b": 404, "moderator": 404, "editor": 404},
        "post",
        note="the owner's payment is proven in events/tests",
    ),
    "targi/zgloszenie/<uuid:token>/przelew/": Row(
        "/targi/zgloszenie/{application_a}/przelew/",
        {"anonymous": LOGIN, "buyer": 404, "member_b": 404, "moderator": 404, "editor": 404},
        "post",
    ),
    "targi/zgloszenie/<uuid:token>/anuluj/": Row(
        "/targi/zgloszenie/{application_a}/anuluj/",
        {"anonymous": LOGIN, "buyer": 404, "member_b": 404, "moderator": 404, "editor": 404},
        "post",
    ),
    "targi/zgloszenie/<uuid:token>/platnosc/sukces/": Row(
        "/targi/zgloszenie/{application_a}/platnosc/sukces/",
        {**APPLICANT_A, "member_a": 302, "fair_staff": 302, "superuser": 302},
    ),
    "targi/zgloszenie/<uuid:token>/platnosc/anulowana/": Row(
        "/targi/zgloszenie/{application_a}/platnosc/anulowana/",
        {**APPLICANT_A, "member_a": 302, "fair_staff": 302, "superuser": 302},
    ),
    "targi/zgloszenie/<uuid:token>/dokument/<int:invoice_id>.pdf": Row(
        "/targi/zgloszenie/{application_a}/dokument/{invoice_a}.pdf", APPLICANT_A
    ),
    "targi/zgloszenie/<uuid:token>/proforma.pdf": Row(
        "/targi/zgloszenie/{application_a}/proforma.pdf",
        {**APPLICANT_A, "member_a": 404, "fair_staff": 404, "superuser": 404},
        note="A's transfer is paid, so no pro-forma is open; the owner's 200 is in events' tests",
    ),
    # Procurement (issue 17): the buyer's pages hang off the quote request's unguessable token.
    "zakupy/zapytania/<str:token>/porownanie/": Row("/zakupy/zapytania/{quote_token}/porownanie/", PUBLIC),
    "zakupy/zapytania/<str:token>/porownanie/ (wrong token)": Row(
        "/zakupy/zapytania/not-the-token/porownanie/", everyone(404)
    ),
    "zakupy/zapytania/<str:token>/zalacznik/<int:pk>/": Row(
        "/zakupy/zapytania/{quote_token}/zalacznik/{recipient_a}/",
        everyone(404),
        note="the recipient sent no attachment; with one, the token holder downloads it",
    ),
    "zakupy/zapytania/<str:token>/notatka/": Row("/zakupy/zapytania/{quote_token}/notatka/", PUBLIC),
    r"zakupy/^zapytania/(?P<token>[^/]+)/notatka\.(?P<language>pl|en)\.(?P<file_format>pdf|docx)$": Row(
        "/zakupy/zapytania/{quote_token}/notatka.pl.pdf",
        everyone(404),
        note="no note issued yet; once issued the token holder downloads it",
    ),
    r"zakupy/^zapytania/(?P<token>[^/]+)/eksport\.(?P<file_format>csv|xlsx)$": Row(
        "/zakupy/zapytania/{quote_token}/eksport.csv", PUBLIC
    ),
    # Saved searches: anyone may save one (rate-limited); the emailed tokens confirm and unsubscribe.
    "zakupy/wyszukiwania/zapisz/": Row(
        "/zakupy/wyszukiwania/zapisz/?q=catering", PUBLIC, note="the form; an empty search redirects"
    ),
    "zakupy/wyszukiwania/potwierdz/<str:token>/": Row(
        "/zakupy/wyszukiwania/potwierdz/not-a-token/", everyone(404)
    ),
    "zakupy/wyszukiwania/wypisz/<str:token>/": Row("/zakupy/wyszukiwania/wypisz/not-a-token/", everyone(404)),
    r"zakupy/^zapytania/(?P<token>[^/]+)/kupuj-spolecznie-(?P<year>20\d\d)\.pdf$": Row(
        "/zakupy/zapytania/{quote_token}/kupuj-spolecznie-2026.pdf",
        PUBLIC,
        note="the token holder's own report",
    ),
    "zakupy/zapytania/<str:token>/wynik/": Row("/zakupy/zapytania/{quote_token}/wynik/", PUBLIC),
    # Public by design: it confirms a reference and a hash printed on a note, nothing else.
    "zakupy/weryfikacja/<str:token>/": Row("/zakupy/weryfikacja/not-a-note/", everyone(404)),
    "zakupy/wyniki/<int:pk>/potwierdz/": Row(
        "/zakupy/wyniki/999999/potwierdz/",
        {**everyone(404), "anonymous": LOGIN},
        "post",
        note="only the awarded supplier's users (or staff) confirm; the service refuses others with 403",
    ),
    r"zakupy/^kupuj-spolecznie-(?P<year>20\d\d)\.(?P<file_format>csv|xlsx)$": Row(
        "/zakupy/kupuj-spolecznie-2026.csv", PUBLIC, note="the cluster's open data"
    ),
    # The floor plan (issue 18): the public catalogue and its PDF; the exhibitor's stand choice and listing.
    "targi/<slug:slug>/wystawcy/": Row("/targi/{fair}/wystawcy/", PUBLIC),
    "targi/<slug:slug>/katalog-wystawcow.pdf": Row("/targi/{fair}/katalog-wystawcow.pdf", PUBLIC),
    "targi/zgloszenie/<uuid:token>/stoisko/": Row(
        "/targi/zgloszenie/{application_a}/stoisko/",
        {**everyone(404), "anonymous": LOGIN},
        note="this fair has no floor plan, so there is nothing to choose; the owner's 200 is in events' tests",
    ),
    "targi/zgloszenie/<uuid:token>/wizytowka/": Row(
        "/targi/zgloszenie/{application_a}/wizytowka/", APPLICANT_A
    ),
    "admin/targi/plan/<int:fair_id>/": Row("/admin/targi/plan/{fair_pk}/", staff_tool("fair_staff")),
    "admin/targi/wizytowka/<int:pk>/ocena/": Row(
        "/admin/targi/wizytowka/0/ocena/",
        staff_tool("fair_staff", ok=404),
        "post",
        note="no listing 0: fair staff pass the permission check and get 404",
    ),
    "admin/targi/zgloszenie/<int:pk>/stoisko/": Row(
        "/admin/targi/zgloszenie/{application_a_pk}/stoisko/",
        staff_tool("fair_staff", ok=302),
        "post",
        note="fair staff without a stand chosen are sent back to the plan",
    ),
    # Visitors (issue 19): the ticket's token is the capability (like a quote request's); changes are POSTs.
    "targi/wydarzenie/<int:page_id>/rejestracja/": Row("/targi/wydarzenie/{event_page}/rejestracja/", PUBLIC),
    "targi/bilet/<uuid:token>/": Row("/targi/bilet/{ticket}/", PUBLIC),
    "targi/bilet/<uuid:token>/ (wrong token)": Row(
        "/targi/bilet/00000000-0000-4000-8000-000000000000/", everyone(404)
    ),
    "targi/bilet/<uuid:token>/potwierdz/": Row("/targi/bilet/{ticket}/potwierdz/", everyone(302), "post"),
    "targi/bilet/<uuid:token>/odbierz/": Row(
        "/targi/bilet/{ticket}/odbierz/", everyone(302), "post", note="no offer: an error message"
    ),
    "targi/bilet/<uuid:token>/anuluj/": Row(
        "/targi/bilet/{ticket}/anuluj/",
        everyone(405),
        note="GET refused; the POST that cancels is proven in events/tests/test_visitors.py",
    ),
    "targi/bilet/<uuid:token>/bilet.pdf": Row("/targi/bilet/{ticket}/bilet.pdf", PUBLIC),
    "targi/bilet/<uuid:token>/spotkania/": Row("/targi/bilet/{ticket}/spotkania/", PUBLIC),
    "targi/bilet/<uuid:token>/spotkania/rezerwuj/": Row(
        "/targi/bilet/{ticket}/spotkania/rezerwuj/", everyone(302), "post", {"slot": "0"}
    ),
    "targi/bilet/<uuid:token>/spotkania.ics": Row("/targi/bilet/{ticket}/spotkania.ics", PUBLIC),
    "targi/zapisy/<uuid:token>/anuluj/": Row("/targi/zapisy/{session_registration}/anuluj/", PUBLIC),
    "targi/zapisy/<uuid:token>/odbierz/": Row("/targi/zapisy/{session_registration}/odbierz/", PUBLIC),
    "targi/zgloszenie/<uuid:token>/obsluga-stoiska/": Row(
        "/targi/zgloszenie/{application_a}/obsluga-stoiska/", APPLICANT_A
    ),
    "targi/spotkanie/<uuid:token>/wynik/": Row("/targi/spotkanie/{follow_up}/wynik/", PUBLIC),
    "targi/spotkanie/<uuid:token>/wynik/ (answer)": Row(
        "/targi/spotkanie/{follow_up}/wynik/", everyone(200), "post", {"answer": "quote"}
    ),
    "targi/spotkanie/<uuid:token>/wynik/ (wrong token)": Row(
        "/targi/spotkanie/00000000-0000-4000-8000-000000000000/wynik/", everyone(404)
    ),
    "targi/zgloszenie/<uuid:token>/spotkania/": Row(
        "/targi/zgloszenie/{application_a}/spotkania/", APPLICANT_A
    ),
    "targi/zgloszenie/<uuid:token>/spotkania.ics": Row(
        "/targi/zgloszenie/{application_a}/spotkania.ics", APPLICANT_A
    ),
    # The check-in desk, attendance, badges, reports and the meetings grid: fair staff.
    "admin/goscie/": Row("/admin/goscie/", staff_tool("fair_staff")),
    "admin/goscie/<int:page_id>/wejscie/": Row(
        "/admin/goscie/{event_page}/wejscie/", staff_tool("fair_staff")
    ),
    "admin/goscie/<int:page_id>/identyfikatory.pdf": Row(
        "/admin/goscie/{event_page}/identyfikatory.pdf", staff_tool("fair_staff")
    ),
    "admin/goscie/<int:page_id>/frekwencja.<str:fmt>": Row(
        "/admin/goscie/{event_page}/frekwencja.xlsx", staff_tool("fair_staff")
    ),
    "admin/goscie/cykl/<int:series_id>/frekwencja.<str:fmt>": Row(
        "/admin/goscie/cykl/{series}/frekwencja.pdf", staff_tool("fair_staff")
    ),
    "admin/goscie/<int:page_id>/spotkania/": Row(
        "/admin/goscie/{event_page}/spotkania/", staff_tool("fair_staff")
    ),
    # Stripe's webhook: no session, no CSRF, only a valid signature counts.
    "webhooks/stripe/": Row("/webhooks/stripe/", everyone(400), "post", {"id": "evt_forged"}),
    # Wagtail's password-only login hands over to allauth's login with the second factor (everyone).
    "admin/login/": Row("/admin/login/", everyone(LOGIN)),
    # Staff tools, each for the role whose job it is.
    "admin/katalog/moderacja/": Row("/admin/katalog/moderacja/", staff_tool("moderator")),
    "admin/katalog/moderacja/ (post)": Row(
        "/admin/katalog/moderacja/",
        staff_tool("moderator", ok=DONE),
        "post",
        {"offer": "{pending_offer_pk}", "decision": "approve"},
        done=lambda ids: Offer.objects.get(pk=ids["pending_offer_pk"]).status == "published",
    ),
    "admin/katalog/zaproszenia/": Row("/admin/katalog/zaproszenia/", staff_tool("moderator")),
    "admin/katalog/weryfikacja/": Row("/admin/katalog/weryfikacja/", staff_tool("moderator")),
    "admin/cms/podpisy-do-sprawdzenia/": Row("/admin/cms/podpisy-do-sprawdzenia/", staff_tool("moderator")),
    "admin/targi/": Row("/admin/targi/", staff_tool("fair_staff")),
    "admin/targi/zgloszenie/<int:pk>/": Row(
        "/admin/targi/zgloszenie/{application_a_pk}/", staff_tool("fair_staff")
    ),
    "admin/targi/faktury/": Row("/admin/targi/faktury/", staff_tool("fair_staff")),
    "admin/targi/faktury/<int:pk>.<str:fmt>": Row(
        "/admin/targi/faktury/{invoice_a}.xml", staff_tool("fair_staff")
    ),
    "admin/targi/faktury/<int:pk>/ksef/": Row(
        "/admin/targi/faktury/{invoice_a}/ksef/", staff_tool("fair_staff", ok=302), "post"
    ),
    "admin/targi/wyciagi/": Row("/admin/targi/wyciagi/", staff_tool("fair_staff")),
    # Wagtail's own admin, by role (library views: listed to prove the roles, not for coverage).
    "admin/ (dashboard)": Row("/admin/", staff_tool(*STAFF)),
    "admin/pages/ (edit the home page)": Row("/admin/pages/{home_page_pk}/edit/", staff_tool("editor")),
    "admin/documents/ (library)": Row("/admin/documents/", staff_tool("editor")),
    "admin/images/ (library)": Row("/admin/images/", staff_tool("editor", "moderator")),
    "admin/users/ (library)": Row("/admin/users/", staff_tool()),
    "admin/groups/ (library)": Row("/admin/groups/", staff_tool()),
    # Documents are public files; a wrong name or id finds nothing.
    "documents/<int:document_id>/<str:document_filename>": Row(
        "/documents/{document_pk}/{document_file}", PUBLIC
    ),
    "documents/<int:document_id>/<str:document_filename> (wrong name)": Row(
        "/documents/{document_pk}/inny.pdf", everyone(404)
    ),
    # Wagtail's legacy document URL (a filename with a slash): it serves nothing another URL does not.
    r"documents/^(\d+)/(.*)$": Row("/documents/{document_pk}/stary/regulamin.pdf", everyone(404)),
    "documents/authenticate_with_password/<int:restriction_id>/": Row(
        "/documents/authenticate_with_password/999999/", everyone(404)
    ),
}

# --- Admin viewsets and snippets: every action, for the roles whose permissions the job needs. ---
# url prefix -> (model, id of the object the actions name, {role: permissions as letters v(iew) a(dd) c(hange) d(elete)})
STAFF_VIEWSETS = {
    "katalog/organizacje": ("catalog.Organisation", "org_a_pk", {"moderator": "vac", "fair_staff": "v"}),
    "katalog/oferty": ("catalog.Offer", "offer_a_pk", {"moderator": "vc"}),
    "katalog/kategorie": ("catalog.Category", "category_pk", {"moderator": "vacd"}),
    "katalog/cpv": ("catalog.CpvCode", "cpv_pk", {"moderator": "vacd"}),
    "katalog/zapytania": ("catalog.QuoteRequest", "quote_pk", {"moderator": "v"}),
    "cms/membership-applications": (
        "catalog.Organisation",
        "org_a_pk",
        {"moderator": "vac", "fair_staff": "v"},
    ),
    "cms/nip-conflicts": ("cms.MembershipConflict", "conflict_pk", {"moderator": "vc"}),
    "cms/letter-of-intent": ("cms.LetterOfIntentSignature", "signature_pk", {"moderator": "vc"}),
    "cms/contact-messages": ("cms.ContactMessage", "message_pk", {"editor": "vcd"}),
    "fair/fairs": ("events.Fair", "fair_pk", {"fair_staff": "vacd"}),
    "fair/stand-types": ("events.StandType", "stand_pk", {"fair_staff": "vacd"}),
    "fair/add-ons": ("events.StandAddon", "addon_pk", {"fair_staff": "vacd"}),
    "fair/pricing-rules": ("events.PricingRule", "rule_pk", {"fair_staff": "vacd"}),
    "fair/applications": ("events.ExhibitorApplication", "application_a_pk", {"fair_staff": "vc"}),
    "fair/tickets": ("events.VisitorTicket", "ticket_pk", {"fair_staff": "vc"}),
    "fair/meeting-slots": ("events.MeetingSlot", "slot_pk", {"fair_staff": "vacd"}),
    "fair/series": ("events.EventSeries", "series", {"fair_staff": "vacd"}),
    "zakupy/podstawy-prawne": ("procurement.LegalBasisTemplate", "legal_basis_pk", {"moderator": "vac"}),
    "zakupy/notatki": ("procurement.MarketResearchNote", "note_pk", {"moderator": "v"}),
    "zakupy/rejestr": ("procurement.ProcurementOutcome", "outcome_pk", {"moderator": "v"}),
    "zakupy/zapisane-wyszukiwania": ("procurement.SavedSearch", "saved_search_pk", {"moderator": "v"}),
}
# A delete is tried on an object nothing else refers to (a category with offers cannot go) ...
SPARE_FOR_DELETE = {
    "katalog/kategorie": "spare_category_pk",
    "fair/fairs": "spare_fair_pk",
    "fair/stand-types": "spare_stand_pk",
}
# ... except a paid application: its payments and invoices keep it, even from a superuser (302 back to
# the listing with a message; it was a 500 before config/core/admin_delete.py).
PROTECTED = {"fair/applications": {"superuser": 302}}
# What each of Wagtail's generic views asks for (wagtail/admin/views/generic: any of these letters).
ACTION_NEEDS = {
    "": "vacd",  # the listing
    "results/": "vacd",
    "add/": "a",
    "new/": "a",
    "copy/": "a",
    "edit/": "c",
    "delete/": "d",
    "inspect/": "vacd",
    "history/": "acd",
    "history-results/": "acd",
    "usage/": "c",
}


def _viewset_rows() -> dict[str, Row]:
    rows = {}
    routes = all_routes()
    for prefix, (model, object_id, grants) in STAFF_VIEWSETS.items():
        grants = {**grants, "superuser": "vacd"}
        for route in sorted(r for r in routes if r.startswith(f"admin/{prefix}/")):
            action = re.sub(r"<[^>]+>/", "", route.removeprefix(f"admin/{prefix}/"))
            needs = ACTION_NEEDS[action]
            owners = [role for role, letters in grants.items() if set(letters) & set(needs)]
            url = "/" + re.sub(r"<[^>]+>", "{" + object_id + "}", route)
            rows[route] = Row(url, staff_tool(*owners))
            if action == "":
                rows[f"{route} (csv export)"] = Row(url + "?export=csv", staff_tool(*owners))
            if action == "delete/":
                spare = SPARE_FOR_DELETE.get(prefix, object_id)
                expected = staff_tool(*owners, ok=DONE) | PROTECTED.get(prefix, {})
                rows[f"{route} (post)"] = Row(
                    url.replace(object_id, spare), expected, "post", done=_gone(model, spare)
                )
    return rows


def _gone(model: str, object_id: str):
    from django.apps import apps

    return lambda ids: not apps.get_model(model).objects.filter(pk=ids[object_id]).exists()


# Bulk actions run as POSTs; "done" is read on the data.
BULK = {
    "catalog/offer/approve_offers": (
        "pending_offer_pk",
        ("moderator",),
        REFUSED,
        lambda ids: Offer.objects.get(pk=ids["pending_offer_pk"]).status == "published",
    ),
    "catalog/offer/delete": (
        "offer_a_pk",
        (),
        REFUSED,
        lambda ids: not Offer.objects.filter(pk=ids["offer_a_pk"]).exists(),
    ),
    "catalog/organisation/suspend_membership": (
        "org_a_pk",
        ("moderator",),
        REFUSED,
        lambda ids: Organisation.objects.get(pk=ids["org_a_pk"]).membership_status == "suspended",
    ),
    "catalog/organisation/activate_membership": (
        "suspended_org_pk",
        ("moderator",),
        REFUSED,
        lambda ids: Organisation.objects.get(pk=ids["suspended_org_pk"]).membership_status == "active",
    ),
    "catalog/organisation/delete": (
        "org_a_pk",
        (),
        REFUSED,
        lambda ids: not Organisation.objects.filter(pk=ids["org_a_pk"]).exists(),
    ),
    "catalog/category/delete": (
        "spare_category_pk",
        ("moderator",),
        REFUSED,
        lambda ids: not Category.objects.filter(pk=ids["spare_category_pk"]).exists(),
    ),
    "catalog/cpvcode/delete": (
        "cpv_pk",
        ("moderator",),
        REFUSED,
        lambda ids: not CpvCode.objects.filter(pk=ids["cpv_pk"]).exists(),
    ),
    "procurement/legalbasistemplate/delete": (
        "legal_basis_pk",
        (),
        REFUSED,
        _gone("procurement.LegalBasisTemplate", "legal_basis_pk"),
    ),
    "procurement/marketresearchnote/delete": (
        "note_pk",
        (),
        REFUSED,
        _gone("procurement.MarketResearchNote", "note_pk"),
    ),
    "procurement/procurementoutcome/delete": (
        "outcome_pk",
        (),
        REFUSED,
        _gone("procurement.ProcurementOutcome", "outcome_pk"),
    ),
    "procurement/savedsearch/delete": (
        "saved_search_pk",
        (),
        REFUSED,
        _gone("procurement.SavedSearch", "saved_search_pk"),
    ),
    "catalog/quoterequest/delete": (
        "quote_pk",
        (),
        REFUSED,
        lambda ids: not QuoteRequest.objects.filter(pk=ids["quote_pk"]).exists(),
    ),
}
for _action, (_object_id, _owners, _others, _done) in BULK.items():
    MATRIX[f"admin/bulk/{_action}/"] = Row(
        f"/admin/bulk/{_action}/?id={{{_object_id}}}&next=/admin/",
        staff_tool(*_owners, ok=DONE, others=_others),
        "post",
        done=_done,
    )
MATRIX["admin/bulk/<str:app_label>/<str:model_name>/<str:action>/"] = Row(
    "/admin/bulk/catalog/offer/no-such-action/?id={offer_a_pk}", staff_tool(*STAFF, ok=404)
)

# --- Wagtail pages: every project page type and every RoutablePage sub-route, in both languages. ---
PAGE_SUBROUTES = {
    "NewsIndexPage:feed": ("/feed/", PUBLIC),
    "EventPage:ical": ("/kalendarz/", PUBLIC),
    "EventPage:session_signup": ("/zapisy/{session_pk}/", PUBLIC),
    # The emailed link opens a page with a button; a wrong token finds nothing.
    "LetterOfIntentPage:confirm": ("/potwierdz/?token={signature_token%s}", PUBLIC),
}


def _page_rows() -> dict[str, Row]:
    rows = {}
    for model in project_page_models():
        name = model.__name__
        for language, suffix in (("pl", ""), ("en", "_en")):
            rows[f"page:{name} ({language})"] = Row(f"{{page_{name}{suffix}}}/", PUBLIC)
    for key, (tail, expected) in PAGE_SUBROUTES.items():
        name = key.split(":")[0]
        for language, suffix in (("pl", ""), ("en", "_en")):
            # A signature belongs to the page (language) it was made on: each language has its own token.
            rows[f"page:{key} ({language})"] = Row(
                f"{{page_{name}{suffix}}}{tail.replace('%s', suffix)}", expected
            )
    rows["page:LetterOfIntentPage:confirm (wrong token)"] = Row(
        "{page_LetterOfIntentPage}/potwierdz/?token=forged", everyone(404)
    )
    # Form pages answer a POST with the form and its errors (the rate limits are tested per form).
    for name in ("ContactPage", "MembershipPage", "LetterOfIntentPage"):
        rows[f"page:{name} (post, empty form)"] = Row(f"{{page_{name}}}/", PUBLIC, "post")
    return rows


def all_routes() -> set[str]:
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern

    with translation.override("pl"):
        return {route for route, _ in walk(get_resolver().url_patterns)}


def project_routes() -> set[str]:
    """Every URL the matrix must list: the project's views (with django-ninja's), the project's admin
    viewsets and bulk actions, Wagtail's documents, and every project page type and sub-route."""

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
                route = prefix + str(pattern.pattern)
                if (
                    module.split(".")[0] in PROJECT_PACKAGES
                    or module.startswith(("ninja", "wagtail.documents.views.serve"))
                    or any(route.startswith(f"admin/{viewset}/") for viewset in STAFF_VIEWSETS)
                    or route.startswith("admin/bulk/")
                ):
                    yield route

    with translation.override("pl"):  # the i18n routes as Polish (unprefixed) URLs
        routes = set(walk(get_resolver().url_patterns))
    routes |= {f"admin/bulk/{action}/" for action in project_bulk_actions()}
    for model in project_page_models():
        routes |= {f"page:{model.__name__} (pl)", f"page:{model.__name__} (en)"}
        for subroute in getattr(model, "get_subpage_urls", list)():
            if subroute.name != "index_route":
                routes |= {f"page:{model.__name__}:{subroute.name} ({lang})" for lang in ("pl", "en")}
    return routes


def project_bulk_actions() -> set[str]:
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    found = set()
    for model in {v.model for v in project_admin_viewsets()}:
        app_label, model_name = model._meta.app_label, model._meta.model_name
        for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name):
            found.add(f"{app_label}/{model_name}/{action.action_type}")
    return found


def project_admin_viewsets() -> list:
    _ = get_resolver().url_patterns  # viewsets are registered when the admin URLs load
    from wagtail.admin.viewsets import viewsets

    return [
        viewset
        for viewset in viewsets.viewsets
        if type(viewset).__module__.split(".")[0] in PROJECT_PACKAGES and hasattr(viewset, "model")
    ]


MATRIX |= _viewset_rows() | _page_rows()


def test_every_url_is_in_the_matrix():
    listed = {key if key.startswith("page:") else key.split(" (")[0] for key in MATRIX}
    missing = project_routes() - listed
    assert not missing, f"Add these URLs to the permission matrix: {sorted(missing)}"


def test_every_project_viewset_is_in_the_matrix():
    prefixes = {viewset.url_prefix for viewset in project_admin_viewsets()}
    assert prefixes == set(STAFF_VIEWSETS)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per module inside a transaction that is rolled back at the end: the demo site takes
    ~20 s to load, and each test runs in a savepoint of it (pytest-django's `db`)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def answer(response, done: bool) -> object:
    if done:
        return DONE
    if response.status_code in (301, 302):
        location = response["Location"]
        if "/login/" in location:
            return LOGIN
        if location.split("?")[0] == "/admin/":
            return REFUSED
    return response.status_code


def ask(client, world, row: Row, role: str, prefix: str = "") -> object:
    ids = world["ids"]
    url = prefix + row.url.format(**ids)
    data = {key: value.format(**ids) for key, value in row.data.items()}
    client.logout()
    if role != "anonymous":
        client.force_login(world["users"][role])
    with transaction.atomic():
        response = client.post(url, data) if row.method == "post" else client.get(url)
        assert response.status_code < 500, f"{role} {url}: {response.status_code}"
        done = row.done is not None and row.done(ids)
        transaction.set_rollback(True)
    return answer(response, done)


@pytest.mark.parametrize("route", sorted(MATRIX))
def test_each_role_gets_the_expected_answer(route, world, db, client):
    row = MATRIX[route]
    answers = {role: ask(client, world, row, role) for role in row.expected}
    assert answers == row.expected, f"{route}: {answers}"


I18N_PREFIXES = ("/katalog/", "/targi/", "/szukaj/", "/konto/", "/zakupy/")


@pytest.mark.parametrize(
    "route", sorted(key for key, row in MATRIX.items() if row.url.startswith(I18N_PREFIXES))
)
def test_each_role_gets_the_same_answer_in_english(route, world, db, client):
    """The English URLs (/en/...) reach the same views: the same answer for every role. (Pages have
    their own English rows: their English URLs are the English pages'.)"""
    row = MATRIX[route]
    answers = {role: ask(client, world, row, role, prefix="/en") for role in row.expected}
    assert answers == row.expected, f"/en{route}: {answers}"
