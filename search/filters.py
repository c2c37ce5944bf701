"""The one FilterSet of the catalogue: it defines and validates every search parameter, once.

The HTML form, the API and the database fallback all use it: `parse_search_params` turns a query dict
into SearchParams (or raises InvalidSearchParams with per-field messages), and `filter_queryset` applies
the same filters to an Offer or Organisation queryset for the database backend.
"""

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from catalog.choices import WHOLE_REGION, Certificate, LegalForm, OfferKind, Subregion
from catalog.models import Category, Offer
from catalog.rules import cpv_prefix

from .analysis import fold
from .places import town as find_town

PER_PAGE = 20
MAX_PER_PAGE = 50
# Deep-paging guard: nobody reads page 60; crawlers that try get a clear error instead of a slow query.
MAX_RESULT_WINDOW = 1000
MAX_QUERY_LENGTH = 200
DEFAULT_RADIUS_KM = 30

SORTS = [
    ("relevance", _("Relevance")),
    ("newest", _("Newest")),
    ("price", _("Price (lowest first)")),
    ("distance", _("Distance")),
]
CPV_PARAM = re.compile(r"^\d{2,8}(-\d)?$")
POINT = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


class SearchParamsError(ValueError):
    pass


class InvalidSearchParams(SearchParamsError):
    """Raised with the FilterSet's per-field messages when a parameter is not valid."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items()))


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    category: list[str] = field(default_factory=list)
    kind: str = ""
    subregion: list[str] = field(default_factory=list)
    powiat: str = ""
    legal_form: list[str] = field(default_factory=list)
    ps: bool | None = None
    reserved: bool | None = None
    certificates: list[str] = field(default_factory=list)
    price_min: int | None = None  # grosze
    price_max: int | None = None  # grosze
    cpv: str = ""
    near: tuple[float, float] | None = None
    town: str = ""
    radius_km: float | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def point(self) -> tuple[float, float] | None:
        """The centre of the distance filter and sort: the given point, or the given town's centre."""
        if self.near:
            return self.near
        place = find_town(self.town) if self.town else None
        return (place.latitude, place.longitude) if place else None

    @property
    def radius(self) -> float | None:
        if self.point is None:
            return None
        return self.radius_km or DEFAULT_RADIUS_KM

    @property
    def cpv_prefix(self) -> str:
        """'90910000-9' → '9091': the code without its check digit and trailing zeros."""
        return cpv_prefix(self.cpv) if self.cpv else ""

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def _category_choices():
    return [(category.slug, category.name) for category in Category.objects.all()]


class PointField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        match = POINT.match(value)
        if not match:
            raise ValidationError(_("Give a point as latitude,longitude, e.g. 54.35,18.65."), code="invalid")
        latitude, longitude = float(match[1]), float(match[2])
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValidationError(_("Latitude must be within ±90 and longitude within ±180."), code="invalid")
        return (latitude, longitude)


class StrictBooleanField(forms.NullBooleanField):
    """'true'/'false' (also 1/0, yes/no, tak/nie); anything else is an error, not silently ignored."""

    widget = forms.TextInput
    TRUE, FALSE = {"true", "1", "yes", "tak", "on"}, {"false", "0", "no", "nie", "off"}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValidationError(_("Use true or false."), code="invalid")

    def validate(self, value):
        pass


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class PointFilter(django_filters.Filter):
    field_class = PointField


class TownField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if value and find_town(value) is None:
            raise ValidationError(_("Unknown town: %(town)s."), code="invalid", params={"town": value})
        return value


class TownFilter(django_filters.Filter):
    field_class = TownField


class IntegerFilter(django_filters.NumberFilter):
    """Whole numbers only: `page=1.5` is refused rather than read as page 1 (the API schema says so)."""

    field_class = forms.IntegerField


