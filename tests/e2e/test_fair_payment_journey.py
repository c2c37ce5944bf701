"""A member applies for a paid stand, staff approve it, the member pays through Stripe Checkout
(stripe-mock creates the session), a signed checkout.session.completed reaches the live server, and the
confirmation page shows "paid" with a downloadable invoice."""

import urllib.request
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from catalog.choices import LegalForm, MembershipStatus, Subregion
from catalog.models import Organisation
from events.models import ApplicationStatus, ExhibitorApplication, Fair, Payment, StandType
from events.tests.conftest import session_object, sign, stripe_event

pytestmark = [pytest.mark.e2e, pytest.mark.stripe, pytest.mark.django_db(transaction=True)]


def deliver_checkout_completed(live_server, payment: Payment, *, intent: str) -> None:
    """Stripe says the payment's Checkout session is paid: a correctly signed webhook to the live server."""
    body = stripe_event("checkout.session.completed", session_object(payment, intent=intent))
    request = urllib.request.Request(  # noqa: S310 - the live test server
        f"{live_server.url}/webhooks/stripe/",
        data=body.encode(),
        headers={"Content-Type": "application/json", "Stripe-Signature": sign(body)},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 200


def login_cookie(live_server, user) -> dict:
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


def member_and_staff() -> tuple[Organisation, object, object]:
    """A social cooperative with one member user, and a superuser: the people of the fair journeys."""
    organisation = Organisation.objects.create(
        slug="kaszubskie-smaki",
        name="Spółdzielnia Socjalna Kaszubskie Smaki",
        legal_form=LegalForm.SPOLDZIELNIA_SOCJALNA,
        nip="5260250995",
        street="ul. Gdańska 1",
        postal_code="83-300",
        city="Kartuzy",
        powiat="kartuski",
        subregion=Subregion.METROPOLITALNY_POLUDNIOWY,
        email="biuro@kaszubskie-smaki.pl",
        phone="+48 58 000 00 00",
        membership_status=MembershipStatus.ACTIVE,
    )
    users = get_user_model().objects
    member = users.create_user(
        username="anna",
        email="anna@kaszubskie-smaki.pl",
        password="x-Secret-123",
        first_name="Anna",
        last_name="Kowal",
    )
    organisation.members.add(member)
    staff = users.create_superuser(username="staff", email="staff@pes.pl", password="x-Secret-123")
    return organisation, member, staff


def test_member_pays_for_an_approved_stand_and_downloads_the_invoice(
    live_server, browser, stripe_api_base, tmp_path
):
    starts = timezone.now() + timedelta(days=45)
    fair = Fair.objects.create(
        slug="targi-e2e",
        name="Pomorskie Targi Ekonomii Społecznej",
        starts_at=starts,
        ends_at=starts + timedelta(hours=7),
        venue_name="Europejskie Centrum Solidarności",
        venue_address="pl. Solidarności 1, 80-863 Gdańsk",
    )
    stand = StandType.objects.create(
        fair=fair, name="Stoisko 3×3 m", capacity=3, price_net=45000, vat_rate=23
    )
    organisation, member, staff = member_and_staff()

    member_context = browser.new_context(locale="en-GB", accept_downloads=True)
    member_context.add_cookies([login_cookie(live_server, member)])
    # The browser never leaves for the real Stripe: the hosted Checkout page is answered locally.
    member_context.route(
        "https://checkout.stripe.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<h1>Stripe Checkout</h1>"),
    )
    page = member_context.new_page()
    page.set_default_timeout(15_000)

    # 1. The member applies; the form is prefilled from the catalogue profile.
    page.goto(f"{live_server.url}/en/targi/{fair.slug}/zgloszenie/")
    assert page.input_value("input[name=nip]") == "5260250995"
    assert page.input_value("input[name=organisation_name]") == organisation.name
    page.check(f"input[name=stand_type][value='{stand.pk}']")
    page.select_option("select[name=legal_form]", LegalForm.SPOLDZIELNIA_SOCJALNA)
    page.fill("textarea[name=exhibits]", "Przetwory kaszubskie, rękodzieło")
    page.check("input[name=consent_terms]")
    page.check("input[name=consent_privacy]")
    page.click("button[type=submit]")
    page.wait_for_url("**/zgloszenie/*-*/")
    application = ExhibitorApplication.objects.get()
    assert application.organisation == organisation
    assert application.status == ApplicationStatus.SUBMITTED

    # 2. Staff approve it in the Wagtail admin.
    staff_context = browser.new_context(locale="en-GB")
    staff_context.add_cookies([login_cookie(live_server, staff)])
    admin = staff_context.new_page()
    admin.goto(f"{live_server.url}/admin/targi/zgloszenie/{application.pk}/")
    admin.click("[data-testid=approve]")
    admin.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    staff_context.close()

    # 3. The member pays: the button leads to the Checkout Session made by stripe-mock.
    page.goto(f"{live_server.url}/en/targi/zgloszenie/{application.access_token}/")
    assert "553,50" in page.content()  # 450,00 net + 23% VAT
    page.click("[data-testid=pay-online]")
    page.wait_for_url("https://checkout.stripe.com/**")
    payment = Payment.objects.get(application=application)
    assert payment.stripe_session_id.startswith("cs_")

    # 4. Stripe tells us it is paid: a correctly signed webhook to the live server.
    deliver_checkout_completed(live_server, payment, intent="pi_e2e")

    # 5. Back from Checkout: the confirmation page shows "paid" and the invoice downloads.
    page.goto(
        f"{live_server.url}/en/targi/zgloszenie/{application.access_token}/platnosc/sukces/"
        f"?session_id={payment.stripe_session_id}"
    )
    assert page.inner_text("[data-testid=payment-status]").strip() == "paid"
    assert page.inner_text("[data-testid=application-status]").strip() == "Confirmed"
    with page.expect_download() as download_info:
        page.click("[data-testid=invoice-link]")
    target = tmp_path / "invoice.pdf"
    download_info.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
    member_context.close()
