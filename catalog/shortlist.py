"""The buyer's shortlist: up to ten offers or suppliers, kept in the session (no account needed)."""

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from django.utils.translation import gettext as _

from search.filters import CatalogueFilterSet

from .models import Offer, Organisation

SESSION_KEY = "catalog_shortlist"
CRITERIA_KEY = "catalog_shortlist_criteria"
CRITERIA_KEPT = 5
SHORTLIST_LIMIT = 10
KINDS = ("offer", "organisation")


def describe_filters(query_string: str) -> str:
    """The catalogue filters of a query string as a reader sees them: "Subregion: Subregion słupski".

    Labels and choice names come from the catalogue's own FilterSet in the active language; paging,
    sorting, the view and unknown parameters are not criteria and are left out.
    """
    fields = CatalogueFilterSet().form.fields
    parts = []
    for key, value in parse_qsl(query_string):
        field = fields.get(key)
        if field is None or not value or key in ("page", "per_page", "sort", "view"):
            continue
        choices = {str(choice): str(label) for choice, label in getattr(field, "choices", None) or []}
        if "Boolean" in type(field).__name__:
            shown = _("yes") if value == "true" else _("no")
        else:
            shown = choices.get(value, value)
        parts.append(f"{field.label}: {shown}")
    return ", ".join(parts)


class ShortlistFull(Exception):
    def __init__(self):
        super().__init__(
            _("The shortlist holds at most %(limit)s offers or suppliers. Remove one first.")
            % {"limit": SHORTLIST_LIMIT}
        )


@dataclass
class Supplier:
    """One organisation on the shortlist with the offers chosen from it (possibly none)."""

    organisation: Organisation
    offers: list[Offer] = field(default_factory=list)


class Shortlist:
    def __init__(self, session):
        self.session = session
        raw = session.get(SESSION_KEY, [])
        self.entries: list[tuple[str, str]] = [
            (kind, slug) for kind, slug in raw if kind in KINDS and isinstance(slug, str)
        ][:SHORTLIST_LIMIT]

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry) -> bool:
        return tuple(entry) in self.entries

    def add(self, kind: str, slug: str) -> bool:
        """Add an entry; False when it was already there. Raises ShortlistFull past the limit."""
        if (kind, slug) in self.entries:
            return False
        if len(self.entries) >= SHORTLIST_LIMIT:
            raise ShortlistFull()
        self.entries.append((kind, slug))
        self._save()
        return True

    def remove(self, kind: str, slug: str) -> None:
        if (kind, slug) in self.entries:
            self.entries.remove((kind, slug))
            self._save()

    def clear(self) -> None:
        self.entries = []
        self.session.pop(CRITERIA_KEY, None)
        self._save()

    def remember_criteria(self, query_string: str) -> None:
        """Keep the catalogue filters the buyer added from (the export prints them as the criteria)."""
        described = describe_filters(query_string)[:300]
        if not described:
            return
        kept = [c for c in self.session.get(CRITERIA_KEY, []) if c != described]
        self.session[CRITERIA_KEY] = [*kept, described][-CRITERIA_KEPT:]
        self.session.modified = True

    def criteria(self) -> str:
        return "; ".join(self.session.get(CRITERIA_KEY, []))

    def _save(self) -> None:
        self.session[SESSION_KEY] = [list(entry) for entry in self.entries]
        self.session.modified = True

    def offers(self) -> list[Offer]:
        slugs = [slug for kind, slug in self.entries if kind == "offer"]
        found = {
            offer.slug: offer
            for offer in Offer.objects.public()
            .filter(slug__in=slugs)
            .select_related("organisation", "category")
        }
        return [found[slug] for slug in slugs if slug in found]

    def organisations(self) -> list[Organisation]:
        slugs = [slug for kind, slug in self.entries if kind == "organisation"]
        found = {
            organisation.slug: organisation
            for organisation in Organisation.objects.public().filter(slug__in=slugs)
        }
        return [found[slug] for slug in slugs if slug in found]

    def suppliers(self) -> list[Supplier]:
        """Distinct organisations, in shortlist order, each with its chosen offers."""
        suppliers: dict[int, Supplier] = {}
        organisations = {o.slug: o for o in self.organisations()}
        offers = {o.slug: o for o in self.offers()}
        for kind, slug in self.entries:
            if kind == "organisation" and slug in organisations:
                organisation = organisations[slug]
                suppliers.setdefault(organisation.pk, Supplier(organisation))
            elif kind == "offer" and slug in offers:
                offer = offers[slug]
                suppliers.setdefault(offer.organisation_id, Supplier(offer.organisation)).offers.append(offer)
        return list(suppliers.values())
