"""Public pages (apply, application, invoice) and the staff tools in the Wagtail admin."""

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from events import services
from events.invoices import issue_invoice, render_pdf
from events.models import ApplicationStatus, ExhibitorApplication, Invoice, InvoiceSequence, PaymentMethod

from .conftest import OTHER_VALID_NIP, application_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_user(member_organisation):
    user = get_user_model().objects.create_user(
        username="anna",
        email="anna@kaszubskie-smaki.pl",
        password="x-Secret-123",
        first_name="Anna",
        last_name="Kowal",
    )
    member_organisation.members.add(user)
    return user


@pytest.fixture
def staff_client(client):
    admin = get_user_model().objects.create_superuser(
        username="staff", email="staff@pes.pl", password="x-Secret-123"
    )
    client.force_login(admin)
    return client


def _form_post(stand_type, **overrides):
    data = {k: v for k, v in application_data(**overrides).items() if v not in (False, None)}
    data["stand_type"] = stand_type.pk
    return data


def test_apply_form_is_prefilled_from_the_members_catalogue_profile(
    client, fair, member_user, member_organisation
):
    client.force_login(member_user)
    page = client.get(f"/targi/{fair.slug}/zgloszenie/").content.decode()
    assert member_organisation.nip in page
    assert "Spółdzielnia Socjalna Kaszubskie Smaki" in page
    assert "anna@kaszubskie-smaki.pl" in page


def test_member_application_is_linked_to_the_catalogue_profile(
    client, fair, stand_type, member_user, member_organisation
):
    client.force_login(member_user)
    response = client.post(f"/targi/{fair.slug}/zgloszenie/", _form_post(stand_type))
    application = ExhibitorApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == application.get_absolute_url()
    assert application.organisation == member_organisation
    assert application.user == member_user


def test_anonymous_application_with_invalid_nip_shows_the_error(client, fair, stand_type):
    response = client.post(f"/targi/{fair.slug}/zgloszenie/", _form_post(stand_type, nip="1234567890"))
    assert response.status_code == 200
    assert "NIP" in response.content.decode()
    assert not ExhibitorApplication.objects.exists()


def test_application_accepts_a_nip_typed_with_dashes_spaces_and_prefix(client, fair, stand_type):
    data = _form_post(stand_type, nip="583-311-89-69", invoice_nip="PL 583 311 89 69")
    response = client.post(f"/targi/{fair.slug}/zgloszenie/", data)
    assert response.status_code == 302
    application = ExhibitorApplication.objects.get()
    assert (application.nip, application.invoice_nip) == ("5833118969", "5833118969")


def test_addon_without_stand_in_the_form_shows_the_error(client, fair, stand_type, electricity):
    data = _form_post(stand_type)
    del data["stand_type"]
    data["addons"] = [electricity.pk]
    response = client.post(f"/targi/{fair.slug}/zgloszenie/", data)
    assert response.status_code == 200
    assert not ExhibitorApplication.objects.exists()


def test_food_without_sanitary_confirmation_in_the_form_is_refused(client, fair, stand_type):
    response = client.post(f"/targi/{fair.slug}/zgloszenie/", _form_post(stand_type, sells_food=True))
    assert response.status_code == 200
    assert not ExhibitorApplication.objects.exists()


def test_application_page_of_an_account_needs_that_account(client, make_application, member_user):
    application = make_application(user=member_user)
    assert client.get(application.get_absolute_url()).status_code == 302  # to login
    stranger = get_user_model().objects.create_user(username="x", email="x@x.pl", password="x-Secret-123")
    client.force_login(stranger)
    assert client.get(application.get_absolute_url()).status_code == 404
    client.force_login(member_user)
    assert client.get(application.get_absolute_url()).status_code == 200


