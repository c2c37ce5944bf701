"""Issue 18's journey: staff upload a hall plan and map its stands, a member applies, staff approve, the
member picks stand B12 on the plan by keyboard and pays (stripe-mock + a signed webhook), B12 shows as
sold on the public plan and in the exhibitor catalogue, and the PDF catalogue lists it. The new pages
are checked with axe-core along the way, in Polish and in English."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from catalog.choices import LegalForm
from events.models import ApplicationStatus, ExhibitorApplication, Fair, Payment, Stand, StandType
from events.tests.floor_fixtures import NUMBERS, PLAN_SVG
from tests.e2e.test_accessibility import audit, axe_source  # noqa: F401 (axe_source is a fixture)
from tests.e2e.test_fair_payment_journey import deliver_checkout_completed, login_cookie, member_and_staff

pytestmark = [pytest.mark.e2e, pytest.mark.stripe, pytest.mark.django_db(transaction=True)]


def _axe_problems(browser, live_server, user, paths, axe_js) -> list[str]:
    context = browser.new_context(locale="pl-PL", bypass_csp=True)
    context.add_cookies([login_cookie(live_server, user)])
    page = context.new_page()
    problems = []
    for path in paths:
        for prefix in ("", "/en"):
            for violation in audit(page, live_server.url + prefix + path, axe_js):
                problems.append(f"{prefix}{path}: {violation['id']} {violation['help']} {violation['nodes']}")
    context.close()
    return problems


def test_staff_map_a_plan_an_exhibitor_picks_b12_pays_and_b12_is_sold_in_the_catalogue_and_pdf(
    live_server,
    browser,
    stripe_api_base,
    tmp_path,
    axe_source,  # noqa: F811
):
    starts = timezone.now() + timedelta(days=45)
    fair = Fair.objects.create(
        slug="targi-plan-e2e",
        name="Pomorskie Targi Ekonomii Społecznej",
        starts_at=starts,
        ends_at=starts + timedelta(hours=7),
        venue_name="Europejskie Centrum Solidarności",
        venue_address="pl. Solidarności 1, 80-863 Gdańsk",
    )
    stand_type = StandType.objects.create(fair=fair, name="Stoisko 3×3 m", capacity=5, price_net=45000)
    organisation, member, staff = member_and_staff()

    # 1. Staff upload the plan and link its five shapes to stands B10-B14.
    staff_context = browser.new_context(locale="en-GB")
    staff_context.add_cookies([login_cookie(live_server, staff)])
    admin = staff_context.new_page()
    admin.set_default_timeout(15_000)
    admin.goto(f"{live_server.url}/admin/targi/plan/{fair.pk}/")
    plan_file = tmp_path / "hala-b.svg"
    plan_file.write_bytes(PLAN_SVG)
    admin.set_input_files("[data-testid=plan-upload] input[name=svg]", str(plan_file))
    admin.click("[data-testid=plan-upload] button[type=submit]")
    admin.wait_for_selector("[data-testid=stand-map]")
    for number in NUMBERS:
        admin.select_option("[data-testid=stand-map] select[name=shape_id]", f"s-{number.lower()}")
        admin.fill("[data-testid=stand-map] input[name=number]", number)
        admin.select_option("[data-testid=stand-map] select[name=stand_type]", str(stand_type.pk))
        admin.fill("[data-testid=stand-map] input[name=zone]", "B")
        admin.click("[data-testid=stand-map] button[type=submit]")
        admin.wait_for_selector(f"[data-testid=admin-stands] [data-stand-row={number}]")
    assert sorted(Stand.objects.filter(floor_plan__fair=fair).values_list("number", flat=True)) == list(
        NUMBERS
    )
    b12 = Stand.objects.get(floor_plan__fair=fair, number="B12")
    assert b12.shape_id == "s-b12" and (b12.x, b12.y) == (255.0, 55.0)

    # 2. The member applies.
    member_context = browser.new_context(locale="en-GB")
    member_context.add_cookies([login_cookie(live_server, member)])
    member_context.route(
        "https://checkout.stripe.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<h1>Stripe Checkout</h1>"),
    )
    page = member_context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/en/targi/{fair.slug}/zgloszenie/")
    page.check(f"input[name=stand_type][value='{stand_type.pk}']")
    page.select_option("select[name=legal_form]", LegalForm.SPOLDZIELNIA_SOCJALNA)
    page.fill("textarea[name=exhibits]", "Przetwory kaszubskie, rękodzieło")
    page.check("input[name=consent_terms]")
    page.check("input[name=consent_privacy]")
    page.click("button[type=submit]")
    page.wait_for_url("**/zgloszenie/*-*/")
    application = ExhibitorApplication.objects.get()

    # 3. Staff approve.
    admin.goto(f"{live_server.url}/admin/targi/zgloszenie/{application.pk}/")
    admin.click("[data-testid=approve]")
    admin.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED

    # 4. The member opens the plan, picks B12 by keyboard (the plan selects the list's radio button).
    choose_path = f"/targi/zgloszenie/{application.access_token}/stoisko/"
    assert _axe_problems(browser, live_server, member, [choose_path], axe_source) == []
    page.goto(f"{live_server.url}/en/targi/zgloszenie/{application.access_token}/")
    page.click("[data-testid=choose-stand-link]")
    page.wait_for_url(f"**{choose_path}")
    page.focus("[data-stand][data-stand-number=B12]")
    page.keyboard.press("Enter")
    assert page.is_checked(f"#stand-{b12.pk}")
    page.click("[data-testid=choose-stand]")
    page.wait_for_url("https://checkout.stripe.com/**")
    payment = Payment.objects.get(application=application)
    assert payment.hold.stand == b12

    # 5. Stripe says it is paid: a signed webhook to the live server.
    deliver_checkout_completed(live_server, payment, intent="pi_plan_e2e")
    application.refresh_from_db()
    assert (application.status, application.stand_number) == (ApplicationStatus.CONFIRMED, "B12")

    # 6. B12 is sold on the public plan and listed in the exhibitor catalogue.
    catalogue_path = f"/targi/{fair.slug}/wystawcy/"
    public = browser.new_context(locale="pl-PL").new_page()
    public.goto(f"{live_server.url}{catalogue_path}?stoisko=B12")
    assert "stand--sold" in public.get_attribute("[data-stand-number=B12]", "class")
    assert "stand--sold" not in public.get_attribute("[data-stand-number=B13]", "class")
    assert organisation.name in public.inner_text("[data-testid=exhibitor-catalogue] li[data-stand=B12]")

    # 7. The PDF catalogue lists it.
    pdf = public.request.get(f"{live_server.url}/targi/{fair.slug}/katalog-wystawcow.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert organisation.name in text and "Stoisko B12" in text

    listing_path = f"/targi/zgloszenie/{application.access_token}/wizytowka/"
    assert _axe_problems(browser, live_server, member, [catalogue_path, listing_path], axe_source) == []
    member_context.close()
    staff_context.close()
