"""Membership application, letter of intent (double opt-in, one signature per NIP) and contact form."""

import csv
import io
import re

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from catalog.choices import MembershipStatus
from catalog.models import Organisation
from cms import services
from cms.models import ContactMessage, LetterOfIntentSignature, MembershipConflict

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
    assert 'aria-describedby="id_nip_helptext id_nip_error"' in body
    assert 'id="id_nip_error"' in body
    assert not Organisation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("holder_status", [MembershipStatus.APPLIED, MembershipStatus.ACTIVE])
def test_membership_application_with_a_nip_already_in_the_catalogue_goes_to_staff_not_refused(
    client,
    membership_page,
    make_member,
    holder_status,
    django_capture_on_commit_callbacks,
    settings,
    admin_client,
):
    """A squatter's unverified application must not block the real organisation: staff decide."""
    settings.STAFF_NOTIFICATION_EMAILS = ["klaster@example.pl"]
    holder = make_member(status=holder_status)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            membership_page.url, membership_data(holder.nip, name="Prawdziwa Spółdzielnia")
        )

    assert response.status_code == 302  # the usual thank-you, no "already applied"
    assert Organisation.objects.count() == 1  # the holder keeps the NIP until staff decide
    conflict = MembershipConflict.objects.get(nip=holder.nip)
    assert conflict.organisation_name == "Prawdziwa Spółdzielnia"
    assert conflict.application["contact_person"] == "Anna Nowak"
    [notice] = mail.outbox
    assert notice.to == ["klaster@example.pl"] and holder.nip in notice.subject and holder.name in notice.body
    assert ModelLogEntry.objects.filter(
        action="cms.membership_nip_conflict", object_id=str(holder.pk)
    ).exists()
    listing = admin_client.get("/admin/cms/nip-conflicts/")
    assert listing.status_code == 200 and "Prawdziwa Spółdzielnia" in listing.content.decode()


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


def confirm(client, path):
    """The link opens a page with a button; the button posts the token (mail scanners only GET)."""
    page = client.get(path)
    assert page.status_code == 200
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode()).group(1)
    return client.post(path, {"token": token})


def test_opening_the_confirmation_link_confirms_nothing_until_the_button_is_pressed(
    client, letter_page, free_nip, django_capture_on_commit_callbacks
):
    sign(client, letter_page, free_nip, django_capture_on_commit_callbacks)
    path = confirmation_path(mail.outbox[0])

    for _ in range(3):  # a mail scanner prefetching the link
        opened = client.get(path)
        assert opened.status_code == 200
        assert "no-store" in opened["Cache-Control"] and "noindex" in opened["X-Robots-Tag"]
    assert LetterOfIntentSignature.objects.get(nip=free_nip).confirmed_at is None
    assert 'method="post"' in opened.content.decode()

    assert confirm(client, path).status_code == 200
    assert LetterOfIntentSignature.objects.get(nip=free_nip).confirmed_at is not None


def test_a_confirmed_signature_of_a_nip_that_is_no_verified_member_is_published_after_staff_review(
    client, letter_page, free_nip, django_capture_on_commit_callbacks, admin_user
):
    sign(client, letter_page, free_nip, django_capture_on_commit_callbacks)
    path = confirmation_path(mail.outbox[0])

    token = re.search(r'name="token" value="([^"]+)"', client.get(path).content.decode()).group(1)
    confirmed = client.post(path, {"token": token})
    again = client.post(path, {"token": token})  # a second click changes nothing

    assert confirmed.status_code == 200 and again.status_code == 200
    signature = LetterOfIntentSignature.objects.get(nip=free_nip)
    assert signature.confirmed_at is not None and signature.review == "pending"
    assert client.get(letter_page.url).context["signatories"] == []

    services.review_signature(signature.pk, user=admin_user, approve=True)

    listing = client.get(letter_page.url)
    assert [s.nip for s in listing.context["signatories"]] == [free_nip]
    assert listing.context["progress"] == 5  # 1 of the target 20
    body = listing.content.decode()
    assert "Fundacja Razem" in body
    assert '<progress max="20" value="1"' in body
    assert ModelLogEntry.objects.filter(action="cms.letter_confirmed").count() == 1
    assert ModelLogEntry.objects.filter(action="cms.signature_approved", user=admin_user).count() == 1


def test_a_verified_member_signing_from_its_own_address_needs_no_review(
    client, letter_page, make_member, django_capture_on_commit_callbacks
):
    member = make_member()
    Organisation.objects.filter(pk=member.pk).update(email="biuro@spoldzielnia.example.pl")
    sign(
        client,
        letter_page,
        member.nip,
        django_capture_on_commit_callbacks,
        email="Biuro@spoldzielnia.example.pl",
    )
    confirm(client, confirmation_path(mail.outbox[0]))
    assert [s.nip for s in client.get(letter_page.url).context["signatories"]] == [member.nip]


def test_a_squatted_nip_does_not_block_the_real_organisation_and_goes_to_staff(
    client, letter_page, make_member, django_capture_on_commit_callbacks, admin_client
):
    member = make_member()
    # Someone else signs first with the member's NIP, from an address that is not the member's.
    sign(client, letter_page, member.nip, django_capture_on_commit_callbacks, email="squatter@example.com")
    squatter = LetterOfIntentSignature.objects.get(email="squatter@example.com")
    assert squatter.review == "pending"
    mail.outbox.clear()

    response = sign(
        client, letter_page, member.nip, django_capture_on_commit_callbacks, organisation_name="Prawdziwa"
    )
    assert response.status_code == 302  # not "this NIP already signed"
    real = LetterOfIntentSignature.objects.get(organisation_name="Prawdziwa")
    assert real.review == "pending"  # a conflict: staff decide
    assert len(mail.outbox) == 1

    queue = admin_client.get("/admin/cms/podpisy-do-sprawdzenia/")
    assert queue.status_code == 200
    assert "squatter@example.com" in queue.content.decode() and "Prawdziwa" in queue.content.decode()
    admin_client.post("/admin/cms/podpisy-do-sprawdzenia/", {"signature": squatter.pk, "decision": "reject"})
    admin_client.post("/admin/cms/podpisy-do-sprawdzenia/", {"signature": real.pk, "decision": "approve"})
    squatter.refresh_from_db()
    real.refresh_from_db()
    assert (squatter.review, real.review) == ("rejected", "approved")


def test_only_one_signature_per_nip_can_be_approved(letter_page, free_nip, admin_user):
    data = services.SignatureInput("Fundacja", free_nip, "Jan", "Prezes", "jan@example.pl")
    first = services.sign_letter_of_intent(letter_page, data)
    second = services.sign_letter_of_intent(letter_page, data)
    services.review_signature(first.pk, user=admin_user, approve=True)

    with pytest.raises(ValidationError):
        services.review_signature(second.pk, user=admin_user, approve=True)


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
