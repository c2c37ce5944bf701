"""The exhibitor's choice of hours for meeting slots on the fair day."""

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from catalog.rules import MAX_PRICE_GROSZE
from config.core.money import format_pln


def _quarter_hours(fair) -> list[tuple[str, str]]:
    moment, end, choices = timezone.localtime(fair.starts_at), timezone.localtime(fair.ends_at), []
    while moment <= end:
        choices.append((moment.isoformat(), moment.strftime("%H:%M")))
        moment += timedelta(minutes=15)
    return choices


class SlotRangeForm(forms.Form):
    start = forms.ChoiceField(label=_("From"))
    end = forms.ChoiceField(label=_("To"))

    def __init__(self, *args, fair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = self.fields["end"].choices = _quarter_hours(fair)

    def clean(self):
        data = super().clean()
        for field in ("start", "end"):
            if data.get(field):
                data[field] = timezone.datetime.fromisoformat(data[field])
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            raise forms.ValidationError(_("The end must be after the start."))
        return data


class PlnAmountField(forms.DecimalField):
    """An amount in złoty as people type it: "12 000,50" with any kind of space between the thousands
    (Django's localized input only drops the locale's own separator, a no-break space)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split()).replace("\u202f", "")
        return super().to_python(value)


class FollowUpForm(forms.Form):
    """After the fair: did a quote or a deal follow the meeting? The value is optional, net PLN."""

    answer = forms.ChoiceField(label=_("Did a quote or a deal follow?"), widget=forms.RadioSelect)
    value_net = PlnAmountField(
        label=_("Contract value, net (PLN), optional"),
        required=False,
        min_value=0,
        # The most the social-spend ledger takes for one contract (integer grosze).
        max_value=Decimal(MAX_PRICE_GROSZE) / 100,
        max_digits=12,
        decimal_places=2,
        localize=True,  # "12 000,50" as Polish people type it
        error_messages={
            "max_value": format_lazy(
                "{} {}", _("A contract value can be at most"), format_pln(MAX_PRICE_GROSZE)
            )
        },
    )

    def __init__(self, *args, **kwargs):
        from .models import FollowUp

        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = FollowUp.choices


class StandStaffForm(forms.Form):
    """The exhibitor's stand staff for badges, one name a line."""

    names = forms.CharField(
        label=_("Stand staff (one name and surname a line)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=2000,
    )

    def clean_names(self) -> list[str]:
        return self.cleaned_data["names"].splitlines()
