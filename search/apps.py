from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "catalog_search"  # "search" is taken by wagtail.search's tables
    verbose_name = _("Catalogue search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # why: the receivers are connected to models, which exist only once the app registry is ready
        from . import signals  # noqa: F401  (connects the outbox receivers)
