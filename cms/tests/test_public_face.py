"""Details a person notices on the brand site's forms and texts (issue 15)."""

import re
from pathlib import Path

import pytest
from django.utils import timezone

from catalog.models import Organisation
from catalog.rules import subregion_for_county
from cms.forms import MembershipApplicationForm
from cms.tests.test_forms import membership_data

pytestmark = pytest.mark.django_db


def test_membership_form_preselects_neither_legal_form_nor_subregion(client, membership_page):
    html = client.get(membership_page.url).content.decode()

    assert html.count("— wybierz —") == 2
    for name in ("legal_form", "subregion"):
        select = html.split(f'name="{name}"')[1].split("</select>")[0]
        assert re.findall(r'<option value="([^"]*)" selected>', select) == [""], name


def test_skipping_the_legal_form_is_an_error_not_a_social_cooperative(free_nip):
    form = MembershipApplicationForm(data=membership_data(free_nip, legal_form=""))

    assert not form.is_valid() and "legal_form" in form.errors


@pytest.mark.parametrize(
    ("county", "subregion"),
    [
        ("kartuski", "metropolitalny_poludniowy"),
        ("powiat słupski", "slupski"),
        ("m. Gdynia", "metropolitalny_polnocny"),
        ("Sztumski", "nadwislanski"),
        ("powiat człuchowski", "poludniowy"),
        ("Gdańsk", "metropolitalny_poludniowy"),
    ],
)
def test_the_subregion_is_derived_from_a_county_of_pomorskie(county, subregion):
    assert subregion_for_county(county) == subregion


def test_an_applicant_from_kartuzy_who_leaves_the_subregion_empty_reaches_staff_in_the_right_one(
    client, membership_page, free_nip
):
    response = client.post(membership_page.url, membership_data(free_nip, subregion=""))

    assert response.status_code == 302
    assert Organisation.objects.get(nip=free_nip).subregion == "metropolitalny_poludniowy"


def test_a_subregion_that_contradicts_the_county_is_refused_with_the_right_one_named(free_nip):
    form = MembershipApplicationForm(data=membership_data(free_nip, subregion="slupski"))

    assert not form.is_valid()
    assert "Southern metropolitan subregion" in str(form.errors["subregion"]) or "metropolitalny" in str(
        form.errors["subregion"]
    )


def test_an_unknown_county_asks_for_the_subregion(free_nip):
    form = MembershipApplicationForm(data=membership_data(free_nip, powiat="berliński", subregion=""))

    assert not form.is_valid() and "subregion" in form.errors


# Dates, plurals and quotation marks ---------------------------------------------------------------


def test_polish_short_dates_are_written_with_dots():
    from datetime import date

    from django.utils import formats, translation

    with translation.override("pl"):
        assert formats.date_format(date(2026, 12, 30), "SHORT_DATE_FORMAT") == "30.12.2026"
        assert formats.date_format(date(2026, 12, 30)) == "30 grudnia 2026"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 wysłane zapytanie ofertowe"),
        (3, "3 wysłane zapytania ofertowe"),
        (5, "5 wysłanych zapytań ofertowych"),
        (22, "22 wysłane zapytania ofertowe"),
        (12, "12 wysłanych zapytań ofertowych"),
    ],
)
def test_impact_figures_use_polish_plural_forms(client, count, expected):
    from catalog.models import QuoteRequest
    from catalog.tests.factories import OrganisationFactory

    OrganisationFactory()
    for index in range(count):
        QuoteRequest.objects.create(
            buyer_type="company",
            buyer_name="Anna",
            buyer_email=f"a{index}@example.pl",
            description="Obiady",
            quantity="10",
            deadline="2030-01-01",
            place="Gdańsk",
            consent_given_at=timezone.now(),
        )
    html = client.get("/katalog/wplyw-spoleczny/").content.decode()
    sent = html.split('data-figure="quote-requests-sent">')[1].split("</li>")[0]

    assert sent.replace("<strong>", "").replace("</strong>", "") == expected


def test_the_rate_limit_message_uses_the_plural_form_of_its_number():
    from django.utils import translation
    from django.utils.translation import ngettext

    message = "You have sent %(limit)s quote request in the last hour. Please try again later."
    plural = "You have sent %(limit)s quote requests in the last hour. Please try again later."
    with translation.override("pl"):
        assert "3 zapytania ofertowe" in ngettext(message, plural, 3) % {"limit": 3}
        assert "5 zapytań ofertowych" in ngettext(message, plural, 5) % {"limit": 5}


