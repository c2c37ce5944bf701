"""Polish lemmas found once per word instead of once per document.

Hunspell was most of Elasticsearch's indexing time (measured by `bench_search --index-only`: the
Polish fields cost 1.3 ms of 1.8 ms per document on this 2-core node), yet a catalogue repeats the same
few thousand words. So the indexer asks Elasticsearch's own analysis (`_analyze` with the same chain as
search.analysis.polish: standard tokenizer, lowercase, the stopwords, hunspell pl_PL) once per new word,
keeps the lemmas in this process, and indexes each Polish text as its lemmas (`<field>_lemmas`, a plain
standard analyzer). Queries still go through the hunspell analyzer (the fields' search_analyzer), so a
query word meets the lemmas of every inflection exactly as before.
"""

import re
from bisect import bisect_right
from collections.abc import Iterable

from .analysis import POLISH_STOPWORDS
from .client import get_client

_WORD = re.compile(r"\w+")
ANALYZE_BATCH = 2000  # words per _analyze request: below the 10,000-token limit with several lemmas a word
MAX_CACHED_WORDS = 500_000
ANALYSIS = {
    "tokenizer": "standard",
    "filter": [
        "lowercase",
        {"type": "stop", "stopwords": POLISH_STOPWORDS},
        {"type": "hunspell", "locale": "pl_PL", "dedup": True},
    ],
}

_lemmas: dict[str, tuple[str, ...]] = {}


def _words(text: str) -> list[str]:
    return _WORD.findall((text or "").lower())


def learn(texts: Iterable[str], client=None) -> None:
    """Find the lemmas of every word of `texts` not seen yet, in a few _analyze requests."""
    missing = list(dict.fromkeys(word for text in texts for word in _words(text) if word not in _lemmas))
    if not missing:
        return
    client = client or get_client()
    if len(_lemmas) + len(missing) > MAX_CACHED_WORDS:
        _lemmas.clear()
    for start in range(0, len(missing), ANALYZE_BATCH):
        batch = missing[start : start + ANALYZE_BATCH]
        starts, position = [], 0
        for word in batch:
            starts.append(position)
            position += len(word) + 1
        found: dict[str, list[str]] = {word: [] for word in batch}
        body = client.options(request_timeout=60).indices.analyze(text=" ".join(batch), **ANALYSIS).body
        for token in body.get("tokens", []):
            found[batch[bisect_right(starts, token["start_offset"]) - 1]].append(token["token"])
        for word, lemmas in found.items():
            _lemmas[word] = tuple(dict.fromkeys(lemmas))  # a stopword has none


def lemma_text(text: str) -> str:
    """The text as its lemmas, space-separated (what a `<field>_lemmas` field indexes)."""
    words = _words(text)
    if any(word not in _lemmas for word in words):
        learn([text])
    return " ".join(lemma for word in words for lemma in _lemmas[word])