def test_invoice_pdf_downloads_for_its_owner_with_seller_buyer_and_vat(client, make_application):
    application = make_application(approved=True)
    services.choose_bank_transfer(application)
    services.mark_transfer_paid(application)
    invoice = issue_invoice(application.payments.get().pk)
    response = client.get(f"/targi/zgloszenie/{application.access_token}/dokument/{invoice.pk}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert invoice.buyer["nip"] == OTHER_VALID_NIP
    assert invoice.seller["nip"]
    assert (invoice.total_net, invoice.total_vat, invoice.total_gross) == (20000, 4600, 24600)
    other = make_application()
    assert client.get(f"/targi/zgloszenie/{other.access_token}/dokument/{invoice.pk}.pdf").status_code == 404


def test_invoice_numbers_are_gap_free_per_year(make_application):
    numbers = []
    for _ in range(3):
        application = make_application(approved=True)
        services.choose_bank_transfer(application)
        services.mark_transfer_paid(application)
        numbers.append(issue_invoice(application.payments.get().pk))
    years = {invoice.year for invoice in numbers}
    assert len(years) == 1
    assert [invoice.sequence for invoice in numbers] == [1, 2, 3]
    assert numbers[0].number == f"FV/{numbers[0].year}/0001"
    assert issue_invoice(numbers[0].payment_id) == numbers[0]  # idempotent
    assert InvoiceSequence.objects.get(series="FV").last_number == 3


def test_invoice_pdf_prints_polish_letters(make_application):
    application = make_application(approved=True, invoice_name="Spółdzielnia Łąka Żółta")
    services.choose_bank_transfer(application)
    services.mark_transfer_paid(application)
    invoice = (
        Invoice.objects.get() if Invoice.objects.exists() else issue_invoice(application.payments.get().pk)
    )
    assert render_pdf(invoice).startswith(b"%PDF")


def test_applicant_cancels_a_paid_transfer_before_the_deadline(client, make_application):
    application = make_application(approved=True)
    services.choose_bank_transfer(application)
    services.mark_transfer_paid(application)
    response = client.post(f"/targi/zgloszenie/{application.access_token}/anuluj/")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CANCELLED
    payment = application.payments.get()
    assert payment.refunded_amount == payment.amount  # a transfer refund is recorded for staff to pay back
    page = client.get("/en" + application.get_absolute_url()).content.decode()
    assert 'data-testid="payment-status">refunded<' in page


def test_fair_page_lists_confirmed_exhibitors_with_stand_numbers_and_profile_links(
    client, fair, make_application, member_organisation
):
    member = make_application(
        approved=True, organisation=member_organisation, organisation_name=member_organisation.name
    )
    services.choose_bank_transfer(member)
    services.mark_transfer_paid(member)
    services.assign_stand_number(member, "A2")
    make_application(organisation_name="Firma w trakcie oceny")
    page = client.get(f"/targi/{fair.slug}/").content.decode()
    assert "A2" in page
    assert member_organisation.get_absolute_url() in page
    assert "Firma w trakcie oceny" not in page


def test_staff_approve_from_the_admin_sends_the_pay_link(
    staff_client, make_application, django_capture_on_commit_callbacks
):
    application = make_application()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/admin/targi/zgloszenie/{application.pk}/", {"action": "approve"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert str(application.access_token) in mail.outbox[-1].body


def test_staff_reject_with_reason_from_the_admin(staff_client, make_application):
    application = make_application()
    staff_client.post(
        f"/admin/targi/zgloszenie/{application.pk}/", {"action": "reject", "reason": "Brak miejsca"}
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.rejection_reason == "Brak miejsca"


def test_staff_bulk_approve(staff_client, make_application):
    applications = [make_application() for _ in range(3)]
    response = staff_client.post("/admin/targi/", {"application": [a.pk for a in applications[:2]]})
    assert response.status_code == 302
    statuses = [ExhibitorApplication.objects.get(pk=a.pk).status for a in applications]
    assert statuses == [ApplicationStatus.APPROVED, ApplicationStatus.APPROVED, ApplicationStatus.SUBMITTED]


def test_staff_dashboard_shows_capacity_and_revenue(staff_client, make_application):
    application = make_application(approved=True)
    services.choose_bank_transfer(application)
    services.mark_transfer_paid(application)
    page = staff_client.get("/admin/targi/").content.decode()
    assert "246,00" in page
    assert "Stoisko PES 2×2 m" in page


def test_staff_mark_transfer_paid_and_assign_stand_in_the_admin(staff_client, make_application):
    application = make_application(approved=True)
    services.choose_bank_transfer(application)
    url = f"/admin/targi/zgloszenie/{application.pk}/"
    assert staff_client.get(url).status_code == 200
    staff_client.post(url, {"action": "mark_transfer_paid"})
    staff_client.post(url, {"action": "assign_stand", "stand_number": "A3"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONFIRMED
    assert application.payment_method == PaymentMethod.TRANSFER
    assert application.stand_number == "A3"


def test_exhibitor_export_as_csv_and_xlsx_has_stands_addons_and_invoice_data(
    staff_client, make_application, electricity
):
    application = make_application(approved=True, addons=[electricity])
    services.choose_bank_transfer(application)
    services.mark_transfer_paid(application)
    services.assign_stand_number(application, "A1")
    listing = "/admin/fair/applications/"
    assert staff_client.get(listing).status_code == 200
    csv_body = staff_client.get(listing + "?export=csv")
    text = b"".join(csv_body.streaming_content).decode() if csv_body.streaming else csv_body.content.decode()
    assert (
        "A1" in text and "Prąd 230 V" in text and OTHER_VALID_NIP in text and "faktury@dobre-rece.pl" in text
    )
    xlsx = staff_client.get(listing + "?export=xlsx")
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "A1" in values


def test_staff_refund_from_the_admin_is_recorded(staff_client, make_application):
    application = make_application(approved=True)
    services.choose_bank_transfer(application)
    payment = services.mark_transfer_paid(application)
    staff_client.post(
        f"/admin/targi/zgloszenie/{application.pk}/",
        {"action": "refund", "payment": payment.pk, "amount": "50.00", "note": "rabat"},
    )
    payment.refresh_from_db()
    assert payment.refunded_amount == 5000


@pytest.mark.parametrize("section", ["fairs", "stand-types", "add-ons", "pricing-rules", "applications"])
def test_fair_admin_listings_open_for_staff(staff_client, make_application, section):
    make_application()
    assert staff_client.get(f"/admin/fair/{section}/").status_code == 200


def test_expire_fair_holds_command_runs(make_application):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("expire_fair_holds", stdout=out)
    assert "Released 0" in out.getvalue()
