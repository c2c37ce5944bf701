"""Site-wide template helpers."""

from django import template

from events.money import format_pln

register = template.Library()


@register.filter
def pln(grosze):
    """Format integer grosze as Polish złoty: 1234550 → '12 345,50 zł'."""
    if grosze in (None, ""):
        return ""
    return format_pln(int(grosze))
