"""Bank statements imported by staff: each incoming transfer is matched by its title (the application's
transfer reference) and amount, and a match is marked paid through mark_transfer_paid, the same path
staff take by hand, which settles money like Stripe does (holds, waiting list, invoice, emails).

Every line is stored once under its key (events.bank_statements), so importing a statement again
changes nothing. Lines that need a person (unknown title, different amount, already paid) are listed
for staff; nothing is refunded or paid automatically for them.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from .. import bank_statements, locking
from ..models import ExhibitorApplication, Payment, PaymentMethod, StatementLine
from .transfers import mark_transfer_paid
from .transitions import audit


@dataclass
class StatementImport:
    lines: list[StatementLine] = field(default_factory=list)
    duplicates: int = 0

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)


def import_statement(data: bytes, *, by=None) -> StatementImport:
    """Parse and match a statement. Raises bank_statements.StatementError for an unreadable file."""
    result = StatementImport()
    for entry in bank_statements.parse(data):
        if StatementLine.objects.filter(key=entry.key).exists():
            result.duplicates += 1
            continue
        line = _import_entry(entry, by)
        if line is None:
            result.duplicates += 1
        else:
            result.lines.append(line)
    return result


def _outcome(entry: bank_statements.StatementEntry, latest: Payment | None) -> str:
    if latest is None:
        return StatementLine.Outcome.NO_TRANSFER
    if latest.status in Payment.MONEY_RECEIVED_STATES:
        return StatementLine.Outcome.ALREADY_PAID
    if entry.currency != "PLN" or entry.amount != latest.amount:
        return StatementLine.Outcome.AMOUNT_MISMATCH
    return StatementLine.Outcome.MATCHED


def _import_entry(entry: bank_statements.StatementEntry, by) -> StatementLine | None:
    """Store one entry and act on it; None when another import stored the same key first.

    Locks: the application's stand type and the application (so the outcome and the payment it names
    cannot change underneath), then mark_transfer_paid takes the payment, in the fair's order.
    """
    values = {
        "key": entry.key,
        "source_format": entry.source_format,
        "account": entry.account,
        "statement_id": entry.statement_id,
        "booked_on": entry.booked_on,
        "amount": entry.amount,
        "currency": entry.currency,
        "title": entry.title,
        "counterparty": entry.counterparty,
        "imported_by": by,
    }
    reference = bank_statements.find_reference(entry.title) if entry.amount > 0 else ""
    application_id = (
        ExhibitorApplication.objects.filter(transfer_reference=reference).values_list("pk", flat=True).first()
        if reference
        else None
    )
    with transaction.atomic():
        if entry.amount <= 0:
            outcome, application, latest = StatementLine.Outcome.NOT_A_CREDIT, None, None
        elif application_id is None:
            outcome, application, latest = StatementLine.Outcome.UNKNOWN_REFERENCE, None, None
        else:
            application = locking.lock_application(application_id).application
            latest = (
                Payment.objects.filter(application=application, method=PaymentMethod.TRANSFER)
                .order_by("-pk")
                .first()
            )
            outcome = _outcome(entry, latest)
        try:
            with transaction.atomic():
                line = StatementLine.objects.create(
                    **values, reference=reference, outcome=outcome, application=application, payment=latest
                )
        except IntegrityError:
            return None
        if application is not None:
            if outcome == StatementLine.Outcome.MATCHED:
                mark_transfer_paid(application, by=by)
            audit(
                application,
                "events.statement.imported",
                by,
                outcome=outcome,
                amount=entry.amount,
                reference=reference,
                line=line.pk,
            )
    return line


def lines_for_staff():
    """Imported lines that a person must look at: unknown titles, other amounts, paid twice."""
    return StatementLine.objects.filter(outcome__in=StatementLine.NEEDS_STAFF).select_related("application")
