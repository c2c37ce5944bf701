"""Formatting of money for people. Amounts are integer grosze everywhere; the arithmetic is the fair's
(events.money), the display is shared by every app."""


def format_pln(grosze: int) -> str:
    """'1 234,50 zł' — Polish grouping and decimal comma."""
    sign = "-" if grosze < 0 else ""
    zloty, gr = divmod(abs(grosze), 100)
    grouped = f"{zloty:,}".replace(",", "\u00a0")
    return f"{sign}{grouped},{gr:02d}\u00a0zł"


def pln(grosze) -> str:
    """The template filter: integer grosze (or their text) as złoty, '' for no amount."""
    if grosze in (None, ""):
        return ""
    return format_pln(int(grosze))
