"""Personal data of the procurement workflow (RODO): the saved searches' email addresses.

Notes and ledger lines carry the buyer's institution, not a person: they are the public body's
records of a purchase and stay (the quote request they came from is anonymised by the catalogue).
Lines of deals made at the fair name the buyer only when it is a public body and link to no ticket
(the meeting points to the line): erasing a visitor's data leaves them, and they are nobody's export.
"""

from datetime import datetime, timedelta

from django.db.models import Q

from .models import MarketResearchNote, ProcurementOutcome, SavedSearch


def purge(now: datetime, days: dict[str, int]) -> dict[str, int]:
    """Unconfirmed saved searches go after the unconfirmed-signature period; unsubscribed ones at once."""
    cutoff = now - timedelta(days=days["unconfirmed_signatures"])
    deleted, _ = SavedSearch.objects.filter(
        Q(confirmed_at__isnull=True, created_at__lt=cutoff) | Q(unsubscribed_at__isnull=False)
    ).delete()
    return {"saved searches deleted": deleted}


def export_for(email: str) -> dict:
    notes = MarketResearchNote.objects.filter(quote_request__buyer_email__iexact=email)
    outcomes = ProcurementOutcome.objects.filter(quote_request__buyer_email__iexact=email).select_related(
        "awarded_to"
    )
    return {
        "saved_searches": [
            {
                "query": search.query,
                "saved_at": search.created_at.isoformat(),
                "confirmed_at": search.confirmed_at.isoformat() if search.confirmed_at else None,
                "unsubscribed_at": search.unsubscribed_at.isoformat() if search.unsubscribed_at else None,
            }
            for search in SavedSearch.objects.filter(email__iexact=email)
        ],
        "market_research_notes": [
            {
                "reference": note.reference,
                "issued_at": note.issued_at.isoformat(),
                "institution": note.institution,
            }
            for note in notes
        ],
        "contract_outcomes": [
            {
                "awarded_to": outcome.awarded_to.name,
                "value_net_grosze": outcome.value_net,
                "awarded_on": outcome.awarded_on.isoformat(),
                "contract_type": outcome.contract_type,
            }
            for outcome in outcomes
        ],
    }


def erase_for(email: str) -> dict[str, int]:
    deleted, _ = SavedSearch.objects.filter(email__iexact=email).delete()
    return {"saved searches deleted": deleted}
