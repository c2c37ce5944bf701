"""Forms of the catalogue: the buyer's quote request, the supplier's answer and the portal's edits."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image

from .choices import BuyerType, Certificate, PriceUnit, QuoteAnswerStatus
from .fields import NipField
from .models import Offer, Organisation, OrganisationGalleryImage, QuoteRequest
from .rules import (
    QUOTE_ATTACHMENT_MAX_BYTES,
    QUOTE_LEAD_TIME_MAX_DAYS,
    QUOTE_VAT_RATES,
    grosze_from_pln,
    validate_cpv,
    validate_quote_attachment,
)
from .services.quotes import QuoteTerms


class PriceField(forms.Field):
    """A PLN amount typed with a comma or a dot; cleans to integer grosze."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "maxlength": "16"})

    def to_python(self, value):
        value = (value or "").strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if isinstance(value, str) and len(value) > 16:
            raise ValidationError(_("Enter a price in PLN, e.g. 12.50."), code="invalid_price")
        grosze = grosze_from_pln(value)
        if grosze < 0:
            raise ValidationError(_("A price cannot be negative."), code="negative_price")
        return grosze


class QuoteRequestForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that the selected suppliers and the cluster process my contact details to answer this request."
        ),
        error_messages={"required": _("We can only send your request with your consent.")},
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = QuoteRequest
        fields = [
            "description",
            "quantity",
            "deadline",
            "answers_due",
            "place",
            "buyer_type",
            "buyer_name",
            "buyer_organisation",
            "buyer_email",
            "buyer_phone",
        ]
        widgets = {
            "buyer_type": forms.RadioSelect,
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "answers_due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "description": _("What, for whom, any requirements (diets, materials, standards)."),
            "quantity": _("E.g. 120 portions, 300 m², 2 days."),
            "answers_due": _(
                "Suppliers who have not answered are reminded two days before. Empty: the date above."
            ),
            "place": _("Town or address where the order is delivered."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["buyer_email"].widget.attrs["autocomplete"] = "email"
        self.fields["buyer_name"].widget.attrs["autocomplete"] = "name"
        self.fields["buyer_phone"].widget.attrs["autocomplete"] = "tel"
        # A radio group needs no "---------" choice: nothing is pre-selected until the buyer picks one.
        self.fields["buyer_type"].choices = BuyerType.choices

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise ValidationError(_("The date cannot be in the past."), code="deadline_in_past")
        return deadline

    def clean_answers_due(self):
        due = self.cleaned_data.get("answers_due")
        if due is not None and due < timezone.localdate():
            raise ValidationError(_("The date cannot be in the past."), code="deadline_in_past")
        return due

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Your request could not be sent."), code="honeypot")
        return ""

    @property
    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    @property
    def retention_days(self) -> int:
        """What the privacy notice promises: the same setting apply_data_retention deletes by."""
        return settings.DATA_RETENTION_DAYS["quote_requests"]


class QuoteAnswerForm(forms.Form):
    """The supplier's structured answer; the service checks the terms again (one owner of each rule)."""

    status = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (QuoteAnswerStatus.QUOTED, _("I send a quote")),
            (QuoteAnswerStatus.DECLINED, _("I cannot take this order")),
        ],
        widget=forms.RadioSelect,
    )
    price = PriceField(
        label=_("Price in PLN (net)"),
        required=False,
        help_text=_("Total net price for the requested quantity, e.g. 1250,00."),
    )
    vat_rate = forms.TypedChoiceField(
        label=_("VAT rate"),
        choices=[("", "—")] + [(rate, f"{rate}%") for rate in QUOTE_VAT_RATES],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Choose 0% when you are exempt from VAT."),
    )
    unit = forms.ChoiceField(label=_("Price unit"), choices=[("", "—"), *PriceUnit.choices], required=False)
    lead_time_days = forms.IntegerField(
        label=_("Lead time (days)"), min_value=0, max_value=QUOTE_LEAD_TIME_MAX_DAYS, required=False
    )
    valid_until = forms.DateField(
        label=_("Quote valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the price includes, payment terms, availability."),
    )
    attachment = forms.FileField(
        label=_("Attachment (PDF, up to 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    decline_reason = forms.CharField(
        label=_("Why you cannot take it"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    message = forms.CharField(
        label=_("Message to the buyer"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        # Read one byte past the limit: enough to refuse a larger file without holding all of it.
        content = upload.read(QUOTE_ATTACHMENT_MAX_BYTES + 1)
        validate_quote_attachment(content)
        return (content, upload.name)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == QuoteAnswerStatus.QUOTED:
            for name, message in (
                ("price", _("A quote needs a price.")),
                ("vat_rate", _("Choose a VAT rate.")),
            ):
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, ValidationError(message, code=f"{name}_required"))
        elif (
            cleaned.get("status") == QuoteAnswerStatus.DECLINED
            and not cleaned.get("decline_reason", "").strip()
        ):
            self.add_error(
                "decline_reason", ValidationError(_("Tell the buyer why you cannot take it."), code="reason")
            )
        return cleaned

    def answer(self) -> dict:
        """Keyword arguments of catalog.services.quotes.answer_quote_request."""
        data = self.cleaned_data
        answer = {"status": data["status"], "message": data.get("message", "")}
        if data["status"] == QuoteAnswerStatus.DECLINED:
            return {**answer, "decline_reason": data["decline_reason"]}
        content, name = data.get("attachment") or (None, "")
        return {
            **answer,
            "terms": QuoteTerms(
                price=data["price"],
                vat_rate=data["vat_rate"],
                unit=data.get("unit", ""),
                lead_time_days=data.get("lead_time_days"),
                valid_until=data.get("valid_until"),
                conditions=data.get("conditions", ""),
                attachment=content,
                attachment_name=name,
            ),
        }


class ListOfTextField(forms.CharField):
    """A list typed as comma-separated text (tags, places); cleans to a list of stripped strings."""

    def to_python(self, value):
        value = super().to_python(value)
        return [item.strip() for item in value.replace("\n", ",").split(",") if item.strip()]

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value


class CpvCodesField(ListOfTextField):
    def validate(self, value):
        if self.required and not value:
            raise ValidationError(_("Enter at least one CPV code, e.g. 90910000-9."), code="required")
        invalid = []
        for code in value:
            try:
                validate_cpv(code)
            except ValidationError:
                invalid.append(code)
        if invalid:
            raise ValidationError(
                _("Not a CPV code in the format NNNNNNNN-N (e.g. 90910000-9): %(codes)s"),
                code="invalid_cpv",
                params={"codes": ", ".join(invalid)},
            )


class UploadedImageField(forms.ImageField):
    """Pillow-verified image with size and pixel limits (decompression bombs are refused)."""

    default_error_messages = {
        "invalid_image": _(
            "Upload a JPEG, PNG, GIF or WebP image. The file you chose is not an image or is damaged."
        ),
    }

    def to_python(self, data):
        if data is not None and getattr(data, "size", 0) > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
            raise ValidationError(
                _("The image is too large: at most %(size)s MB."),
                code="file_too_large",
                params={"size": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE // (1024 * 1024)},
            )
        try:
            upload = super().to_python(data)
        except Image.DecompressionBombError as error:
            raise ValidationError(_("The image has too many pixels."), code="too_many_pixels") from error
        if upload is not None:
            width, height = upload.image.size
            if width * height > min(
                settings.MEMBER_IMAGE_MAX_PIXELS, settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
            ):
                raise ValidationError(_("The image has too many pixels."), code="too_many_pixels")
            if upload.image.format not in ("JPEG", "PNG", "GIF", "WEBP"):
                raise ValidationError(self.error_messages["invalid_image"], code="invalid_image")
        return upload


GALLERY_FULL = _("The gallery is full: remove an image before you add another.")


class OrganisationForm(forms.ModelForm):
    certificates = forms.MultipleChoiceField(
        label=_("Certificates"),
        choices=Certificate.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    nip = NipField(label=Organisation._meta.get_field("nip").verbose_name)
    logo_upload = UploadedImageField(
        label=_("New logo"), required=False, help_text=_("JPEG, PNG, GIF or WebP, up to 10 MB.")
    )
    gallery_upload = UploadedImageField(
        label=_("Add a gallery image"), required=False, help_text=_("JPEG, PNG, GIF or WebP, up to 10 MB.")
    )
    gallery_caption = forms.CharField(
        label=_("Gallery image description (alternative text)"),
        required=False,
        max_length=255,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    gallery_remove = forms.ModelMultipleChoiceField(
        label=_("Remove from the gallery"),
        queryset=OrganisationGalleryImage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "nip",
            "regon",
            "krs",
            "description",
            "description_en",
            "social_mission",
            "street",
            "postal_code",
            "city",
            "powiat",
            "subregion",
            "website",
            "email",
            "phone",
            "employees_total",
            "employees_disadvantaged",
            "certificates",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 4, "lang": "en"}),
            "social_mission": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this organisation's images can be chosen: another's id is refused as an invalid choice.
        gallery = (
            OrganisationGalleryImage.objects.filter(organisation=self.instance) if self.instance.pk else []
        )
        if gallery:
            field = self.fields["gallery_remove"]
            field.queryset = gallery.select_related("image")
            field.label_from_instance = lambda item: item.caption or item.image.title
        else:
            del self.fields["gallery_remove"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("gallery_upload") and not cleaned.get("gallery_caption", "").strip():
            self.add_error(
                "gallery_caption",
                ValidationError(_("Describe the image for people who cannot see it."), code="alt_required"),
            )
        if cleaned.get("gallery_upload") and self.instance.pk:
            kept = self.instance.gallery_images.count() - len(cleaned.get("gallery_remove") or [])
            if kept >= settings.GALLERY_MAX_IMAGES:
                self.add_error("gallery_upload", ValidationError(GALLERY_FULL, code="gallery_full"))
        return cleaned

    @property
    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    @property
    def gallery_changes(self) -> dict:
        """What update_organisation needs to change the gallery: an upload with its caption, removals."""
        return {
            "gallery_image": self.cleaned_data.get("gallery_upload"),
            "gallery_caption": self.cleaned_data.get("gallery_caption", "").strip(),
            "gallery_remove": list(self.cleaned_data.get("gallery_remove") or []),
        }


class OfferForm(forms.ModelForm):
    cpv_codes = CpvCodesField(
        label=_("CPV codes"),
        help_text=_("One or more codes separated by commas, e.g. 55520000-1, 55523100-3."),
    )
    price_from = PriceField(label=_("Price from (PLN, net)"), required=False)
    price_to = PriceField(
        label=_("Price to (PLN, net)"),
        required=False,
        help_text=_("Leave both prices empty for “price on request”."),
    )
    service_area = ListOfTextField(
        label=_("Service area"),
        required=False,
        help_text=_("Towns or counties separated by commas, or “województwo pomorskie”."),
    )
    tags = ListOfTextField(label=_("Tags"), required=False, help_text=_("Keywords separated by commas."))
    image_upload = UploadedImageField(
        label=_("Add an image"), required=False, help_text=_("JPEG, PNG, GIF or WebP, up to 10 MB.")
    )
    image_alt_text = forms.CharField(
        label=_("Image description (alternative text)"),
        required=False,
        max_length=255,
        help_text=_("What the image shows, for people who cannot see it."),
    )

    class Meta:
        model = Offer
        fields = [
            "kind",
            "title",
            "description",
            "title_en",
            "description_en",
            "category",
            "cpv_codes",
            "price_from",
            "price_to",
            "price_unit",
            "service_area",
            "lead_time_days",
            "minimum_order",
            "capacity_note",
            "tags",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            # lang="en": screen readers and spell checkers treat the English fields as English.
            "title_en": forms.TextInput(attrs={"lang": "en"}),
            "description_en": forms.Textarea(attrs={"rows": 4, "lang": "en"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("price_from", "price_to"):
                value = getattr(self.instance, name)
                if value is not None:
                    self.initial[name] = f"{value // 100},{value % 100:02d}"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image_upload") and not cleaned.get("image_alt_text", "").strip():
            self.add_error(
                "image_alt_text",
                ValidationError(_("Describe the image for people who cannot see it."), code="alt_required"),
            )
        return cleaned

    @property
    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
