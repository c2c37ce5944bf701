"""Public forms of the brand site. They validate input; the workflows live in cms.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.choices import LegalForm, Subregion
from catalog.fields import NipField
from catalog.models import Organisation
from catalog.rules import subregion_for_county, validate_krs

from .services import ContactMessageInput, MembershipApplication, SignatureInput


class AccessibleFormMixin:
    """Marks invalid fields with aria-invalid and ties help and error text to each field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"id_{name}")

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                described = [f"id_{name}_error"]
                if self.fields[name].help_text:
                    described.insert(0, f"id_{name}_helptext")
                widget.attrs["aria-describedby"] = " ".join(described)
        for name, field in self.fields.items():
            if field.help_text and "aria-describedby" not in field.widget.attrs:
                field.widget.attrs["aria-describedby"] = f"id_{name}_helptext"


class MembershipApplicationForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=255)
    # An empty first choice: nothing is pre-selected, so a skipped field is an error, not a wrong value.
    legal_form = forms.ChoiceField(label=_("Legal form"), choices=[("", _("— choose —")), *LegalForm.choices])
    nip = NipField(label=_("NIP"))
    krs = forms.CharField(label=_("KRS number"), max_length=10, required=False)
    ps_status = forms.BooleanField(label=_("We have the social enterprise (PS) status"), required=False)
    city = forms.CharField(label=_("Town"), max_length=120)
    powiat = forms.CharField(label=_("County (powiat)"), max_length=120)
    subregion = forms.ChoiceField(
        label=_("OWES subregion"),
        choices=[("", _("— choose —")), *Subregion.choices],
        required=False,
        help_text=_("Leave it empty for a county of Pomorskie: we fill it in from the county."),
    )
    contact_person = forms.CharField(label=_("Contact person"), max_length=255)
    email = forms.EmailField(label=_("Email"))
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    # The model's URLField holds 200 characters: a longer address is a field error, not a 500.
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https", max_length=200)
    description = forms.CharField(
        label=_("What does your organisation do?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to the processing of the data in this form by ROPS in Gdańsk to handle the "
            "membership application."
        )
    )

    @property
    def nip_is_taken(self) -> bool:
        """The NIP is already in the catalogue: the page reports a conflict to staff instead of refusing."""
        return Organisation.objects.filter(nip=self.cleaned_data["nip"]).exists()

    def clean(self):
        cleaned = super().clean()
        derived = subregion_for_county(cleaned.get("powiat") or "")
        chosen = cleaned.get("subregion")
        if not chosen and derived:
            cleaned["subregion"] = derived
        elif not chosen and "powiat" in cleaned:
            self.add_error("subregion", _("Choose the subregion: we do not recognise this county."))
        elif chosen and derived and chosen != derived:
            self.add_error(
                "subregion",
                _("This county belongs to the %(subregion)s.") % {"subregion": Subregion(derived).label},
            )
        return cleaned

    def clean_krs(self):
        krs = self.cleaned_data["krs"].strip()
        validate_krs(krs)
        return krs

    def application(self) -> MembershipApplication:
        data = self.cleaned_data
        return MembershipApplication(
            name=data["name"],
            legal_form=data["legal_form"],
            nip=data["nip"],
            krs=data["krs"],
            ps_status=data["ps_status"],
            city=data["city"],
            powiat=data["powiat"],
            subregion=data["subregion"],
            contact_person=data["contact_person"],
            email=data["email"],
            phone=data["phone"],
            website=data["website"],
            description=data["description"],
        )


class LetterOfIntentForm(AccessibleFormMixin, forms.Form):
    organisation_name = forms.CharField(label=_("Organisation"), max_length=255)
    nip = NipField(label=_("NIP"))
    signatory_name = forms.CharField(label=_("Name of the signatory"), max_length=255)
    signatory_role = forms.CharField(
        label=_("Role of the signatory"), max_length=255, help_text=_("For example: President of the board.")
    )
    email = forms.EmailField(
        label=_("Email"), help_text=_("We will send a link to confirm the signature to this address.")
    )
    consent = forms.BooleanField(
        label=_(
            "I declare that I may represent the organisation and I agree to the publication of its name, "
            "and of my name and role, in the list of signatories."
        )
    )

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page

    def signature(self) -> SignatureInput:
        data = self.cleaned_data
        return SignatureInput(
            organisation_name=data["organisation_name"],
            nip=data["nip"],
            signatory_name=data["signatory_name"],
            signatory_role=data["signatory_role"],
            email=data["email"],
        )


class ContactForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=255)
    email = forms.EmailField(label=_("Email"))
    subject = forms.CharField(label=_("Subject"), max_length=255)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by naive bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def message_input(self) -> ContactMessageInput:
        data = self.cleaned_data
        return ContactMessageInput(
            name=data["name"], email=data["email"], subject=data["subject"], message=data["message"]
        )


class PatternSampleForm(AccessibleFormMixin, forms.Form):
    """A form for the pattern page (/wzorce/): every field type the site's forms use, never submitted."""

    name = forms.CharField(label=_("Name of the organisation"), max_length=255)
    email = forms.EmailField(
        label=_("Email"), help_text=_("We will send a link to confirm the signature to this address.")
    )
    legal_form = forms.ChoiceField(label=_("Legal form"), choices=[("", _("— choose —")), *LegalForm.choices])
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    consent = forms.BooleanField(label=_("I accept the regulations"), required=False)
