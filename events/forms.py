"""Forms of the fair: the exhibitor application and staff decisions."""

import re

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from catalog.fields import NipField
from config.core.money import pln

from .models import ExhibitorApplication, Invoice, KsefStatus, Payment, StandAddon, StandType

# Digits with the usual separators and an optional leading +; the digit count is checked separately.
PHONE = re.compile(r"^\+?[\d\s()-]+$")

APPLICATION_FIELDS = [
    "organisation_name",
    "nip",
    "legal_form",
    "address",
    "invoice_name",
    "invoice_nip",
    "invoice_address",
    "invoice_email",
    "invoice_recipient_name",
    "invoice_recipient_nip",
    "invoice_recipient_address",
    "contact_name",
    "contact_email",
    "contact_phone",
    "exhibits",
    "sells_food",
    "sanitary_requirements_confirmed",
    "accessibility_needs",
    "consent_terms",
    "consent_privacy",
]


class ExhibitorApplicationForm(forms.ModelForm):
    stand_type = forms.ModelChoiceField(
        queryset=StandType.objects.none(),
        label=_("Stand type"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose a stand type.")},
    )
    addons = forms.ModelMultipleChoiceField(
        queryset=StandAddon.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Add-ons"),
    )
    nip = NipField(label=ExhibitorApplication._meta.get_field("nip").verbose_name)
    invoice_nip = NipField(
        label=ExhibitorApplication._meta.get_field("invoice_nip").verbose_name,
        required=False,
        help_text=_("Leave empty if the buyer has no NIP (a private person)."),
    )
    invoice_recipient_nip = NipField(
        label=ExhibitorApplication._meta.get_field("invoice_recipient_nip").verbose_name, required=False
    )
    consent_terms = forms.BooleanField(label=_("I accept the fair's terms and conditions"))
    consent_privacy = forms.BooleanField(label=_("I accept the privacy notice (RODO)"))

    class Meta:
        model = ExhibitorApplication
        fields = APPLICATION_FIELDS
        widgets = {
            "exhibits": forms.Textarea(attrs={"rows": 4}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, fair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fair = fair
        self.fields["stand_type"].queryset = fair.stand_types.all()
        self.fields["addons"].queryset = fair.addons.all()
        # The choices in the page's language (English names where staff gave them).
        # Each option names the stand and its gross price, never the fair again.
        self.fields["stand_type"].label_from_instance = lambda stand: (
            f"{stand.local_name} — {pln(stand.price_gross)}"
        )
        self.fields["addons"].label_from_instance = lambda addon: (
            f"{addon.local_name} — {pln(addon.price_gross)}"
        )
        self.fields["consent_terms"].help_text = format_html(
            '<a href="#fair-terms">{}</a>', _("Read the terms and conditions of the fair")
        )
        self.fields["consent_privacy"].help_text = format_html(
            '<a href="#fair-privacy">{}</a>', _("Read the privacy notice")
        )
        self.fields["contact_phone"].widget.attrs.update({"type": "tel", "autocomplete": "tel"})
        # "— wybierz —" as on every other form of the site, instead of Django's "---------".
        legal_forms = list(self.fields["legal_form"].choices)
        if legal_forms and legal_forms[0][0] == "":
            self.fields["legal_form"].choices = [("", _("— choose —")), *legal_forms[1:]]
        self.fields["sanitary_requirements_confirmed"].label = _(
            "I confirm we meet the sanitary requirements for selling food (required when selling food)"
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sells_food") and not cleaned.get("sanitary_requirements_confirmed"):
            self.add_error(
                "sanitary_requirements_confirmed",
                _("Confirm that you meet the sanitary requirements for selling food."),
            )
        if (
            cleaned.get("invoice_recipient_nip") or cleaned.get("invoice_recipient_address")
        ) and not cleaned.get("invoice_recipient_name"):
            self.add_error(
                "invoice_recipient_name", _("Give the name of the paying unit, or leave its fields empty.")
            )
        if cleaned.get("invoice_recipient_name") and not cleaned.get("invoice_recipient_address"):
            self.add_error("invoice_recipient_address", _("Give the address of the paying unit."))
        if cleaned.get("addons") and not cleaned.get("stand_type"):
            self.add_error("addons", _("Add-ons can only be ordered with a stand."))
        return cleaned

    def clean_contact_phone(self):
        phone = self.cleaned_data.get("contact_phone", "").strip()
        digits = re.sub(r"\D", "", phone)
        if phone and (not PHONE.match(phone) or not 9 <= len(digits) <= 15):
            raise forms.ValidationError(
                _("Enter a phone number of 9 to 15 digits, e.g. 600 123 456 or +48 58 123 45 67."),
                code="invalid_phone",
            )
        return phone

    def application_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in APPLICATION_FIELDS}


def initial_from_organisation(organisation, user) -> dict:
    """Prefill the form from a member's catalogue profile."""
    address = ", ".join(
        p for p in (organisation.street, f"{organisation.postal_code} {organisation.city}".strip()) if p
    )
    legal_form = organisation.legal_form
    return {
        "organisation_name": organisation.name,
        "nip": organisation.nip,
        "legal_form": legal_form,
        "address": address,
        "invoice_name": organisation.name,
        "invoice_nip": organisation.nip,
        "invoice_address": address,
        "invoice_email": organisation.email or user.email,
        "contact_email": user.email or organisation.email,
        "contact_name": user.get_full_name(),
        "contact_phone": organisation.phone,
    }


class ConfirmActionForm(forms.Form):
    """A staff action with nothing to fill in (approve, mark a transfer paid, cancel)."""

    def __init__(self, data=None, *, application: ExhibitorApplication | None = None, **kwargs):
        super().__init__(data, **kwargs)
        self.application = application


class RejectForm(ConfirmActionForm):
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class StandNumberForm(ConfirmActionForm):
    stand_number = forms.CharField(label=_("Stand number"), max_length=16)


class RefundForm(ConfirmActionForm):
    payment = forms.ModelChoiceField(queryset=Payment.objects.none(), widget=forms.HiddenInput)
    amount = forms.DecimalField(
        label=_("Amount in PLN (empty = everything refundable)"),
        required=False,
        min_value=0,
        decimal_places=2,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    def __init__(self, data=None, *, application: ExhibitorApplication | None = None, **kwargs):
        super().__init__(data, application=application, **kwargs)
        if application is not None:
            self.fields["payment"].queryset = application.payments.all()

    def amount_grosze(self) -> int | None:
        """The amount in grosze, or None for everything still refundable."""
        amount = self.cleaned_data["amount"]
        return None if amount is None else int(amount * 100)


class SessionSignupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    email = forms.EmailField(label=_("Email"))
    consent_privacy = forms.BooleanField(label=_("I accept the privacy notice (RODO)"))


class StatementUploadForm(forms.Form):
    """A bank statement uploaded by staff; its size is checked before it is read."""

    statement = forms.FileField(label=_("Bank statement (MT940 or camt.053)"))

    def clean_statement(self):
        upload = self.cleaned_data["statement"]
        if upload.size > settings.BANK_STATEMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (at most %(size)d kB).")
                % {"size": settings.BANK_STATEMENT_MAX_BYTES // 1024}
            )
        return upload


class InvoiceFilterForm(forms.Form):
    """Filters of the invoice register; unknown values are ignored rather than refused."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    ksef_status = forms.ChoiceField(label=_("KSeF status"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label=_("Number or buyer"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All")), *Invoice.Kind.choices]
        self.fields["ksef_status"].choices = [("", _("All")), *KsefStatus.choices]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "ksef_status": data["ksef_status"],
            "year": str(data["year"] or ""),
            "query": data["q"],
        }
