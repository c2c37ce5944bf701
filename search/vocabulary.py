"""What a typed word also means: the sector thesaurus, the CPV dictionary's English names, the
categories' English names, and Polish compounds. Both backends expand a query through this module, so
they understand the same words.

Polish words are compared by their crude stem (search.analysis.stem), English words by their Snowball
stem, so a term written once in its base form also catches its inflections ("seniorem", "cleaners").
"""

import csv
from dataclasses import dataclass, field
from functools import cache, lru_cache

import snowballstemmer

from catalog.services.cpv import CPV_CODES_FILE

from .analysis import COMPOUND_MIN_REST, COMPOUND_PREFIXES, compound_key, fold, stem, words
from .thesaurus import CONCEPTS

# Words that name no thing in a CPV or category name ("Cleaning services", "Products of ...").
# English function words a buyer types around the words that matter ("care for the elderly at home").
# Dropped from queries (search.query_text) like the Polish stopwords: as prefix terms of the fallback
# ('the':*, 'at':*) they matched half the catalogue (thermo…, atest…). None is a Polish content word
# once folded ("on" and "by" are Polish function words too); "it" stays (IT services), and so does
# "without" (without gluten).
ENGLISH_FUNCTION_WORDS = frozenset(
    ["an", "and", "the", "of", "for", "in", "at", "on", "by", "or", "from", "into", "is", "are", "our", "my"]
)
ENGLISH_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "for",
        "to",
        "in",
        "on",
        "with",
        "without",
        "by",
        "or",
        "other",
        "related",
        "similar",
        "services",
        "service",
        "products",
        "product",
        "works",
        "work",
        "equipment",
        "supplies",
        "articles",
        "goods",
        "material",
        "materials",
        "various",
        "miscellaneous",
        "n",
        "e",
        "c",
        "parts",
        "accessories",
    ]
)
_english = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def english_stem(word: str) -> str:
    # Cached: every query stems its words and every document its English text (Snowball is pure Python).
    return _english.stemWord(word)


def english_stems(text: str) -> str:
    """The text of an English "stems" field: Snowball stems of its folded words, stop words left out.

    Stemmed here, not by Elasticsearch: the server build has no analysis-common module, so no English
    analyzer or stemmer filter (see search.analysis).
    """
    return " ".join(english_stem(word) for word in words(text) if word not in ENGLISH_STOPWORDS)


def _keys(folded_word: str) -> set[tuple[str, str]]:
    return {("pl", stem(folded_word)), ("en", english_stem(folded_word))}


@dataclass(frozen=True)
class _Index:
    single: dict[tuple[str, str], set[int]]
    multi: list[tuple[list[set[tuple[str, str]]], int]]


@cache
def _thesaurus_index() -> _Index:
    single: dict[tuple[str, str], set[int]] = {}
    multi: list[tuple[list[set[tuple[str, str]]], int]] = []
    for number, concept in enumerate(CONCEPTS):
        for language, terms in (("pl", concept.polish), ("en", concept.english)):
            for term in terms:
                # The query drops English function words (search.query_text), so the terms do too.
                parts = [part for part in words(term.replace("-", " ")) if part not in ENGLISH_FUNCTION_WORDS]
                if len(parts) == 1:
                    key = (language, stem(parts[0]) if language == "pl" else english_stem(parts[0]))
                    single.setdefault(key, set()).add(number)
                elif parts:
                    multi.append(([_keys(part) for part in parts], number))
    return _Index(single, multi)


@dataclass
class Expansion:
    phrases: dict[str, list[str]] = field(default_factory=dict)  # folded query word → Polish phrases
    cpv_prefixes: list[str] = field(default_factory=list)  # codes whose English names the query names
    categories: list[str] = field(default_factory=list)  # categories whose English names the query names


