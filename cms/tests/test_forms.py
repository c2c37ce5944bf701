"""Membership application, letter of intent (double opt-in, one signature per NIP) and contact form."""

import csv
import io
import re

import pytest
from django.core import mail, signing
from django.utils import timezone
from wagtail.models import ModelLogEntry

from catalog.choices import MembershipStatus
from catalog.models import Organisation
from cms import services
from cms.models import ContactMessage, LetterOfIntentSignature

pytestmark = pytest.mark.django_db


def membership_data(nip, **overrides):
    data = {
        "name": "Spółdzielnia Socjalna Smaki Kaszub",
        "legal_form": "spoldzielnia_socjalna",
        "nip": nip,
        "krs": "",
        "city": "Kartuzy",
        "powiat": "kartuski",
        "subregion": "metropolitalny_poludniowy",
        "contact_person": "Anna Nowak",
        "email": "anna@smaki.example.pl",
        "phone": "",
        "website": "",
        "description": "Catering z lokalnych produktów.",
        "consent": "on",
    }
    data.update(overrides)
    return data


def signature_data(nip, **overrides):
    data = {
        "organisation_name": "Fundacja Razem",
        "nip": nip,
        "signatory_name": "Jan Kowalski",
        "signatory_role": "Prezes zarządu",
        "email": "jan@razem.example.pl",
        "consent": "on",
    }
    data.update(overrides)
    return data


# Membership application ---------------------------------------------------------------------------


def test_membership_application_creates_an_applied_organisation_and_notifies_staff(
    client, membership_page, free_nip, django_capture_on_commit_callbacks, settings
):
    settings.STAFF_NOTIFICATION_EMAILS = ["klaster@example.pl"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            membership_page.url, membership_data(f"{free_nip[:3]}-{free_nip[3:6]}-{free_nip[6:]}")
        )

    assert response.status_code == 302
    assert response["Location"] == f"{membership_page.url}?wyslano=1"
    organisation = Organisation.objects.get(nip=free_nip)
    assert organisation.membership_status == MembershipStatus.APPLIED
    assert organisation.slug == "spoldzielnia-socjalna-smaki-kaszub"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["klaster@example.pl"]
    assert "Anna Nowak" in mail.outbox[0].body and free_nip in mail.outbox[0].body
    assert ModelLogEntry.objects.filter(
        action="cms.membership_applied", object_id=str(organisation.pk)
    ).exists()
    thank_you = client.get(response["Location"])
    assert thank_you.context["submitted"] is True


def test_membership_application_with_an_invalid_nip_shows_the_error_at_the_field_and_in_the_summary(
    client, membership_page
):
    response = client.post(membership_page.url, membership_data("1234567890"))

    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["nip"][0].code == "invalid_nip"
    body = response.content.decode()
    assert 'id="error-summary"' in body and 'href="#id_nip"' in body
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="id_nip_help id_nip_error"' in body
    assert 'id="id_nip_error"' in body
    assert not Organisation.objects.exists()
    assert mail.outbox == []


def test_membership_application_for_a_nip_already_in_the_catalogue_is_refused(
    client, membership_page, make_member
):
    member = make_member()

    response = client.post(membership_page.url, membership_data(member.nip))

    assert response.context["form"].errors.as_data()["nip"][0].code == "duplicate_nip"
    assert Organisation.objects.count() == 1


def test_membership_application_needs_consent(client, membership_page, free_nip):
    response = client.post(membership_page.url, membership_data(free_nip, consent=""))

    assert "consent" in response.context["form"].errors
    assert not Organisation.objects.filter(nip=free_nip).exists()


def test_staff_see_applied_organisations_in_the_moderation_queue(admin_client, make_member):
    applicant = make_member(status=MembershipStatus.APPLIED)
    member = make_member(status=MembershipStatus.ACTIVE)

    response = admin_client.get("/admin/cms/membership-applications/")

    body = response.content.decode()
    assert response.status_code == 200
    assert applicant.name in body
    assert member.name not in body


# Letter of intent -------------------------------------------------------------------------------------


def sign(client, page, nip, capture, **overrides):
    with capture(execute=True):
        return client.post(page.url, signature_data(nip, **overrides))


def confirmation_path(message) -> str:
    return re.search(r"http://[^/\s]+(/\S+)", message.body).group(1)


