"""Forms of the staff viewsets in the Wagtail admin."""

from wagtail.admin.forms import WagtailAdminModelForm


class CpvCodeAdminForm(WagtailAdminModelForm):
    """The code is the key: it is typed once. Changing it on edit would save a second entry beside the first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            self.fields["code"].disabled = True
