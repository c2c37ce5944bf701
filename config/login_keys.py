"""Which account a failed login was aimed at, for django-axes' IP + account lockout.

allauth posts the account as `login` and authenticates with `email=`/`username=`; axes' default reads
a `username` field only, so every allauth failure was keyed on the address alone and ten failures from
anyone on a shared address (an office, a NAT) locked out every member behind it.
"""

from django.http import HttpRequest


def login_identifier(request: HttpRequest, credentials: dict | None = None) -> str | None:
    for source in (credentials or {}, getattr(request, "POST", {}) or {}):
        for key in ("login", "email", "username"):
            value = source.get(key)
            if value:
                return str(value).strip().lower()
    return None