@pytest.mark.parametrize(
    ("language", "name", "expected"),
    [
        ("pl", "Fundacja „Stolarnia”", "Fundacja «Stolarnia»"),
        ("pl", 'Spółdzielnia "Smaki"', "Spółdzielnia «Smaki»"),
        ("en", "Fundacja „Stolarnia”", "Fundacja ‘Stolarnia’"),
        ("pl", "Zielona Kuchnia", "Zielona Kuchnia"),
    ],
)
def test_a_quoted_name_nests_its_own_quotation_marks(language, name, expected):
    from django.utils import translation

    from config.core.quotes import for_quoting

    with translation.override(language):
        assert for_quoting(name) == expected


def test_adding_a_name_with_quotes_to_the_shortlist_says_so_without_doubled_marks(client):
    from catalog.tests.factories import OrganisationFactory

    organisation = OrganisationFactory(name="Fundacja „Stolarnia”")
    response = client.post(
        "/katalog/wybrane/dodaj/", {"kind": "organisation", "slug": organisation.slug}, follow=True
    )

    assert "Dodano „Fundacja «Stolarnia»” do listy wybranych." in response.content.decode()


def test_every_public_form_marks_optional_fields_the_same_way(client, membership_page):
    from catalog.tests.factories import OfferFactory

    membership = client.get(membership_page.url).content.decode()
    offer = OfferFactory()
    client.post("/katalog/wybrane/dodaj/", {"kind": "offer", "slug": offer.slug})
    quote = client.get("/katalog/zapytanie-ofertowe/").content.decode()

    for html in (membership, quote):
        assert "(opcjonalne)" in html
        assert '<span aria-hidden="true">*</span>' not in html


def test_the_quote_form_privacy_notice_states_the_retention_setting(client, settings):
    from catalog.tests.factories import OfferFactory

    settings.DATA_RETENTION_DAYS = {**settings.DATA_RETENTION_DAYS, "quote_requests": 730}
    offer = OfferFactory()
    client.post("/katalog/wybrane/dodaj/", {"kind": "offer", "slug": offer.slug})
    html = client.get("/katalog/zapytanie-ofertowe/").content.decode()

    assert "Przechowujemy zapytanie przez 730 dni" in html
    assert "12 miesięcy" not in html


# Sitemaps and canonical URLs ----------------------------------------------------------------------


def test_sitemap_and_canonical_links_use_site_url_and_list_the_catalogue_and_fairs(client, settings):
    from django.core.management import call_command

    from catalog.models import Offer, Organisation
    from events.models import Fair

    settings.SITE_URL = "https://pes.example.pl"
    call_command("load_demo")
    xml = client.get("/sitemap.xml").content.decode()
    home = client.get("/").content.decode()
    organisation = Organisation.objects.public().order_by("slug").first()
    offer = Offer.objects.public().order_by("slug").first()
    fair = Fair.objects.first()

    assert "localhost" not in xml
    assert "<loc>https://pes.example.pl/o-klastrze/</loc>" in xml
    for path in (
        "/katalog/",
        f"/katalog/organizacje/{organisation.slug}/",
        f"/katalog/oferty/{offer.slug}/",
        f"/targi/{fair.slug}/",
        "/en/katalog/",
    ):
        assert f"<loc>https://pes.example.pl{path}</loc>" in xml, path
    assert '<link rel="canonical" href="https://pes.example.pl/">' in home


def test_the_footer_links_to_an_html_site_map_for_people(client, home):
    from catalog.tests.factories import CategoryFactory

    CategoryFactory(name_pl="Catering")
    page = client.get("/").content.decode()
    site_map = client.get("/mapa-strony/")
    html = site_map.content.decode()

    assert 'href="/mapa-strony/"' in page and 'href="/sitemap.xml">Mapa strony' not in page
    assert site_map.status_code == 200 and "<h1>Mapa strony</h1>" in html
    assert 'href="/katalog/"' in html and "Catering" in html


