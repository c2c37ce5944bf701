"""A brand site to test against: the Polish home page as the default Wagtail site."""

from wagtail.models import Locale, Page, Site

from cms.models import HomePage


def make_home_site(hostname: str = "localhost") -> HomePage:
    """Replace whatever stands under the root (Wagtail's welcome page, an earlier test's home) with a
    published Polish home page served at `hostname`. The English locale exists too, for translations."""
    polish, _ = Locale.objects.get_or_create(language_code="pl")
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=polish)
    )
    for placeholder in Page.objects.filter(depth=2):
        placeholder.delete()
    home = HomePage(title="Pomorska Ekonomia Społeczna", slug="home", hero_lead="Klaster PES", locale=polish)
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname=hostname, port=80, root_page=home, is_default_site=True, site_name="PES")
    return home
