"""The shape of a Stripe event the webhook acts on, checked before anything reads it.

A correct signature proves the body came from Stripe (or from whoever holds the secret), not that it
has the shape the handlers expect: a JSON list, an event without an id or `data.object`, metadata that
is not an object or an amount that is not a number must be a 400, never a 500 inside a handler.
"""

import re
import time

# Stripe's ids are a prefix, an underscore and letters/digits; the column holds 255 characters.
EVENT_ID_PATTERN = re.compile(r"^evt_[A-Za-z0-9_]{1,250}$")
OBJECT_ID_PATTERN = re.compile(r"^[a-z]{2,8}_[A-Za-z0-9_]{1,250}$")
AMOUNT_FIELDS = ("amount", "amount_total", "amount_refunded", "amount_captured")
STRING_FIELDS = ("status", "payment_status", "payment_intent", "currency", "client_reference_id")


class InvalidEvent(ValueError):
    """The signed body is not an event of the shape the handlers rely on."""


def signature_timestamp(header: str) -> int | None:
    """The `t=` of a Stripe-Signature header, or None when it has none."""
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            return int(value)
    return None


def check_not_from_the_future(header: str, tolerance: int) -> None:
    """The stripe library refuses old timestamps only; one beyond the tolerance ahead is as suspect."""
    timestamp = signature_timestamp(header)
    if timestamp is not None and timestamp > time.time() + tolerance:
        raise InvalidEvent("signature timestamp is in the future")


def _check_amount(obj: dict, name: str) -> None:
    value = obj.get(name)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidEvent(f"{name} is not a non-negative integer")


def validate_event(event: object) -> dict:
    """Return the event when it has the shape of a Stripe event; raise InvalidEvent otherwise."""
    if not isinstance(event, dict):
        raise InvalidEvent("the event is not a JSON object")
    event_id = event.get("id")
    if not isinstance(event_id, str) or not EVENT_ID_PATTERN.match(event_id):
        raise InvalidEvent("the event id is missing or not a Stripe event id")
    event_type = event.get("type")
    if not isinstance(event_type, str) or not 0 < len(event_type) <= 100:
        raise InvalidEvent("the event type is missing")
    data = event.get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    if not isinstance(obj, dict):
        raise InvalidEvent("the event has no data.object")
    object_id = obj.get("id")
    if not (isinstance(object_id, str) and OBJECT_ID_PATTERN.match(object_id)):
        raise InvalidEvent("the object id is missing or not a Stripe id")
    if "metadata" in obj and obj["metadata"] is not None and not isinstance(obj["metadata"], dict):
        raise InvalidEvent("metadata is not an object")
    for name in AMOUNT_FIELDS:
        _check_amount(obj, name)
    for name in STRING_FIELDS:
        if obj.get(name) is not None and not isinstance(obj[name], str):
            raise InvalidEvent(f"{name} is not a string")
    refunds = obj.get("refunds")
    if refunds is not None:
        items = refunds.get("data") if isinstance(refunds, dict) else None
        if not isinstance(items, list) or not all(
            isinstance(item, dict) and isinstance(item.get("id", ""), str) for item in items
        ):
            raise InvalidEvent("refunds is not a list of objects with ids")
    return event
