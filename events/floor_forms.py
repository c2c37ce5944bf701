"""Forms of the floor plan, the stand choice and the exhibitor listing; the services decide the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.choices import Subregion
from catalog.models import Category, Offer

from .floor_svg import MAX_BYTES
from .models import ExhibitorLegalForm, ExhibitorListing, FloorPlan, Stand, StandType
from .services.listings import LISTING_FIELDS


class StandChoiceForm(forms.Form):
    """The list view of the plan: one radio button per stand the exhibitor may take (the template
    renders them with their status; the SVG plan only selects one of these)."""

    stand = forms.ModelChoiceField(queryset=Stand.objects.none(), widget=forms.RadioSelect, label=_("Stand"))

    def __init__(self, *args, stands, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stand"].queryset = stands


class ListingForm(forms.ModelForm):
    products = forms.ModelMultipleChoiceField(
        queryset=Offer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("products from the catalogue"),
    )

    class Meta:
        model = ExhibitorListing
        fields = list(LISTING_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation is not None:
            self.fields["products"].queryset = Offer.objects.public().filter(organisation=organisation)
        else:
            del self.fields["products"]


class PlanUploadForm(forms.Form):
    svg = forms.FileField(
        label=_("plan (SVG)"), help_text=_("At most 512 KB; scripts and links are removed.")
    )

    def clean_svg(self):
        upload = self.cleaned_data["svg"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The plan is larger than %(kb)s KB.") % {"kb": MAX_BYTES // 1024})
        if not upload.name.lower().endswith(".svg"):
            raise forms.ValidationError(_("The plan is not a valid SVG file."))
        return upload.read()


class PlanSettingsForm(forms.ModelForm):
    class Meta:
        model = FloorPlan
        fields = [
            "priority_until",
            "priority_eligibility",
            "payment_deadline",
            "listing_deadline",
            "logistics_deadline",
        ]
        widgets = {
            name: forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            for name in ("priority_until", "payment_deadline", "listing_deadline", "logistics_deadline")
        }


class StandMapForm(forms.Form):
    shape_id = forms.ChoiceField(label=_("shape id in the plan"))
    number = forms.CharField(label=_("stand number"), max_length=16)
    stand_type = forms.ModelChoiceField(queryset=StandType.objects.none(), label=_("stand type"))
    zone = forms.CharField(label=_("zone"), max_length=60, required=False)
    width_cm = forms.IntegerField(label=_("width (cm)"), min_value=50, initial=300)
    depth_cm = forms.IntegerField(label=_("depth (cm)"), min_value=50, initial=300)
    corner = forms.BooleanField(label=_("corner stand"), required=False)
    power = forms.BooleanField(label=_("power socket"), required=False)
    accessible = forms.BooleanField(label=_("step-free access"), required=False, initial=True)

    def __init__(self, *args, fair, shape_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stand_type"].queryset = fair.stand_types.all()
        self.fields["shape_id"].choices = [(s, s) for s in shape_ids]

    def attributes(self) -> dict:
        return {
            k: self.cleaned_data[k] for k in ("zone", "width_cm", "depth_cm", "corner", "power", "accessible")
        }


class ListingReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Publish")), ("changes", _("Ask for changes"))], label=_("decision")
    )
    note = forms.CharField(label=_("staff note"), max_length=300, required=False)


class MoveStandForm(forms.Form):
    stand = forms.ModelChoiceField(queryset=Stand.objects.none(), label=_("new stand"))

    def __init__(self, *args, fair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stand"].queryset = Stand.objects.filter(floor_plan__fair=fair)


class CatalogueFilterForm(forms.Form):
    category = forms.ModelChoiceField(queryset=Category.objects.all(), required=False, label=_("category"))
    subregion = forms.ChoiceField(
        choices=[("", "—"), *Subregion.choices], required=False, label=_("subregion")
    )
    legal_form = forms.ChoiceField(
        choices=[("", "—"), *ExhibitorLegalForm.choices], required=False, label=_("legal form")
    )
    zone = forms.ChoiceField(choices=[("", "—")], required=False, label=_("zone"))

    def __init__(self, *args, zones=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].choices = [("", "—"), *((z, z) for z in zones)]
