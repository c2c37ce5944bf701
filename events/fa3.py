"""FA(3), the structured invoice of KSeF, built from the same stored Invoice fields as the PDF.

The builders, the business checks and the official FA(3) XSD come from ksef-client
(ksef_client.documents.fa3); this module only maps our snapshot (seller, buyer, recipient, lines in
grosze, dates, payment) onto them. Every document is validated against the XSD before it is stored, so
an invoice whose FA(3) would be refused by KSeF is never numbered (issuing rolls back instead).

Amounts are passed explicitly per line (net and VAT in grosze, rounded half-up per line by
events.money), so the XML totals are exactly the PDF's totals and never recomputed differently.
"""

import base64
import hashlib
from decimal import Decimal

from django.utils import timezone
from ksef_client.documents.fa3 import (
    BankAccount,
    CorrectionType,
    FA3Invoice,
    FA3XmlValidationError,
    InvoiceLine,
    InvoiceParty,
    PaymentMethod,
    PaymentTerms,
    TaxCategory,
    ThirdPartyRole,
    validate_fa3_xml_xsd,
)

from .models import Invoice
from .models import PaymentMethod as FairPaymentMethod

# "Other" payment method in FA(3) (PlatnoscInna): Stripe Checkout takes card, BLIK or Przelewy24 and
# we do not learn which one, so none of the FA(3) codes can be claimed honestly.
ONLINE_PAYMENT_DESCRIPTION = "Płatność online (Stripe: karta, BLIK lub Przelewy24)"


class FA3Error(ValueError):
    """The invoice data cannot make a valid FA(3) document (a mandatory field is missing or wrong)."""


def amount(grosze: int) -> Decimal:
    return (Decimal(grosze) / 100).quantize(Decimal("0.01"))


def _party(data: dict) -> InvoiceParty:
    nip = (data.get("nip") or "").strip()
    if nip:
        return InvoiceParty.polish_company(nip=nip, name=data.get("name", ""), address=data.get("address"))
    # A buyer without a NIP (a private person): FA(3) records "BrakID".
    return InvoiceParty.without_tax_id(name=data.get("name", ""), address=data.get("address"))


def _line(item: dict) -> InvoiceLine:
    return InvoiceLine.service(
        item["description"],
        quantity=item.get("quantity", 1),
        unit_net_price=amount(item.get("unit_net", item["net"])),
        unit=item.get("unit", "usł."),
        tax=TaxCategory.from_vat_rate(item["vat_rate"]),
        net_amount=amount(item["net"]),
        vat_amount=amount(item["vat"]),
    )


def _after_correction(before: dict, delta: dict) -> dict:
    net = before["net"] + delta["net"]
    return {
        **before,
        "quantity": 1,
        "unit_net": net,
        "net": net,
        "vat": before["vat"] + delta["vat"],
        "gross": before["gross"] + delta["gross"],
    }


def _payment_terms(invoice: Invoice) -> PaymentTerms | None:
    """Paid in full on the payment date (both ways of paying take the money before the invoice)."""
    if invoice.kind == Invoice.Kind.CORRECTION:
        return None
    paid_on = timezone.localdate(invoice.payment.paid_at or invoice.issued_at)
    if invoice.payment_method == FairPaymentMethod.TRANSFER:
        account = "".join((invoice.seller.get("bank_account") or "").split())
        return PaymentTerms(
            method=PaymentMethod.TRANSFER.value,
            paid_date=paid_on,
            bank_accounts=(BankAccount(account),) if account else (),
        )
    return PaymentTerms(other_method_description=ONLINE_PAYMENT_DESCRIPTION, paid_date=paid_on)


def build_xml(invoice: Invoice) -> str:
    """The FA(3) XML of an invoice or correction (not yet saved is fine), validated against the XSD.

    Raises FA3Error when a mandatory field is missing or the document does not satisfy the schema.
    """
    correction = invoice.kind == Invoice.Kind.CORRECTION
    builder = FA3Invoice.correction(invoice.number) if correction else FA3Invoice.basic(invoice.number)
    builder.issued_on(timezone.localdate(invoice.issued_at))
    if invoice.seller.get("city"):
        builder.issue_place(invoice.seller["city"])
    builder.seller(_party(invoice.seller)).buyer(_party(invoice.buyer))
    if invoice.recipient:
        builder.add_party(_party(invoice.recipient), ThirdPartyRole.RECIPIENT)
    if invoice.sale_date and not correction:
        builder.sale_date(invoice.sale_date)
    if correction:
        original = invoice.corrects
        builder.corrects_invoice(
            number=original.number,
            issue_date=timezone.localdate(original.issued_at),
            reason=invoice.correction_reason,
            correction_type=CorrectionType.TAX_BASE_OR_TAX,
            ksef_number=original.ksef_number or None,
        )
        for before, delta in zip(original.lines, invoice.lines, strict=True):
            builder.add_corrected_line_before_after(
                before=_line(before), after=_line(_after_correction(before, delta))
            )
    else:
        for item in invoice.lines:
            builder.add_service_line(
                item["description"],
                quantity=item.get("quantity", 1),
                unit_net_price=amount(item.get("unit_net", item["net"])),
                unit=item.get("unit", "usł."),
                tax=TaxCategory.from_vat_rate(item["vat_rate"]),
                net_amount=amount(item["net"]),
                vat_amount=amount(item["vat"]),
            )
    terms = _payment_terms(invoice)
    if terms is not None:
        builder.payment(terms)
    try:
        document = builder.build()
        if correction and not invoice.correction_reason.strip():
            raise ValueError("PrzyczynaKorekty: the reason for the correction is mandatory")
        xml = document.to_xml(xsd_validate=True)
    except (ValueError, FA3XmlValidationError) as error:
        raise FA3Error(f"{invoice.number}: {error}") from error
    return xml.decode("utf-8")


def validate_xml(xml: str) -> None:
    """Validate a stored FA(3) document against the official XSD shipped by ksef-client."""
    try:
        validate_fa3_xml_xsd(xml.encode("utf-8"))
    except FA3XmlValidationError as error:
        raise FA3Error(str(error)) from error


def document_hash(xml: str) -> str:
    """SHA-256 of the document as sent to KSeF, base64 (the verification link and QR code carry it)."""
    return base64.b64encode(hashlib.sha256(xml.encode("utf-8")).digest()).decode("ascii")
