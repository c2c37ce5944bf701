"""The production settings, for the app served by gunicorn in fault tests.

Only static files and the cache differ: the manifest storage needs a `collectstatic` run first, which takes longer than
the whole test and has nothing to do with what the tests prove. Database connections (CONN_MAX_AGE,
CONN_HEALTH_CHECKS), DEBUG, error handling and logging are exactly production's.
"""

import os

# Production refuses to start without the shared cache. The fault tests prove the database's and the
# search's failure handling with one server; the cache is not what they test, so it is process memory.
os.environ.setdefault("REDIS_URL", "redis://unused.invalid:6379/0")

from config.settings.production import *  # noqa: E402, F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
