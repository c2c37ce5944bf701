"""Staff queues in the Wagtail admin: offers waiting for review, verified facts waiting for verification,
and member invitations. Each validates a form and calls one service."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.snippets.views.snippets import CreateView, EditView

from config.core.quotes import for_quoting

from .choices import OfferStatus
from .models import FactChange, Offer, Organisation
from .rules import VERIFIED_FACTS
from .services.portal import MODERATION_APPROVE, invite_member, moderate_offer
from .services.verification import approve_fact_change, record_staff_fact_edit, reject_fact_change


class InvitationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    email = forms.EmailField(label=gettext_lazy("Email of the person to invite"))


def moderation_queue(request):
    if not request.user.has_perm("catalog.change_offer"):
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
                messages.success(
                    request, _("“%(title)s” is published.") % {"title": for_quoting(offer.title)}
                )
            else:
                messages.success(
                    request, _("“%(title)s” went back to the member.") % {"title": for_quoting(offer.title)}
                )
        return redirect("catalog_moderation")
    offers = (
        Offer.objects.filter(status=OfferStatus.PENDING_REVIEW)
        .select_related("organisation", "category")
        .order_by("updated_at")
    )
    return TemplateResponse(request, "catalog/admin/moderation_queue.html", {"offers": offers})


def invite_member_view(request):
    if not request.user.has_perm("catalog.change_organisation"):
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


class FactDecisionForm(forms.Form):
    change = forms.ModelChoiceField(queryset=FactChange.objects.filter(status=FactChange.Status.PENDING))
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])
    note = forms.CharField(required=False, max_length=2000)


def fact_changes_queue(request):
    """Members' proposed changes of verified facts, each beside the current verified value."""
    if not request.user.has_perm("catalog.change_factchange"):
        raise PermissionDenied
    if request.method == "POST":
        form = FactDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("This change cannot be decided."))
            return redirect("catalog_fact_changes")
        change = form.cleaned_data["change"]
        try:
            if form.cleaned_data["decision"] == "approve":
                approve_fact_change(change.pk, user=request.user)
                messages.success(request, _("The change is verified and public."))
            else:
                reject_fact_change(change.pk, user=request.user, note=form.cleaned_data["note"])
                messages.success(request, _("The change was rejected; the verified value stays."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("catalog_fact_changes")
    changes = (
        FactChange.objects.filter(status=FactChange.Status.PENDING)
        .select_related("organisation")
        .order_by("requested_at")
    )
    rows = [
        {
            "change": change,
            "label": Organisation._meta.get_field(change.field).verbose_name,
        }
        for change in changes
    ]
    return TemplateResponse(request, "catalog/admin/fact_changes.html", {"rows": rows})


class VerifiedFactsEditMixin:
    """Staff who change an organisation's verified facts in the admin verify them: the facts' verification
    time and role are updated and the audit log says which facts, to what and in which role."""

    def save_instance(self):
        # Compared with the stored row, not the form's changed_data: a JSON field (certificates) reads as
        # changed whenever its text is formatted differently.
        stored = Organisation.objects.filter(pk=self.form.instance.pk).values(*VERIFIED_FACTS).first() or {}
        instance = super().save_instance()
        changed = [
            name for name in VERIFIED_FACTS if name not in stored or stored[name] != getattr(instance, name)
        ]
        record_staff_fact_edit(instance, changed, user=self.request.user)
        return instance


class OrganisationCreateView(VerifiedFactsEditMixin, CreateView):
    pass


class OrganisationEditView(VerifiedFactsEditMixin, EditView):
    pass
