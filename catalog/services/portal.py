"""The supplier portal: staff invite members; members edit their own organisation and offers; staff moderate.

Every member edit and every moderation decision goes to Wagtail's audit log (who, when, what).
"""

import secrets

from allauth.account.models import EmailAddress
from anyascii import anyascii
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.log_actions import log

from catalog.choices import MembershipStatus, OfferStatus
from catalog.models import Offer, OfferImage, Organisation, OrganisationGalleryImage
from catalog.renditions import make_renditions
from catalog.rules import VERIFIED_FACTS
from catalog.services.verification import can_verify_facts, record_verification, request_fact_changes
from catalog.tasks import notify_members_of_moderation, send_member_invitation

MODERATION_APPROVE = "approve"
MODERATION_REJECT = "reject"


def check_can_edit_organisation(user, organisation: Organisation) -> None:
    """Staff, or a portal user of this very organisation; anyone else gets PermissionDenied."""
    if not user.is_authenticated:
        raise PermissionDenied
    if user.has_perm("catalog.change_organisation") or organisation.members.filter(pk=user.pk).exists():
        return
    raise PermissionDenied


def _changed_fields(instance, fields) -> dict:
    return {name: getattr(instance, name) for name in fields}


def _diff(before: dict, after: dict) -> list[str]:
    return sorted(name for name in after if before.get(name) != after[name])


def new_offer_slug(title: str) -> str:
    """A readable, unique slug for an offer created in the portal (imports bring their own ids)."""
    base = slugify(anyascii(title))[:100].strip("-") or "oferta"
    return f"{base}-{secrets.token_hex(3)}"


def store_image(upload, title: str, kind: str):
    """Save an already verified upload as a Wagtail image (see catalog.forms.UploadedImageField); the
    worker makes its renditions after commit, so no page view has to (catalog.renditions)."""
    image = get_image_model()(title=title[:255], file=upload)
    image.save()
    transaction.on_commit(lambda: make_renditions.enqueue(image.pk, kind))
    return image


def update_organisation(
    organisation: Organisation,
    *,
    user,
    values: dict,
    logo=None,
    gallery_image=None,
    gallery_caption: str = "",
    gallery_remove: list[OrganisationGalleryImage] | None = None,
) -> list[str]:
    """Apply a member's (or staff's) edit of the profile; returns the changed field names.

    A member's new values of verified facts (catalog.rules.VERIFIED_FACTS) are stored as pending
    changes for staff (catalog.services.verification) and returned among the changed names; staff's
    own edits apply at once and count as verified.

    Locks the organisation row; the model is fully validated before saving; logs the changed fields.
    A new logo or gallery image (verified uploads) is stored in the same transaction; removed gallery
    images must belong to this organisation, others are ignored.
    """
    check_can_edit_organisation(user, organisation)
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if not can_verify_facts(user):
            # Verified facts wait for staff; the rest of the profile changes at once.
            pending = request_fact_changes(locked, user=user, proposed=values)
            values = {name: value for name, value in values.items() if name not in VERIFIED_FACTS}
        before = _changed_fields(locked, values)
        for name, value in values.items():
            setattr(locked, name, value)
        changed = _diff(before, values)
        if can_verify_facts(user):
            record_verification(locked, [name for name in changed if name in VERIFIED_FACTS], user=user)
        if logo is not None:
            locked.logo = store_image(logo, f"{locked.name} – logo", "logo")
            changed.append("logo")
        removed, _deleted = OrganisationGalleryImage.objects.filter(
            organisation=locked, pk__in=[item.pk for item in gallery_remove or []]
        ).delete()
        if gallery_image is not None:
            gallery = OrganisationGalleryImage.objects.filter(organisation=locked)
            last = gallery.aggregate(last=Max("sort_order"))["last"]
            OrganisationGalleryImage.objects.create(
                organisation=locked,
                image=store_image(gallery_image, gallery_caption or locked.name, "gallery"),
                caption=gallery_caption,
                sort_order=(last or 0) + 1,
            )
        if removed or gallery_image is not None:
            changed.append("gallery")
        if not changed:
            return [] if can_verify_facts(user) else pending
        locked.full_clean(exclude=["members"])
        locked.save()
        log(locked, "catalog.member_edit", user=user, data={"fields": changed})
    organisation.refresh_from_db()
    return changed if can_verify_facts(user) else sorted(changed + pending)


