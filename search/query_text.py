"""Understanding a typed query: words, CPV codes and a place, without any query syntax.

Nothing the user types is ever interpreted as Elasticsearch or SQL syntax: the query is reduced to
words made of letters and digits, CPV codes and at most one known place, and those are passed as plain
values to match/term/prefix queries.
"""

import re
import time
from dataclasses import dataclass, field

from .analysis import POLISH_STOPWORDS, fold
from .places import Place, find_place
from .vocabulary import (
    COMPOUND_MIN_REST,
    COMPOUND_PREFIXES,
    ENGLISH_FUNCTION_WORDS,
    category_hints,
    compound_variants,
    cpv_hints,
    thesaurus_phrases,
)

MAX_WORDS = 24
# The promise: one wrong letter is forgiven in words of five letters or more.
TYPO_MIN_LENGTH = 5
MAX_WORD_LENGTH = 40
_TOKEN = re.compile(r"\w+", re.UNICODE)
_CPV = re.compile(r"^\d{2,8}$")
_ASCII_WORD = re.compile(r"[0-9a-z]+")


@dataclass(frozen=True)
class QueryText:
    words: list[str]  # lowercase words as typed (diacritics kept), without place, CPV and stopwords
    folded: list[str]  # the same words folded to ASCII
    cpv_prefixes: list[str]  # "90910000" → "9091"; exact 8-digit codes are kept in cpv_codes
    cpv_codes: list[str]
    place: Place | None
    # What the words also mean (search.vocabulary): Polish phrases per folded word (thesaurus, for
    # English and Polish words alike), compound spellings per folded word, and CPV prefixes and
    # category slugs whose English names the query names. Hints rank; they never filter.
    phrases: dict[str, list[str]] = field(default_factory=dict)
    variants: dict[str, list[str]] = field(default_factory=dict)
    cpv_hints: list[str] = field(default_factory=list)
    category_hints: list[str] = field(default_factory=list)

    @property
    def synonyms(self) -> list[str]:
        return list(dict.fromkeys(phrase for phrases in self.phrases.values() for phrase in phrases))

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def folded_text(self) -> str:
        return " ".join(self.folded)

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.cpv_prefixes or self.place)

    @property
    def typo_candidates(self) -> list[str]:
        """Folded words that may be mistyped: five letters or more, not a number, and unknown to the
        project's vocabulary (a thesaurus or CPV word is spelled right). Both backends ask the catalogue
        which of these no offer contains, and match only those by similarity."""
        return [
            word
            for word in self.folded
            if len(word) >= TYPO_MIN_LENGTH and not word.isdigit() and not self.phrases.get(word)
            and not cpv_hints([word])
        ]  # fmt: skip


QUERY_STOPWORDS = frozenset(POLISH_STOPWORDS) | ENGLISH_FUNCTION_WORDS


def parse_query(q: str) -> QueryText:
    """Split a typed query into searchable words, CPV codes and a place. Never raises."""
    stop = QUERY_STOPWORDS
    pairs: list[tuple[str, str]] = []
    cpv_codes: list[str] = []
    previous_was_cpv = False
    for token in _TOKEN.findall((q or "").lower()):
        token = token[:MAX_WORD_LENGTH]
        if _CPV.match(token):
            cpv_codes.append(token)
            previous_was_cpv = True
            continue
        if previous_was_cpv and token.isdigit() and len(token) == 1:
            previous_was_cpv = False  # the check digit of "55520000-1"
            continue
        previous_was_cpv = False
        for folded_part in _ASCII_WORD.findall(fold(token)):
            if folded_part not in stop and token not in stop:
                pairs.append((token if folded_part == fold(token) else folded_part, folded_part))
    pairs = pairs[:MAX_WORDS]
    place = None
    found = find_place([folded for _, folded in pairs])
    if found and len(pairs) > found[2] - found[1]:
        # A place next to other words is a place; a query that is only a town name stays a text query
        # too, so "Gdańsk" still finds suppliers based there.
        place, start, end = found
        pairs = pairs[:start] + pairs[end:]
    elif found:
        place = found[0]
    prefixes = []
    for code in cpv_codes:
        prefix = code.rstrip("0")
        prefixes.append(prefix if len(prefix) >= 2 else code[:2])
    pairs, variants = _compounds(pairs)
    folded = [folded for _, folded in pairs]
    return QueryText(
        words=[raw for raw, _ in pairs],
        folded=folded,
        cpv_prefixes=prefixes,
        cpv_codes=[code for code in cpv_codes if len(code) == 8],
        place=place,
        phrases=thesaurus_phrases(folded),
        variants=variants,
        cpv_hints=cpv_hints(folded),
        category_hints=category_hints(folded, _category_names()) if folded else [],
    )


def _compounds(pairs: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """Fold "bez glutenu" into one word with its compound spelling; note the other spellings of each word.

    A prefix written apart ("bez", "nisko") says little alone and matches everywhere ("bez konserwantów"),
    so it is dropped as a word and kept in its neighbour's compound variant.
    """
    kept: list[tuple[str, str]] = []
    variants: dict[str, list[str]] = {}
    previous = None
    for index, (raw, folded_word) in enumerate(pairs):
        following = pairs[index + 1][1] if index + 1 < len(pairs) else ""
        if folded_word in COMPOUND_PREFIXES and len(following) >= COMPOUND_MIN_REST:
            previous = folded_word
            continue
        found = compound_variants(previous, folded_word)
        if found:
            variants[folded_word] = found
        kept.append((raw, folded_word))
        previous = None
    return kept, variants


# (slug, English name) of every category, read at most once a minute per process: a query to the
# database on every search cost more than the rest of parsing it. A category saved or deleted in this
# process clears it at once (search.signals); other processes see the change within the minute.
CATEGORY_NAMES_TTL = 60.0
_category_cache: tuple[float, list[tuple[str, str]]] | None = None


def forget_category_names() -> None:
    global _category_cache
    _category_cache = None


def _category_names() -> list[tuple[str, str]]:
    global _category_cache
    from catalog.models import Category  # models are ready by the time a query is parsed

    now = time.monotonic()
    if _category_cache is None or now - _category_cache[0] > CATEGORY_NAMES_TTL:
        _category_cache = (now, list(Category.objects.values_list("slug", "name_en")))
    return _category_cache[1]
