"""The staff moderation queue in the Wagtail admin: offers waiting for review, approve or reject."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import OfferStatus
from .models import Offer, Organisation
from .services.portal import MODERATION_APPROVE, invite_member, moderate_offer


class InvitationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    email = forms.EmailField(label=gettext_lazy("Email of the person to invite"))


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


def invite_member_view(request):
    if not request.user.is_staff:
        raise PermissionDenied
    form = InvitationForm(request.POST or None, initial={"organisation": request.GET.get("organisation")})
    if request.method == "POST" and form.is_valid():
        invite_member(
            form.cleaned_data["organisation"], email=form.cleaned_data["email"], invited_by=request.user
        )
        messages.success(
            request,
            _("Invitation sent to %(email)s for %(name)s.")
            % {"email": form.cleaned_data["email"], "name": form.cleaned_data["organisation"].name},
        )
        return redirect("catalog_invite_member")
    return TemplateResponse(request, "catalog/admin/invite_member.html", {"form": form})
