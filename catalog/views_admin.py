"""The staff moderation queue in the Wagtail admin: offers waiting for review, approve or reject."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .choices import OfferStatus
from .models import Offer
from .services.portal import MODERATION_APPROVE, moderate_offer


def moderation_queue(request):
    if not request.user.is_staff:
        raise PermissionDenied
    if request.method == "POST":
        decision = request.POST.get("decision", "")
        try:
            offer = moderate_offer(
                int(request.POST.get("offer", "0") or 0),
                user=request.user,
                decision=decision,
                note=request.POST.get("note", ""),
            )
        except (ValidationError, Offer.DoesNotExist, ValueError) as error:
            messages.error(
                request, " ".join(getattr(error, "messages", [_("This offer cannot be decided.")]))
            )
        else:
            if decision == MODERATION_APPROVE:
                messages.success(request, _("“%(title)s” is published.") % {"title": offer.title})
            else:
                messages.success(request, _("“%(title)s” went back to the member.") % {"title": offer.title})
        return redirect("catalog_moderation")
    offers = (
        Offer.objects.filter(status=OfferStatus.PENDING_REVIEW)
        .select_related("organisation", "category")
        .order_by("updated_at")
    )
    return TemplateResponse(request, "catalog/admin/moderation_queue.html", {"offers": offers})
