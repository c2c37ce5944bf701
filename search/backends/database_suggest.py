"""Suggestions as the buyer types, from the database (the fallback of the completion suggester)."""

from django.db import connection
from django.db.models import F, Func, TextField

from catalog.models import Offer, Organisation

from ..analysis import fold
from ..results import Suggestion


class Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


def database_suggestions(text: str, limit: int = 8) -> list[Suggestion]:
    """Offers and organisations whose title or name contains the typed text (folded on PostgreSQL)."""
    typed = " ".join(text.split())[:100]
    if len(typed) < 2:
        return []
    if connection.vendor == "postgresql":
        folded = fold(typed)
        offers = (
            Offer.objects.public()
            .annotate(folded_title=Unaccent(F("title")))
            .filter(folded_title__icontains=folded)
            .order_by("title")[:limit]
        )
        organisations = (
            Organisation.objects.public()
            .annotate(folded_name=Unaccent(F("name")))
            .filter(folded_name__icontains=folded)
            .order_by("name")[:limit]
        )
    else:
        offers = Offer.objects.public().filter(title__icontains=typed).order_by("title")[:limit]
        organisations = Organisation.objects.public().filter(name__icontains=typed).order_by("name")[:limit]
    suggestions = [Suggestion(o.title, "offer", o.slug, o.get_absolute_url()) for o in offers]
    suggestions += [Suggestion(o.name, "organisation", o.slug, o.get_absolute_url()) for o in organisations]
    return suggestions[:limit]