class CatalogueFilterSet(django_filters.FilterSet):
    """Parameters of offer and organisation search. Filter methods work on Offer and Organisation querysets."""

    q = django_filters.CharFilter(method="filter_ignored", label=_("Search"))
    category = django_filters.MultipleChoiceFilter(
        choices=_category_choices, method="filter_category", label=_("Category")
    )
    kind = django_filters.ChoiceFilter(choices=OfferKind.choices, method="filter_kind", label=_("Kind"))
    subregion = django_filters.MultipleChoiceFilter(
        choices=Subregion.choices, method="filter_organisation_in", label=_("Subregion")
    )
    powiat = django_filters.CharFilter(method="filter_powiat", label=_("County served"), max_length=120)
    legal_form = django_filters.MultipleChoiceFilter(
        choices=LegalForm.choices, method="filter_organisation_in", label=_("Legal form")
    )
    ps = StrictBooleanFilter(method="filter_ps", label=_("Social enterprise (PS) status"))
    reserved = StrictBooleanFilter(method="filter_reserved", label=_("Eligible for reserved contracts"))
    certificates = django_filters.MultipleChoiceFilter(
        choices=Certificate.choices, method="filter_certificates", label=_("Certificates")
    )
    price_min = django_filters.NumberFilter(
        method="filter_ignored", label=_("Price from (PLN)"), min_value=Decimal(0), max_value=Decimal(10**7)
    )
    price_max = django_filters.NumberFilter(
        method="filter_ignored", label=_("Price to (PLN)"), min_value=Decimal(0), max_value=Decimal(10**7)
    )
    cpv = django_filters.CharFilter(method="filter_cpv", label=_("CPV code"), max_length=10)
    near = PointFilter(method="filter_ignored", label=_("Near (latitude,longitude)"))
    town = TownFilter(method="filter_ignored", label=_("Near town"), max_length=60)
    radius_km = django_filters.NumberFilter(
        method="filter_ignored", label=_("Radius (km)"), min_value=Decimal(1), max_value=Decimal(400)
    )
    sort = django_filters.ChoiceFilter(
        choices=SORTS, method="filter_ignored", label=_("Sort by"), empty_label=None
    )
    page = IntegerFilter(method="filter_ignored", label=_("Page"), min_value=1, max_value=10**6)
    per_page = IntegerFilter(
        method="filter_ignored", label=_("Results per page"), min_value=1, max_value=MAX_PER_PAGE
    )

    class Meta:
        model = Offer
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(
            data=data, queryset=queryset if queryset is not None else Offer.objects.none(), **kwargs
        )
        self.form.clean = self._clean_form

    def _clean_form(self):
        cleaned = forms.Form.clean(self.form)
        errors = {}
        if cleaned.get("cpv") and not CPV_PARAM.match(cleaned["cpv"]):
            errors["cpv"] = _("A CPV code has 2 to 8 digits, optionally with its check digit: 90910000-9.")
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            errors["price_max"] = _("The upper price must not be lower than the lower price.")
        if cleaned.get("near") and cleaned.get("town"):
            errors["town"] = _("Give either a point or a town, not both.")
        if cleaned.get("sort") == "distance" and not (cleaned.get("near") or cleaned.get("town")):
            errors["sort"] = _("Sorting by distance needs a point (near=) or a town (town=).")
        page, per_page = cleaned.get("page") or 1, cleaned.get("per_page") or PER_PAGE
        if page * per_page > MAX_RESULT_WINDOW:
            errors["page"] = _(
                "Only the first %(limit)s results can be paged through; narrow the search."
            ) % {"limit": MAX_RESULT_WINDOW}
        for name, message in errors.items():
            self.form.add_error(name, message)
        return cleaned

    # The queryset side, used by the database backend. `self.queryset.model` is Offer or Organisation.
    @property
    def _for_offers(self) -> bool:
        return self.queryset.model is Offer

    def _org(self, lookup: str) -> str:
        return f"organisation__{lookup}" if self._for_offers else lookup

    def _offer_q(self, queryset, condition: Q):
        if self._for_offers:
            return queryset.filter(condition)
        # The outer queryset holds public organisations, so their published offers are public.
        published = Offer.objects.published().filter(organisation=OuterRef("pk")).filter(condition)
        return queryset.filter(Exists(published))

    def filter_ignored(self, queryset, name, value):
        return queryset

    def filter_category(self, queryset, name, value):
        return self._offer_q(queryset, Q(category__slug__in=value)) if value else queryset

    def filter_kind(self, queryset, name, value):
        return self._offer_q(queryset, Q(kind=value)) if value else queryset

    def filter_organisation_in(self, queryset, name, value):
        return queryset.filter(**{self._org(f"{name}__in"): value}) if value else queryset

    def filter_ps(self, queryset, name, value):
        return queryset if value is None else queryset.filter(**{self._org("ps_status"): value})

    def filter_reserved(self, queryset, name, value):
        return (
            queryset if value is None else queryset.filter(**{self._org("reserved_contract_eligible"): value})
        )

    def filter_certificates(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q()
        for certificate in value:
            condition |= json_list_contains(self._org("certificates"), certificate)
        return queryset.filter(condition)

    def filter_powiat(self, queryset, name, value):
        if not value:
            return queryset
        condition = json_list_contains("service_area", value) | json_list_contains(
            "service_area", WHOLE_REGION
        )
        return self._offer_q(queryset, condition)

    def filter_cpv(self, queryset, name, value):
        if not value or not CPV_PARAM.match(value):
            return queryset
        return self._offer_q(queryset, cpv_condition(cpv_prefix(value)))


def cpv_condition(prefix: str, path: str = "cpv_codes") -> Q:
    """Offers with a CPV code starting with the prefix: the JSON list of codes, searched as text."""
    return Q(**{f"{path}__icontains": f'"{prefix}'})


def json_list_contains(path: str, value: str) -> Q:
    """Rows whose JSON list of strings at `path` contains `value` (jsonb containment on PostgreSQL)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{path}__contains": [value]})
    # SQLite stores the list as json.dumps text (non-ASCII escaped), which the same dump finds.
    return Q(**{f"{path}__icontains": json.dumps(value)})


def parse_search_params(data) -> SearchParams:
    """Validate a query dict (request.GET, or a plain dict) into SearchParams, or raise InvalidSearchParams."""
    query = QueryDict(mutable=True)
    for name in data or {}:
        if hasattr(data, "getlist"):
            values = data.getlist(name)
        else:
            value = data[name]
            values = value if isinstance(value, list | tuple) else [value]
        # An empty or blank value ("?category=", "?price_min=+") means "no filter", as an empty form
        # field does, for every parameter alike (number fields used to refuse a blank one).
        values = [str(v) for v in values if str(v).strip() != ""]
        if values:
            query.setlist(name, values)
    data = query
    filterset = CatalogueFilterSet(data=data)
    if not filterset.is_valid():
        raise InvalidSearchParams(
            {name: [str(m) for m in messages] for name, messages in filterset.errors.items()}
        )
    cleaned = filterset.form.cleaned_data
    price_min, price_max = cleaned.get("price_min"), cleaned.get("price_max")
    return SearchParams(
        q=(cleaned.get("q") or "")[:MAX_QUERY_LENGTH],
        category=list(cleaned.get("category") or []),
        kind=cleaned.get("kind") or "",
        subregion=list(cleaned.get("subregion") or []),
        powiat=cleaned.get("powiat") or "",
        legal_form=list(cleaned.get("legal_form") or []),
        ps=cleaned.get("ps"),
        reserved=cleaned.get("reserved"),
        certificates=list(cleaned.get("certificates") or []),
        price_min=int(price_min * 100) if price_min is not None else None,
        price_max=int(price_max * 100) if price_max is not None else None,
        cpv=cleaned.get("cpv") or "",
        near=cleaned.get("near"),
        town=cleaned.get("town") or "",
        radius_km=float(cleaned["radius_km"]) if cleaned.get("radius_km") else None,
        sort=cleaned.get("sort") or "relevance",
        page=int(cleaned.get("page") or 1),
        per_page=int(cleaned.get("per_page") or PER_PAGE),
    )


def filter_queryset(queryset, params: SearchParams, exclude: str | None = None):
    """Apply the FilterSet's filters of `params` to an Offer or Organisation queryset (database backend).

    `exclude` leaves one facet's own filter out, so that its counts reflect only the other filters.
    """
    filterset = CatalogueFilterSet(data={}, queryset=queryset)
    values = {
        "category": params.category,
        "kind": params.kind,
        "subregion": params.subregion,
        "powiat": params.powiat,
        "legal_form": params.legal_form,
        "ps": params.ps,
        "reserved": params.reserved,
        "certificates": params.certificates,
        "cpv": params.cpv,
    }
    for name, value in values.items():
        if name == exclude:
            continue
        queryset = filterset.filters[name].filter(queryset, value)
    return queryset


def powiat_coverage(powiat: str) -> list[str]:
    """Folded service-area values that serve a county: the county itself or the whole region."""
    return sorted({fold(powiat), fold(WHOLE_REGION)})
