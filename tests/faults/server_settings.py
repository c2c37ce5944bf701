"""The production settings, for the app served by gunicorn in fault tests.

Only static files differ: the manifest storage needs a `collectstatic` run first, which takes longer than
the whole test and has nothing to do with what the tests prove. Database connections (CONN_MAX_AGE,
CONN_HEALTH_CHECKS), DEBUG, error handling and logging are exactly production's.
"""

from config.settings.production import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
