"""Forms of the buyer's procurement pages; the services check the rules again."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.choices import QuoteAnswerStatus
from catalog.forms import CpvCodesField, PriceField

from .models import ContractType, EstimateBasis, LegalBasisTemplate
from .notes import NoteChoices


class MarketResearchNoteForm(forms.Form):
    institution = forms.CharField(label=_("Buyer's institution"), max_length=255)
    subject = forms.CharField(
        label=_("Subject of the contract"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    cpv_codes = CpvCodesField(
        label=_("CPV codes"), required=False, help_text=_("Separate codes with commas.")
    )
    estimate_basis = forms.ChoiceField(
        label=_("Basis of the estimated value"), choices=EstimateBasis.choices, widget=forms.RadioSelect
    )
    eur_rate = forms.DecimalField(
        label=_("Euro exchange rate (PLN per EUR)"),
        min_value=Decimal("0.0001"),
        max_value=Decimal("99.9999"),
        max_digits=8,
        decimal_places=4,
        localize=True,  # "4,2500" as Polish buyers type it
        help_text=_("The rate your rules require, e.g. the one of the Public Procurement Law regulation."),
    )
    criteria = forms.CharField(
        label=_("Search criteria used"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    chosen = forms.ModelChoiceField(label=_("Chosen supplier"), queryset=None, required=False)
    justification = forms.CharField(
        label=_("Justification of the choice"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    legal_basis = forms.ModelChoiceField(
        label=_("Legal basis"),
        queryset=LegalBasisTemplate.objects.filter(active=True),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, quote_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen"].queryset = quote_request.recipients.filter(
            status=QuoteAnswerStatus.QUOTED
        ).select_related("organisation")
        self.fields["chosen"].label_from_instance = lambda recipient: recipient.organisation.name
        self.fields["eur_rate"].widget.attrs["inputmode"] = "decimal"

    def choices(self) -> NoteChoices:
        return NoteChoices(**self.cleaned_data)


class OutcomeForm(forms.Form):
    awarded_to = forms.ModelChoiceField(label=_("Awarded to"), queryset=None)
    value_net = PriceField(label=_("Contract value in PLN (net)"))
    awarded_on = forms.DateField(
        label=_("Date of the award"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    contract_type = forms.ChoiceField(
        label=_("Contract type"), choices=ContractType.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["awarded_to"].queryset = recipients
        self.fields["awarded_to"].label_from_instance = lambda recipient: recipient.organisation.name


class SavedSearchForm(forms.Form):
    email = forms.EmailField(label=_("Your email"))
    consent = forms.BooleanField(
        label=_("I agree to receive a weekly email about this search; I can unsubscribe with one click."),
        error_messages={"required": _("We can only send alerts with your consent.")},
    )
