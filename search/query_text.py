"""Understanding a typed query: words, CPV codes and a place, without any query syntax.

Nothing the user types is ever interpreted as Elasticsearch or SQL syntax: the query is reduced to
words made of letters and digits, CPV codes and at most one known place, and those are passed as plain
values to match/term/prefix queries.
"""

import re
from dataclasses import dataclass

from .analysis import POLISH_STOPWORDS, fold
from .places import Place, find_place
from .synonyms import expand

MAX_WORDS = 24
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
    synonyms: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def folded_text(self) -> str:
        return " ".join(self.folded)

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.cpv_prefixes or self.place)


def parse_query(q: str) -> QueryText:
    """Split a typed query into searchable words, CPV codes and a place. Never raises."""
    stop = set(POLISH_STOPWORDS)
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
    words = [raw for raw, _ in pairs]
    return QueryText(
        words=words,
        folded=[folded for _, folded in pairs],
        cpv_prefixes=prefixes,
        cpv_codes=[code for code in cpv_codes if len(code) == 8],
        place=place,
        synonyms=expand(" ".join(words)),
    )
