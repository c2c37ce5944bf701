"""Forms of visitors: the ticket registration and the typed code at the check-in desk."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ParticipantType, Sector


class VisitorRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    email = forms.EmailField(label=_("Email"))
    organisation = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    participant_type = forms.ChoiceField(label=_("I take part as"), choices=ParticipantType.choices)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    consent_privacy = forms.BooleanField(
        label=_(
            "I agree to the processing of my data to organise the event and report attendance to the funder"
        )
    )


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Ticket code"), max_length=64)
