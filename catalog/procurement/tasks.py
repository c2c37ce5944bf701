"""Emails of the saved searches, sent by django-tasks after the workflow's transaction commits."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from config.core.emails import render_subject, send_email
from config.core.links import absolute_url

from .models import SavedSearch


def _links(saved: SavedSearch) -> dict:
    return {
        "confirm_url": absolute_url(
            reverse("procurement:saved_search_confirm", kwargs={"token": saved.token})
        ),
        "unsubscribe_url": absolute_url(
            reverse("procurement:saved_search_unsubscribe", kwargs={"token": saved.token})
        ),
        "search_url": absolute_url(reverse("catalog:offers")),
    }


def _send(saved: SavedSearch, name: str, context: dict) -> None:
    with translation.override(saved.language):
        context = {"saved": saved, **_links(saved), **context}
        send_email(
            subject=render_subject(f"procurement/email/{name}_subject.txt", context),
            body=render_to_string(f"procurement/email/{name}.txt", context),
            to=[saved.email],
        )


@task()
def send_saved_search_confirmation(saved_search_id: int) -> bool:
    """The double opt-in email; nothing is sent for a search already confirmed or unsubscribed."""
    saved = SavedSearch.objects.filter(
        pk=saved_search_id, confirmed_at__isnull=True, unsubscribed_at__isnull=True
    ).first()
    if saved is None:
        return False
    _send(saved, "saved_search_confirm", {})
    SavedSearch.objects.filter(pk=saved.pk).update(confirmation_sent_at=timezone.now())
    return True


@task()
def send_saved_search_alert(saved_search_id: int, offers: list[dict]) -> bool:
    """The weekly list of new or changed offers, with the one-click unsubscribe link."""
    saved = SavedSearch.objects.filter(pk=saved_search_id, unsubscribed_at__isnull=True).first()
    if saved is None or not offers:
        return False
    _send(saved, "saved_search_alert", {"offers": offers})
    return True
