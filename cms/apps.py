from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Brand site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # why: the retention functions query models, which exist only once the app registry is ready
        from config.core.privacy import register_personal_data

        from . import retention

        register_personal_data(
            self.label, purge=retention.purge, export_for=retention.export_for, erase_for=retention.erase_for
        )
