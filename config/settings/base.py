"""Settings shared by every environment. Values come from the environment, with safe development defaults."""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first, so their templates and static files win over the libraries'.
    "cms",
    "catalog",
    "events",
    "search",
    "catalog.procurement",
    "config.core",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "mailer",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "health_check",
    # django-ninja's own static files: Swagger UI served from our origin, not a CDN (see the CSP).
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "config.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything that reads the host or the client address (see each module's docstring); after
    # the two above, so probes carry the security headers too (their redirect exempts the probes).
    "config.health_probe.HealthProbeMiddleware",
    "config.client_ip.TrustedProxyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After authentication and messages: the admin needs a second factor when STAFF_REQUIRE_MFA is on.
    "config.staff_mfa.StaffSecondFactorMiddleware",
    # Last, as django-axes requires: it turns lockouts raised by authentication into responses.
    "axes.middleware.AxesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Container healthchecks call the probes over plain HTTP on the app's own port (config/health_probe.py).
SECURE_REDIRECT_EXEMPT = [r"^health/(live|ready)/$"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True

# Polish first, English second; English pages live under /en/.
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "site" / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
# Polish short dates as 30.12.2026 (config/formats/pl/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: Pillow's decompression-bomb guard plus hard size limits.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Members' logos, gallery and offer images: far below the library's limit, because every one is scaled
# into several renditions (a 36 Mpx photo takes seconds each); 12 Mpx is a 4000 × 3000 phone photo.
MEMBER_IMAGE_MAX_PIXELS = int(os.environ.get("MEMBER_IMAGE_MAX_PIXELS", "12000000"))
GALLERY_MAX_IMAGES = int(os.environ.get("GALLERY_MAX_IMAGES", "12"))

WAGTAIL_SITE_NAME = "Pomorska Ekonomia Społeczna"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SITE_URL = WAGTAILADMIN_BASE_URL
# CMS page search stays on Wagtail's database backend: its Elasticsearch backend needs analysis
# modules that the test distribution of Elasticsearch lacks. Catalogue search lives in search/.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Every email is first stored in the database by django-mailer and delivered by its worker
# (`manage.py runmailer_pg`); a failed delivery is deferred and retried (`retry_deferred`), never lost.
EMAIL_BACKEND = "mailer.backend.DbBackend"
MAILER_EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# The sender lock is per host: one delivery loop per machine (or container) at a time.
MAILER_LOCK_PATH = os.path.join(tempfile.gettempdir(), "pes-mailer")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Pomorska Ekonomia Społeczna <no-reply@pes.pomorskie.eu>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Anti-abuse limits of buyer quote requests, per sliding hour.
QUOTE_REQUESTS_PER_EMAIL_PER_HOUR = int(os.environ.get("QUOTE_REQUESTS_PER_EMAIL_PER_HOUR", "3"))
QUOTE_REQUESTS_PER_IP_PER_HOUR = int(os.environ.get("QUOTE_REQUESTS_PER_IP_PER_HOUR", "5"))
# Accepted submissions per client address and hour of the other public forms (config/core/ratelimit.py).
PUBLIC_FORM_RATE_LIMITS = {
    "membership": int(os.environ.get("RATE_LIMIT_MEMBERSHIP_PER_HOUR", "5")),
    "letter_of_intent": int(os.environ.get("RATE_LIMIT_LETTER_OF_INTENT_PER_HOUR", "5")),
    "fair_application": int(os.environ.get("RATE_LIMIT_FAIR_APPLICATION_PER_HOUR", "10")),
    "session_signup": int(os.environ.get("RATE_LIMIT_SESSION_SIGNUP_PER_HOUR", "10")),
    "saved_search": int(os.environ.get("RATE_LIMIT_SAVED_SEARCH_PER_HOUR", "5")),
    "visitor_registration": int(os.environ.get("RATE_LIMIT_VISITOR_REGISTRATION_PER_HOUR", "10")),
    "meeting_follow_up": int(os.environ.get("RATE_LIMIT_MEETING_FOLLOW_UP_PER_HOUR", "20")),
}

# RODO: how long personal data is kept, in days (see config/core/privacy.py and `manage.py apply_data_retention`).
DATA_RETENTION_DAYS = {
    "quote_requests": int(os.environ.get("RETENTION_QUOTE_REQUESTS_DAYS", "730")),
    "unconfirmed_signatures": int(os.environ.get("RETENTION_UNCONFIRMED_SIGNATURES_DAYS", "30")),
    "rejected_applications": int(os.environ.get("RETENTION_REJECTED_APPLICATIONS_DAYS", "180")),
    "contact_messages": int(os.environ.get("RETENTION_CONTACT_MESSAGES_DAYS", "365")),
    "mail_log": int(os.environ.get("RETENTION_MAIL_LOG_DAYS", "90")),
    "session_registrations": int(os.environ.get("RETENTION_SESSION_REGISTRATIONS_DAYS", "90")),
    # Tickets are anonymised (not deleted) after the event: the grant's attendance counts stay.
    "visitor_tickets": int(os.environ.get("RETENTION_VISITOR_TICKETS_DAYS", "365")),
}
STAFF_NOTIFICATION_EMAILS = env_list("STAFF_NOTIFICATION_EMAILS", "klaster@pes.pomorskie.eu")

# Background work: django-tasks with its database backend, drained by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Catalogue search. Unset ELASTICSEARCH_URL means the database fallback.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "pes")
SEARCH_TIMEOUT_SECONDS = float(os.environ.get("SEARCH_TIMEOUT_SECONDS", "2"))
# Basic auth for a cluster with security on (production); empty for the test node.
ELASTICSEARCH_USERNAME = os.environ.get("ELASTICSEARCH_USERNAME", "")
ELASTICSEARCH_PASSWORD = os.environ.get("ELASTICSEARCH_PASSWORD", "")
# Replicas per index: 0 on a single node (a replica could never be allocated), 1+ on a cluster.
SEARCH_INDEX_REPLICAS = int(os.environ.get("SEARCH_INDEX_REPLICAS", "0"))

# The cache holds state that must be shared by every web process and replica: allauth's rate limits
# and the search circuit breaker. REDIS_URL selects Redis; without it each process has its own
# memory, which is only right for development and tests.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Addresses (or networks) of our own reverse proxies. Only a request from one of them may name the client
# in X-Forwarded-For; see config/client_ip.py. Empty: REMOTE_ADDR is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Payments. Without STRIPE_SECRET_KEY the fair offers bank transfer only.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")
STRIPE_API_VERSION = os.environ.get("STRIPE_API_VERSION", "2025-09-30.clover")
STRIPE_TIMEOUT_SECONDS = float(os.environ.get("STRIPE_TIMEOUT_SECONDS", "10"))
STRIPE_PAYMENT_METHOD_TYPES = env_list("STRIPE_PAYMENT_METHOD_TYPES", "card,blik,p24")

# The fair organiser as the seller on every invoice; events.checks refuses an invalid NIP.
INVOICE_SELLER = {
    "name": os.environ.get(
        "INVOICE_SELLER_NAME",
        "Regionalny Ośrodek Polityki Społecznej w Gdańsku (Pomorska Ekonomia Społeczna)",
    ),
    "address": os.environ.get("INVOICE_SELLER_ADDRESS", "ul. Okopowa 21/27, 80-810 Gdańsk"),
    "nip": os.environ.get("INVOICE_SELLER_NIP", "5833118969"),
    # Printed on invoices and in the FA(3) payment block; a fair's own account, when set, wins.
    "bank_account": os.environ.get("INVOICE_SELLER_BANK_ACCOUNT", "PL61 1090 1014 0000 0712 1981 2874"),
    # Place of issue (FA(3) P_1M).
    "city": os.environ.get("INVOICE_SELLER_CITY", "Gdańsk"),
}

# KSeF, the national e-invoicing system. Every invoice gets its FA(3) XML; it is sent only when
# credentials are set (a KSeF token, or a certificate and its key). Without them (the default) invoices
# stay "issued, not sent" and staff see it. KSEF_ENVIRONMENT: test, demo or prod.
KSEF_ENVIRONMENT = os.environ.get("KSEF_ENVIRONMENT", "test")
KSEF_TOKEN = os.environ.get("KSEF_TOKEN", "")
KSEF_CERTIFICATE_PATH = os.environ.get("KSEF_CERTIFICATE_PATH", "")
KSEF_PRIVATE_KEY_PATH = os.environ.get("KSEF_PRIVATE_KEY_PATH", "")
KSEF_PRIVATE_KEY_PASSWORD = os.environ.get("KSEF_PRIVATE_KEY_PASSWORD", "")
KSEF_TIMEOUT_SECONDS = float(os.environ.get("KSEF_TIMEOUT_SECONDS", "30"))
KSEF_MAX_ATTEMPTS = int(os.environ.get("KSEF_MAX_ATTEMPTS", "6"))
# How long a worker's claim on an invoice it is sending holds before another worker may take it over.
KSEF_SEND_LEASE_MINUTES = int(os.environ.get("KSEF_SEND_LEASE_MINUTES", "10"))
# The transport class (events.ksef.KsefApiTransport); tests put a recording one here.
KSEF_TRANSPORT = os.environ.get("KSEF_TRANSPORT", "events.ksef.KsefApiTransport")

# Bank statements uploaded by staff (MT940, camt.053): larger files are refused with a 400.
BANK_STATEMENT_MAX_BYTES = int(os.environ.get("BANK_STATEMENT_MAX_BYTES", str(5 * 1024 * 1024)))

# Maps: Leaflet tiles are configurable so an installation can use its own tile server.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "config.request_id.RequestIdFilter"},
        # Masks emails, phone numbers, NIP/PESEL and account numbers in every line (config/log_redaction.py).
        "redact_personal_data": {"()": "config.log_redaction.RedactPersonalData"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        # One JSON object per line in production (LOG_FORMAT=json), ready for a log shipper.
        "json": {"()": "config.request_id.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "plain"),
            "filters": ["request_id", "redact_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

from .security import *  # noqa: E402, F403

# Exhibitors name their further stand staff for badges: at most this many, until this many days
# before the fair starts (events/services/stand_staff.py).
STAND_STAFF_LIMIT = int(os.environ.get("STAND_STAFF_LIMIT", "6"))
STAND_STAFF_DEADLINE_DAYS = int(os.environ.get("STAND_STAFF_DEADLINE_DAYS", "3"))
