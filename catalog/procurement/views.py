"""The buyer's private procurement pages (reached by the quote request's unguessable token) and the
public verification page of a note. Views parse input, call one service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from catalog.models import QuoteRequest
from catalog.services.procurement import export_document_response, quote_answers_document
from config.core.ratelimit import TOO_MANY_SUBMISSIONS, allow_submission

from .alerts import clean_query, confirm_saved_search, describe_query, save_search, unsubscribe
from .comparison import DEFAULT_SORT, SORT_KEYS, compare_answers
from .forms import MarketResearchNoteForm, OutcomeForm, SavedSearchForm
from .ledger import (
    confirm_outcome,
    export_ledger_csv,
    export_ledger_xlsx,
    record_outcome,
    winning_recipients,
)
from .models import EstimateBasis, MarketResearchNote, ProcurementOutcome, SavedSearch
from .note_documents import LANGUAGES, build_note_docx, build_note_pdf
from .notes import issue_market_research_note, suggested_cpv_codes
from .reports import build_buyer_report_pdf


def _private(response):
    """A private link: out of search engines, other sites' referrer logs and every cache.

    "same-origin", not "no-referrer": with no referrer the browser posts the forms with `Origin: null`,
    which Django's CSRF check rightly refuses; other sites still never see the address.
    """
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
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


def _note_initial(quote_request: QuoteRequest) -> dict:
    return {
        "institution": quote_request.buyer_organisation,
        "subject": quote_request.description,
        "cpv_codes": suggested_cpv_codes(quote_request),
        "estimate_basis": EstimateBasis.MEDIAN,
        "criteria": quote_request.search_criteria
        or _("Catalogue of Pomorska Ekonomia Społeczna: suppliers chosen by hand."),
    }


def note(request, token):
    """The note form until the note is issued; afterwards its downloads and verification link."""
    quote_request = _quote_request(token)
    issued = MarketResearchNote.objects.filter(quote_request=quote_request).first()
    form = None
    status = 200
    if issued is None:
        form = MarketResearchNoteForm(
            request.POST or None, quote_request=quote_request, initial=_note_initial(quote_request)
        )
        if request.method == "POST":
            if form.is_valid():
                try:
                    issue_market_research_note(quote_request, form.choices())
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("The market-research note was issued."))
                    return redirect("procurement:note", token=token)
            status = 400
    return _private(
        render(
            request,
            "procurement/note.html",
            {
                "quote_request": quote_request,
                "note": issued,
                "form": form,
                "rows": compare_answers(quote_request),
                "languages": LANGUAGES,
            },
            status=status,
        )
    )


def note_document(request, token, language, file_format):
    quote_request = _quote_request(token)
    issued = MarketResearchNote.objects.filter(quote_request=quote_request).first()
    if issued is None:
        raise Http404
    if file_format == "pdf":
        response = HttpResponse(build_note_pdf(issued, language), content_type="application/pdf")
    else:
        response = HttpResponse(
            build_note_docx(issued, language),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    filename = issued.reference.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{language}.{file_format}"'
    return _private(response)


def verify_note(request, token):
    """Public: confirms a reference, its date, the institution and the content hash printed on a copy."""
    issued = get_object_or_404(MarketResearchNote, verification_token=token)
    response = render(request, "procurement/verify.html", {"note": issued})
    response["X-Robots-Tag"] = "noindex"
    return response


def outcome(request, token):
    """The buyer records who was awarded the contract: one line of the social-spend ledger."""
    quote_request = _quote_request(token)
    recorded = (
        ProcurementOutcome.objects.filter(quote_request=quote_request).select_related("awarded_to").first()
    )
    form = None
    status = 200
    if recorded is None:
        form = OutcomeForm(
            request.POST or None,
            recipients=winning_recipients(quote_request),
            initial={"awarded_on": timezone.localdate()},
        )
        if request.method == "POST":
            if form.is_valid():
                try:
                    record_outcome(quote_request, **form.cleaned_data)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("The outcome was recorded. Thank you for buying socially."))
                    return redirect("procurement:outcome", token=token)
            status = 400
    return _private(
        render(
            request,
            "procurement/outcome.html",
            {"quote_request": quote_request, "outcome": recorded, "form": form},
            status=status,
        )
    )


@login_required
@require_POST
def outcome_confirm(request, pk):
    recorded = get_object_or_404(ProcurementOutcome, pk=pk)
    confirm_outcome(recorded.pk, user=request.user)
    messages.success(request, _("Thank you: the contract is confirmed."))
    return redirect("catalog:portal")


def ledger_open_data(request, year, file_format):
    """The cluster's social-spend ledger of one year as open data (formula-safe CSV or XLSX)."""
    year = int(year)
    if file_format == "csv":
        response = HttpResponse(export_ledger_csv(year), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            export_ledger_xlsx(year),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="kupuj-spolecznie-{year}.{file_format}"'
    return response


def answers_export(request, token, file_format):
    """The request's suppliers with their answers as a titled, formula-safe CSV or XLSX document."""
    quote_request = _quote_request(token)
    document = quote_answers_document(quote_request, timezone.localdate())
    filename = f"rozeznanie-rynku-odpowiedzi-{timezone.localdate().isoformat()}"
    return _private(export_document_response(document, file_format, filename))


def saved_search_create(request):
    """Save the catalogue search in the query string; the alerts start once the email is confirmed."""
    query = {name: request.GET.getlist(name) for name in request.GET}
    try:
        query = clean_query(query)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("catalog:offers")
    form = SavedSearchForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif not allow_submission("saved_search", request):
            form.add_error(None, TOO_MANY_SUBMISSIONS)
            status = 429
        else:
            save_search(email=form.cleaned_data["email"], query=query, language=(get_language() or "pl")[:2])
            return render(
                request, "procurement/saved_search_sent.html", {"email": form.cleaned_data["email"]}
            )
    return render(
        request,
        "procurement/saved_search_form.html",
        {"form": form, "label": describe_query(query)},
        status=status,
    )


def saved_search_confirm(request, token):
    saved = confirm_saved_search(token)
    if saved is None:
        raise Http404
    return _private(render(request, "procurement/saved_search_confirmed.html", {"saved": saved}))


@csrf_exempt  # the token is the capability; mail clients post one-click unsubscribes without a form
def saved_search_unsubscribe(request, token):
    """GET shows one button (link scanners must not unsubscribe anybody); POST unsubscribes."""
    saved = get_object_or_404(SavedSearch, token=token)
    if request.method == "POST":
        unsubscribe(token)
        saved.refresh_from_db()
    return _private(render(request, "procurement/saved_search_unsubscribe.html", {"saved": saved}))


def buyer_report(request, token, year):
    """The buyer's annual "Kupuj społecznie" PDF, through the private link of any of its requests."""
    quote_request = _quote_request(token)
    response = HttpResponse(
        build_buyer_report_pdf(quote_request, int(year), (get_language() or "pl")[:2]),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="kupuj-spolecznie-{year}.pdf"'
    return _private(response)
