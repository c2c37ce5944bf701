"""sitemap.xml over every language tree of the site, each URL with its hreflang alternates."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


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
