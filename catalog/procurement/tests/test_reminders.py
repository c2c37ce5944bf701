"""The periodic job: silent suppliers are reminded two days before the answer date (once), and the buyer
is told once when every supplier has answered or the date has passed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from catalog.choices import QuoteAnswerStatus
from catalog.services.quotes import QuoteTerms, answer_quote_request, remind_suppliers_and_notify_buyers
from config.core.management.commands.run_scheduler import JOBS

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(quote_request, django_capture_on_commit_callbacks):
    """The request's first emails went out (the reminder is for suppliers who were told)."""
    quote_request.recipients.update(supplier_notified_at=timezone.now())
    quote_request.receipt_sent_at = timezone.now()
    quote_request.save(update_fields=["receipt_sent_at"])
    mail.outbox.clear()
    return quote_request


def run_job(today, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return remind_suppliers_and_notify_buyers(today)


def test_the_job_is_scheduled():
    assert (3600, ["send_quote_reminders"]) in JOBS


def test_nobody_is_reminded_earlier_than_two_days_before(delivered, django_capture_on_commit_callbacks):
    due = delivered.answers_due_on

    report = run_job(due - timedelta(days=3), django_capture_on_commit_callbacks)

    assert report == {"reminders": 0, "buyer notices": 0}
    assert mail.outbox == []


def test_silent_suppliers_are_reminded_once_two_days_before(
    delivered, suppliers, django_capture_on_commit_callbacks
):
    (a, _, user_a), (b, _, _), (c, _, _) = suppliers
    answer_quote_request(
        delivered.recipients.get(organisation=a).pk,
        user=user_a,
        status=QuoteAnswerStatus.QUOTED,
        terms=QuoteTerms(price=1000, vat_rate=23),
    )
    mail.outbox.clear()
    two_days_before = delivered.answers_due_on - timedelta(days=2)

    first = run_job(two_days_before, django_capture_on_commit_callbacks)
    reminded = sorted(address for message in mail.outbox for address in message.to)
    mail.outbox.clear()
    second = run_job(two_days_before + timedelta(days=1), django_capture_on_commit_callbacks)

    assert first["reminders"] == 2 and second["reminders"] == 0
    expected = [
        b.email,
        *b.members.values_list("email", flat=True),
        c.email,
        *c.members.values_list("email", flat=True),
    ]
    assert reminded == sorted(expected)
    assert mail.outbox == []
    assert delivered.recipients.filter(reminded_at__isnull=False).count() == 2


def test_reminder_subject_is_polish_and_names_the_date(delivered, django_capture_on_commit_callbacks):
    run_job(delivered.answers_due_on, django_capture_on_commit_callbacks)

    subjects = {message.subject for message in mail.outbox}
    assert subjects == {
        f"Przypomnienie: kupujący czeka na Twoją odpowiedź do {delivered.answers_due_on.strftime('%d.%m.%Y')}"
    }


def test_buyer_is_told_once_when_everyone_answered(delivered, suppliers, django_capture_on_commit_callbacks):
    for organisation, _, user in suppliers:
        with django_capture_on_commit_callbacks(execute=True):
            answer_quote_request(
                delivered.recipients.get(organisation=organisation).pk,
                user=user,
                status=QuoteAnswerStatus.DECLINED,
                decline_reason="Brak mocy",
            )

    notices = [
        m for m in mail.outbox if m.subject == "Wszyscy dostawcy odpowiedzieli na Twoje zapytanie ofertowe"
    ]
    report = run_job(timezone.localdate(), django_capture_on_commit_callbacks)

    assert len(notices) == 1 and notices[0].to == [delivered.buyer_email]
    assert delivered.get_absolute_url() in notices[0].body
    assert report["buyer notices"] == 0  # already stamped: the job sends nothing again


def test_buyer_is_told_once_when_the_date_passed_with_who_did_not_answer(
    delivered, suppliers, django_capture_on_commit_callbacks
):
    yesterday = timezone.localdate() - timedelta(days=1)
    type(delivered).objects.filter(pk=delivered.pk).update(answers_due=yesterday)

    first = run_job(timezone.localdate(), django_capture_on_commit_callbacks)
    second = run_job(timezone.localdate(), django_capture_on_commit_callbacks)

    [notice] = [m for m in mail.outbox if m.to == [delivered.buyer_email]]
    assert notice.subject == "Minął termin odpowiedzi na Twoje zapytanie ofertowe"
    assert "3 dostawców nie odpowiedziało" in notice.body
    assert (first["buyer notices"], second["buyer notices"]) == (1, 0)


def test_the_management_command_runs_the_job(delivered, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_quote_reminders")
    # Ten days before the date: nothing is due, and the command says so.
    assert mail.outbox == []
