from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def load_cpv_dictionary(sender, app_config, using, apps=None, **kwargs):
    """Keep the curated CPV dictionary in every database after `migrate` (and after a test flush).

    A hook rather than a data migration: the file is reference data that changes with the code, the
    load is an idempotent upsert costing three queries, and no migration number is taken from the
    other branches of the catalogue app.
    """
    # why: apps.py is imported before the models, and catalog.services (the package) imports them
    from .services.cpv import load_cpv_codes

    try:
        model = (apps or app_config.apps).get_model("catalog", "CpvCode")
    except LookupError:  # migrated back to before the dictionary existed
        return
    load_cpv_codes(model=model, using=using)


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Catalogue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # why: the retention functions query models, which exist only once the app registry is ready
        from config.core.privacy import register_personal_data

        from . import retention

        post_migrate.connect(load_cpv_dictionary, sender=self, dispatch_uid="catalog.load_cpv_dictionary")
        register_personal_data(
            self.label, purge=retention.purge, export_for=retention.export_for, erase_for=retention.erase_for
        )
