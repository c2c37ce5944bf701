"""The parties and lines of the fair's money documents, as snapshots taken from settings and the
application: the invoice (and so its FA(3) XML) and the pro-forma take them from here."""

from django.conf import settings

# The unit of a stand or add-on line: a service ("usługa"), always quantity 1.
SERVICE_UNIT = "usł."


def seller(fair=None) -> dict:
    """The organiser's invoicing data (settings.INVOICE_SELLER, from the INVOICE_SELLER_* variables);
    the fair's own bank account, when it has one, is the one its transfers go to."""
    data = dict(settings.INVOICE_SELLER)
    if fair is not None and fair.bank_account:
        data["bank_account"] = fair.bank_account
    return data


def buyer(application) -> dict:
    return {
        "name": application.invoice_name,
        "address": application.invoice_address,
        "nip": application.invoice_nip,
        "email": application.invoice_email,
    }


def recipient(application) -> dict:
    """Podmiot3 (the recipient that pays) when the buyer is a public body paying for one of its units."""
    if not application.invoice_recipient_name:
        return {}
    return {
        "name": application.invoice_recipient_name,
        "address": application.invoice_recipient_address,
        "nip": application.invoice_recipient_nip,
    }


def invoice_lines(priced_lines: list[dict]) -> list[dict]:
    """Quote lines with the invoice's quantity, unit and unit net price (one service each)."""
    return [{**item, "quantity": 1, "unit": SERVICE_UNIT, "unit_net": item["net"]} for item in priced_lines]
