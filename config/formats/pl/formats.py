"""Polish short dates as people in Poland write them, 30.12.2026 (Django's `pl` locale gives 30-12-2026).

Only what differs from Django's locale is set; everything else (30 grudnia 2026, input formats) falls
back to it.
"""

SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"
