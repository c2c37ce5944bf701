"""The English demo pages carry English content, not a copy of the Polish text, and `load_demo` repairs a
database where an earlier version left the Polish copy, without overwriting what an editor wrote."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils.html import strip_tags
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Revision

from cms.demo.loader import read_demo_data
from cms.models import BrandSettings, ContactPage, NewsPage, PartnerPage, StandardPage

pytestmark = pytest.mark.django_db

ENGLISH = read_demo_data("cms.demo", "pages_en")
ENGLISH_PAGES, FORMER_ENGLISH_DEMO_TEXT = ENGLISH["pages"], ENGLISH["former_demo_text"]

# Fields that carry language. Contact details, URLs, numbers and choices are the same in both languages.
TEXT_FIELDS = [
    "title",
    "intro",
    "hero_lead",
    "sector_figures",
    "sector_figures_source",
    "body",
    "dimensions",
    "letter_text",
    "thank_you_text",
    "address",
    "area",
]
# Names that are the same in both languages; they are cut out of the Polish text before it is compared.
SHARED_NAMES = [
    "Pomorska Ekonomia Społeczna",
    "Pomorska Sieć COP",
    "Interreg Baltic Sea Region",
    "RESIST — Interreg Baltic Sea Region",
    "Maciej Kochanowski",
    "OWES Obszar Gdański",
    "OWES Debrzno",
    "Dla Was",
    "PES 2030",
    "PES/PS",
    "Responsive Public Services",
]
PHRASE_LENGTH = 4
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
NOT_PROSE = re.compile(r"\S+@\S+|https?://\S+")
SEGMENT_BREAK = re.compile(r"[.;:!?()\[\]„”“\"—–,\n]")


def words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text)]


def polish_phrases(text: str) -> set[tuple[str, ...]]:
    """Runs of Polish words that a translation cannot contain: every run of four words, and whole short
    segments of two or three words. Shared names, addresses and numbers are not phrases."""
    for name in SHARED_NAMES:
        text = text.replace(name, "\n")
    phrases = set()
    for segment in SEGMENT_BREAK.split(NOT_PROSE.sub("\n", text)):
        segment_words = words(segment)
        if len(segment_words) >= PHRASE_LENGTH:
            runs = [
                segment_words[i : i + PHRASE_LENGTH] for i in range(len(segment_words) - PHRASE_LENGTH + 1)
            ]
        elif len(segment_words) >= 2:
            runs = [segment_words]
        else:
            runs = []
        phrases.update(tuple(run) for run in runs if sum(word.isalpha() for word in run) >= 2)
    return phrases


def found_phrases(phrases: set[tuple[str, ...]], text: str) -> set[str]:
    haystack = f" {' '.join(words(text))} "
    return {" ".join(phrase) for phrase in phrases if f" {' '.join(phrase)} " in haystack}


def field_text(page, name: str) -> str:
    value = getattr(page, name)
    if value is None:
        return ""
    field = page._meta.get_field(name)
    if name == "dimensions":
        # The Polish model names each dimension in English too (`name_en`): that part is English by design.
        return "\n".join(
            "\n".join(
                [block.value["name"], *block.value["questions"], strip_tags(block.value["answer"].source)]
            )
            for block in value
        )
    if isinstance(field, StreamField):
        return "\n".join(field.stream_block.get_searchable_content(value))
    return strip_tags(str(value))


def content_text(page) -> str:
    """Every language-bearing field of a page, with the news tags."""
    parts = [field_text(page, name) for name in TEXT_FIELDS if hasattr(page, name)]
    if isinstance(page, NewsPage):
        parts.extend(tag.name for tag in page.tags.all())
    return "\n".join(parts)


def content_headings(page) -> set[str]:
    """Headings a page's content produces: its title, heading blocks, titles of blocks, dimension names."""
    headings = {page.title}
    for name in ("body", "dimensions"):
        for block in getattr(page, name, None) or []:
            value = block.value
            if block.block_type == "heading":
                headings.add(value["text"])
            elif block.block_type == "dimension":
                headings.add(value["name"])
            elif hasattr(value, "get") and value.get("title"):
                headings.add(value["title"])
    return headings - set(SHARED_NAMES)


def english_pages():
    english = Locale.objects.get(language_code="en")
    return [
        page.specific for page in Page.objects.live().filter(locale=english, depth__gt=1).order_by("path")
    ]


def polish_source(page):
    return page.get_translation(Locale.objects.get(language_code="pl")).specific


def polish_left_in(page) -> set[str]:
    return found_phrases(polish_phrases(content_text(polish_source(page))), content_text(page))


def main_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser").find("main")


