"""FA(3) documents validated against the official XSD, the PDF as their visualisation, KSeF sending
through a recording transport (the real API is not reachable here), and the pro-forma."""

import io

import pytest
from django.test import override_settings
from django.utils import timezone
from lxml import etree
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from events import fa3, ksef, services
from events.invoice_pdf import render_pdf
from events.invoices import issue_invoice
from events.models import ExhibitorApplication, Invoice, InvoiceSequence, KsefStatus, Refund

from .conftest import OTHER_VALID_NIP, VALID_NIP, session_object

pytestmark = pytest.mark.django_db

NS = {"fa": "http://crd.gov.pl/wzor/2025/06/25/13775/"}


def xpath(invoice: Invoice, path: str) -> list[str]:
    tree = etree.fromstring(invoice.fa3_xml.encode())
    return [node.text for node in tree.xpath(path, namespaces=NS)]


def pdf_text(invoice: Invoice) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(render_pdf(invoice)))
    # Amounts are printed with no-break spaces ("1 234,50 zł"); compare them as plain spaces.
    text = "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")
    images = sum(len(page.images) for page in reader.pages)
    return text, images


def paid_by_transfer(make_application, **overrides):
    application = make_application(approved=True, **overrides)
    services.choose_bank_transfer(application)
    services.mark_transfer_paid(application)
    return application, issue_invoice(application.payments.get().pk)


def test_every_kind_of_document_validates_against_the_official_xsd(
    make_application,
    stand_type,
    electricity,
    stripe_api_base,
    checkout_urls,
    post_event,
    django_capture_on_commit_callbacks,
):
    """Stripe, transfer, free stand, partial refund and full refund: all FA(3) documents are valid."""
    # Stripe, with an add-on at the same rate, then a partial refund (a correction).
    online = make_application(approved=True, addons=[electricity])
    payment = services.start_checkout(online, **checkout_urls)
    with django_capture_on_commit_callbacks(execute=True):
        post_event("checkout.session.completed", session_object(payment, intent="pi_fa3"))
    with django_capture_on_commit_callbacks(execute=True):
        partial = services.refund_payment(payment, 10000, note="mniejsze stoisko")
    # Bank transfer, then a full refund (recorded by hand for transfers).
    transfer, transfer_invoice = paid_by_transfer(make_application)
    with django_capture_on_commit_callbacks(execute=True):
        full = services.refund_payment(transfer.payments.get())
    # A free stand is confirmed without a payment and gets no invoice (nothing to invoice).
    stand_type.price_net = 0
    stand_type.save()
    free = make_application(approved=True)
    free.refresh_from_db()
    assert free.status == "confirmed" and not free.invoices.exists()

    stripe_invoice = Invoice.objects.get(payment=payment, kind=Invoice.Kind.INVOICE)
    documents = [
        stripe_invoice,
        Invoice.objects.get(refund=partial),
        transfer_invoice,
        Invoice.objects.get(refund=full),
    ]
    assert Refund.objects.get(pk=full.pk).status == Refund.Status.SUCCEEDED
    assert Invoice.objects.count() == 4
    for document in documents:
        fa3.validate_xml(document.fa3_xml)  # the stored XML, against the XSD shipped by ksef-client
        assert xpath(document, "//fa:P_2") == [document.number]
        assert xpath(document, "//fa:Podmiot1/fa:DaneIdentyfikacyjne/fa:NIP") == [document.seller["nip"]]
        assert xpath(document, "//fa:P_15") == [f"{fa3.amount(document.total_gross)}"]

    assert xpath(stripe_invoice, "//fa:RodzajFaktury") == ["VAT"]
    assert xpath(stripe_invoice, "//fa:FaWiersz/fa:P_8B") == ["1", "1"]
    assert xpath(stripe_invoice, "//fa:FaWiersz/fa:P_8A") == ["usł.", "usł."]
    assert xpath(stripe_invoice, "//fa:FaWiersz/fa:P_9A") == ["200", "50"]
    assert xpath(stripe_invoice, "//fa:P_13_1") == ["250.00"]
    assert xpath(stripe_invoice, "//fa:P_14_1") == ["57.50"]
    assert xpath(stripe_invoice, "//fa:P_6") == [f"{stripe_invoice.sale_date:%Y-%m-%d}"]
    assert xpath(stripe_invoice, "//fa:Platnosc/fa:Zaplacono") == ["1"]
    assert xpath(stripe_invoice, "//fa:Platnosc/fa:OpisPlatnosci") == [fa3.ONLINE_PAYMENT_DESCRIPTION]
    assert xpath(transfer_invoice, "//fa:Platnosc/fa:FormaPlatnosci") == ["6"]
    assert xpath(transfer_invoice, "//fa:Platnosc/fa:RachunekBankowy/fa:NrRB")[0].startswith("PL")

    correction = documents[1]
    assert xpath(correction, "//fa:RodzajFaktury") == ["KOR"]
    assert xpath(correction, "//fa:NrFaKorygowanej") == [stripe_invoice.number]
    assert "Refund" in correction.correction_reason or "Zwrot" in correction.correction_reason
    assert xpath(correction, "//fa:PrzyczynaKorekty") == [correction.correction_reason]
    assert xpath(correction, "//fa:P_15") == ["-100.00"]
    assert xpath(documents[3], "//fa:P_15") == ["-246.00"]


