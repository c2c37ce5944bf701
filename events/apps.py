from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and the fair")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Django imports events.models at app loading; the page types live apart because they serve
        # requests through the services (which import the models), so they are registered here.
        from . import checks, pages  # noqa: F401  (registers the system checks and the page types)
