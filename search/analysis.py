"""Analysis chain for Polish text, built only from what the Elasticsearch server itself ships.

The integ-test distribution has no analysis-common module (no asciifolding, ngram or synonym filters),
and the morfologik plugin is not served by the registry this platform is built from. Polish lemmas
therefore come from the server's built-in `hunspell` token filter with the pl_PL dictionary (Debian's
hunspell-pl, the SJP.PL dictionary), installed under config/hunspell/pl_PL. Diacritics are folded in
Python (anyascii) into separate fields, and synonyms are expanded at query time. The same mappings work
unchanged on the full distribution in production.

Hunspell only knows correctly spelled words, so a buyer who types "sprzatanie" (no diacritics) gets no
lemma. The folded fields catch that, and a "stem" field catches inflection without diacritics: every
folded word is cut to its first STEM_LENGTH letters in Python, at index and at query time, so that
"sprzatanie" and "sprzatania" meet on "sprzat" while "kosz" and "koszenie" stay apart.
"""

import re
from functools import lru_cache

from anyascii import anyascii
from elasticsearch.dsl import analyzer, token_filter

# Function words that carry no meaning in a catalogue query; folded, because they are matched on
# folded text too. Kept short on purpose: "bez" (bez glutenu) is not here.
POLISH_STOPWORDS = [
    "a", "aby", "albo", "ale", "do", "dla", "i", "lub", "na", "o", "od", "oraz", "po", "przez", "przy",
    "sie", "się", "to", "u", "w", "we", "z", "za", "ze", "jest", "sa", "są", "jak", "czy", "nad", "pod",
    "przed", "wraz",
]  # fmt: skip

STEM_LENGTH = 6
# Prefixes that Polish writes together with the next word or apart: "bez glutenu" ↔ "bezglutenowy",
# "nisko słodzone" ↔ "niskosłodzone".
COMPOUND_PREFIXES = ("bez", "nisko", "wysoko", "eko")
COMPOUND_MIN_REST = 4

polish_lemma = token_filter("polish_lemma", type="hunspell", locale="pl_PL", dedup=True)
polish_stop = token_filter("polish_stop", type="stop", stopwords=POLISH_STOPWORDS)

polish = analyzer("polish_hunspell", tokenizer="standard", filter=["lowercase", polish_stop, polish_lemma])
folded = analyzer("folded", tokenizer="standard", filter=["lowercase", polish_stop])
# The lemmas search.lemmas computed, one per token (the fields' search analyzer is `polish`).
lemma_list = analyzer("lemma_list", tokenizer="standard", filter=["lowercase"])
# Completion inputs keep every word: a prefix may end on a short word.
suggest_analyzer = analyzer("suggest_folded", tokenizer="standard", filter=["lowercase"])

_WORD = re.compile(r"[0-9a-z]+")
_STOP = frozenset(POLISH_STOPWORDS)

# The characters of Polish text, mapped exactly as anyascii maps them. str.translate handles them in C;
# anyascii, which walks the text in Python, only runs on the rare text with anything else. Indexing
# folds every text of every document, so this is most of the indexer's Python time.
_COMMON = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”“–—…’‘«»·×°²³€§éöüäÉÖÜÄ"
_FAST_FOLD = str.maketrans({char: anyascii(char) for char in _COMMON})


def fold(text: str) -> str:
    """'Sprzątanie biur, Gdańsk' → 'sprzatanie biur, gdansk'; applied at index and at query time."""
    text = (text or "").translate(_FAST_FOLD)
    if not text.isascii():
        text = anyascii(text)
    return text.lower()


def words(text: str) -> list[str]:
    """Folded words of a text, without punctuation or stopwords: the safe vocabulary of a query."""
    return folded_words(fold(text))


def folded_words(folded_text: str) -> list[str]:
    """words() of a text that is already folded."""
    return [word for word in _WORD.findall(folded_text) if word not in _STOP]


def stem(word: str) -> str:
    """A crude, diacritic-free Polish stem: the first STEM_LENGTH letters of a folded word."""
    return word if word.isdigit() else word[:STEM_LENGTH]


def stems(text: str) -> str:
    """The text of a "stem" field: every folded word replaced by its stem."""
    return folded_stems(fold(text))


def compound_key(previous: str | None, word: str) -> str:
    """One token for a compound however it is written: "bez glutenu", "bezglutenowe" → "bezgluten".

    The prefix and the stem of the rest; "" when the word is no compound. Indexed beside the stems
    and searched as a term, it scores like any rare word (a constant-score prefix query could not
    outrank a frequent word such as "catering").
    """
    if previous in COMPOUND_PREFIXES and len(word) >= COMPOUND_MIN_REST and not word.isdigit():
        return previous + stem(word)
    for prefix in COMPOUND_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= COMPOUND_MIN_REST:
            return prefix + stem(rest)
    return ""


def folded_stems(folded_text: str) -> str:
    """stems() of a text that is already folded, with the compound key of every compound."""
    tokens = []
    previous = None
    for word in folded_words(folded_text):
        tokens.append(_word_stems(word, previous if previous in COMPOUND_PREFIXES else None))
        previous = word
    return " ".join(tokens)


@lru_cache(maxsize=200_000)
def _word_stems(word: str, prefix_before: str | None) -> str:
    """A word's stem and compound key. Cached: the indexer stems every word of every document, and a
    catalogue repeats the same words (this was the largest share of the indexer's Python time)."""
    key = compound_key(prefix_before, word)
    return f"{stem(word)} {key}" if key else stem(word)