def test_the_pattern_page_renders_every_component_for_staff(admin_client):
    html = admin_client.get("/wzorce/?errors=1").content.decode()

    for component in (
        "site-header",
        "site-footer",
        'class="card"',
        'class="badge',
        'class="facet"',
        'class="chip"',
        "button--secondary",
        "button--danger",
        "form-field",
        "error-summary",
        'class="notice',
        'class="stepper"',
        'class="summary-list"',
        'class="table"',
        "lucide-sprite.svg#",
        'class="breadcrumbs"',
        'class="actions"',
        'class="stats"',
        '<svg class="chart__svg"',
        "answer--quoted",
        "answer--declined",
        "answer--pending",
        'class="answer__status"',
        'class="view-toggle"',
        'class="results-map__list"',
        'class="gallery"',
        'class="profile__header"',
        'class="profile__body"',
        'class="muted"',
        "notice--warning",
    ):
        assert component in html, component
    assert "Centra integracji społecznej: 4" in html  # the bar chart's accessible description


# Admin dashboard ----------------------------------------------------------------------------------


def test_the_admin_dashboard_counts_what_staff_act_on(admin_client, home):
    from catalog.choices import MembershipStatus, OfferStatus
    from catalog.tests.factories import OfferFactory, OrganisationFactory

    OrganisationFactory(membership_status=MembershipStatus.APPLIED)
    OfferFactory(status=OfferStatus.PENDING_REVIEW)
    OfferFactory(status=OfferStatus.PENDING_REVIEW)
    html = admin_client.get("/admin/").content.decode()
    panel = html.split("data-staff-tasks")[1].split("</section>")[0]

    def count(key):
        return int(panel.split(f'data-task="{key}"')[1].split('staff-tasks__count">')[1].split("<")[0])

    assert count("moderation") == 2
    assert count("membership") == 1
    assert count("transfers") == 0 and count("letters") == 0
    assert 'href="/admin/katalog/moderacja/"' in panel
    assert "css/admin.css" in html
    assert "data-pes-admin-logo" in html and "img/favicon.svg" in html


def test_admin_listings_show_yes_no_as_icons_and_say_add_in_polish(admin_client):
    from catalog.tests.factories import OrganisationFactory

    OrganisationFactory(ps_status=True, membership_status="active")
    organisations = admin_client.get("/admin/katalog/organizacje/").content.decode()
    offers = admin_client.get("/admin/katalog/oferty/").content.decode()

    assert "Dodaj ofertę" in offers and "Dodaj oferta" not in offers
    assert "Dodaj organizację" in organisations
    assert "<td>True</td>" not in organisations and "icon-check" in organisations


@pytest.mark.parametrize(
    ("path", "flag_alt", "eu_text", "coordinator_alt"),
    [
        (
            "/",
            "Flaga Unii Europejskiej",
            "Współfinansowane przez Unię Europejską",
            "Regionalny Ośrodek Polityki",
        ),
        (
            "/en/",
            "Flag of the European Union",
            "Co-funded by the European Union",
            "Regional Social Policy Centre",
        ),
    ],
)
def test_the_footer_shows_the_funding_marks_as_images_with_alt_text_in_the_pages_language(
    client, english_home, path, flag_alt, eu_text, coordinator_alt
):
    from bs4 import BeautifulSoup
    from django.contrib.staticfiles import finders

    soup = BeautifulSoup(client.get(path).content.decode(), "html.parser")
    marks = soup.select(".funding__logos li")
    assert len(marks) == 3 and not soup.select(".funding__logos .logo-slot")  # no text boxes any more

    eu, programme, coordinator = (mark.find("img") for mark in marks)
    assert eu["src"].endswith("img/funding/eu-flag.svg") and eu["alt"] == flag_alt
    # The statement itself is real text beside the flag, in the page's language, not baked into a picture.
    assert marks[0].select_one(".funding-mark__text").get_text(strip=True) == eu_text
    assert programme["src"].endswith("interreg-baltic-sea-region.svg")
    assert programme["alt"] == "Interreg Baltic Sea Region · RESIST"
    assert coordinator["src"].endswith("rops-gdansk.svg") and coordinator["alt"].startswith(coordinator_alt)
    for img in (eu, programme, coordinator):
        assert img["width"] and img["height"]  # no layout shift while the footer loads
        svg = finders.find(img["src"].split("/static/", 1)[1])
        assert svg and Path(svg).read_text(encoding="utf-8").lstrip().startswith("<svg")


def test_the_eu_flag_has_twelve_stars_on_blue():
    from django.contrib.staticfiles import finders

    svg = Path(finders.find("img/funding/eu-flag.svg")).read_text(encoding="utf-8")
    assert svg.count("<polygon") == 12 and 'fill="#003399"' in svg and 'fill="#FFCC00"' in svg
