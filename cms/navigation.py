"""The site's main navigation: six primary items, two of them grouping the rest.

Editors still decide which brand pages appear ("show in menus"); this module only decides where: the news
index and the contact page are primary items, the events index and the upcoming fair form "Fairs and
events", and every other menu page goes under "About the cluster". Buyers' tools form "For buyers".
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.pages.form_pages import ContactPage
from cms.pages.news import NewsIndexPage
from events.models import Fair
from events.pages import EventIndexPage


@dataclass
class NavItem:
    label: str
    url: str
    current: bool = False
    children: list["NavItem"] = field(default_factory=list)
    key: str = ""


def _url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def upcoming_fair() -> Fair | None:
    """The next fair that has not ended (the one the header and the home page advertise)."""
    return Fair.objects.filter(ends_at__gte=timezone.now()).order_by("starts_at").first()


def build_navigation(home: Page | None, request, current_page: Page | None) -> list[NavItem]:
    """Primary items in their fixed order; a group is left out when it would be empty."""
    path = request.path if request is not None else ""
    menu_pages = list(home.get_children().live().public().in_menu().specific()) if home is not None else []
    news = next((p for p in menu_pages if isinstance(p, NewsIndexPage)), None)
    contact = next((p for p in menu_pages if isinstance(p, ContactPage)), None)
    events_index = (
        EventIndexPage.objects.live().public().descendant_of(home).first() if home is not None else None
    )
    about = [p for p in menu_pages if p not in (news, contact) and p.pk != getattr(events_index, "pk", None)]

    def page_item(page: Page, label: str | None = None) -> NavItem:
        url = page.get_url(request) or ""
        current = current_page is not None and current_page.pk == page.pk
        return NavItem(label or page.title, url, current=current)

    catalogue = _url("catalog:offers")
    items = [NavItem(_("Catalogue"), catalogue, current=path == catalogue, key="catalogue")]

    fair_children = []
    fair = upcoming_fair()
    if events_index is not None:
        fair_children.append(page_item(events_index, _("All events")))
    if fair is not None:
        fair_children.append(NavItem(fair.local_name, _url("events:fair", slug=fair.slug)))
        if fair.accepts_applications():
            fair_children.append(NavItem(_("Book a stand"), _url("events:apply", slug=fair.slug)))
    if fair_children:
        items.append(
            NavItem(_("Fairs and events"), fair_children[0].url, children=fair_children, key="events")
        )

    buyers = [
        NavItem(_("Organisations"), _url("search:organisations")),
        NavItem(_("Reserved contracts (art. 94)"), catalogue + "?reserved=true"),
        NavItem(_("Social impact"), _url("catalog:impact")),
        NavItem(_("Your shortlist"), _url("catalog:shortlist")),
    ]
    items.append(NavItem(_("For buyers"), buyers[0].url, children=buyers, key="buyers"))

    if about:
        children = [page_item(page) for page in about]
        items.append(NavItem(_("About the cluster"), children[0].url, children=children, key="about"))
    if news is not None:
        items.append(page_item(news))
    if contact is not None:
        items.append(page_item(contact))
    for item in items:
        if any(child.current for child in item.children):
            item.current = True
    return items
