"""Money is integer grosze in one place. Formatting happens only at the edge (config.core.money)."""

from decimal import ROUND_HALF_UP, Decimal


def gross_from_net(net_grosze: int, vat_rate_percent: int) -> int:
    """Gross amount in grosze, VAT rounded half-up to the grosz (the invoice rule)."""
    return net_grosze + vat_amount(net_grosze, vat_rate_percent)


def vat_amount(net_grosze: int, vat_rate_percent: int) -> int:
    vat = Decimal(net_grosze) * Decimal(vat_rate_percent) / Decimal(100)
    return int(vat.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def price_line(description: str, net_grosze: int, vat_rate_percent: int) -> dict:
    """One priced line (stand, add-on, invoice row): net, VAT and gross derived here only."""
    vat = vat_amount(net_grosze, vat_rate_percent)
    return {
        "description": description,
        "net": net_grosze,
        "vat_rate": vat_rate_percent,
        "vat": vat,
        "gross": net_grosze + vat,
    }


def discounted(net_grosze: int, discount_percent: int) -> int:
    """Net price after a percentage discount, rounded half-up to the grosz."""
    remaining = Decimal(net_grosze) * Decimal(100 - discount_percent) / Decimal(100)
    return int(remaining.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def proportional(part: int, of_total: int, amount: int) -> int:
    """amount * part / of_total, rounded half-up: splits a partial refund across VAT rates."""
    if of_total == 0:
        return 0
    share = Decimal(amount) * Decimal(part) / Decimal(of_total)
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))
