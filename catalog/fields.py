"""Form fields shared by every form that asks for catalogue identifiers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .rules import normalise_nip, validate_nip

# Room for what people paste: "PL 739-371-23-03" is 16 characters and a valid NIP.
NIP_INPUT_LENGTH = 16


class NipField(forms.CharField):
    """A NIP as people type it, with dashes, spaces or the PL prefix: compacted, then checksum-validated."""

    default_validators = [validate_nip]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", NIP_INPUT_LENGTH)
        kwargs.setdefault("help_text", _("10 digits; dashes and spaces are ignored."))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_nip(value) if value else value
