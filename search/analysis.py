"""Analysis chain for Polish text, built only from what the Elasticsearch server itself ships.

The integ-test distribution has no analysis-common module (no asciifolding, ngram or synonym filters),
and the morfologik plugin is not served by the registry this platform is built from. Polish lemmas
therefore come from the server's built-in `hunspell` token filter with the pl_PL dictionary (Debian's
hunspell-pl, the SJP.PL dictionary), installed under config/hunspell/pl_PL. Diacritics are folded in
Python (anyascii) into separate fields, and synonyms are expanded at query time. The same mappings work
unchanged on the full distribution in production.
"""

from anyascii import anyascii
from elasticsearch.dsl import analyzer, token_filter

polish_lemma = token_filter("polish_lemma", type="hunspell", locale="pl_PL", dedup=True)

polish = analyzer("polish_hunspell", tokenizer="standard", filter=["lowercase", polish_lemma])
folded = analyzer("folded", tokenizer="standard", filter=["lowercase"])


def fold(text: str) -> str:
    """'Sprzątanie biur, Gdańsk' → 'sprzatanie biur, gdansk'; applied at index and at query time."""
    return anyascii(text or "").lower()
