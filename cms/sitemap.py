"""sitemap.xml over every language tree of the site, each URL with its hreflang alternates."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from catalog.models import Offer, Organisation
from events.models import Fair


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap covers the default site root only; translations of the root are its siblings."""

    i18n = False
    alternates = True

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        for translated_root in root.get_translations(inclusive=True):
            pages = pages | Page.objects.descendant_of(translated_root, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        translations: dict = {}
        for translation in (
            Page.objects.filter(translation_key__in={item.translation_key for item in items})
            .live()
            .public()
            .select_related("locale")
        ):
            translations.setdefault(translation.translation_key, []).append(translation)
        urls = []
        for item in items:
            alternates = [
                {"location": other.get_full_url(self.request), "lang_code": other.locale.language_code}
                for other in translations.get(item.translation_key, [])
            ]
            for url_info in item.get_sitemap_urls(self.request):
                urls.append({**url_info, "alternates": alternates if len(alternates) > 1 else []})
        return urls


class SiteUrlMixin:
    """Absolute locations on settings.SITE_URL, like every other absolute link of the site."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class CatalogueSitemap(SiteUrlMixin, DjangoSitemap):
    """The catalogue's listings, every public organisation and offer, and every fair, in both languages."""

    i18n = True
    alternates = True
    limit = 5000

    def items(self):
        listings = [("catalog:offers", {}), ("search:organisations", {}), ("catalog:impact", {})]
        fairs = [
            ("events:fair", {"slug": slug})
            for slug in Fair.objects.order_by("starts_at").values_list("slug", flat=True)
        ]
        organisations = Organisation.objects.public().order_by("slug").only("slug")
        offers = Offer.objects.public().order_by("slug").only("slug")
        return [*listings, *fairs, *organisations, *offers]

    def location(self, item):
        # Reversed here, inside the language being listed, so the English entries carry /en/.
        if isinstance(item, tuple):
            return reverse(item[0], kwargs=item[1] or None)
        return item.get_absolute_url()
