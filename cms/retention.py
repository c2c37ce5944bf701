"""Personal data held by the brand site (RODO): letter-of-intent signatures, contact messages and the
contact details in membership applications whose NIP conflicted (kept as long as contact messages)."""

from datetime import datetime, timedelta

from django.db import transaction

from .records import ContactMessage, LetterOfIntentSignature, MembershipConflict


def purge(now: datetime, days: dict[str, int]) -> dict[str, int]:
    """Delete signatures never confirmed by email, and contact messages past their retention period."""
    with transaction.atomic():
        unconfirmed, _ = LetterOfIntentSignature.objects.filter(
            confirmed_at__isnull=True, created_at__lt=now - timedelta(days=days["unconfirmed_signatures"])
        ).delete()
        messages, _ = ContactMessage.objects.filter(
            created_at__lt=now - timedelta(days=days["contact_messages"])
        ).delete()
        conflicts, _ = MembershipConflict.objects.filter(
            created_at__lt=now - timedelta(days=days["contact_messages"])
        ).delete()
    return {
        "unconfirmed signatures deleted": unconfirmed,
        "contact messages deleted": messages,
        "membership NIP conflicts deleted": conflicts,
    }


def export_for(email: str) -> dict:
    return {
        "letter_of_intent_signatures": [
            {
                "organisation": signature.organisation_name,
                "nip": signature.nip,
                "signatory": signature.signatory_name,
                "role": signature.signatory_role,
                "email": signature.email,
                "signed_at": signature.created_at.isoformat(),
                "confirmed_at": signature.confirmed_at.isoformat() if signature.confirmed_at else None,
            }
            for signature in LetterOfIntentSignature.objects.filter(email__iexact=email)
        ],
        "contact_messages": [
            {
                "name": m.name,
                "email": m.email,
                "subject": m.subject,
                "message": m.message,
                "sent_at": m.created_at.isoformat(),
            }
            for m in ContactMessage.objects.filter(email__iexact=email)
        ],
        "membership_nip_conflicts": [
            {"application": c.application, "sent_at": c.created_at.isoformat()}
            for c in MembershipConflict.objects.filter(email__iexact=email)
        ],
    }


def erase_for(email: str) -> dict[str, int]:
    with transaction.atomic():
        signatures, _ = LetterOfIntentSignature.objects.filter(email__iexact=email).delete()
        messages, _ = ContactMessage.objects.filter(email__iexact=email).delete()
        conflicts, _ = MembershipConflict.objects.filter(email__iexact=email).delete()
    return {
        "signatures deleted": signatures,
        "contact messages deleted": messages,
        "membership NIP conflicts deleted": conflicts,
    }
