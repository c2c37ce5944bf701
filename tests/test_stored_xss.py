"""Stored XSS never renders: text from members, buyers and editors reaches pages escaped or sanitised."""

from html.parser import HTMLParser

import pytest
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from catalog.tests.factories import OfferFactory

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


class ActiveContent(HTMLParser):
    """Collects what a browser would execute: script elements other than JSON data blocks, and on* handlers."""

    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") not in {"application/ld+json", "application/json"}:
            self._in_script = True
        self.handlers += [name for name in attrs if name.startswith("on")]

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.scripts.append(data)


def active_content(html: str) -> ActiveContent:
    parser = ActiveContent()
    parser.feed(html)
    return parser


@pytest.mark.django_db
def test_offer_text_from_a_member_renders_escaped(client):
    offer = OfferFactory(title=f"Catering {PAYLOAD}", description=f"Opis {PAYLOAD}", tags=[PAYLOAD])

    body = client.get(offer.get_absolute_url()).content.decode()

    found = active_content(body)
    assert not any("alert" in script for script in found.scripts)
    assert found.handlers == []
    assert "&lt;script&gt;" in body  # shown to the reader as text


@pytest.mark.django_db
def test_organisation_text_renders_escaped(client):
    offer = OfferFactory(organisation__description=PAYLOAD, organisation__social_mission=PAYLOAD)

    body = client.get(offer.organisation.get_absolute_url()).content.decode()

    found = active_content(body)
    assert not any("alert" in script for script in found.scripts)
    assert found.handlers == []
    assert "&lt;script&gt;" in body


def test_rich_text_from_the_editor_is_whitelisted_before_it_is_stored():
    features = ["bold", "italic", "link", "h2", "ul"]
    html = f'<p>Zaproszenie <b>na targi</b></p>{PAYLOAD}<p onclick="alert(2)">x</p>'

    stored = EditorHTMLConverter(features=features).to_database_format(html)

    assert "<script" not in stored and "onerror" not in stored and "onclick" not in stored
    assert "<b>na targi</b>" in stored


def test_draftail_contentstate_cannot_carry_markup():
    converter = ContentstateConverter(features=["bold"])
    contentstate = converter.from_database_format('<p>Targi <script>alert("xss")</script></p>')

    stored = converter.to_database_format(contentstate)

    assert "<script" not in stored
    assert "Targi" in stored
