"""Workflows of the brand site: membership applications, the letter of intent and contact messages.

Each function validates nothing the form already validated, changes state inside one transaction, writes
the Wagtail audit log and queues its emails with `transaction.on_commit`, so no email leaves for a
change that was rolled back.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from anyascii import anyascii
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from catalog.choices import MembershipStatus
from catalog.models import Organisation

from .records import ContactMessage, LetterOfIntentSignature, MembershipConflict, SignatureReview
from .tasks import (
    notify_staff_of_contact_message,
    notify_staff_of_membership_application,
    notify_staff_of_membership_conflict,
    send_signature_confirmation_link,
)

if TYPE_CHECKING:  # annotations only: the pages call these workflows, the workflows never import pages
    from .pages.form_pages import ContactPage, LetterOfIntentPage

SIGNATURE_TOKEN_SALT = "cms.letter-of-intent.confirm"  # noqa: S105 - a namespace, not a secret
SIGNATURE_TOKEN_MAX_AGE = timedelta(days=7)
CONTACT_RATE_LIMIT = 3
CONTACT_RATE_WINDOW = timedelta(minutes=10)


class InvalidSignatureToken(Exception):
    """The confirmation link is malformed, tampered with, expired or points to a removed signature."""


class ContactRateLimited(Exception):
    """Too many messages from one client in the rate-limit window."""


@dataclass(frozen=True)
class MembershipApplication:
    name: str
    legal_form: str
    nip: str
    city: str
    powiat: str
    subregion: str
    contact_person: str
    email: str
    description: str
    krs: str = ""
    ps_status: bool = False
    phone: str = ""
    website: str = ""


@dataclass(frozen=True)
class SignatureInput:
    organisation_name: str
    nip: str
    signatory_name: str
    signatory_role: str
    email: str


@dataclass(frozen=True)
class ContactMessageInput:
    name: str
    email: str
    subject: str
    message: str


def _unique_organisation_slug(name: str) -> str:
    base = slugify(anyascii(name))[:100] or "organizacja"
    slug, suffix = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def submit_membership_application(application: MembershipApplication) -> Organisation:
    """Record a membership application as a catalogue organisation with status "applied".

    The organisation is invisible as a member until staff accept it in the moderation queue. Staff are
    notified by email after commit. A NIP that is already in the catalogue raises IntegrityError (the
    form reports it as a field error before this point).
    """
    with transaction.atomic():
        organisation = Organisation(
            slug=_unique_organisation_slug(application.name),
            name=application.name,
            legal_form=application.legal_form,
            ps_status=application.ps_status,
            nip=application.nip,
            krs=application.krs,
            city=application.city,
            powiat=application.powiat,
            subregion=application.subregion,
            email=application.email,
            phone=application.phone,
            website=application.website,
            description=application.description,
            membership_status=MembershipStatus.APPLIED,
        )
        organisation.full_clean()
        organisation.save()
        log(organisation, "cms.membership_applied", data={"contact_person": application.contact_person})
        transaction.on_commit(
            lambda: notify_staff_of_membership_application.enqueue(
                organisation.pk, application.contact_person, application.email
            )
        )
    return organisation


def report_membership_conflict(application: MembershipApplication) -> MembershipConflict:
    """The NIP of an application is already in the catalogue: record a review item and tell staff.

    The applicant sees the usual thank-you; staff decide who the NIP belongs to (the record holds the
    whole application, so accepting it needs no second form).
    """
    with transaction.atomic():
        conflict = MembershipConflict.objects.create(
            nip=application.nip,
            organisation_name=application.name,
            contact_person=application.contact_person,
            email=application.email,
            application=asdict(application),
        )
        holder = Organisation.objects.filter(nip=application.nip).first()
        if holder is not None:
            log(holder, "cms.membership_nip_conflict", data={"conflict": conflict.pk})
        transaction.on_commit(lambda: notify_staff_of_membership_conflict.enqueue(conflict.pk))
    return conflict


def make_signature_token(signature: LetterOfIntentSignature) -> str:
    return signing.dumps({"id": signature.pk, "nip": signature.nip}, salt=SIGNATURE_TOKEN_SALT)


def _needs_review(page: LetterOfIntentPage, signature: SignatureInput) -> bool:
    """Only a verified member signing from one of its own addresses skips staff review.

    Anyone can type any NIP: an unknown NIP, a member's NIP from a stranger's address, or a NIP that
    already signed (confirmed or not) is a review item for staff, never a refusal that would block the
    real organisation.
    """
    email = signature.email.strip().lower()
    member = Organisation.objects.public().filter(nip=signature.nip).first()
    if member is None:
        return True
    own_addresses = {address.lower() for address in member.members.values_list("email", flat=True)}
    own_addresses.add((member.email or "").lower())
    own_addresses.discard("")
    already_signed = LetterOfIntentSignature.objects.filter(page=page, nip=signature.nip).exclude(
        review=SignatureReview.REJECTED
    )
    return email not in own_addresses or already_signed.exists()


def sign_letter_of_intent(
    page: LetterOfIntentPage, signature: SignatureInput, language: str = "pl"
) -> LetterOfIntentSignature:
    """Record an unconfirmed signature and email the signatory a signed confirmation link (double opt-in).

    Nothing is public until `confirm_signature` runs, and a signature that needs review (see
    `_needs_review`) is public only once staff approve it with `review_signature`.
    """
    with transaction.atomic():
        review = SignatureReview.PENDING if _needs_review(page, signature) else SignatureReview.NOT_NEEDED
        record = LetterOfIntentSignature.objects.create(
            page=page,
            organisation_name=signature.organisation_name,
            nip=signature.nip,
            signatory_name=signature.signatory_name,
            signatory_role=signature.signatory_role,
            email=signature.email,
            language=language,
            consent_at=timezone.now(),
            review=review,
        )
        log(record, "cms.letter_signed", data={"review": review})
        token = make_signature_token(record)
        confirm_path = page.confirmation_path(token)
        transaction.on_commit(lambda: send_signature_confirmation_link.enqueue(record.pk, confirm_path))
    return record


def read_signature_token(token: str) -> LetterOfIntentSignature:
    """The signature behind a confirmation token, without confirming it (the page behind the link).

    Raises InvalidSignatureToken when the token is tampered with, older than seven days, or its
    signature no longer exists.
    """
    try:
        payload = signing.loads(
            token, salt=SIGNATURE_TOKEN_SALT, max_age=SIGNATURE_TOKEN_MAX_AGE.total_seconds()
        )
    except signing.SignatureExpired as error:
        raise InvalidSignatureToken(_("The confirmation link has expired. Please sign again.")) from error
    except signing.BadSignature as error:
        raise InvalidSignatureToken(_("The confirmation link is not valid.")) from error
    if not isinstance(payload, dict):
        raise InvalidSignatureToken(_("The confirmation link is not valid."))
    record = LetterOfIntentSignature.objects.filter(pk=payload.get("id"), nip=payload.get("nip")).first()
    if record is None:
        raise InvalidSignatureToken(_("The confirmation link is not valid."))
    return record


def confirm_signature(token: str) -> LetterOfIntentSignature:
    """Confirm the signature behind a token (a POST from the confirmation page, never the link itself:
    mail scanners open links). Idempotent: a second click changes nothing."""
    signature = read_signature_token(token)
    with transaction.atomic():
        record = LetterOfIntentSignature.objects.select_for_update().get(pk=signature.pk)
        if record.confirmed_at is None:
            record.confirmed_at = timezone.now()
            record.save(update_fields=["confirmed_at"])
            log(record, "cms.letter_confirmed")
    return record


def review_signature(signature_id: int, *, user, approve: bool) -> LetterOfIntentSignature:
    """Staff decide a signature waiting for review. Approving one rejects nothing else, but only one
    signature per NIP and letter can be approved (or need no review): a second raises ValidationError."""
    if not user.has_perm("cms.change_letterofintentsignature"):
        raise PermissionDenied
    with transaction.atomic():
        record = LetterOfIntentSignature.objects.select_for_update().get(pk=signature_id)
        if record.review != SignatureReview.PENDING:
            raise ValidationError(_("This signature has already been reviewed."))
        if approve and (
            LetterOfIntentSignature.objects.filter(page_id=record.page_id, nip=record.nip)
            .filter(review__in=(SignatureReview.NOT_NEEDED, SignatureReview.APPROVED))
            .exists()
        ):
            raise ValidationError(_("Another signature with this NIP is already on the list."))
        record.review = SignatureReview.APPROVED if approve else SignatureReview.REJECTED
        record.save(update_fields=["review"])
        log(record, "cms.signature_approved" if approve else "cms.signature_rejected", user=user)
    return record


def _client_fingerprint(client_ip: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), client_ip.encode(), hashlib.sha256).hexdigest()


def submit_contact_message(
    page: ContactPage, message: ContactMessageInput, client_ip: str = ""
) -> ContactMessage:
    """Store a contact message and email it to staff after commit.

    Rate limit: at most three messages per client (keyed hash of the IP address) in ten minutes;
    beyond that ContactRateLimited is raised and nothing is stored.
    """
    fingerprint = _client_fingerprint(client_ip)
    since = timezone.now() - CONTACT_RATE_WINDOW
    with transaction.atomic():
        recent = ContactMessage.objects.filter(client_fingerprint=fingerprint, created_at__gte=since).count()
        if recent >= CONTACT_RATE_LIMIT:
            raise ContactRateLimited(
                _("You have sent several messages in a short time. Please try again in a few minutes.")
            )
        record = ContactMessage.objects.create(
            page=page,
            name=message.name,
            email=message.email,
            subject=message.subject,
            message=message.message,
            client_fingerprint=fingerprint,
        )
        transaction.on_commit(lambda: notify_staff_of_contact_message.enqueue(record.pk))
    return record
