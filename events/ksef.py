"""Sending FA(3) documents to KSeF: a queued task with retries over an adapter of ksef-client.

Nothing here runs in a request: issuing an invoice queues send_to_ksef_task after commit, and staff's
"resend to KSeF" queues it too. Without credentials (KSEF_TOKEN, or KSEF_CERTIFICATE_PATH with
KSEF_PRIVATE_KEY_PATH) nothing is sent and invoices stay "issued, not sent" (KsefStatus.NOT_SENT).

The transport (KsefApiTransport) is the only part not exercised against the real service: the test
suite has no network, so it swaps in a recording transport through settings.KSEF_TRANSPORT.
"""

import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task
from ksef_client.client import KsefClient
from ksef_client.config import KsefClientOptions, KsefEnvironment
from ksef_client.exceptions import KsefHttpError
from ksef_client.services.verification_link import VerificationLinkService
from ksef_client.services.workflows import AuthCoordinator, OnlineSessionWorkflow
from wagtail.log_actions import log

from .fa3 import document_hash
from .models import Invoice, KsefStatus

logger = logging.getLogger(__name__)

ENVIRONMENTS = {"test": KsefEnvironment.TEST, "demo": KsefEnvironment.DEMO, "prod": KsefEnvironment.PROD}
FA3_FORM_CODE = {"systemCode": "FA (3)", "schemaVersion": "1-0E", "value": "FA"}
# KSeF's processing codes of one invoice: 100/150 still in progress, 200 accepted, others refused.
IN_PROGRESS, ACCEPTED = {100, 150}, 200


class KsefTemporaryError(Exception):
    """KSeF could not be reached or asked us to come back: the task retries later."""


class KsefRejected(Exception):
    """KSeF refused the document: retrying the same XML would be refused again."""


@dataclass(frozen=True)
class KsefReceipt:
    ksef_number: str
    reference: str
    upo: str


def options() -> KsefClientOptions:
    environment = ENVIRONMENTS.get(settings.KSEF_ENVIRONMENT, KsefEnvironment.TEST)
    return KsefClientOptions(base_url=environment.value, timeout_seconds=settings.KSEF_TIMEOUT_SECONDS)


def is_configured() -> bool:
    """True when the installation has KSeF credentials: a token, or a certificate and its key."""
    return bool(settings.KSEF_TOKEN or (settings.KSEF_CERTIFICATE_PATH and settings.KSEF_PRIVATE_KEY_PATH))


def verification_url(invoice: Invoice) -> str:
    """KOD I of the visualisation: the KSeF link that verifies this exact document (seller NIP, issue
    date and the SHA-256 of the XML). Valid before and after the KSeF number is known."""
    service = VerificationLinkService(options())
    return service.build_invoice_verification_url(
        invoice.seller["nip"], timezone.localdate(invoice.issued_at), document_hash(invoice.fa3_xml)
    )


class KsefApiTransport:
    """Sends one FA(3) document in an online session and waits for its KSeF number and UPO."""

    poll_attempts = 30
    poll_seconds = 2.0

    def send(self, xml: bytes, *, seller_nip: str) -> KsefReceipt:
        try:
            with KsefClient(options()) as client:
                access_token = self._authenticate(client, AuthCoordinator(client.auth), seller_nip)
                symmetric = self._certificate(client, "SymmetricKeyEncryption")
                workflow = OnlineSessionWorkflow(client.sessions)
                session = workflow.open_session(
                    form_code=FA3_FORM_CODE, public_certificate=symmetric, access_token=access_token
                )
                sent = workflow.send_invoice(
                    session_reference_number=session.reference_number,
                    invoice_xml=xml,
                    encryption_data=session.encryption_data,
                    access_token=access_token,
                )
                reference = sent.reference_number
                status = None
                for _ in range(self.poll_attempts):
                    status = client.sessions.get_session_invoice_status(
                        session.reference_number, reference, access_token=access_token
                    )
                    if status.status.code not in IN_PROGRESS:
                        break
                    time.sleep(self.poll_seconds)
                workflow.close_session(session.reference_number, access_token)
        except httpx.HTTPError as error:
            raise KsefTemporaryError(str(error)) from error
        except KsefHttpError as error:
            if error.status_code == 429 or error.status_code >= 500:
                raise KsefTemporaryError(str(error)) from error
            raise KsefRejected(str(error)) from error
        if status is None or status.status.code in IN_PROGRESS:
            raise KsefTemporaryError("KSeF is still processing the invoice")
        if status.status.code != ACCEPTED:
            raise KsefRejected(f"{status.status.code}: {status.status.description}")
        with KsefClient(options()) as client:
            upo = client.sessions.get_session_invoice_upo_by_ref(
                session.reference_number, reference, access_token=access_token
            )
        return KsefReceipt(ksef_number=status.ksef_number or "", reference=reference, upo=upo.decode())

    @staticmethod
    def _certificate(client, usage: str) -> str:
        certificates = client.security.get_public_key_certificates()
        return next(item.certificate for item in certificates if usage in (item.usage or []))

    def _authenticate(self, client, coordinator, seller_nip: str) -> str:
        if settings.KSEF_TOKEN:
            result = coordinator.authenticate_with_ksef_token(
                token=settings.KSEF_TOKEN,
                public_certificate=self._certificate(client, "KsefTokenEncryption"),
                context_identifier_type="Nip",
                context_identifier_value=seller_nip,
            )
        else:
            result = coordinator.authenticate_with_xades(
                context_identifier_type="Nip",
                context_identifier_value=seller_nip,
                subject_identifier_type="certificateSubject",
                certificate_pem=Path(settings.KSEF_CERTIFICATE_PATH).read_text(),
                private_key_pem=Path(settings.KSEF_PRIVATE_KEY_PATH).read_text(),
            )
        return result.tokens.access_token.token


