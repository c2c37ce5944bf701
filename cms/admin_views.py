"""Staff actions of the brand site in the Wagtail admin: letter-of-intent signatures waiting for review."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .records import LetterOfIntentSignature, SignatureReview
from .services import review_signature


class SignatureReviewForm(forms.Form):
    signature = forms.ModelChoiceField(
        queryset=LetterOfIntentSignature.objects.filter(review=SignatureReview.PENDING)
    )
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])


def signature_review_queue(request):
    """Signatures by NIPs that are not verified members (or that signed twice), each with its conflicts."""
    if not request.user.has_perm("cms.change_letterofintentsignature"):
        raise PermissionDenied
    if request.method == "POST":
        form = SignatureReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("This signature cannot be reviewed."))
            return redirect("cms_signature_review")
        try:
            review_signature(
                form.cleaned_data["signature"].pk,
                user=request.user,
                approve=form.cleaned_data["decision"] == "approve",
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The signature has been reviewed."))
        return redirect("cms_signature_review")
    pending = list(
        LetterOfIntentSignature.objects.filter(review=SignatureReview.PENDING).order_by("created_at")
    )
    rows = [
        {
            "signature": signature,
            "conflicts": LetterOfIntentSignature.objects.filter(page_id=signature.page_id, nip=signature.nip)
            .exclude(pk=signature.pk)
            .order_by("created_at"),
        }
        for signature in pending
    ]
    return TemplateResponse(request, "cms/admin/signature_review.html", {"rows": rows})
