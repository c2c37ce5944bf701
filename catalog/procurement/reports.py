"""The buyer's annual "Kupuj społecznie" report (PDF): the contracts it recorded in the ledger for a year.

A buyer is its email address (no account needed): the private link of any of its requests opens the
report of every outcome recorded from requests sent with that address.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalog.models import QuoteRequest
from config.core.money import format_pln

from .models import ContractType, ProcurementOutcome
from .note_documents import PdfDocument


def buyer_outcomes(quote_request: QuoteRequest, year: int):
    return (
        ProcurementOutcome.objects.filter(
            quote_request__buyer_email__iexact=quote_request.buyer_email, awarded_on__year=year
        )
        .select_related("awarded_to")
        .order_by("awarded_on", "pk")
    )


def build_buyer_report_pdf(quote_request: QuoteRequest, year: int, language: str = "pl") -> bytes:
    outcomes = list(buyer_outcomes(quote_request, year))
    total = sum(outcome.value_net for outcome in outcomes)
    reserved = sum(1 for outcome in outcomes if outcome.contract_type == ContractType.RESERVED)
    institutions = sorted({outcome.buyer_institution for outcome in outcomes if outcome.buyer_institution})
    with translation.override(language):
        title = _("Buying socially %(year)s: annual report") % {"year": year}
        document = PdfDocument(title)
        document.line(title, size=15, bold=True)
        document.line(", ".join(institutions) or quote_request.buyer_organisation or quote_request.buyer_name)
        document.line(_("Prepared on: %(date)s") % {"date": timezone.localdate().strftime("%d.%m.%Y")})
        document.pdf.ln(2)
        document.line(
            _("Spent with social-economy suppliers (net): %(value)s") % {"value": format_pln(total)},
            bold=True,
        )
        document.line(
            _("Contracts: %(count)s, of them reserved: %(reserved)s")
            % {"count": len(outcomes), "reserved": reserved}
        )
        document.pdf.ln(2)
        if outcomes:
            types = dict(ContractType.choices)
            document.table(
                [
                    [
                        _("Date of the award"),
                        _("Supplier"),
                        _("Contract type"),
                        _("Value net (PLN)"),
                        _("Confirmed by the supplier"),
                    ],
                    *[
                        [
                            outcome.awarded_on.strftime("%d.%m.%Y"),
                            outcome.awarded_to.name,
                            str(types[outcome.contract_type]),
                            format_pln(outcome.value_net),
                            _("yes") if outcome.supplier_confirmed_at else _("no"),
                        ]
                        for outcome in outcomes
                    ],
                ]
            )
        return document.output()
