"""The indexing outbox: every change that the search index must see is stored here first."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingIndexUpdate(models.Model):
    """One document to (re)index or delete. Rows survive an Elasticsearch outage and are drained later."""

    class Action(models.TextChoices):
        INDEX = "index", _("index")
        DELETE = "delete", _("delete")

    document = models.CharField(_("document type"), max_length=32)  # "offer" or "organisation"
    object_id = models.CharField(_("object id"), max_length=120)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices, default=Action.INDEX)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), auto_now_add=True, db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pending index update")
        verbose_name_plural = _("pending index updates")
        constraints = [
            models.UniqueConstraint(fields=["document", "object_id"], name="one_pending_update_per_document")
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.document}:{self.object_id}"
