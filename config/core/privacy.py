"""RODO duties across the apps: retention periods, and a person's data exported or erased on request.

Each app that holds personal data registers its three functions here from its AppConfig.ready(), so
the orchestrator needs to know no app by name and an app cannot be forgotten once it registers.
"""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from mailer.models import MessageLog

logger = logging.getLogger(__name__)

Purge = Callable[[datetime, dict[str, int]], dict[str, int]]
Export = Callable[[str], dict]
Erase = Callable[[str], dict[str, int]]


@dataclass(frozen=True)
class PersonalDataHolder:
    """One app's personal-data functions: `purge(now, days)`, `export_for(email)`, `erase_for(email)`."""

    app_label: str
    purge: Purge
    export_for: Export
    erase_for: Erase


_holders: dict[str, PersonalDataHolder] = {}


def register_personal_data(app_label: str, *, purge: Purge, export_for: Export, erase_for: Erase) -> None:
    """Called once per app from ready(); registering the same app again replaces its entry."""
    _holders[app_label] = PersonalDataHolder(app_label, purge, export_for, erase_for)


def personal_data_holders() -> list[PersonalDataHolder]:
    """The registered apps by label, so reports read the same whatever the order of INSTALLED_APPS."""
    return [_holders[label] for label in sorted(_holders)]


def _email_fingerprint(email: str) -> str:
    """Logs name a request by a short hash, never by the address itself."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:12]


def apply_data_retention(now: datetime | None = None) -> dict[str, int]:
    """Purge or anonymise everything past its retention period (settings.DATA_RETENTION_DAYS).

    Idempotent: a second run the same day changes nothing. Each app works in its own short transaction.
    """
    now = now or timezone.now()
    days = settings.DATA_RETENTION_DAYS
    report: dict[str, int] = {}
    for holder in personal_data_holders():
        report.update(holder.purge(now, days))
    deleted, _ = MessageLog.objects.filter(when_attempted__lt=now - timedelta(days=days["mail_log"])).delete()
    report["email delivery log entries deleted"] = deleted
    logger.info("Data retention applied: %s", report)
    return report


def export_personal_data(email: str) -> dict:
    """Everything the platform holds about one email address, as plain JSON-ready data (art. 15 RODO)."""
    data: dict = {"email": email, "exported_at": timezone.now().isoformat()}
    for holder in personal_data_holders():
        data.update(holder.export_for(email))
    return data


def erase_personal_data(email: str) -> dict[str, int]:
    """Erase or anonymise one person's data (art. 17 RODO); records kept by law lose the person only."""
    report: dict[str, int] = {}
    for holder in personal_data_holders():
        report.update(holder.erase_for(email))
    logger.info("Personal data erased for subject %s: %s", _email_fingerprint(email), report)
    return report
