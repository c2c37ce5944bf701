"""The Stripe webhook endpoint: verify, record the event once, call one service.

The signature is checked on the raw body (timestamp tolerance 300 s, in the past and in the future) and
the event's shape by `webhook_payloads.validate_event`. Each event id is stored under a
unique constraint in the same transaction as its effect, so a duplicate answers 200 and does nothing,
and a failed effect leaves no record and is retried by Stripe. The answer is 5xx only when Stripe
should retry (a lock timeout or a database error); bad signatures are 400.
"""

import json
import logging

import stripe
from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import services
from .models import StripeEvent
from .webhook_payloads import check_not_from_the_future, validate_event

logger = logging.getLogger(__name__)

SIGNATURE_TOLERANCE_SECONDS = 300
# A webhook waits this long for a row lock before answering 503 so Stripe retries later.
LOCK_TIMEOUT = "5s"

HANDLERS = {
    "checkout.session.completed": services.fulfil_payment,
    "checkout.session.async_payment_succeeded": services.fulfil_payment,
    "checkout.session.async_payment_failed": services.payment_failed,
    "checkout.session.expired": services.checkout_expired,
    "charge.refunded": services.charge_refunded,
}


@csrf_exempt
@require_POST
def stripe_webhook(request):
    signature = request.headers.get("Stripe-Signature", "")
    if not settings.STRIPE_WEBHOOK_SECRET:
        logger.error("STRIPE_WEBHOOK_SECRET is not set; refusing the webhook")
        return HttpResponse(status=503)
    try:
        # verify_header, not construct_event: the latter builds an Event and fails on a signed JSON list.
        stripe.WebhookSignature.verify_header(
            request.body.decode("utf-8"),
            signature,
            settings.STRIPE_WEBHOOK_SECRET,
            tolerance=SIGNATURE_TOLERANCE_SECONDS,
        )
        check_not_from_the_future(signature, SIGNATURE_TOLERANCE_SECONDS)
        event = validate_event(json.loads(request.body))
    except (ValueError, stripe.SignatureVerificationError) as error:
        # InvalidEvent is a ValueError: a signed body of the wrong shape is refused here, not in a handler.
        logger.warning("Refused a Stripe webhook: %s", error)
        return HttpResponseBadRequest("invalid signature or payload")

    handler = HANDLERS.get(event.get("type"))
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")  # noqa: S608 - constant
            try:
                with transaction.atomic():
                    StripeEvent.objects.create(event_id=event["id"], type=event["type"])
            except IntegrityError:
                return HttpResponse("duplicate")
            if handler is not None:
                handler(event["data"]["object"])
    except DatabaseError:
        logger.exception("Stripe event %s could not be processed now; Stripe will retry", event.get("id"))
        return HttpResponse(status=503)
    return HttpResponse("ok")