def thesaurus_phrases(folded: list[str]) -> dict[str, list[str]]:
    """For each query word, the folded Polish phrases of the concepts it (or a phrase it is part of) names."""
    index = _thesaurus_index()
    word_keys = [_keys(word) for word in folded]
    concepts: dict[int, set[int]] = {position: set() for position in range(len(folded))}
    for position, keys in enumerate(word_keys):
        for key in keys:
            concepts[position] |= index.single.get(key, set())
    for parts, number in index.multi:
        positions = []
        for part in parts:
            found = [p for p, keys in enumerate(word_keys) if keys & part]
            if not found:
                break
            positions.append(found[0])
        else:
            for position in positions:
                concepts[position].add(number)
    own = set(folded)
    own_stems = {stem(word) for word in folded}
    phrases: dict[str, list[str]] = {}
    for position, numbers in concepts.items():
        found: list[str] = []
        for number in sorted(numbers):
            for term in CONCEPTS[number].polish:
                phrase = fold(term)
                parts = phrase.split()
                # An inflection of a typed word ("nocleg" for "noclegi") is the word itself: the
                # backends match it already, and counting it again would weigh the word twice.
                if phrase in found or set(parts) <= own or {stem(part) for part in parts} <= own_stems:
                    continue
                found.append(phrase)
        if found:
            known = phrases.setdefault(folded[position], [])
            known.extend(phrase for phrase in found if phrase not in known)
    return phrases


@dataclass(frozen=True)
class _Named:
    key: str  # a CPV prefix or a category slug
    stems: frozenset[str]


@lru_cache(maxsize=4096)
def _english_name_stems(name: str) -> frozenset[str]:
    return frozenset(
        english_stem(word) for word in words(name.replace("-", " ")) if word not in ENGLISH_STOPWORDS
    )


@cache
def _cpv_names() -> list[_Named]:
    named = []
    with open(CPV_CODES_FILE, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            digits = (row.get("code") or "").split("-")[0]
            prefix = digits.rstrip("0")
            stems = _english_name_stems(row.get("name_en") or "")
            if len(prefix) >= 3 and stems:  # a division ("03") is too broad to be a hint
                named.append(_Named(prefix, stems))
    return named


def _best(named: list[_Named], query_stems: set[str]) -> list[str]:
    """Keys whose names the query covers best: every content word of the name is in the query."""
    matched = [item for item in named if item.stems and item.stems <= query_stems]
    if not matched:
        return []
    widest = max(len(item.stems) for item in matched)
    return list(dict.fromkeys(item.key for item in matched if len(item.stems) == widest))


def english_query_stems(folded: list[str]) -> set[str]:
    return {english_stem(word) for word in folded if word not in ENGLISH_STOPWORDS}


def cpv_hints(folded: list[str]) -> list[str]:
    """CPV prefixes whose English dictionary name the query names ("cleaning" → 9091, Cleaning services)."""
    return _best(_cpv_names(), english_query_stems(folded))


def category_hints(folded: list[str], categories: list[tuple[str, str]]) -> list[str]:
    """Slugs of categories whose English name the query names; `categories` is (slug, name_en)."""
    named = [_Named(slug, _english_name_stems(name)) for slug, name in categories]
    query = english_query_stems(folded)
    # A category name lists several trades ("Carpentry and furniture"): one of them is enough.
    return [item.key for item in named if item.stems & query]


def compound_keys(folded: list[str], variants: dict[str, list[str]]) -> dict[str, str]:
    """The compound key (search.analysis.compound_key) of each query word that has compound spellings."""
    keys = {}
    for word, spellings in variants.items():
        joined = [spelling for spelling in spellings if " " not in spelling]
        key = compound_key(None, joined[0] if joined else word)
        if key:
            keys[word] = key
    return keys


def compound_variants(previous: str | None, word: str) -> list[str]:
    """Other spellings of a Polish compound: "bez"+"glutenu" → "bezgluten"; "bezglutenowy" → "bez glutenowy".

    Folded words; a variant with a space is a phrase. A bare word ("gluten") is not turned into every
    compound it could start: the thesaurus says which ones mean something."""
    variants: list[str] = []
    if previous in COMPOUND_PREFIXES and len(word) >= COMPOUND_MIN_REST:
        # "bez glutenu" → "bezgluten": the stem, so that the prefix meets every inflection of the
        # compound ("bezglutenowe", "bezglutenowy"), not only the case the buyer typed.
        variants.append(previous + stem(word))
    for prefix in COMPOUND_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= COMPOUND_MIN_REST:
            variants.append(f"{prefix} {rest}")
    return variants
