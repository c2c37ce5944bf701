from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.views import pattern_library, robots_txt, site_map, sitemap
from config.api import api
from config.health import liveness, readiness
from config.staff_mfa import admin_login

handler500 = "config.errors.server_error"

urlpatterns = [
    # Before Wagtail's own login, which would accept the password without the second factor.
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("health/live/", liveness, name="health-live"),
    path("health/ready/", readiness, name="health-ready"),
    path("webhooks/", include("events.webhook_urls")),
]

urlpatterns += i18n_patterns(
    path("konto/", include("allauth.urls")),
    path("katalog/", include("catalog.urls")),
    path("zakupy/", include("catalog.procurement.urls")),
    path("targi/", include("events.urls")),
    path("szukaj/", include("search.urls")),
    path("mapa-strony/", site_map, name="site_map"),
    path("wzorce/", pattern_library, name="patterns"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