def test_every_polish_demo_page_has_an_english_translation_with_english_content():
    call_command("load_demo")
    polish = Locale.objects.get(language_code="pl")
    english = Locale.objects.get(language_code="en")
    polish_pages = Page.objects.live().filter(locale=polish, depth__gt=1).type(*_demo_page_types())
    untranslated = [page.url_path for page in polish_pages if page.get_translation_or_none(english) is None]
    assert untranslated == []

    pages = english_pages()
    assert len(pages) >= len(ENGLISH_PAGES)
    left = {page.url_path: polish_left_in(page) for page in pages}
    assert {path: phrases for path, phrases in left.items() if phrases} == {}
    for page in pages:
        source = polish_source(page)
        for name in ("body", "dimensions", "sector_figures"):
            if getattr(source, name, None):
                assert len(getattr(page, name)) == len(getattr(source, name)), (page.url_path, name)
    articles = [page for page in pages if isinstance(page, NewsPage)]
    assert articles and all(len(page.body) and page.intro for page in articles)
    for article in articles:
        polish_tags = {tag.name for tag in polish_source(article).tags.all()}
        assert {tag.name for tag in article.tags.all()} & polish_tags <= {"RESIST"}


def test_english_pages_render_english_content_headings_and_funding_notice(client):
    call_command("load_demo")
    notice = BrandSettings.load()
    rendered = 0
    for page in english_pages():
        response = client.get(page.get_url())
        main = main_of(response)
        text = main.get_text(" ")
        source = polish_source(page)

        assert '<html lang="en">' in response.content.decode()
        assert found_phrases(polish_phrases(content_text(source)), text) == set(), page.url_path
        headings = {" ".join(h.get_text(" ").split()) for h in main.find_all(["h1", "h2", "h3"])}
        assert main.find("h1").get_text(" ").split() == page.title.split() or page.depth == 2
        assert content_headings(page) - set(SHARED_NAMES) <= headings, page.url_path
        assert headings & content_headings(source) == set(), page.url_path
        footer = BeautifulSoup(response.content, "html.parser").select_one(".funding-notice").get_text()
        assert footer == notice.funding_notice_en != notice.funding_notice
        rendered += 1
    assert rendered >= len(ENGLISH_PAGES)

    about = client.get("/en/o-klastrze/").content.decode()
    assert "<h2>Building the social economy ecosystem together</h2>" in about
    assert "We cannot face social challenges alone" in about
    model = main_of(client.get("/en/model-klastra/"))
    assert [h.get_text(" ", strip=True) for h in model.select(".dimension h2")] == [
        "Purpose",
        "Ecosystem",
        "Portfolio of Activities",
        "Cross-sectoral Mobilization",
        "Resource Allocation & Funding",
        "Operational Model",
        "Coordinating Body",
        "Membership Model",
    ]
    partners = main_of(client.get("/en/partnerzy/")).get_text(" ")
    for owes in ("Słupsk subregion", "Northern Metropolitan", "Southern Metropolitan", "Vistula", "Southern"):
        assert owes in partners
    polish_footer = BeautifulSoup(client.get("/").content, "html.parser").select_one(".funding-notice")
    assert polish_footer.get_text() == notice.funding_notice


def test_load_demo_replaces_the_polish_copy_left_by_the_first_version_but_keeps_editors_text():
    call_command("load_demo")
    english = english_pages()
    # The first version of load_demo gave the English copies an English title and a short lead, left
    # every other field in Polish (news articles entirely) and translated no partner page.
    for page in english:
        if isinstance(page, PartnerPage):
            page.delete()
            continue
        source = polish_source(page)
        former = FORMER_ENGLISH_DEMO_TEXT.get(source.slug, {})
        for name in ENGLISH_PAGES[source.slug]:
            if name == "tags":
                page.tags.set([tag.name for tag in source.tags.all()])
            elif name in former:
                setattr(page, name, former[name])
            elif name != "title":
                setattr(page, name, getattr(source, name))
        page.save_revision().publish()
    assert len([page for page in english_pages() if polish_left_in(page)]) >= 12
    # An editor then wrote their own English text on two pages, and left a draft on a third.
    contact = ContactPage.objects.get(locale__language_code="en")
    contact.intro = "Write to the cluster team: we answer within two working days."
    contact.save_revision().publish()
    sector = StandardPage.objects.get(locale__language_code="en", slug="sektor-es")
    sector.body = '[{"type": "heading", "value": {"text": "Figures edited by hand", "level": "h2"}}]'
    sector.save_revision().publish()
    draft = NewsPage.objects.get(locale__language_code="en", slug="sektor-es-2024")
    draft.save_revision()

    call_command("load_demo")

    repaired = {page.url_path: polish_left_in(page) for page in english_pages()}
    assert {path: left for path, left in repaired.items() if left} == {
        "/home-en/aktualnosci/sektor-es-2024/": repaired["/home-en/aktualnosci/sektor-es-2024/"]
    }
    assert PartnerPage.objects.filter(locale__language_code="en").count() == 7
    contact.refresh_from_db()
    assert contact.intro == "Write to the cluster team: we answer within two working days."
    sector.refresh_from_db()
    assert [block.value["text"] for block in sector.body] == ["Figures edited by hand"]

    revisions = Revision.objects.count()
    call_command("load_demo")
    assert Revision.objects.count() == revisions


def _demo_page_types():
    from cms.models import (
        ClusterModelPage,
        ContactPage,
        HomePage,
        LetterOfIntentPage,
        MembershipPage,
        NewsIndexPage,
        PartnerIndexPage,
    )

    return (
        HomePage,
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
