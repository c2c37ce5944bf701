"""Finding 10: subjects are plain text (no HTML escaping) and a line break typed by a user is cleaned."""

import pytest
from django.core import mail

from .test_forms import contact_data, membership_data

pytestmark = pytest.mark.django_db


def test_membership_subject_keeps_angle_brackets_unescaped(
    client, membership_page, free_nip, django_capture_on_commit_callbacks, settings
):
    settings.STAFF_NOTIFICATION_EMAILS = ["klaster@example.pl"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(membership_page.url, membership_data(free_nip, name="Org <x> & Syn"))
    assert response.status_code == 302
    [message] = mail.outbox
    assert "Org <x> & Syn" in message.subject
    assert "&lt;" not in message.subject and "&amp;" not in message.subject


def test_contact_subject_with_a_line_break_is_sent_on_one_line(
    client, contact_page, django_capture_on_commit_callbacks, settings
):
    settings.STAFF_NOTIFICATION_EMAILS = ["klaster@example.pl"]
    with django_capture_on_commit_callbacks(execute=True):
        # A form field strips only the ends; a raw POST can carry CR/LF inside the value.
        response = client.post(contact_page.url, contact_data(subject="Targi\r\nBcc: spam@example.com"))
    assert response.status_code == 302
    [message] = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert "Targi Bcc: spam@example.com" in message.subject
    assert message.to == ["klaster@example.pl"]
