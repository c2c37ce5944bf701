"""Bank statements made by the tests (MT940 and camt.053), imported by staff and matched to transfers;
and the staff register of invoices with its KSeF state and formula-safe export."""

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from events import services
from events.bank_statements import StatementError, find_reference, parse
from events.invoices import issue_invoice
from events.models import ApplicationStatus, Invoice, PaymentStatus, StatementLine

pytestmark = pytest.mark.django_db

ACCOUNT = "PL61109010140000071219812874"


def mt940(*entries: tuple[str, str, str], statement: str = "00001") -> bytes:
    """An MT940 statement; entries are (C or D, amount "246,00", title)."""
    lines = [":20:PES-TEST", f":25:{ACCOUNT}", f":28C:{statement}/001", ":60F:C260501PLN0,00"]
    for index, (mark, amount, title) in enumerate(entries):
        lines += [f":61:2605010501{mark}N{amount}NTRFNONREF//REF{index}", f":86:{title}"]
    lines.append(":62F:C260501PLN0,00")
    return ("\r\n".join(lines) + "\r\n").encode()


def camt053(*entries: tuple[str, str, str, str], statement: str = "STMT-1") -> bytes:
    """A camt.053.001.08 statement; entries are (CRDT or DBIT, amount "246.00", title, payer)."""
    body = "".join(
        f"""<Ntry><NtryRef>{index}</NtryRef><Amt Ccy="PLN">{amount}</Amt><CdtDbtInd>{mark}</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-05-01</Dt></BookgDt><AcctSvcrRef>BANK-{index}</AcctSvcrRef>
        <NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>{payer}</Nm></Pty></Dbtr></RltdPties>
        <RmtInf><Ustrd>{title}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>"""
        for index, (mark, amount, title, payer) in enumerate(entries)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
<GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-05-01T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>{statement}</Id><CreDtTm>2026-05-01T18:00:00</CreDtTm><Acct><Id><IBAN>{ACCOUNT}</IBAN></Id></Acct>
{body}</Stmt></BkToCstmrStmt></Document>""".encode()


@pytest.fixture
def transfers(make_application):
    """Three applications paying by transfer (246,00 zł each)."""
    applications = []
    for _ in range(3):
        application = make_application(approved=True)
        services.choose_bank_transfer(application)
        application.refresh_from_db()
        applications.append(application)
    return applications


def test_reference_is_found_however_the_bank_wrote_it():
    assert find_reference("Oplata PES-1-00042 stoisko") == "PES-1-00042"
    assert find_reference("pes - 12 - 42, faktura") == "PES-12-00042"
    assert find_reference("Przelew za stoisko") == ""


@pytest.mark.parametrize("make_file", [mt940, camt053])
def test_statement_marks_matching_transfers_paid_and_lists_the_rest(
    make_file, transfers, django_capture_on_commit_callbacks
):
    paid, wrong_amount, untouched = transfers
    rows = [
        ("246,00" if make_file is mt940 else "246.00", f"Stoisko {paid.transfer_reference} Fundacja"),
        ("200,00" if make_file is mt940 else "200.00", f"{wrong_amount.transfer_reference}"),
        ("246,00" if make_file is mt940 else "246.00", "PES-999-99999 nieznany"),
        ("10,00" if make_file is mt940 else "10.00", "Oplata bankowa"),
    ]
    credit, debit = ("C", "D") if make_file is mt940 else ("CRDT", "DBIT")
    entries = [
        (credit if index < 3 else debit, amount, title) + (() if make_file is mt940 else ("Gmina",))
        for index, (amount, title) in enumerate(rows)
    ]
    data = make_file(*entries)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.import_statement(data)
    assert result.count(StatementLine.Outcome.MATCHED) == 1
    assert result.count(StatementLine.Outcome.AMOUNT_MISMATCH) == 1
    assert result.count(StatementLine.Outcome.UNKNOWN_REFERENCE) == 1
    assert result.count(StatementLine.Outcome.NOT_A_CREDIT) == 1
    for application in transfers:
        application.refresh_from_db()
    assert paid.status == ApplicationStatus.CONFIRMED
    assert paid.payments.get().status == PaymentStatus.PAID
    assert paid.invoices.get().payment_method == "transfer"  # the same settle path as staff and Stripe
    assert wrong_amount.status == ApplicationStatus.APPROVED
    assert wrong_amount.payments.get().status == PaymentStatus.OPEN
    assert untouched.status == ApplicationStatus.APPROVED
    staff_list = list(services.lines_for_staff())
    assert {line.outcome for line in staff_list} == {"amount_mismatch", "unknown_reference"}

    # The same statement again changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        again = services.import_statement(data)
    assert again.lines == [] and again.duplicates == 4
    assert StatementLine.objects.count() == 4
    assert Invoice.objects.count() == 1

    # A second transfer for an application already paid is listed, never paid twice.
    second = make_file(entries[0], statement="00002" if make_file is mt940 else "STMT-2")
    result = services.import_statement(second)
    assert [line.outcome for line in result.lines] == [StatementLine.Outcome.ALREADY_PAID]
    assert Invoice.objects.count() == 1


@pytest.mark.parametrize(
    "content",
    [b"", b"hello", b"<html><body>not a statement</body></html>", b"<Document", mt940()[:30]],
)
def test_unreadable_files_are_refused(content):
    with pytest.raises(StatementError):
        parse(content)


@pytest.fixture
def staff_client(client):
    admin = get_user_model().objects.create_superuser(
        username="staff", email="staff@pes.pl", password="x-Secret-123"
    )
    client.force_login(admin)
    return client


def test_staff_upload_imports_and_bad_files_get_a_translated_400(staff_client, transfers):
    url = "/admin/targi/wyciagi/"
    assert staff_client.get(url).status_code == 200
    data = mt940(("C", "246,00", transfers[0].transfer_reference))
    response = staff_client.post(url, {"statement": SimpleUploadedFile("wyciag.sta", data)})
    assert response.status_code == 302
    transfers[0].refresh_from_db()
    assert transfers[0].status == ApplicationStatus.CONFIRMED
    bad = staff_client.post(url, {"statement": SimpleUploadedFile("x.sta", b"garbage")})
    assert bad.status_code == 400
    assert "neither an MT940 nor a camt.053" in bad.content.decode()
    with override_settings(BANK_STATEMENT_MAX_BYTES=10):
        too_big = staff_client.post(url, {"statement": SimpleUploadedFile("x.sta", data)})
    assert too_big.status_code == 400
    assert "too large" in too_big.content.decode()
    polish = staff_client.post(
        url, {"statement": SimpleUploadedFile("x.sta", b"garbage")}, HTTP_ACCEPT_LANGUAGE="pl"
    )
    assert polish.status_code == 400


def test_invoice_register_shows_ksef_state_filters_and_exports_formula_safe(staff_client, make_application):
    application = make_application(approved=True, invoice_name='=HYPERLINK("http://x")')
    services.choose_bank_transfer(application)
    services.mark_transfer_paid(application)
    invoice = issue_invoice(application.payments.get().pk)
    page = staff_client.get("/admin/targi/faktury/")
    assert page.status_code == 200
    body = page.content.decode()
    assert invoice.number in body and "Issued, not sent to KSeF" in body
    assert (
        staff_client.get("/admin/targi/faktury/?ksef_status=accepted")
        .content.decode()
        .count('data-testid="invoice-row"')
        == 0
    )
    csv_text = staff_client.get("/admin/targi/faktury/?export=csv").content.decode("utf-8-sig")
    assert invoice.number in csv_text and "'=HYPERLINK" in csv_text
    xlsx = staff_client.get("/admin/targi/faktury/?export=xlsx").content
    values = [
        c for row in openpyxl.load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True) for c in row
    ]
    assert invoice.number in values and '\'=HYPERLINK("http://x")' in values
    # Without KSeF credentials "resend" explains why nothing is sent.
    response = staff_client.post(f"/admin/targi/faktury/{invoice.pk}/ksef/", follow=True)
    assert "KSeF is not configured" in response.content.decode()
    xml = staff_client.get(f"/admin/targi/faktury/{invoice.pk}.xml")
    assert xml.status_code == 200 and b"<Faktura" in xml.content
