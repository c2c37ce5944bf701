"""What keeps search fast at scale without changing its answers: lemmas learnt once per word, CPV codes
and categories as lexemes of the fallback's stored vector."""

import pytest

from catalog.models import Offer
from search import lemmas
from search.analysis import fold
from search.backends.fulltext import LexemeQuery, cpv_lexeme

pytestmark = pytest.mark.django_db


def test_polish_lemmas_are_learnt_once_per_word(search_index, monkeypatch):
    lemmas._lemmas.clear()
    text = lemmas.lemma_text("Ciepłe posiłki dla szkół")
    assert "posiłek" in text.split() and "szkoła" in text.split()
    assert "dla" not in text.split()  # a stopword has no lemma, as in the hunspell analyzer

    def no_elasticsearch():
        raise AssertionError("a known word must not be analysed again")

    monkeypatch.setattr(lemmas, "get_client", no_elasticsearch)
    assert lemmas.lemma_text("posiłki dla szkół") == " ".join(
        [*lemmas._lemmas["posiłki"], *lemmas._lemmas["szkół"]]
    )


def test_an_inflected_query_meets_the_lemmas_indexed(search_index):
    from search.filters import SearchParams
    from search.query import search_offers

    offer = Offer.objects.public().exclude(description="").first()
    word = next(w for w in offer.description.split() if len(w) > 6 and w.isalpha())
    result = search_offers(SearchParams(q=word, per_page=100), backend="es")
    assert not result.simplified and offer.slug in result.ids


def test_cpv_codes_and_category_are_lexemes_of_the_stored_vector(catalogue):
    offer = Offer.objects.public().exclude(cpv_codes=[]).first()
    digits = offer.cpv_codes[0].split("-")[0]
    by_code = Offer.objects.filter(search_vector=LexemeQuery([cpv_lexeme(digits[:4])]))
    assert offer in by_code
    assert all(any(code.startswith(digits[:4]) for code in o.cpv_codes) for o in by_code)
    by_category = Offer.objects.filter(search_vector=LexemeQuery([f"'#cat{offer.category_id}'"]))
    assert set(by_category) == set(Offer.objects.filter(category_id=offer.category_id))
    # a word a buyer types can never reach these lexemes: search words are [0-9a-z]+
    assert not Offer.objects.filter(search_vector=LexemeQuery(["'cpv':*"])).exists()


def _phrase_fields(node) -> set[str]:
    """The fields that phrase queries of an Elasticsearch request body read."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "match_phrase":
                found.update(value)
            elif key == "multi_match" and value.get("type") == "phrase":
                found.update(field.split("^")[0] for field in value["fields"])
            found |= _phrase_fields(value)
    elif isinstance(node, list):
        for item in node:
            found |= _phrase_fields(item)
    return found


@pytest.mark.parametrize(
    "text", ["catering bez glutenu", "nisko słodzone ciasta", "sprzątanie biur gdańsk", "druk ulotek"]
)
def test_fields_indexed_without_positions_are_never_read_by_a_phrase_query(text):
    """Lemma, English and most folded fields skip positions to index faster; a phrase query on one of
    them would fail in Elasticsearch (and send every such search to the fallback)."""
    from search.backends.es_query import OFFERS, ORGANISATIONS, build_search
    from search.documents import WITHOUT_POSITIONS, OfferDocument, OrganisationDocument
    from search.filters import SearchParams

    for spec, document in ((OFFERS, OfferDocument), (ORGANISATIONS, OrganisationDocument)):
        mapping = document._doc_type.mapping.to_dict()["properties"]
        without = {name for name, field in mapping.items() if field.get("index_options") == WITHOUT_POSITIONS}
        assert {"title_lemmas", "description_en_stems"} & without or spec is ORGANISATIONS
        read = _phrase_fields(build_search(SearchParams(q=text), spec).to_dict())
        assert read, "the query has no phrase part: the test checks nothing"
        assert not read & without, f"{text!r} reads {read & without} as a phrase"


def test_the_stored_source_keeps_the_shown_text_and_leaves_the_search_companions_out(search_index):
    from search.client import get_client
    from search.documents import alias_name
    from search.filters import SearchParams
    from search.indexing import verify_index
    from search.query import search_offers

    offer = Offer.objects.public().first()
    stored = get_client().get(index=alias_name("offer"), id=offer.slug).body["_source"]
    assert stored["title"] == offer.title and stored["fingerprint"]
    assert not [name for name in stored if name.endswith(("_lemmas", "_folded", "_stems"))]
    # still searched: the folded companion finds the title typed without diacritics
    result = search_offers(SearchParams(q=fold(offer.title)), backend="es")
    assert not result.simplified and offer.slug in result.ids
    assert verify_index("offer").drift == 0  # the fingerprint read back from the source still compares
