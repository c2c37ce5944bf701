"""Fair state: fairs, stand types, add-ons, pricing rules, applications, holds, payments and invoices.

Models hold state and small invariants; the workflows that change it live in events/services/.
Money is integer grosze everywhere (events/money.py owns the arithmetic). The Wagtail page types of
events live in events/pages.py and are registered by EventsConfig.ready().
"""

from .applications import (
    ApplicationStatus,
    ExhibitorApplication,
    ExhibitorLegalForm,
    PaymentMethod,
    StandHold,
    WaitlistEntry,
)
from .fair import Fair, PricingRule, StandAddon, StandType
from .floor import ExhibitorListing, FairReminder, FloorPlan, ListingStatus, Stand
from .invoices import Invoice, InvoiceSequence, KsefStatus
from .meetings import SLOT_MINUTES, FollowUp, MeetingSlot
from .payments import Payment, PaymentStatus, Refund, StripeEvent
from .programme import EventSession, SessionRegistration
from .statements import StatementLine
from .visitors import (
    BadgeRole,
    EventSeries,
    ParticipantType,
    Sector,
    StandStaffMember,
    TicketStatus,
    VisitorTicket,
)

__all__ = [
    "SLOT_MINUTES",
    "StandStaffMember",
    "ApplicationStatus",
    "BadgeRole",
    "EventSeries",
    "FollowUp",
    "MeetingSlot",
    "ParticipantType",
    "Sector",
    "TicketStatus",
    "VisitorTicket",
    "ExhibitorApplication",
    "EventSession",
    "ExhibitorLegalForm",
    "ExhibitorListing",
    "FairReminder",
    "FloorPlan",
    "ListingStatus",
    "Stand",
    "Fair",
    "Invoice",
    "InvoiceSequence",
    "KsefStatus",
    "Payment",
    "PaymentMethod",
    "PaymentStatus",
    "PricingRule",
    "Refund",
    "SessionRegistration",
    "StandAddon",
    "StandHold",
    "StandType",
    "StatementLine",
    "StripeEvent",
    "WaitlistEntry",
]
