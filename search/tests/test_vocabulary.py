"""Compounds, typos and English queries, over the shared sample catalogue.

The ES cases assert `simplified` is false: an answer from the fallback must not pass as Elasticsearch's.
"""

import pytest

from catalog.models import Offer
from search.analysis import fold
from search.filters import SearchParams
from search.query import search_offers
from search.query_text import parse_query

from .test_evaluation import shared_catalogue  # noqa: F401 (fixture)

BACKENDS = ["es", "db"]


def _top(query: str, backend: str, n: int = 3) -> list[Offer]:
    result = search_offers(SearchParams(q=query, per_page=n), backend=backend)
    assert result.simplified is (backend == "db")
    offers = {offer.slug: offer for offer in Offer.objects.filter(slug__in=result.ids)}
    return [offers[slug] for slug in result.ids]


def _text(offer: Offer) -> str:
    return fold(f"{offer.title} {offer.description} {' '.join(offer.tags or [])}")


@pytest.mark.django_db
def test_compounds_are_parsed_into_both_spellings():
    query = parse_query("catering bez glutenu")
    assert query.folded == ["catering", "glutenu"]
    assert query.variants["glutenu"] == ["bezgluten"]  # the stem: meets "bezglutenowe" too
    assert parse_query("niskosłodzone").variants["niskoslodzone"] == ["nisko slodzone"]


@pytest.mark.django_db
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_one_letter_typo_in_a_long_word_still_finds(shared_catalogue, backend):  # noqa: F811
    correct = {offer.slug for offer in _top("catering", backend, 5)}
    typo = {offer.slug for offer in _top("cayering", backend, 5)}  # the typo is inside the stem
    assert correct & typo


@pytest.mark.django_db
def test_english_function_words_are_dropped_and_phrases_with_them_still_found():
    query = parse_query("care for the elderly at home")
    assert query.folded == ["care", "elderly", "home"]  # 'the':* and 'at':* matched thermo…, atest…
    assert "pensjonat" in parse_query("bed and breakfast").phrases["bed"]  # a thesaurus term with "and"
    assert parse_query("IT support").folded == ["it", "support"]


@pytest.mark.django_db
def test_only_words_no_offer_contains_are_matched_by_similarity(shared_catalogue):  # noqa: F811
    """Fuzzy matching is costly in Elasticsearch: the backend probes which typo candidates the index does
    not know and asks for similarity on those alone, as the fallback does with its trigram rescue."""
    from search.backends.elasticsearch import ElasticsearchBackend
    from search.backends.es_query import OFFERS, build_search

    # A word of the catalogue's own titles that the vocabulary does not know: a candidate the probe must
    # find in the index (catering or ogrodnik never reach the probe, the thesaurus knows them).
    known = next(
        word
        for offer in Offer.objects.public().order_by("pk")
        for word in parse_query(offer.title).folded
        if parse_query(word).typo_candidates == [word]
    )
    query = parse_query(f"cayering {known} catering")
    assert set(query.typo_candidates) == {"cayering", known}

    unknown = ElasticsearchBackend()._unknown_words(OFFERS, query)

    assert unknown == ["cayering"]
    body = str(build_search(SearchParams(q=query.text), OFFERS, query=query, typos=unknown).to_dict())
    assert body.count("'fuzziness'") == 1 and "'query': 'cayering', 'fields'" in body


@pytest.mark.django_db
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("english", "category"), [("laundry", "pralnia"), ("carpentry", "stolarstwo-meble")])
def test_an_english_word_finds_polish_offers_of_its_trade(shared_catalogue, backend, english, category):  # noqa: F811
    top = _top(english, backend)
    assert top and top[0].category.slug == category


def _gluten_free(offer: Offer) -> bool:
    text = _text(offer)
    return "bezglut" in text or "bez glutenu" in text


@pytest.mark.django_db
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("query", ["catering bez glutenu", "catering bezglutenowy"])
def test_a_compound_ranks_its_offers_above_the_generic_word(shared_catalogue, backend, query):  # noqa: F811
    """ "catering bez glutenu": the gluten-free offers first, ordinary catering after them."""
    top = _top(query, backend, 3)
    assert top and _gluten_free(top[0]), [offer.title for offer in top]
    assert sum(map(_gluten_free, top)) >= 2, [offer.title for offer in top]


@pytest.mark.django_db
@pytest.mark.parametrize("backend", BACKENDS)
def test_the_bare_word_finds_the_compound(shared_catalogue, backend):  # noqa: F811
    top = _top("gluten", backend, 3)
    assert top and all(map(_gluten_free, top)), [offer.title for offer in top]
