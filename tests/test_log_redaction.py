"""The redaction filter on the root handlers masks personal data and keeps what operators need."""

import json
import logging

import pytest

from config.log_redaction import REDACTED, RedactPersonalData, redact
from config.request_id import JsonFormatter


@pytest.mark.parametrize(
    "personal",
    [
        "anna.kowalska@example.org",
        "Anna.Kowalska+targi@gdansk.example.pl",
        "anna.kowalska%40example.org",
        "+48 600 100 200",
        "600-100-200",
        "600100200",
        "(58) 326 38 00",
        "0048 58 326 38 00",
        "526-025-09-95",
        "5260250995",
        "PL5260250995",
        "85010112345",
        "PL61 1090 1014 0000 0712 1981 2874",
        "61 1090 1014 0000 0712 1981 2874",
        "192.168.100.200",
    ],
)
def test_personal_data_is_masked_wherever_it_stands(personal):
    masked = redact(f"Refused {personal}: try later")
    assert personal not in masked
    assert masked.startswith("Refused ") and masked.endswith(": try later")
    assert REDACTED in masked


@pytest.mark.parametrize(
    "kept",
    [
        "Sending receipt_sent_at of QuoteRequest #12345 failed (attempt 2)",
        "Session cs_test_a1b2c3d4e5f6g7h8i9j0 paid 24600, expected 24600",
        "hold expired at 2026-11-27 12:30:45",
        "request b820867017594a05be039265542aec68 took 0.012 s",
        "Personal data erased for subject 3fa9c0e1d2b4: {'quote requests anonymised': 3}",
        "connection to server at 127.0.0.1, port 55432 failed",
    ],
)
def test_ids_amounts_dates_and_hashes_are_kept(kept):
    assert redact(kept) == kept


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("Not Found: /targi/zgloszenie/0b6f2d7e-5c1a-4f0e-9d3b-2a7c8e9f1a2b/", "0b6f2d7e-5c1a-4f0e"),
        ("Not Found: /en/katalog/zapytania/q5Xh-9_kLmNoPqRsTuVwXyZ0123456789abcdEFGH/", "q5Xh-9_kLm"),
        ("GET /list-intencyjny/potwierdz/?token=eyJpZCI6MX0:1tS:abc&lang=pl 200", "eyJpZCI6MX0"),
        (
            "success_url=http%3A%2F%2Fx%2Ftargi%2Fzgloszenie%2F0b6f2d7e-5c1a-4f0e-9d3b-2a7c8e9f1a2b%2F",
            "0b6f2d7e",
        ),
        ("next=%2Fkatalog%2Fzapytania%2Fq5Xh-9_kLmNoPqRsTuV%2F", "q5Xh-9_kLm"),
    ],
)
def test_private_links_are_masked_but_the_path_stays_readable(line, secret):
    masked = redact(line)
    assert secret not in masked
    assert REDACTED in masked and masked.split(REDACTED)[0] in line


def test_the_mail_queue_logs_neither_the_subject_nor_the_recipients():
    line = "sending message 'Quote request from Zofia Nowak' to zofia@example.org, biuro@example.pl"
    assert redact(line) == f"sending message '{REDACTED}' to {REDACTED}, {REDACTED}"


def _record(msg, args=(), exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("mailer.engine", logging.INFO, __file__, 1, msg, args, exc_info)


def test_filter_masks_arguments_and_the_traceback_before_any_formatter_sees_them():
    try:
        raise ConnectionRefusedError("recipient anna@example.org refused")
    except ConnectionRefusedError:
        import sys

        record = _record(
            "sending message to %s (%s)", ("anna@example.org", "+48 600 100 200"), sys.exc_info()
        )

    assert RedactPersonalData().filter(record) is True

    plain = logging.Formatter("%(message)s").format(record)
    as_json = json.loads(JsonFormatter().format(record))
    for line in (plain, as_json["message"], as_json["exception"]):
        assert "anna@example.org" not in line and "600 100 200" not in line
    assert "ConnectionRefusedError" in as_json["exception"]
    assert plain.startswith(f"sending message to {REDACTED} ({REDACTED})")


def test_a_broken_format_string_is_masked_instead_of_raising_into_the_caller():
    record = _record("to %s and %s", ("anna@example.org",))
    assert RedactPersonalData().filter(record) is True
    assert "anna@example.org" not in record.getMessage()


def test_the_console_handler_of_the_settings_carries_the_filter():
    from django.conf import settings

    assert "redact_personal_data" in settings.LOGGING["handlers"]["console"]["filters"]
    console = next(handler for handler in logging.getLogger().handlers if handler.get_name() == "console")
    assert any(isinstance(active, RedactPersonalData) for active in console.filters)
