"""Folding and stemming in Python: the fast path must fold exactly as anyascii does."""

from anyascii import anyascii
from hypothesis import given
from hypothesis import strategies as st

from search.analysis import fold, folded_stems, stems, words

POLISH_AND_PUNCTUATION = st.text(
    alphabet=st.sampled_from(
        list("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”“–—…’‘«»·×°²³€§éöüäabcXYZ 09,.-") + ["ß", "ø", "Æ", "中", "😀"]
    )
)


@given(st.text() | POLISH_AND_PUNCTUATION)
def test_fold_matches_anyascii_for_any_text(text):
    assert fold(text) == anyascii(text).lower()


def test_fold_removes_polish_diacritics_and_typographic_quotes():
    assert fold("„Sprzątanie biur”, Gdańsk – ŻÓŁW") == '"sprzatanie biur", gdansk - zolw'


def test_stems_of_folded_text_equal_stems_of_the_original():
    text = "Sprzątanie biur i koszenie trawy w Gdańsku"
    assert folded_stems(fold(text)) == stems(text) == "sprzat biur koszen trawy gdansk"
    assert words(text) == ["sprzatanie", "biur", "koszenie", "trawy", "gdansku"]