def transport():
    return import_string(settings.KSEF_TRANSPORT)()


def send_invoice(invoice_id: int) -> Invoice:
    """Send one invoice's FA(3) to KSeF and record the outcome. Accepted invoices are never resent.

    Without credentials nothing happens ("issued, not sent"). A temporary failure re-queues the task
    with a growing delay, up to KSEF_MAX_ATTEMPTS; then the invoice goes back to "not sent" with the
    error for staff to resend. A refusal is recorded as "rejected" with KSeF's reason.
    """
    invoice = Invoice.objects.get(pk=invoice_id)
    if invoice.ksef_status == KsefStatus.ACCEPTED or not is_configured():
        return invoice
    invoice = _claim(invoice.pk)
    if invoice is None:  # another worker is sending it right now, or KSeF has accepted it meanwhile
        return Invoice.objects.get(pk=invoice_id)
    attempts = invoice.ksef_attempts
    try:
        receipt = transport().send(invoice.fa3_xml.encode("utf-8"), seller_nip=invoice.seller["nip"])
    except KsefRejected as error:
        _record(
            invoice, "events.invoice.ksef_rejected", ksef_status=KsefStatus.REJECTED, ksef_error=str(error)
        )
    except KsefTemporaryError as error:
        logger.warning("KSeF attempt %s for invoice %s failed: %s", attempts, invoice.number, error)
        if attempts < settings.KSEF_MAX_ATTEMPTS:
            Invoice.objects.filter(pk=invoice.pk).update(
                ksef_status=KsefStatus.QUEUED, ksef_error=str(error)[:500]
            )
            _retry(invoice.pk, attempts)
        else:
            _record(
                invoice, "events.invoice.ksef_failed", ksef_status=KsefStatus.NOT_SENT, ksef_error=str(error)
            )
    else:
        _record(
            invoice,
            "events.invoice.ksef_accepted",
            ksef_status=KsefStatus.ACCEPTED,
            ksef_number=receipt.ksef_number,
            ksef_reference=receipt.reference,
            ksef_upo=receipt.upo,
            ksef_error="",
            ksef_sent_at=timezone.now(),
        )
    invoice.refresh_from_db()
    return invoice


def is_being_sent(invoice: Invoice) -> bool:
    """A live worker holds the document (its claim is younger than the lease)."""
    lease = timedelta(minutes=settings.KSEF_SEND_LEASE_MINUTES)
    return invoice.ksef_status == KsefStatus.SENDING and bool(
        invoice.ksef_claimed_at and invoice.ksef_claimed_at > timezone.now() - lease
    )


def _claim(invoice_id: int) -> Invoice | None:
    """Take the document for one sending attempt, or None if that is not ours to do.

    One conditional UPDATE decides between workers (the resend button and a queued retry can run at
    once): only a document that is not accepted and not being sent by a live worker moves to "sending".
    No row lock is held while KSeF answers, which can take a while.
    """
    now = timezone.now()
    stale = now - timedelta(minutes=settings.KSEF_SEND_LEASE_MINUTES)
    claimed = (
        Invoice.objects.filter(pk=invoice_id)
        .exclude(ksef_status=KsefStatus.ACCEPTED)
        .exclude(ksef_status=KsefStatus.SENDING, ksef_claimed_at__gt=stale)
        .update(ksef_status=KsefStatus.SENDING, ksef_claimed_at=now, ksef_attempts=F("ksef_attempts") + 1)
    )
    return Invoice.objects.get(pk=invoice_id) if claimed else None


def _record(invoice: Invoice, action: str, **fields) -> None:
    if "ksef_error" in fields:
        fields["ksef_error"] = fields["ksef_error"][:500]
    Invoice.objects.filter(pk=invoice.pk).update(**fields)
    log(
        instance=invoice.application,
        action=action,
        data={
            "invoice": invoice.number,
            **{k: str(fields[k]) for k in ("ksef_number", "ksef_error") if k in fields},
        },
    )


def _retry(invoice_id: int, attempts: int) -> None:
    backend = send_to_ksef_task.get_backend()
    if backend.supports_defer:
        delay = timedelta(minutes=min(2**attempts, 240))
        send_to_ksef_task.using(run_after=timezone.now() + delay).enqueue(invoice_id)
    else:  # the immediate backend of tests and development: retry at once
        send_to_ksef_task.enqueue(invoice_id)


def queue(invoice: Invoice) -> bool:
    """Queue the invoice for KSeF (after the caller's transaction commits). False without credentials."""
    if not is_configured() or invoice.ksef_status == KsefStatus.ACCEPTED:
        return False
    transaction.on_commit(lambda: send_to_ksef_task.enqueue(invoice.pk))
    return True


@task()
def send_to_ksef_task(invoice_id: int) -> None:
    """The worker's job: send_invoice, queued after the invoice is committed or by staff's resend."""
    send_invoice(invoice_id)
