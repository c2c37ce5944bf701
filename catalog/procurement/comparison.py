"""The buyer's side-by-side table of the answers: sorting, the lowest and the median marked.

One function owns the arithmetic the comparison page and the note share (the median and the lowest).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from catalog.choices import QuoteAnswerStatus
from catalog.models import QuoteRecipient, QuoteRequest

SORT_KEYS = {"gross": "gross_price", "lead_time": "lead_time_days"}
DEFAULT_SORT = "gross"


@dataclass(frozen=True)
class ComparisonRow:
    recipient: QuoteRecipient
    is_lowest: bool = False
    is_median: bool = False


def middle_value(values: list[int]) -> int:
    """The median, rounded half-up to the grosz when it falls between two answers."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    pair = Decimal(ordered[middle - 1] + ordered[middle]) / 2
    return int(pair.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def quoted_recipients(quote_request: QuoteRequest) -> list[QuoteRecipient]:
    return [
        recipient
        for recipient in quote_request.recipients.select_related("organisation")
        if recipient.status == QuoteAnswerStatus.QUOTED
    ]


def compare_answers(quote_request: QuoteRequest, sort: str = DEFAULT_SORT) -> list[ComparisonRow]:
    """Quotes first, sorted by `sort` ("gross", "lead_time", "-gross", "-lead_time"), then declined and
    silent suppliers by name. The lowest gross quote(s) and the middle one(s) of the quotes are marked
    (two rows for an even number of quotes)."""
    descending = sort.startswith("-")
    field = SORT_KEYS.get(sort.lstrip("-"), SORT_KEYS[DEFAULT_SORT])
    recipients = list(quote_request.recipients.select_related("organisation").order_by("organisation__name"))
    quotes = [r for r in recipients if r.status == QuoteAnswerStatus.QUOTED]
    others = [r for r in recipients if r.status != QuoteAnswerStatus.QUOTED]
    by_gross = sorted(quotes, key=lambda r: (r.gross_price, r.organisation.name))
    lowest = by_gross[0].gross_price if by_gross else None
    middle = len(by_gross) // 2
    median_ids = (
        {by_gross[middle].pk}
        if len(by_gross) % 2
        else {r.pk for r in by_gross[max(middle - 1, 0) : middle + 1]}
    )
    # Answers without a lead time sort last whatever the direction: "unknown" is never the best.
    present = [r for r in quotes if getattr(r, field) is not None]
    missing = [r for r in quotes if getattr(r, field) is None]
    present.sort(key=lambda r: (getattr(r, field), r.organisation.name), reverse=descending)
    return [
        ComparisonRow(r, is_lowest=r.gross_price == lowest, is_median=r.pk in median_ids)
        for r in present + missing
    ] + [ComparisonRow(r) for r in others]
