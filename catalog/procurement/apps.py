from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "catalog.procurement"
    label = "procurement"
    verbose_name = _("Public procurement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # why: the retention functions query models, which exist only once the app registry is ready
        from config.core.privacy import register_personal_data

        from . import retention
        from .legal_basis_defaults import seed_legal_bases

        post_migrate.connect(seed_legal_bases, sender=self, dispatch_uid="procurement.seed_legal_bases")
        register_personal_data(
            self.label, purge=retention.purge, export_for=retention.export_for, erase_for=retention.erase_for
        )
