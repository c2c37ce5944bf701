"""Workflows of the fair, one module per concern; views, webhooks, tasks and tests call these verbs.

- applications: apply, approve, reject, cancel, assign a stand number
- capacity: places left, holds, the waiting list, expiring holds
- checkout: paying online (a hold and a Stripe Checkout Session)
- payments: what Stripe reports about a session, and money finding its stand
- transfers: paying by bank transfer, and staff recording the money
- refunds: refunds by staff, automatic ones, and reconciliation with Stripe
- stands: the floor plan, stand statuses, choosing and moving stands, the priority window
- listings: exhibitors' public listings, staff review, the exhibitor catalogue, deadlines and reminders
- sessions: free sign-ups for programme sessions
- statements: bank statements imported by staff, matched to transfers and marked paid
- invoice_register: the register of invoices with their KSeF state, and its export
- overview, reports: what an application, a fair and its exhibitor list look like

Row locks are taken through events.locking only, in its fixed order; Stripe is never called while a
lock is held; emails, invoices and refunds sent to Stripe are queued after commit; every state change
of an application or payment is written to Wagtail's audit log (transitions).
"""

from ..pricing import Quote, application_quote, discount_for, quote
from .applications import (
    OPEN_STATUSES,
    apply_for_stand,
    approve_application,
    assign_stand_number,
    bulk_approve,
    cancel_application,
    reject_application,
)
from .capacity import HOLD_MINUTES, available_places, expire_holds, hold_expiry, notify_waitlist, take_hold
from .checkout import start_checkout
from .errors import FairError, PaymentUnavailable, SoldOut, StandTaken
from .invoice_register import export_register_csv, export_register_xlsx, invoice_register, resend_to_ksef
from .overview import ApplicationOverview, application_overview, free_stand_numbers
from .payments import checkout_expired, confirm_checkout_return, fulfil_payment, payment_failed
from .refunds import charge_refunded, refund_payment, send_refund
from .reports import fair_figures, public_exhibitors
from .sessions import (
    cancel_session_registration,
    claim_session_place,
    expire_session_offers,
    register_for_session,
    session_places_left,
)
from .stands import (
    choose_stand,
    map_stand,
    move_exhibitor,
    nearest_free_stands,
    revenue_by_zone,
    save_plan_settings,
    set_stand_blocked,
    stand_rows,
    stand_statuses,
    upload_plan,
)
from .statements import StatementImport, import_statement, lines_for_staff
from .transfers import choose_bank_transfer, mark_transfer_paid, transfer_reference

__all__ = [
    "HOLD_MINUTES",
    "OPEN_STATUSES",
    "ApplicationOverview",
    "FairError",
    "PaymentUnavailable",
    "Quote",
    "SoldOut",
    "StandTaken",
    "choose_stand",
    "map_stand",
    "move_exhibitor",
    "nearest_free_stands",
    "revenue_by_zone",
    "save_plan_settings",
    "set_stand_blocked",
    "stand_rows",
    "stand_statuses",
    "upload_plan",
    "StatementImport",
    "application_overview",
    "cancel_session_registration",
    "claim_session_place",
    "expire_session_offers",
    "application_quote",
    "apply_for_stand",
    "approve_application",
    "assign_stand_number",
    "available_places",
    "bulk_approve",
    "cancel_application",
    "charge_refunded",
    "checkout_expired",
    "choose_bank_transfer",
    "confirm_checkout_return",
    "discount_for",
    "expire_holds",
    "export_register_csv",
    "export_register_xlsx",
    "import_statement",
    "invoice_register",
    "lines_for_staff",
    "fair_figures",
    "free_stand_numbers",
    "fulfil_payment",
    "hold_expiry",
    "mark_transfer_paid",
    "notify_waitlist",
    "payment_failed",
    "public_exhibitors",
    "quote",
    "refund_payment",
    "register_for_session",
    "reject_application",
    "resend_to_ksef",
    "send_refund",
    "session_places_left",
    "start_checkout",
    "take_hold",
    "transfer_reference",
]
