"""Applying for a stand, pricing rules, review by staff, free stands and the waiting list."""

import pytest
from django.conf import settings
from django.core import mail
from wagtail.models import ModelLogEntry

from events import services
from events.models import ApplicationStatus, PricingRule, StandAddon, StandType, WaitlistEntry
from events.money import gross_from_net

from .conftest import application_data

pytestmark = pytest.mark.django_db


def test_application_without_valid_nip_is_refused_with_a_clear_message(fair, stand_type):
    with pytest.raises(services.FairError, match="NIP"):
        services.apply_for_stand(fair=fair, stand_type=stand_type, data=application_data(nip="1234567890"))


def test_application_with_missing_nip_is_refused(fair, stand_type):
    with pytest.raises(services.FairError, match="NIP"):
        services.apply_for_stand(fair=fair, stand_type=stand_type, data=application_data(nip=""))


def test_addon_without_a_stand_is_refused(fair, electricity):
    with pytest.raises(services.FairError, match="add-ons can only be ordered with a stand"):
        services.apply_for_stand(fair=fair, stand_type=None, addons=[electricity], data=application_data())


def test_addon_of_another_fair_is_refused(fair, stand_type, make_application, django_db_blocker):
    other = StandAddon.objects.create(
        fair=type(fair).objects.create(
            slug="inne",
            name="Inne",
            starts_at=fair.starts_at,
            ends_at=fair.ends_at,
            venue_name="x",
            venue_address="y",
        ),
        code="stol",
        name="Stół",
        price_net=1000,
    )
    with pytest.raises(services.FairError, match="does not belong"):
        services.apply_for_stand(fair=fair, stand_type=stand_type, addons=[other], data=application_data())


def test_food_sales_require_sanitary_confirmation(fair, stand_type):
    with pytest.raises(services.FairError, match="sanitary"):
        services.apply_for_stand(fair=fair, stand_type=stand_type, data=application_data(sells_food=True))


def test_consents_are_required(fair, stand_type):
    with pytest.raises(services.FairError, match="terms"):
        services.apply_for_stand(
            fair=fair, stand_type=stand_type, data=application_data(consent_privacy=False)
        )


