"""Where an application stands and what can be done with it next: the applicant's page and the staff
page read the same summary, so they never disagree about what is paid or payable."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings

from ..models import (
    ApplicationStatus,
    ExhibitorApplication,
    Invoice,
    Payment,
    PaymentMethod,
    PaymentStatus,
    Stand,
)
from ..pricing import application_quote
from ..stripe_client import stripe_enabled
from .applications import OPEN_STATUSES


@dataclass
class ApplicationOverview:
    application: ExhibitorApplication
    lines: list[dict]
    payments: list[Payment]
    open_payment: Payment | None  # a Checkout Session still waiting for the applicant or the bank
    open_transfer: Payment | None  # a bank transfer whose money may still arrive
    invoices: list[Invoice]
    paid: bool
    refunded: bool
    can_pay: bool
    can_cancel: bool
    stripe_enabled: bool
    choose_on_plan: bool  # the fair's plan has stands of this type and none is chosen yet
    transfer_recipient: str = ""  # whose account the transfer goes to, as the bank asks for it
    transfer_deadline: datetime | None = None  # when the stand held for the transfer is released


def application_overview(application: ExhibitorApplication) -> ApplicationOverview:
    """The payments of an application and what its applicant (or staff) may do now."""
    payments = list(application.payments.prefetch_related("refunds").order_by("-created_at"))
    open_transfer = Payment.objects.open_transfers().filter(application=application).first()
    return ApplicationOverview(
        application=application,
        lines=application_quote(application).lines,
        payments=payments,
        open_payment=next(
            (
                p
                for p in payments
                if p.method == PaymentMethod.STRIPE
                and p.status in (PaymentStatus.OPEN, PaymentStatus.PROCESSING)
            ),
            None,
        ),
        open_transfer=open_transfer,
        invoices=list(application.invoices.order_by("issued_at")),
        paid=any(p.status in (PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED) for p in payments),
        refunded=any(p.status == PaymentStatus.REFUNDED for p in payments),
        can_pay=application.status == ApplicationStatus.APPROVED and not application.is_free,
        can_cancel=application.status in (*OPEN_STATUSES, ApplicationStatus.CONFIRMED)
        and application.fair.allows_cancellation(),
        stripe_enabled=stripe_enabled(),
        choose_on_plan=not application.stand_id
        and Stand.objects.filter(
            floor_plan__fair=application.fair, stand_type=application.stand_type
        ).exists(),
        transfer_recipient=settings.INVOICE_SELLER["name"],
        transfer_deadline=_transfer_deadline(application, open_transfer),
    )


def _transfer_deadline(application: ExhibitorApplication, transfer: Payment | None) -> datetime | None:
    """The end of the hold that keeps the stand for a transfer (set when the transfer was chosen)."""
    if transfer is None:
        return None
    hold = application.holds.filter(released_at__isnull=True).order_by("-expires_at").first()
    if hold is not None:
        return hold.expires_at
    return transfer.created_at + timedelta(days=application.fair.transfer_days)


def free_stand_numbers(application: ExhibitorApplication) -> list[str]:
    """The numbers of the application's stand type that no application of the fair has taken yet."""
    taken = set(
        ExhibitorApplication.objects.filter(fair=application.fair)
        .exclude(stand_number="")
        .values_list("stand_number", flat=True)
    )
    return [number for number in application.stand_type.stand_number_list if number not in taken]
