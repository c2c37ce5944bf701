"""Text kept in Polish with an optional English version: which one a page shows."""

from django.utils.translation import get_language


def is_english() -> bool:
    return (get_language() or "pl").startswith("en")


def localised(polish: str, english: str) -> str:
    """The English text on English pages when there is one; the Polish text everywhere else."""
    return english if english and is_english() else polish


def shown_in_polish(english: str) -> bool:
    """True on an English page whose text has no English version: the page says it is in Polish."""
    return is_english() and not english.strip()