def test_submitted_application_is_logged_and_acknowledged_by_email(
    make_application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = make_application()
    assert application.status == ApplicationStatus.SUBMITTED
    assert ModelLogEntry.objects.filter(
        action="events.application.submitted", object_id=str(application.pk)
    ).exists()
    assert mail.outbox[0].to == ["anna@dobre-rece.pl"]
    assert mail.outbox[1].to == settings.STAFF_NOTIFICATION_EMAILS
    assert f"/admin/targi/zgloszenie/{application.pk}/" in mail.outbox[1].body


def test_price_is_net_plus_vat_of_stand_and_addons(make_application, electricity):
    application = make_application(approved=True, addons=[electricity])
    assert application.amount_net == 25000
    assert application.amount_gross == gross_from_net(20000, 23) + gross_from_net(5000, 23) == 30750


def test_approval_email_states_amount_due_and_pay_link(make_application, django_capture_on_commit_callbacks):
    application = make_application()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(application)
    body = mail.outbox[-1].body
    assert "246,00" in body
    assert str(application.access_token) in body


def test_staff_rule_gives_active_member_a_discount(make_application, stand_type, member_organisation):
    PricingRule.objects.create(
        stand_type=stand_type, eligibility=PricingRule.Eligibility.ACTIVE_MEMBER, discount_percent=50
    )
    application = make_application(approved=True, organisation=member_organisation)
    assert application.discount_percent == 50
    assert application.amount_net == 10000


def test_without_a_rule_a_member_pays_the_full_price(make_application, member_organisation):
    application = make_application(approved=True, organisation=member_organisation)
    assert application.amount_net == 20000


def test_inactive_rule_does_not_apply(make_application, stand_type, member_organisation):
    PricingRule.objects.create(
        stand_type=stand_type,
        eligibility=PricingRule.Eligibility.ACTIVE_MEMBER,
        discount_percent=100,
        active=False,
    )
    assert make_application(approved=True, organisation=member_organisation).amount_gross > 0


def test_free_stand_for_ps_entity_is_confirmed_without_payment(
    make_application, stand_type, member_organisation, django_capture_on_commit_callbacks
):
    member_organisation.ps_status = True
    member_organisation.save()
    PricingRule.objects.create(
        stand_type=stand_type, eligibility=PricingRule.Eligibility.PS_STATUS, discount_percent=100
    )
    with django_capture_on_commit_callbacks(execute=True):
        application = make_application(approved=True, organisation=member_organisation)
    assert application.status == ApplicationStatus.CONFIRMED
    assert application.amount_gross == 0
    assert application.payments.count() == 0
    assert "confirmed" in mail.outbox[-1].subject


def test_rejection_needs_a_reason_and_tells_the_applicant(
    make_application, django_capture_on_commit_callbacks
):
    application = make_application()
    with pytest.raises(services.FairError):
        services.reject_application(application, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_application(application, "Profil niezgodny z targami")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert "Profil niezgodny" in mail.outbox[-1].body


def test_sold_out_stand_type_puts_the_application_on_the_waiting_list(fair, make_application):
    tiny = StandType.objects.create(fair=fair, name="Namiot", capacity=1, price_net=0)
    first = make_application(approved=True, stand=tiny)
    assert first.status == ApplicationStatus.CONFIRMED
    second = make_application(stand=tiny)
    assert second.status == ApplicationStatus.WAITLISTED
    assert WaitlistEntry.objects.filter(application=second).exists()


def test_cancelling_frees_the_place_and_notifies_the_waiting_list(
    fair, make_application, django_capture_on_commit_callbacks
):
    tiny = StandType.objects.create(fair=fair, name="Namiot", capacity=1, price_net=0)
    first = make_application(approved=True, stand=tiny)
    second = make_application(stand=tiny)
    services.approve_application(second)  # approved but still waiting: no place
    second.refresh_from_db()
    assert second.status == ApplicationStatus.WAITLISTED
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_application(first)
    second.refresh_from_db()
    assert second.status == ApplicationStatus.APPROVED
    assert any("place is free" in m.subject for m in mail.outbox)


def test_cancellation_after_the_deadline_is_refused(fair, make_application):
    application = make_application()
    fair.cancellation_deadline = fair.starts_at.replace(year=2000)
    fair.save()
    with pytest.raises(services.FairError, match="deadline"):
        services.cancel_application(application)


def test_closed_fair_refuses_applications(fair, stand_type):
    fair.applications_open = False
    fair.save()
    with pytest.raises(services.FairError, match="closed"):
        services.apply_for_stand(fair=fair, stand_type=stand_type, data=application_data())


def test_stand_number_comes_from_the_list_and_is_unique(fair, stand_type, make_application):
    first = make_application(approved=True)
    services.choose_bank_transfer(first)
    services.mark_transfer_paid(first)
    second = make_application(approved=True)
    services.choose_bank_transfer(second)
    services.mark_transfer_paid(second)
    with pytest.raises(services.FairError, match="list"):
        services.assign_stand_number(first, "Z9")
    services.assign_stand_number(first, "A1")
    with pytest.raises(services.FairError, match="already taken"):
        services.assign_stand_number(second, "A1")
    first.refresh_from_db()
    assert first.stand_number == "A1"


def test_bank_transfer_has_a_reference_and_staff_mark_it_paid(
    make_application, django_capture_on_commit_callbacks
):
    application = make_application(approved=True)
    with django_capture_on_commit_callbacks(execute=True):
        payment = services.choose_bank_transfer(application)
    application.refresh_from_db()
    assert application.transfer_reference == f"PES-{application.fair_id}-{application.pk:05d}"
    assert application.transfer_reference in mail.outbox[-1].body
    assert services.choose_bank_transfer(application) == payment  # idempotent
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_transfer_paid(application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONFIRMED
    assert application.invoices.get().payment_method == "transfer"
    services.mark_transfer_paid(application)  # a second click changes nothing
    assert application.invoices.count() == 1
