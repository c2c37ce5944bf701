"""RODO duties across the apps: retention periods, and a person's data exported or erased on request.

Each app that holds personal data has a `retention` module with `purge`, `export_for` and `erase_for`;
this module runs them together so no app is forgotten.
"""

import hashlib
import logging
from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone

RETENTION_MODULES = ("catalog.retention", "cms.retention", "events.retention")
logger = logging.getLogger(__name__)


def _modules():
    return [import_module(name) for name in RETENTION_MODULES]


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
    for module in _modules():
        report.update(module.purge(now, days))
    from mailer.models import MessageLog

    deleted, _ = MessageLog.objects.filter(when_attempted__lt=now - timedelta(days=days["mail_log"])).delete()
    report["email delivery log entries deleted"] = deleted
    logger.info("Data retention applied: %s", report)
    return report


def export_personal_data(email: str) -> dict:
    """Everything the platform holds about one email address, as plain JSON-ready data (art. 15 RODO)."""
    data: dict = {"email": email, "exported_at": timezone.now().isoformat()}
    for module in _modules():
        data.update(module.export_for(email))
    return data


def erase_personal_data(email: str) -> dict[str, int]:
    """Erase or anonymise one person's data (art. 17 RODO); records kept by law lose the person only."""
    report: dict[str, int] = {}
    for module in _modules():
        report.update(module.erase_for(email))
    logger.info("Personal data erased for subject %s: %s", _email_fingerprint(email), report)
    return report
