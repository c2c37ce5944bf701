"""The brand site's page types render their content, in Polish and under /en/."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.blocks import StructBlockValidationError

from cms.blocks import AccessibleImageBlock, CallToActionBlock
from cms.models import ClusterModelPage, PartnerPage, StandardPage
from events.models import Fair

from .conftest import publish_child

pytestmark = pytest.mark.django_db


def stream(*blocks):
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])


def test_home_page_shows_live_impact_figures_beside_sector_figures(client, home, make_member):
    make_member(offers=2)
    make_member(offers=1, legal_form="fundacja")
    make_member(offers=5, status="applied")  # applicants are not members yet
    home.sector_figures = stream(
        ("figure", {"value": "95", "label": "spółdzielni socjalnych", "note": "+23"})
    )
    home.save_revision().publish()

    response = client.get("/")

    assert response.status_code == 200
    impact = response.context["impact"]
    assert impact.members == 2
    assert impact.jobs == 20 and impact.jobs_for_people_at_risk == 8
    assert impact.offers == 3
    assert sorted(figure.value for figure in impact.members_by_legal_form) == [1, 1]
    body = response.content.decode()
    assert "spółdzielni socjalnych" in body and ">95<" in body


def test_home_page_lists_featured_offers_upcoming_fair_and_latest_news(client, home, make_member, make_news):
    member = make_member(offers=2)
    make_news(4)
    starts = timezone.now() + timedelta(days=30)
    Fair.objects.create(
        slug="targi",
        name="Targi Ekonomii Społecznej",
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        venue_name="ECS",
        venue_address="Gdańsk",
    )

    response = client.get("/")

    body = response.content.decode()
    assert member.offers.first().title in body
    assert "Targi Ekonomii Społecznej" in body
    assert [news.title for news in response.context["latest_news"]] == [
        "Wiadomość 3",
        "Wiadomość 2",
        "Wiadomość 1",
    ]
    assert 'role="search"' in body and 'action="/katalog/"' in body


def test_standard_page_renders_every_content_block(client, home):
    page = publish_child(
        home,
        StandardPage(
            title="Bloki",
            slug="bloki",
            body=stream(
                ("heading", {"text": "Nagłówek sekcji", "level": "h2"}),
                ("paragraph", "<p>Tekst <b>pogrubiony</b></p>"),
                ("quote", {"text": "Musimy działać razem!", "attribution": "RESIST"}),
                (
                    "call_to_action",
                    {"title": "", "text": "Przejdź do katalogu", "page": None, "url": "https://example.pl/"},
                ),
                (
                    "figures",
                    {
                        "title": "Liczby",
                        "figures": [{"value": "580", "label": "miejsc pracy", "note": ""}],
                        "source": "ROPS",
                    },
                ),
                (
                    "faq",
                    {
                        "title": "Pytania",
                        "items": [{"question": "Kto może dołączyć?", "answer": "<p>Każdy PES.</p>"}],
                    },
                ),
                (
                    "partner_logos",
                    {
                        "title": "Partnerzy",
                        "partners": [{"name": "ROPS", "logo": None, "url": "https://rops.pomorskie.eu/"}],
                    },
                ),
            ),
        ),
    )

    body = client.get(page.url).content.decode()

    assert "<h2>Nagłówek sekcji</h2>" in body
    assert "<b>pogrubiony</b>" in body
    assert "<blockquote><p>Musimy działać razem!</p></blockquote>" in body
    assert 'class="button" href="https://example.pl/"' in body
    assert '<dd class="figure__value">580</dd>' in body
    assert '<details class="faq__item">' in body and "<summary>Kto może dołączyć?</summary>" in body
    assert 'partner-logos__name">ROPS' in body


def test_image_block_refuses_an_image_without_alternative_text():
    block = AccessibleImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": None, "alt_text": "", "caption": ""}))
    assert "alt_text" in error.value.block_errors


def test_call_to_action_needs_a_page_or_a_link():
    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"title": "", "text": "Więcej", "page": None, "url": ""}))


def test_news_index_paginates_newest_first_and_filters_by_tag(client, news_index, make_news):
    articles = make_news(12)
    articles[0].tags.add("RESIST")
    articles[0].save_revision().publish()

    first = client.get(news_index.url)
    second = client.get(news_index.url + "?page=2")
    tagged = client.get(news_index.url + "?tag=resist")

    assert [n.title for n in first.context["news_page"]][:2] == ["Wiadomość 11", "Wiadomość 10"]
    assert len(first.context["news_page"]) == 10
    assert [n.title for n in second.context["news_page"]] == ["Wiadomość 1", "Wiadomość 0"]
    assert 'rel="next"' in first.content.decode()
    assert [n.title for n in tagged.context["news_page"]] == ["Wiadomość 0"]


def test_news_feed_is_an_atom_feed_of_the_articles(client, news_index, make_news):
    make_news(3)

    response = client.get(news_index.url + "feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.count("<entry>") == 3
    assert "<name>Zespół klastra</name>" in body
    assert f'href="{news_index.url}feed/"' in client.get(news_index.url).content.decode()


def test_news_article_shows_date_author_and_tags(client, make_news):
    article = make_news(1)[0]
    article.tags.add("klaster")
    article.save_revision().publish()

    body = client.get(article.url).content.decode()

    assert '<time datetime="2025-01-01">' in body
    assert "Zespół klastra" in body
    assert "?tag=klaster" in body
    assert '<meta property="og:type" content="article">' in body


def test_demo_content_has_the_eight_dimensions_of_the_cluster_model_with_questions(client):
    call_command("load_demo")
    page = ClusterModelPage.objects.get(locale__language_code="pl")

    names = [block.value["name"] for block in page.dimensions]
    assert names == [
        "Cel",
        "Ekosystem",
        "Portfolio działań",
        "Mobilizacja międzysektorowa",
        "Alokacja zasobów i finansowanie",
        "Model operacyjny",
        "Ciało koordynujące",
        "Model członkostwa",
    ]
    assert all(len(block.value["questions"]) >= 1 for block in page.dimensions)
    body = client.get(page.url).content.decode()
    assert "Kto może zostać członkiem?" in body
    assert body.count('<section class="dimension"') == 8


def test_demo_partners_are_resist_rops_and_the_five_owes_with_their_subregions(client):
    call_command("load_demo")

    owes = PartnerPage.objects.filter(locale__language_code="pl", kind=PartnerPage.Kind.OWES)
    assert sorted(owes.values_list("subregion", flat=True)) == sorted(
        ["slupski", "metropolitalny_polnocny", "metropolitalny_poludniowy", "nadwislanski", "poludniowy"]
    )
    assert PartnerPage.objects.filter(slug="resist", kind=PartnerPage.Kind.PROGRAMME).exists()
    assert PartnerPage.objects.filter(slug="rops", kind=PartnerPage.Kind.COORDINATOR).exists()
    body = client.get("/partnerzy/").content.decode()
    assert "Nadwiślański OWES w Dzierzgoniu" in body


def test_demo_site_has_an_english_version_with_english_titles(client):
    call_command("load_demo")
    call_command("load_demo")  # idempotent, translations included

    response = client.get("/en/")
    body = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="en">' in body
    assert '<a href="/en/o-klastrze/">About the cluster</a>' in body
    assert client.get("/en/model-klastra/").status_code == 200
    assert client.get("/en/list-intencyjny/").status_code == 200
    assert ClusterModelPage.objects.count() == 2


def test_language_switcher_links_to_the_translation_of_the_page(client, english_home, standard_page, locales):
    translation = standard_page.copy_for_translation(locales[1]).specific
    translation.title = "About"
    translation.save_revision().publish()

    body = client.get("/o-klastrze/").content.decode()

    assert '<a href="/en/o-klastrze/" hreflang="en" lang="en">English</a>' in body
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/o-klastrze/">' in body


def test_footer_carries_the_eu_funding_notice_and_logo_slots(client, home):
    body = client.get("/").content.decode()

    assert "Interreg Regionu Morza Bałtyckiego" in body
    assert 'class="funding__logos"' in body
    # Until the official files are uploaded in Brand settings, the marks are drawn images, not text boxes.
    assert 'data-funding-mark="eu"' in body
    assert "img/funding/eu-flag.svg" in body


def test_accessibility_statement_is_in_the_demo_content(client):
    call_command("load_demo")

    response = client.get("/deklaracja-dostepnosci/")

    assert response.status_code == 200
    assert "Deklaracja dostępności" in response.content.decode()


def test_every_page_links_to_the_accessibility_statement_in_the_footer(client):
    call_command("load_demo")

    polish = client.get("/o-klastrze/").content.decode()
    english = client.get("/en/o-klastrze/").content.decode()

    assert '<a href="/deklaracja-dostepnosci/">Deklaracja dostępności</a>' in polish
    assert '<a href="/en/deklaracja-dostepnosci/">Accessibility statement</a>' in english
