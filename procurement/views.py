"""The buyer's private procurement pages (reached by the quote request's unguessable token) and the
public verification page of a note. Views parse input, call one service and render."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from catalog.models import QuoteRequest

from .comparison import DEFAULT_SORT, SORT_KEYS, compare_answers


def _private(response):
    """A private link: out of search engines, other sites' referrer logs and every cache."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


def _quote_request(token: str) -> QuoteRequest:
    return get_object_or_404(QuoteRequest, token=token)


def comparison(request, token):
    quote_request = _quote_request(token)
    sort = request.GET.get("sort", DEFAULT_SORT)
    if sort.lstrip("-") not in SORT_KEYS:
        sort = DEFAULT_SORT
    rows = compare_answers(quote_request, sort)
    return _private(
        render(
            request,
            "procurement/comparison.html",
            {"quote_request": quote_request, "rows": rows, "sort": sort},
        )
    )


def attachment(request, token, pk):
    """A supplier's PDF, only through the buyer's private link; always downloaded, never rendered inline."""
    quote_request = _quote_request(token)
    recipient = get_object_or_404(quote_request.recipients.exclude(attachment=None), pk=pk)
    response = HttpResponse(bytes(recipient.attachment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="oferta-{recipient.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)
