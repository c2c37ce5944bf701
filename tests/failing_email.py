"""An email backend that fails like an SMTP server that is down (used by the durability tests)."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that refuses every recipient. Like smtplib's, the error names the addresses."""

    def send_messages(self, email_messages):
        refused = {
            address: (550, b"5.1.1 Mailbox unavailable") for m in email_messages for address in m.recipients()
        }
        raise smtplib.SMTPRecipientsRefused(refused)
