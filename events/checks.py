"""System checks: an installation must not print invalid seller data on legal documents."""

from django.conf import settings
from django.core.checks import Error, register
from stdnum.pl import nip


@register()
def check_invoice_seller(app_configs, **kwargs) -> list[Error]:
    seller = settings.INVOICE_SELLER
    errors = []
    if not nip.is_valid(seller.get("nip", "")):
        errors.append(
            Error(
                "INVOICE_SELLER_NIP is not a valid Polish NIP, so fair invoices would carry it.",
                hint="Set INVOICE_SELLER_NIP to the organiser's 10-digit NIP.",
                id="events.E001",
            )
        )
    if not seller.get("name", "").strip() or not seller.get("address", "").strip():
        errors.append(
            Error(
                "INVOICE_SELLER_NAME and INVOICE_SELLER_ADDRESS must not be empty.",
                hint="Set them to the organiser's name and address as they must appear on invoices.",
                id="events.E002",
            )
        )
    return errors