def test_a_missing_mandatory_field_fails_and_burns_no_number(make_application):
    application, invoice = paid_by_transfer(make_application)
    without_seller_nip = replace_fields(invoice, seller={**invoice.seller, "nip": ""})
    with pytest.raises(fa3.FA3Error):
        fa3.build_xml(without_seller_nip)
    with pytest.raises(fa3.FA3Error):
        fa3.build_xml(replace_fields(invoice, lines=[]))
    # The stored document with a mandatory element removed (P_2, the invoice number) fails the XSD.
    tree = etree.fromstring(invoice.fa3_xml.encode())
    number = tree.find(".//fa:P_2", NS)
    number.getparent().remove(number)
    with pytest.raises(fa3.FA3Error):
        fa3.validate_xml(etree.tostring(tree, encoding="unicode"))

    # A buyer whose data cannot make a valid FA(3) gets no invoice and no number is used up.
    other = make_application(approved=True)
    ExhibitorApplication.objects.filter(pk=other.pk).update(invoice_name="")  # data the form would refuse
    services.choose_bank_transfer(other)
    services.mark_transfer_paid(other)
    with pytest.raises(fa3.FA3Error):
        issue_invoice(other.payments.get().pk)
    assert not other.invoices.exists()
    assert InvoiceSequence.objects.get(series="FV").last_number == 1


def replace_fields(invoice: Invoice, **fields) -> Invoice:
    copy = Invoice.objects.get(pk=invoice.pk)
    for name, value in fields.items():
        setattr(copy, name, value)
    return copy


def test_buyer_without_nip_and_public_body_with_a_paying_recipient(make_application):
    _, private = paid_by_transfer(make_application, invoice_nip="", invoice_name="Jan Kowalski")
    assert xpath(private, "//fa:Podmiot2/fa:DaneIdentyfikacyjne/fa:BrakID") == ["1"]
    _, public = paid_by_transfer(
        make_application,
        legal_form="public_body",
        invoice_name="Gmina Miasta Gdańska",
        invoice_nip=VALID_NIP,
        invoice_recipient_name="Szkoła Podstawowa nr 1",
        invoice_recipient_nip=OTHER_VALID_NIP,
        invoice_recipient_address="ul. Szkolna 1, 80-001 Gdańsk",
    )
    assert xpath(public, "//fa:Podmiot2/fa:DaneIdentyfikacyjne/fa:Nazwa") == ["Gmina Miasta Gdańska"]
    assert xpath(public, "//fa:Podmiot3/fa:DaneIdentyfikacyjne/fa:Nazwa") == ["Szkoła Podstawowa nr 1"]
    assert xpath(public, "//fa:Podmiot3/fa:Rola") == ["2"]  # Odbiorca
    text, _ = pdf_text(public)
    assert "Szkoła Podstawowa nr 1" in text


def test_the_pdf_shows_the_fa3_fields_and_the_verification_qr_code(make_application, electricity, fair):
    _, invoice = paid_by_transfer(make_application, addons=[electricity])
    assert invoice.sale_date == timezone.localdate(fair.starts_at)  # the day of the service
    text, images = pdf_text(invoice)
    assert images == 1  # the KSeF verification QR code
    for expected in (
        invoice.number,
        "Date of sale (service)",
        f"{invoice.sale_date:%Y-%m-%d}",
        "Place of issue: Gdańsk",
        "Unit net price",
        "usł.",
        "Prąd 230 V",
        "VAT summary by rate",
        invoice.seller["nip"],
        OTHER_VALID_NIP,
        "Issued, not sent to KSeF",
        "Paid in full on",
        ksef.verification_url(invoice),
    ):
        assert expected in text.replace("\n", ""), expected
    assert ksef.verification_url(invoice).startswith("https://qr-test.ksef.mf.gov.pl/invoice/")
    Invoice.objects.filter(pk=invoice.pk).update(ksef_number="5833118969-20260501-0100A0B1C2D3-E4")
    invoice.refresh_from_db()
    text, images = pdf_text(invoice)
    assert "KSeF number: 5833118969-20260501-0100A0B1C2D3-E4" in text
    assert images == 1