def test_signing_sends_a_confirmation_link_and_shows_nothing_until_confirmed(
    client, letter_page, free_nip, django_capture_on_commit_callbacks
):
    response = sign(client, letter_page, free_nip, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    signature = LetterOfIntentSignature.objects.get(nip=free_nip)
    assert signature.confirmed_at is None and signature.consent_at is not None
    assert mail.outbox[0].to == ["jan@razem.example.pl"]
    listing = client.get(letter_page.url)
    assert listing.context["signatories"] == []
    assert "Fundacja Razem" not in listing.content.decode()


def test_confirmation_link_publishes_the_signature_and_moves_the_progress_counter(
    client, letter_page, free_nip, django_capture_on_commit_callbacks
):
    sign(client, letter_page, free_nip, django_capture_on_commit_callbacks)
    path = confirmation_path(mail.outbox[0])

    confirmed = client.get(path)
    again = client.get(path)  # a second click changes nothing

    assert confirmed.status_code == 200 and again.status_code == 200
    signature = LetterOfIntentSignature.objects.get(nip=free_nip)
    assert signature.confirmed_at is not None
    listing = client.get(letter_page.url)
    assert [s.nip for s in listing.context["signatories"]] == [free_nip]
    assert listing.context["progress"] == 5  # 1 of the target 20
    body = listing.content.decode()
    assert "Fundacja Razem" in body
    assert '<progress max="20" value="1"' in body
    assert ModelLogEntry.objects.filter(action="cms.letter_confirmed").count() == 1


def test_a_second_signature_with_the_same_nip_is_refused(
    client, letter_page, free_nip, django_capture_on_commit_callbacks
):
    sign(client, letter_page, free_nip, django_capture_on_commit_callbacks)

    response = sign(
        client, letter_page, free_nip, django_capture_on_commit_callbacks, organisation_name="Inna nazwa"
    )

    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["nip"][0].code == "duplicate_nip"
    assert LetterOfIntentSignature.objects.filter(nip=free_nip).count() == 1
    assert len(mail.outbox) == 1


def test_the_service_refuses_a_duplicate_nip_even_past_the_form(letter_page, free_nip):
    data = services.SignatureInput("Fundacja", free_nip, "Jan", "Prezes", "jan@example.pl")
    services.sign_letter_of_intent(letter_page, data)

    with pytest.raises(services.DuplicateSignature):
        services.sign_letter_of_intent(letter_page, data)


def test_a_tampered_confirmation_link_is_not_found(
    client, letter_page, free_nip, django_capture_on_commit_callbacks
):
    sign(client, letter_page, free_nip, django_capture_on_commit_callbacks)
    path = confirmation_path(mail.outbox[0])

    response = client.get(path[:-3] + "xyz")

    assert response.status_code == 404
    assert LetterOfIntentSignature.objects.get(nip=free_nip).confirmed_at is None


def test_an_expired_confirmation_link_is_refused(letter_page, free_nip, monkeypatch):
    record = services.sign_letter_of_intent(
        letter_page, services.SignatureInput("Fundacja", free_nip, "Jan", "Prezes", "jan@example.pl")
    )
    token = services.make_signature_token(record)
    later = timezone.now().timestamp() + services.SIGNATURE_TOKEN_MAX_AGE.total_seconds() + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)

    with pytest.raises(services.InvalidSignatureToken):
        services.confirm_signature(token)


def test_staff_can_export_the_signatories_as_csv(admin_client, letter_page, free_nip):
    record = services.sign_letter_of_intent(
        letter_page, services.SignatureInput("Fundacja Razem", free_nip, "Jan", "Prezes", "jan@example.pl")
    )
    services.confirm_signature(services.make_signature_token(record))

    response = admin_client.get("/admin/cms/letter-of-intent/?export=csv")

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][:2] == ["Fundacja Razem", free_nip]


# Contact ------------------------------------------------------------------------------------------------


def contact_data(**overrides):
    data = {
        "name": "Ewa",
        "email": "ewa@example.pl",
        "subject": "Targi",
        "message": "Czy są jeszcze stoiska?",
        "website": "",
    }
    data.update(overrides)
    return data


def test_contact_message_is_stored_and_emailed_to_staff(
    client, contact_page, django_capture_on_commit_callbacks, settings
):
    settings.STAFF_NOTIFICATION_EMAILS = ["klaster@example.pl"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_page.url, contact_data())

    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert message.subject == "Targi" and message.page_id == contact_page.pk
    assert message.client_fingerprint and "127.0.0.1" not in message.client_fingerprint
    assert mail.outbox[0].to == ["klaster@example.pl"]
    assert "Czy są jeszcze stoiska?" in mail.outbox[0].body


def test_contact_form_filled_in_by_a_bot_is_thanked_but_neither_stored_nor_emailed(
    client, contact_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_page.url, contact_data(website="http://spam.example"))

    assert response.status_code == 302
    assert not ContactMessage.objects.exists()
    assert mail.outbox == []


def test_contact_form_is_rate_limited_per_client(client, contact_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(services.CONTACT_RATE_LIMIT):
            client.post(contact_page.url, contact_data(subject=f"Pytanie {number}"))
        response = client.post(contact_page.url, contact_data(subject="Jedno za dużo"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'id="error-summary"' in response.content.decode()
    assert ContactMessage.objects.count() == services.CONTACT_RATE_LIMIT


def test_contact_form_errors_are_tied_to_their_fields(client, contact_page):
    response = client.post(contact_page.url, contact_data(email="not-an-email", message=""))

    body = response.content.decode()
    assert set(response.context["form"].errors) == {"email", "message"}
    assert 'href="#id_email"' in body and 'href="#id_message"' in body
    assert 'aria-describedby="id_email_error"' in body
