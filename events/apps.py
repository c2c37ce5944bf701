from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and the fair")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # why: the retention functions query models, which exist only once the app registry is ready
        from config.core.privacy import register_personal_data

        # The page types live apart from events.models because they serve requests through the services
        # (which import the models); importing them here registers them with the app.
        from . import checks, floor_retention, pages, retention, visitor_retention  # noqa: F401  (checks and pages register on import)

        register_personal_data(
            self.label, purge=retention.purge, export_for=retention.export_for, erase_for=retention.erase_for
        )
        # The floor plan's listings register apart, so the fair's two holders stay small and independent.
        register_personal_data(
            f"{self.label}_floor",
            purge=floor_retention.purge,
            export_for=floor_retention.export_for,
            erase_for=floor_retention.erase_for,
        )
        # Visitors' tickets and meetings: their own holder, so their report lines read apart.
        register_personal_data(
            f"{self.label}.visitors",
            purge=visitor_retention.purge,
            export_for=visitor_retention.export_for,
            erase_for=visitor_retention.erase_for,
        )
