"""Money is integer grosze in one place. Formatting happens only at the edge."""

from decimal import ROUND_HALF_UP, Decimal


def gross_from_net(net_grosze: int, vat_rate_percent: int) -> int:
    """Gross amount in grosze, VAT rounded half-up to the grosz (the invoice rule)."""
    return net_grosze + vat_amount(net_grosze, vat_rate_percent)


def vat_amount(net_grosze: int, vat_rate_percent: int) -> int:
    vat = Decimal(net_grosze) * Decimal(vat_rate_percent) / Decimal(100)
    return int(vat.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_pln(grosze: int) -> str:
    """'1 234,50 zł' — Polish grouping and decimal comma."""
    sign = "-" if grosze < 0 else ""
    zloty, gr = divmod(abs(grosze), 100)
    grouped = f"{zloty:,}".replace(",", "\u00a0")
    return f"{sign}{grouped},{gr:02d}\u00a0zł"
