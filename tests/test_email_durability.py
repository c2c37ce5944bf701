"""Email is never lost: every message is stored before delivery, and a failed delivery is retried."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from mailer.engine import send_all
from mailer.models import Message

DURABLE = {"EMAIL_BACKEND": "mailer.backend.DbBackend"}


@pytest.mark.django_db
def test_message_survives_a_failing_mail_server_and_is_delivered_on_retry():
    with override_settings(**DURABLE):
        mail.send_mail("Zapytanie ofertowe", "Treść", "pes@example.org", ["dostawca@example.org"])
        assert Message.objects.count() == 1

        with override_settings(MAILER_EMAIL_BACKEND="tests.failing_email.FailingBackend"):
            send_all()
        assert Message.objects.count() == 1  # deferred, not dropped
        assert len(mail.outbox) == 0

        with override_settings(MAILER_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            call_command("retry_deferred")
            send_all()
        assert Message.objects.count() == 0
        assert [m.subject for m in mail.outbox] == ["Zapytanie ofertowe"]


@pytest.mark.django_db
def test_production_settings_route_all_email_through_the_durable_queue():
    from config.settings import base

    assert base.EMAIL_BACKEND == "mailer.backend.DbBackend"
    assert base.MAILER_EMAIL_BACKEND.endswith("EmailBackend")
