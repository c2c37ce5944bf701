"""Invoice seller data is validated at start-up, before an invoice can carry it."""

from django.core import checks
from django.test import override_settings

from events.invoices import seller

VALID = {"name": "ROPS Gdańsk", "address": "ul. Okopowa 21/27, 80-810 Gdańsk", "nip": "5833118969"}


def error_ids() -> set[str]:
    return {message.id for message in checks.run_checks() if message.id and message.id.startswith("events.")}


@override_settings(INVOICE_SELLER=VALID)
def test_valid_seller_data_passes_the_checks_and_reaches_the_invoice():
    assert error_ids() == set()
    assert seller() == VALID


@override_settings(INVOICE_SELLER={**VALID, "nip": "5833118968"})
def test_seller_nip_with_a_wrong_checksum_is_a_startup_error():
    assert error_ids() == {"events.E001"}


@override_settings(INVOICE_SELLER={**VALID, "address": "  "})
def test_empty_seller_address_is_a_startup_error():
    assert error_ids() == {"events.E002"}