def test_the_correction_pdf_names_the_corrected_invoice_and_the_reason(
    make_application, django_capture_on_commit_callbacks
):
    application, invoice = paid_by_transfer(make_application)
    with django_capture_on_commit_callbacks(execute=True):
        refund = services.refund_payment(application.payments.get(), 12300)
    correction = Invoice.objects.get(refund=refund)
    text, images = pdf_text(correction)
    assert f"Corrects invoice: {invoice.number}" in text
    assert f"Reason for the correction: {correction.correction_reason}".replace("\xa0", " ") in text
    assert images == 1


class RecordingTransport:
    """Stands in for KsefApiTransport (no network here): answers as KSeF would."""

    sent: list[bytes] = []
    failures: list[Exception] = []

    def send(self, xml: bytes, *, seller_nip: str) -> ksef.KsefReceipt:
        if RecordingTransport.failures:
            raise RecordingTransport.failures.pop(0)
        RecordingTransport.sent.append(xml)
        return ksef.KsefReceipt(
            ksef_number=f"{seller_nip}-20260501-0100A0B1C2D3-E4", reference="20260501-EE-1", upo="<UPO/>"
        )


TRANSPORT = f"{__name__}.RecordingTransport"


@pytest.fixture
def recording():
    RecordingTransport.sent = []
    RecordingTransport.failures = []
    return RecordingTransport


def test_without_credentials_invoices_stay_issued_not_sent(make_application):
    _, invoice = paid_by_transfer(make_application)
    assert not ksef.is_configured()
    assert ksef.send_invoice(invoice.pk).ksef_status == KsefStatus.NOT_SENT
    assert invoice.get_ksef_status_display() == "Issued, not sent to KSeF"


@override_settings(KSEF_TOKEN="token", KSEF_TRANSPORT=TRANSPORT)
def test_with_credentials_the_queued_task_stores_the_ksef_number_and_upo(
    make_application, recording, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _, invoice = paid_by_transfer(make_application)
    invoice.refresh_from_db()
    assert invoice.ksef_status == KsefStatus.ACCEPTED
    assert invoice.ksef_number.startswith(invoice.seller["nip"])
    assert invoice.ksef_upo == "<UPO/>"
    assert recording.sent == [invoice.fa3_xml.encode()]
    assert ModelLogEntry.objects.filter(action="events.invoice.ksef_accepted").exists()
    ksef.send_invoice(invoice.pk)  # accepted invoices are never sent twice
    assert len(recording.sent) == 1


@override_settings(KSEF_TOKEN="token", KSEF_TRANSPORT=TRANSPORT, KSEF_MAX_ATTEMPTS=3)
def test_temporary_failures_are_retried_and_refusals_recorded(make_application, recording):
    _, invoice = paid_by_transfer(make_application)
    recording.failures = [ksef.KsefTemporaryError("503"), ksef.KsefTemporaryError("timeout")]
    invoice = ksef.send_invoice(invoice.pk)
    assert invoice.ksef_status == KsefStatus.ACCEPTED and invoice.ksef_attempts == 3

    _, other = paid_by_transfer(make_application)
    recording.failures = [ksef.KsefTemporaryError("down")] * 3
    other = ksef.send_invoice(other.pk)
    assert other.ksef_status == KsefStatus.NOT_SENT and other.ksef_error == "down"

    _, refused = paid_by_transfer(make_application)
    recording.failures = [ksef.KsefRejected("450: Błąd weryfikacji semantyki dokumentu")]
    refused = ksef.send_invoice(refused.pk)
    assert refused.ksef_status == KsefStatus.REJECTED and "450" in refused.ksef_error


def test_transfer_applicant_gets_a_pro_forma_that_is_not_an_invoice(client, make_application):
    application = make_application(approved=True)
    url = f"/targi/zgloszenie/{application.access_token}/proforma.pdf"
    assert client.get(url).status_code == 404  # no transfer chosen yet
    services.choose_bank_transfer(application)
    application.refresh_from_db()
    page = client.get(application.get_absolute_url())
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "This is not a VAT invoice" in text
    assert f"Transfer title: {application.transfer_reference}" in text
    assert "246,00" in text
    assert not Invoice.objects.exists()
