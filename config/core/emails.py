"""The one way the platform sends an email.

Every message goes through Django's configured backend, which in production is django-mailer's
database queue (settings.EMAIL_BACKEND): the message is stored in the caller's transaction and
delivered, deferred and retried by the mailer worker, so it is never lost. Errors are never silenced:
callers that track delivery (the quote requests) need a failure to raise.
"""

from collections.abc import Sequence
from typing import NotRequired, TypedDict

from django.conf import settings
from django.core.mail import EmailMessage
from django.template import Context
from django.template.loader import get_template


class Email(TypedDict):
    """An email composed now and sent later, e.g. after locking the row that tracks its delivery."""

    subject: str
    body: str
    to: Sequence[str]
    reply_to: NotRequired[Sequence[str] | None]


def clean_subject(subject: str) -> str:
    """One header line: CR, LF and runs of whitespace from user-typed names become single spaces.

    Django refuses a header with a line break (BadHeaderError), which would fail the task for good.
    """
    return " ".join(str(subject).split())


def render_subject(template_name: str, context: dict) -> str:
    """Render a subject template as plain text: a subject is no HTML, so "Org <x>" stays "Org <x>"."""
    template = get_template(template_name).template
    return clean_subject(template.render(Context(context, autoescape=False)))


def send_email(
    subject: str,
    body: str,
    to: Sequence[str],
    reply_to: Sequence[str] | None = None,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> None:
    """Send a plain-text email from settings.DEFAULT_FROM_EMAIL; raises when the backend refuses it.

    `attachments` are (filename, content, MIME type), e.g. a ticket's PDF."""
    EmailMessage(
        clean_subject(subject),
        body,
        settings.DEFAULT_FROM_EMAIL,
        list(to),
        reply_to=list(reply_to) if reply_to else None,
        attachments=list(attachments),
    ).send(fail_silently=False)
