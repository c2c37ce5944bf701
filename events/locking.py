"""The one place that knows the fair's lock order.

Every workflow that changes capacity, an application, a payment, a refund or an invoice number takes
PostgreSQL row locks (`SELECT ... FOR UPDATE`) through this module, always in this order:

    StandType -> Stand -> ExhibitorApplication -> Payment -> Refund -> InvoiceSequence

Two workflows that lock in the same order can wait for each other but never deadlock. Rows of one kind
are locked in primary-key order for the same reason. Each function says what the caller must already
hold; all of them must run inside a short `transaction.atomic()` that never calls Stripe.

A Stand (a place on the floor plan) comes right after its stand type: choosing, holding, selling,
blocking or moving a stand locks the stand type(s) first, then the stand(s), then the application.

A programme session (EventSession) is locked on its own: sign-ups for sessions touch no fair row.

Visitors (tickets, check-in, meetings with exhibitors) have their own order, which takes no fair lock:

    EventPage (its visitor capacity) -> VisitorTicket -> MeetingSlot -> ProcurementOutcome

A registration, cancellation or claim locks the event page first (the capacity is counted under it),
then the tickets it changes in pk order. A meeting booking locks the buyer's ticket (their limit of
meetings), then the slot; it never needs the page. Check-in locks only the ticket. A follow-up answer
after the fair locks the slot alone, then the social-spend ledger line it feeds (the ledger takes that
row's lock itself; a supplier confirming in its portal locks only the line).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import connection
from django.db.models import QuerySet

from .models import (
    EventSession,
    ExhibitorApplication,
    InvoiceSequence,
    MeetingSlot,
    Payment,
    Refund,
    Stand,
    StandType,
    VisitorTicket,
)


class LockOrderError(RuntimeError):
    """A lock was requested outside a transaction: it would be released at once and protect nothing."""


def _in_transaction() -> None:
    if not connection.in_atomic_block:
        raise LockOrderError("Row locks are taken inside transaction.atomic().")


@dataclass
class ApplicationLocks:
    """The rows a fair workflow holds: the stand type, the application, and a payment if it asked."""

    stand_type: StandType
    application: ExhibitorApplication
    payment: Payment | None = None
    stand: Stand | None = None


def lock_stand_types(stand_type_ids: Iterable[int]) -> list[StandType]:
    """Lock stand types in pk order. First in the order: the caller holds no fair lock yet."""
    _in_transaction()
    return list(StandType.objects.select_for_update().filter(pk__in=set(stand_type_ids)).order_by("pk"))


def lock_application(application_id: int, stand_id: int | None = None) -> ApplicationLocks:
    """Lock an application's stand type, then the stand chosen on the plan (if one is given), then the
    application (re-read under the lock)."""
    _in_transaction()
    stand_type_id = ExhibitorApplication.objects.values_list("stand_type_id", flat=True).get(
        pk=application_id
    )
    stand_type = StandType.objects.select_for_update().get(pk=stand_type_id)
    stand = (
        Stand.objects.select_for_update(of=("self",)).select_related("floor_plan").get(pk=stand_id)
        if stand_id
        else None
    )
    application = (
        ExhibitorApplication.objects.select_for_update(of=("self",))
        .select_related("fair")
        .get(pk=application_id)
    )
    return ApplicationLocks(stand_type=stand_type, application=application, stand=stand)


def lock_stands_for_move(application_id: int, stand_ids: Iterable[int]) -> ApplicationLocks:
    """Staff moving an exhibitor: lock the stand types of the application and of the stands (pk order),
    then the stands (pk order), then the application. `locks.stand` is the first of `stand_ids`."""
    _in_transaction()
    stand_ids = list(stand_ids)
    type_ids = set(Stand.objects.filter(pk__in=stand_ids).values_list("stand_type_id", flat=True))
    type_ids.add(ExhibitorApplication.objects.values_list("stand_type_id", flat=True).get(pk=application_id))
    types = {t.pk: t for t in lock_stand_types(type_ids)}
    stands = {
        s.pk: s for s in Stand.objects.select_for_update(of=("self",)).filter(pk__in=stand_ids).order_by("pk")
    }
    application = (
        ExhibitorApplication.objects.select_for_update(of=("self",))
        .select_related("fair")
        .get(pk=application_id)
    )
    return ApplicationLocks(
        stand_type=types[application.stand_type_id], application=application, stand=stands.get(stand_ids[0])
    )


def lock_stand(stand_id: int) -> Stand:
    """Lock one stand after its stand type (staff blocking or unblocking it)."""
    _in_transaction()
    stand_type_id = Stand.objects.values_list("stand_type_id", flat=True).get(pk=stand_id)
    lock_stand_types([stand_type_id])
    return Stand.objects.select_for_update().get(pk=stand_id)


def lock_payment(payment_id: int) -> ApplicationLocks:
    """Lock a payment's stand type, its application, then the payment (with its hold read)."""
    application_id = Payment.objects.values_list("application_id", flat=True).get(pk=payment_id)
    locks = lock_application(application_id)
    locks.payment = Payment.objects.select_for_update(of=("self",)).select_related("hold").get(pk=payment_id)
    return locks


