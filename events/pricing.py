"""What a stand costs: the stand type's price, the staff-configured discount, and the add-ons.

Pure arithmetic over the fair's models (events/money.py does the grosze and VAT); the price of an
application is snapshotted on it when it is submitted and approved (services.applications).
"""

from dataclasses import dataclass, field

from .models import ExhibitorApplication, PricingRule, StandType
from .money import discounted, price_line


@dataclass
class Quote:
    lines: list[dict] = field(default_factory=list)
    discount_percent: int = 0

    @property
    def net(self) -> int:
        return sum(item["net"] for item in self.lines)

    @property
    def vat(self) -> int:
        return sum(item["vat"] for item in self.lines)

    @property
    def gross(self) -> int:
        return sum(item["gross"] for item in self.lines)


def discount_for(stand_type: StandType, organisation) -> int:
    """The best active staff-configured discount the catalogue profile is eligible for (0-100)."""
    if organisation is None:
        return 0
    eligible = []
    if organisation.is_member:
        eligible.append(PricingRule.Eligibility.ACTIVE_MEMBER)
    if organisation.ps_status:
        eligible.append(PricingRule.Eligibility.PS_STATUS)
    rules = PricingRule.objects.filter(stand_type=stand_type, active=True, eligibility__in=eligible)
    return max((rule.discount_percent for rule in rules), default=0)


def quote(stand_type: StandType, addons, organisation=None) -> Quote:
    """Net, VAT and gross of a stand with its add-ons; the discount applies to the stand only."""
    percent = discount_for(stand_type, organisation)
    stand_label = stand_type.name if not percent else f"{stand_type.name} (−{percent}%)"
    lines = [price_line(stand_label, discounted(stand_type.price_net, percent), stand_type.vat_rate)]
    lines += [price_line(addon.name, addon.price_net, addon.vat_rate) for addon in addons]
    return Quote(lines=lines, discount_percent=percent)


def application_quote(application: ExhibitorApplication) -> Quote:
    return quote(application.stand_type, application.addons.all(), application.organisation)


def snapshot_price(application: ExhibitorApplication, priced: Quote) -> None:
    """Fix the price on the application (saved by the caller): later rule changes don't alter it."""
    application.discount_percent = priced.discount_percent
    application.amount_net = priced.net
    application.amount_vat = priced.vat
    application.amount_gross = priced.gross
