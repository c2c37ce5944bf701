"""Public JSON API of the catalogue search (django-ninja)."""

from ninja import Router

router = Router(tags=["catalogue"])