def save_offer_by_member(
    offer: Offer, *, user, values: dict, publish: bool, image=None, image_alt_text: str = ""
) -> Offer:
    """Create or change an offer from the portal.

    `publish=False` saves it as a draft (taking it off the public catalogue). `publish=True` publishes it at once, or sends it to staff review
    (status "pending review") when the organisation requires moderation; a changed published offer
    of such an organisation goes back to review too. Validates fully before saving; logs the edit.
    """
    check_can_edit_organisation(user, offer.organisation)
    with transaction.atomic():
        if offer.pk:
            offer = Offer.objects.select_for_update().select_related("organisation").get(pk=offer.pk)
        before = _changed_fields(offer, values) if offer.pk else {}
        created = offer.pk is None
        for name, value in values.items():
            setattr(offer, name, value)
        changed = _diff(before, values) if not created else sorted(values)
        if created and not offer.slug:
            offer.slug = new_offer_slug(offer.title)
        previous_status = offer.status
        if not publish:
            offer.status = OfferStatus.DRAFT
        elif not offer.organisation.requires_moderation:
            offer.status = OfferStatus.PUBLISHED
        elif created or changed or previous_status != OfferStatus.PUBLISHED:
            offer.status = OfferStatus.PENDING_REVIEW
        if image is not None:
            changed.append("images")
            if offer.organisation.requires_moderation and publish:
                offer.status = OfferStatus.PENDING_REVIEW
        offer.full_clean()
        offer.save()
        if image is not None:
            OfferImage.objects.create(
                offer=offer, image=store_image(image, offer.title, "offer"), alt_text=image_alt_text
            )
        log(
            offer,
            "catalog.member_edit",
            user=user,
            data={"fields": changed, "status": offer.status, "created": created},
        )
        if offer.status == OfferStatus.PENDING_REVIEW and previous_status != OfferStatus.PENDING_REVIEW:
            log(offer, "catalog.submitted_for_review", user=user)
    return offer


def moderate_offer(offer_id: int, *, user, decision: str, note: str = "") -> Offer:
    """Staff decision on an offer pending review: approve (publish) or reject (back to draft, with a note).

    Locks the offer; only offers pending review can be decided, so a double click decides once.
    Logs the decision with the note and, after commit, emails the organisation's portal users.
    """
    if not user.has_perm("catalog.change_offer"):
        raise PermissionDenied
    if decision not in (MODERATION_APPROVE, MODERATION_REJECT):
        raise ValidationError(_("Unknown moderation decision."))
    if decision == MODERATION_REJECT and not note.strip():
        raise ValidationError({"note": _("Tell the member why the offer was rejected.")})
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer_id)
        if offer.status != OfferStatus.PENDING_REVIEW:
            raise ValidationError(_("This offer is not waiting for review."))
        offer.status = OfferStatus.PUBLISHED if decision == MODERATION_APPROVE else OfferStatus.DRAFT
        offer.moderation_note = note.strip()
        offer.save(update_fields=["status", "moderation_note", "updated_at"])
        log(
            offer,
            "catalog.moderation_approved"
            if decision == MODERATION_APPROVE
            else "catalog.moderation_rejected",
            user=user,
            data={"note": offer.moderation_note},
        )
        transaction.on_commit(lambda: notify_members_of_moderation.enqueue(offer.pk))
    return offer


def invite_member(organisation: Organisation, *, email: str, invited_by):
    """Staff invite a person to manage an organisation in the portal.

    Creates the account when the email is new (with no usable password and the address marked as
    verified: the staff vouch for it, and only its owner receives the link), links it to the
    organisation, logs the invitation and, after commit, emails a one-time link to set the password.
    Idempotent: inviting the same person again links nothing twice and re-sends the link.
    """
    if not invited_by.has_perm("catalog.change_organisation"):
        raise PermissionDenied
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email.strip()).lower()
    with transaction.atomic():
        user = user_model.objects.filter(email__iexact=email).first()
        if user is None:
            user = user_model(username=email[:150], email=email)
            user.set_unusable_password()
            user.save()
        EmailAddress.objects.get_or_create(
            user=user, email__iexact=email, defaults={"email": email, "verified": True, "primary": True}
        )
        organisation.members.add(user)
        log(organisation, "catalog.member_invited", user=invited_by, data={"email": email})
        transaction.on_commit(lambda: send_member_invitation.enqueue(user.pk, organisation.pk))
    return user


def approve_offers(offers, *, user) -> int:
    """Bulk approval: each offer pending review is decided by `moderate_offer`; others are skipped.

    Returns how many were published. Each decision is its own transaction, lock and log entry.
    """
    approved = 0
    for offer in offers:
        if offer.status == OfferStatus.PENDING_REVIEW:
            try:
                moderate_offer(offer.pk, user=user, decision=MODERATION_APPROVE)
            except ValidationError:
                continue  # decided meanwhile by someone else
            approved += 1
    return approved


def change_membership(organisations, *, status: str, user) -> int:
    """Staff set the membership status of organisations; returns how many changed. Logged per organisation."""
    if not user.has_perm("catalog.change_organisation"):
        raise PermissionDenied
    if status not in MembershipStatus.values:
        raise ValidationError(_("Unknown membership status."))
    changed = 0
    with transaction.atomic():
        for organisation in (
            Organisation.objects.select_for_update()
            .filter(pk__in=[o.pk for o in organisations])
            .order_by("pk")
        ):
            if organisation.membership_status == status:
                continue
            previous = organisation.membership_status
            organisation.membership_status = status
            if status == MembershipStatus.ACTIVE and organisation.member_since is None:
                organisation.member_since = timezone.localdate()
            organisation.save(update_fields=["membership_status", "member_since", "updated_at"])
            log(organisation, "catalog.membership_changed", user=user, data={"from": previous, "to": status})
            changed += 1
    return changed
