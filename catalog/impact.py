"""Live impact figures of the cluster, computed from the catalogue and the quote requests.

The home page (cms) and the public "Wpływ społeczny" page both call `compute_impact_figures()`.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from .choices import LegalForm, QuoteAnswerStatus, Subregion
from .models import Category, Offer, Organisation, QuoteRecipient, QuoteRequest


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int


@dataclass(frozen=True)
class ImpactFigures:
    members: int
    members_by_legal_form: list[Figure]
    members_by_subregion: list[Figure]
    ps_status_members: int
    reserved_contract_eligible_members: int
    jobs: int
    jobs_for_people_at_risk: int
    offers: int
    offers_by_category: list[Figure]
    quote_requests_sent: int
    quote_requests_answered: int
    supplier_answers: int

    @property
    def jobs_at_risk_percent(self) -> int:
        return round(100 * self.jobs_for_people_at_risk / self.jobs) if self.jobs else 0


def compute_impact_figures() -> ImpactFigures:
    """Figures over active members and their published offers; a few aggregate queries, no caching."""
    members = Organisation.objects.public()
    totals = members.aggregate(
        count=Count("pk"),
        jobs=Sum("employees_total"),
        at_risk=Sum("employees_disadvantaged"),
        ps=Count("pk", filter=Q(ps_status=True)),
        reserved=Count("pk", filter=Q(reserved_contract_eligible=True)),
    )
    by_form = dict(members.values_list("legal_form").annotate(n=Count("pk")).values_list("legal_form", "n"))
    by_subregion = dict(
        members.values_list("subregion").annotate(n=Count("pk")).values_list("subregion", "n")
    )
    categories = (
        Category.objects.annotate(n=Count("offers", filter=Q(offers__in=Offer.objects.public())))
        .filter(n__gt=0)
        .order_by("-n", "name_pl")
    )
    answered = QuoteRecipient.objects.exclude(status=QuoteAnswerStatus.PENDING)
    return ImpactFigures(
        members=totals["count"] or 0,
        members_by_legal_form=_sorted(
            [
                Figure(value, str(label), by_form[value])
                for value, label in LegalForm.choices
                if by_form.get(value)
            ]
        ),
        members_by_subregion=[
            Figure(value, str(label), by_subregion.get(value, 0)) for value, label in Subregion.choices
        ],
        ps_status_members=totals["ps"] or 0,
        reserved_contract_eligible_members=totals["reserved"] or 0,
        jobs=totals["jobs"] or 0,
        jobs_for_people_at_risk=totals["at_risk"] or 0,
        offers=sum(category.n for category in categories),
        offers_by_category=[Figure(category.slug, category.name, category.n) for category in categories],
        quote_requests_sent=QuoteRequest.objects.count(),
        quote_requests_answered=QuoteRequest.objects.filter(recipients__in=answered).distinct().count(),
        supplier_answers=answered.count(),
    )


def _sorted(figures: list[Figure]) -> list[Figure]:
    return sorted(figures, key=lambda figure: (-figure.value, figure.label))


# Geometry of the SVG bar chart (user units of the viewBox); labels sit above their bars so long
# Polish names never get cut.
# The SVG is 360 units wide and shown 20-30rem wide, so its 14-unit labels read at 13-19 px (not 8 px).
CHART_WIDTH = 360
BAR_MAX_WIDTH = 290
ROW_HEIGHT = 44
BAR_HEIGHT = 18


def bar_chart_rows(series: list[Figure]) -> tuple[list[dict], int]:
    """Positions and widths of each bar; the longest bar spans BAR_MAX_WIDTH."""
    largest = max((figure.value for figure in series), default=0)
    rows = []
    for index, figure in enumerate(series):
        top = index * ROW_HEIGHT
        width = round(BAR_MAX_WIDTH * figure.value / largest) if largest else 0
        rows.append(
            {
                "label": figure.label,
                "value": figure.value,
                "label_y": top + 14,
                "bar_y": top + 20,
                "bar_width": max(width, 2) if figure.value else 0,
                "value_x": max(width, 2) + 8,
                "value_y": top + 34,
            }
        )
    return rows, max(len(series) * ROW_HEIGHT, ROW_HEIGHT)
