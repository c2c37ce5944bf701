"""English formats of a site in Poland: short dates day first (30/12/2026), never the US 12/30/2026.

Only what differs from Django's `en` locale is set; everything else falls back to it.
"""

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y, H:i"
