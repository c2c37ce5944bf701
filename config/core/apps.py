from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "config.core"
    label = "core"
    verbose_name = _("Platform core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .staff_roles import setup_staff_roles_after_migrate

        # Every deployment gets the staff roles' groups (config/core/staff_roles.py) with its migrations.
        post_migrate.connect(setup_staff_roles_after_migrate, dispatch_uid="setup_staff_roles")
