"""Personal data never reaches the logs, whoever writes the line.

The project's own log calls name objects by id. Libraries are less careful: the mail queue logs every
recipient, django-axes logs the username of a failed login, an SMTP or Stripe error echoes the address it
refused. This filter sits on the root handlers and masks what looks like personal data in the message, its
arguments and the traceback before any formatter sees the record:

- email addresses, also URL-encoded (`%40`);
- IBANs (`PL61 1090 1014 …`);
- runs of nine or more digits, grouped or not: phone numbers, NIP, PESEL, REGON, bank account numbers
  and IP addresses (Unix timestamps too, the price of not missing a NIP). Dates (`2026-11-27 12:30`)
  are kept;
- the subject in django-mailer's "sending message '…' to …" line: subjects carry names ("Quote request
  from <buyer>");
- private links, which open a person's data to whoever holds them: UUIDs (fair applications), the
  quote-request token in `/zapytania/<token>/` and `token=` query parameters (letter-of-intent
  confirmations). Django logs the path of every 404, and stripe the success URL of a Checkout.

Names and street addresses cannot be recognised by pattern: they are kept out by not logging them at all,
which tests/test_personal_data_in_logs.py checks for the project's loggers.
"""

import logging
import re

REDACTED = "[redacted]"

EMAIL = re.compile(r"[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
# A digit, then eight or more digits each after at most two separators: "+48 (58) 326 38 00",
# "123-456-78-90", "PL5260250995" (EU VAT), "85010112345", "192.168.10.200". Not inside a longer word
# (ids, hashes).
DIGITS = re.compile(r"(?<![\w+])(?:[A-Z]{2})?(?:\+|00)?\(?\d(?:[ ./()-]{0,2}\d){8,}(?!\w)")
MAIL_SUBJECT = re.compile(r"(?<=sending message ').*(?=' to )")
# No \b: in a URL-encoded link the UUID follows "%2F".
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
PRIVATE_LINK = re.compile(
    r"(?:(?<=/zapytania/)|(?<=zapytania%2F)|(?<=[?&]token=)|(?<=token%3D))[^/?#&%\s'\"]+", re.IGNORECASE
)
DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4}")

_traceback_formatter = logging.Formatter()


def _digits(match: re.Match) -> str:
    text = match.group()
    date = DATE.match(text)
    if date:  # a date followed by a time: keep the date, look at the rest again
        return date.group() + DIGITS.sub(_digits, text[date.end() :])
    return REDACTED


def redact(text: str) -> str:
    text = MAIL_SUBJECT.sub(REDACTED, text)
    text = EMAIL.sub(REDACTED, text)
    text = UUID.sub(REDACTED, text)
    text = PRIVATE_LINK.sub(REDACTED, text)
    text = IBAN.sub(REDACTED, text)
    return DIGITS.sub(_digits, text)


class RedactPersonalData(logging.Filter):
    """Formats the message once, masks it, and keeps only the masked text on the record.

    The traceback is rendered and masked too, and the raw exception dropped from the record, so no
    formatter can render the unmasked one again.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not break the caller
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = redact(message), None
        if record.exc_info:
            if not record.exc_text:
                record.exc_text = _traceback_formatter.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
