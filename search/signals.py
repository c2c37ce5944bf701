"""Receivers: every change of what the index shows is recorded in the outbox in the same transaction."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalog.models import Category, Offer, Organisation

from .indexing import queue_index_update
from .query_text import forget_category_names


@receiver(post_save, sender=Offer, dispatch_uid="search_offer_saved")
@receiver(post_delete, sender=Offer, dispatch_uid="search_offer_deleted")
def queue_offer_update(sender, instance: Offer, **kwargs):
    queue_index_update("offer", [instance.slug])
    organisation_slug = (
        Organisation.objects.filter(pk=instance.organisation_id).values_list("slug", flat=True).first()
    )
    if organisation_slug:
        # An organisation's document lists what its published offers say about it.
        queue_index_update("organisation", [organisation_slug])


@receiver(post_save, sender=Organisation, dispatch_uid="search_organisation_saved")
@receiver(post_delete, sender=Organisation, dispatch_uid="search_organisation_deleted")
def queue_organisation_update(sender, instance: Organisation, **kwargs):
    queue_index_update("organisation", [instance.slug])
    if not kwargs.get("created") and instance.pk is not None:
        # Offer documents carry the organisation's name, status and place.
        slugs = list(Offer.objects.filter(organisation_id=instance.pk).values_list("slug", flat=True))
        if slugs:
            queue_index_update("offer", slugs)


@receiver(post_delete, sender=Category, dispatch_uid="search_category_deleted")
def forget_deleted_category(sender, instance: Category, **kwargs):
    forget_category_names()


@receiver(post_save, sender=Category, dispatch_uid="search_category_saved")
def queue_category_update(sender, instance: Category, created: bool, **kwargs):
    forget_category_names()  # the English names give a query its category hints
    if not created:
        slugs = list(Offer.objects.filter(category_id=instance.pk).values_list("slug", flat=True))
        if slugs:
            queue_index_update("offer", slugs)
