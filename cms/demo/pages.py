"""The demo pages of `make run`: the Polish page tree of `pages.yaml` and its English translations from
`pages_en.yaml`.

Every page is found by its slug under its parent and created only when missing, so running `load_demo`
twice changes nothing and a page an editor changed keeps the change. English pages follow the rule of
`translate_demo_page`: a field is written only while it still holds demo text.
"""

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site

from cms.demo.translation import stream, translate_demo_page
from cms.models import (
    ClusterModelPage,
    ContactPage,
    HomePage,
    LetterOfIntentPage,
    MembershipPage,
    NewsIndexPage,
    NewsPage,
    PartnerIndexPage,
    PartnerPage,
    StandardPage,
)

# The page models a `type` in `pages.yaml` may name.
PAGE_TYPES: dict[str, type[Page]] = {
    model.__name__: model
    for model in (
        StandardPage,
        ClusterModelPage,
        NewsIndexPage,
        NewsPage,
        PartnerIndexPage,
        PartnerPage,
        MembershipPage,
        LetterOfIntentPage,
        ContactPage,
    )
}
SITE_NAME = "Pomorska Ekonomia Społeczna"


def load_pages(data: Mapping[str, Any]) -> dict[str, Page]:
    """The Polish home page and the pages beneath it, by slug (the home page as "home"), parents first."""
    polish, _ = Locale.objects.get_or_create(language_code="pl")
    # Both languages of the site exist before the first page does, as they always have.
    Locale.objects.get_or_create(language_code="en")
    home = _home_page(polish, data["home"])
    pages: dict[str, Page] = {"home": home}
    _add_children(home, data["pages"], pages)
    return pages


def translate_pages(pages: Mapping[str, Page], data: Mapping[str, Any]) -> None:
    """English versions of `pages`, each with the fields that `pages_en.yaml` gives under its key."""
    english = Locale.objects.get(language_code="en")
    former = data["former_demo_text"]
    # Parents before children: a translation is copied under its parent's translation.
    for key, page in sorted(pages.items(), key=lambda item: item[1].depth):
        translate_demo_page(page, english, _with_figure_blocks(data["pages"][key]), former.get(key))


def _home_page(polish: Locale, fields: Mapping[str, Any]) -> HomePage:
    """The Polish home page, created when missing, as the root page of the default site."""
    root = Page.get_first_root_node()
    if root is None:
        # A flushed database (transactional tests) has lost the tree root that migrations create.
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=polish))
    home = HomePage.objects.filter(depth=2, locale=polish).first()
    if home is None:
        # Wagtail's placeholder "Welcome" page (a plain Page) makes way for the brand home page.
        for placeholder in Page.objects.filter(depth=2):
            if placeholder.specific_class is Page:
                placeholder.delete()
        home = HomePage(slug="home", locale=polish, **_new_page_values(HomePage, fields))
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = site_address()
    if site is None:
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name=SITE_NAME
        )
    else:
        site.root_page = home
        # Wagtail's placeholder site answers as http://localhost/: canonical links and sitemap.xml follow
        # SITE_URL instead. A hostname an editor set in the admin is kept.
        if (site.hostname, site.port) == ("localhost", 80):
            site.hostname, site.port = hostname, port
        site.save()
    return home


def site_address() -> tuple[str, int]:
    """The Wagtail Site's hostname and port from SITE_URL (https://pes.pomorskie.eu → pes.pomorskie.eu, 443)."""
    address = urlsplit(settings.SITE_URL)
    return address.hostname or "localhost", address.port or (443 if address.scheme == "https" else 80)


def _add_children(parent: Page, specs: Iterable[Mapping[str, Any]], pages: dict[str, Page]) -> None:
    """Each page of `specs` under `parent` and its `children` under it, recorded in `pages` by slug."""
    for spec in specs:
        fields = dict(spec)
        model = PAGE_TYPES[fields.pop("type")]
        slug = fields.pop("slug")
        children = fields.pop("children", [])
        tags = fields.pop("tags", [])
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = model(slug=slug, locale=parent.locale, **_new_page_values(model, fields))
            parent.add_child(instance=page)
            page.save_revision().publish()
        if tags and not page.tags.exists():
            # A page without tags gets the demo's, in a revision of its own, as the first loader did.
            page.tags.add(*tags)
            page.save_revision().publish()
        pages[slug] = page
        _add_children(page, children, pages)


def _new_page_values(model: type[Page], fields: Mapping[str, Any]) -> dict[str, Any]:
    """Field values for a new page: stream fields as the raw JSON that Wagtail parses on assignment."""
    return {
        name: stream(value) if isinstance(model._meta.get_field(name), StreamField) else value
        for name, value in _with_figure_blocks(fields).items()
    }


def _with_figure_blocks(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields with the home page's `sector_figures` as blocks: the data lists the figures alone, since
    every block of that stream is a figure and the sector page shows the same list."""
    if "sector_figures" not in fields:
        return dict(fields)
    return {
        **fields,
        "sector_figures": [{"type": "figure", "value": row} for row in fields["sector_figures"]],
    }
