"""Personal data held by the catalogue (RODO): the buyers' contact details in quote requests, and who
asked for or decided a change of a verified fact (the facts themselves are the organisation's)."""

from datetime import datetime, timedelta

from django.db import transaction

from .models import FactChange, QuoteRequest

ERASED = "[usunięto]"


def _anonymise(requests) -> int:
    """Keep the request's shape (type, dates, answers' statuses) for the impact figures; drop the person."""
    count = 0
    for request in requests.select_for_update():
        request.buyer_name = ERASED
        request.buyer_organisation = ""
        request.buyer_email = f"usunieto-{request.pk}@invalid"
        request.buyer_phone = ""
        request.description = ERASED
        request.place = ""
        request.ip_hash = ""
        request.save(
            update_fields=[
                "buyer_name",
                "buyer_organisation",
                "buyer_email",
                "buyer_phone",
                "description",
                "place",
                "ip_hash",
            ]
        )
        count += 1
    return count


def purge(now: datetime, days: dict[str, int]) -> dict[str, int]:
    """Anonymise quote requests older than the retention period."""
    cutoff = now - timedelta(days=days["quote_requests"])
    with transaction.atomic():
        stale = QuoteRequest.objects.filter(created_at__lt=cutoff).exclude(buyer_name=ERASED)
        return {"quote requests anonymised": _anonymise(stale)}


def export_for(email: str) -> dict:
    requests = QuoteRequest.objects.filter(buyer_email__iexact=email).prefetch_related(
        "recipients__organisation"
    )
    changes = FactChange.objects.filter(requested_by__email__iexact=email).select_related("organisation")
    return {
        "verified_fact_changes_requested": [
            {
                "organisation": change.organisation.name,
                "fact": change.field,
                "proposed_value": change.proposed_value,
                "requested_at": change.requested_at.isoformat(),
                "status": change.status,
            }
            for change in changes
        ],
        "quote_requests": [
            {
                "sent_at": request.created_at.isoformat(),
                "buyer_type": request.buyer_type,
                "name": request.buyer_name,
                "organisation": request.buyer_organisation,
                "email": request.buyer_email,
                "phone": request.buyer_phone,
                "description": request.description,
                "quantity": request.quantity,
                "deadline": request.deadline.isoformat(),
                "place": request.place,
                "suppliers": [recipient.organisation.name for recipient in request.recipients.all()],
            }
            for request in requests
        ],
    }


def erase_for(email: str) -> dict[str, int]:
    with transaction.atomic():
        # The organisation's history of its facts stays; the person is unlinked from it.
        requested = FactChange.objects.filter(requested_by__email__iexact=email).update(requested_by=None)
        decided = FactChange.objects.filter(decided_by__email__iexact=email).update(decided_by=None)
        return {
            "quote requests anonymised": _anonymise(QuoteRequest.objects.filter(buyer_email__iexact=email)),
            "fact changes unlinked": requested + decided,
        }
