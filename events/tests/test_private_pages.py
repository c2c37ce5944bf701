"""Finding 9: the applicant's private pages (the token is the capability) stay out of caches and indexes."""

import pytest

from events import services
from events.invoices import issue_invoice

pytestmark = pytest.mark.django_db


def _assert_private(response):
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_application_page_and_its_invoice_pdf_are_no_store_and_noindex(client, make_application):
    application = make_application(approved=True)
    services.choose_bank_transfer(application)
    services.mark_transfer_paid(application)
    invoice = issue_invoice(application.payments.get().pk)

    page = client.get(f"/targi/zgloszenie/{application.access_token}/")
    assert page.status_code == 200
    _assert_private(page)
    english = client.get(f"/en/targi/zgloszenie/{application.access_token}/")
    assert english.status_code == 200
    _assert_private(english)
    pdf = client.get(f"/targi/zgloszenie/{application.access_token}/dokument/{invoice.pk}.pdf")
    assert pdf.status_code == 200
    _assert_private(pdf)