def lock_payment_alone(payment_id: int) -> Payment:
    """Lock one payment in a transaction that takes no other fair lock (a single lock cannot be part of a
    deadlock), e.g. to record the Checkout Session Stripe created for it."""
    _in_transaction()
    return Payment.objects.select_for_update().get(pk=payment_id)


def lock_payments(payments: QuerySet[Payment]) -> list[Payment]:
    """Lock the payments of a queryset in pk order. The caller holds the stand type's lock, and the
    application's when the payments are of one application."""
    _in_transaction()
    return list(payments.select_for_update(of=("self",)).order_by("pk"))


def lock_waitlisted_application(application_id: int) -> ExhibitorApplication:
    """Lock one more application of a stand type whose lock the caller holds (the waiting list)."""
    _in_transaction()
    return ExhibitorApplication.objects.select_for_update().get(pk=application_id)


def lock_applications(applications: QuerySet[ExhibitorApplication]) -> list[ExhibitorApplication]:
    """Lock many applications in pk order, for work that touches no stand, payment or invoice
    (anonymising contact data): it takes no stand type lock, so it must not take later locks either."""
    _in_transaction()
    return list(applications.select_for_update(of=("self",)).order_by("pk"))


def lock_refund(refund_id: int) -> Refund:
    """Lock a refund. The caller holds its payment's lock (lock_payment)."""
    _in_transaction()
    return Refund.objects.select_for_update().get(pk=refund_id)


def lock_refunds(refunds: QuerySet[Refund]) -> list[Refund]:
    """Lock refunds of one payment in pk order. The caller holds the payment's lock."""
    _in_transaction()
    return list(refunds.select_for_update().order_by("pk"))


def lock_invoice_sequence(series: str, year: int) -> InvoiceSequence:
    """Lock the number sequence of an invoice series and year (created on first use). Last in the
    order: the caller holds the payment (and the refund, for a correction) it numbers a document for."""
    _in_transaction()
    InvoiceSequence.objects.get_or_create(series=series, year=year)
    return InvoiceSequence.objects.select_for_update().get(series=series, year=year)


def lock_session(session_id: int) -> EventSession:
    """Lock a programme session for a sign-up; independent of the fair's locks."""
    _in_transaction()
    return EventSession.objects.select_for_update(of=("self",)).select_related("page").get(pk=session_id)


def lock_event_page(page_id: int):
    """Lock an event page's row, under which its visitor tickets are counted. First in the visitor
    order. The page types import the services, so the model is looked up rather than imported."""
    _in_transaction()
    event_page = apps.get_model("events", "EventPage")
    return event_page.objects.select_for_update(of=("self",)).get(pk=page_id)


def lock_tickets(tickets: QuerySet[VisitorTicket]) -> list[VisitorTicket]:
    """Lock visitor tickets in pk order. The caller holds their event page's lock when it changes who
    holds a place; check-in and meeting bookings lock a ticket alone (it is first for them)."""
    _in_transaction()
    return list(tickets.select_for_update(of=("self",)).order_by("pk"))


def lock_ticket(ticket_id: int) -> VisitorTicket:
    _in_transaction()
    return VisitorTicket.objects.select_for_update(of=("self",)).select_related("page").get(pk=ticket_id)


def lock_meeting_slot(slot_id: int) -> MeetingSlot:
    """Lock one meeting slot. The caller holds the buyer's ticket when it books or cancels; a follow-up
    answer changes no booking and locks the slot first."""
    _in_transaction()
    return MeetingSlot.objects.select_for_update(of=("self",)).select_related("application").get(pk=slot_id)
