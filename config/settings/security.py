"""Security policy shared by every environment: CSP, brute-force protection and admin two-factor.

Kept apart from base.py so the policy reads in one place.
"""

import os
from urllib.parse import urlparse

from csp.constants import NONE, SELF, UNSAFE_INLINE

_tile_host = urlparse(os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"))
_tile_origin = f"{_tile_host.scheme}://{_tile_host.netloc}".replace("{s}.", "*.")

# Scripts only from our own origin: no inline scripts anywhere on the public site. Styles allow inline
# attributes (e.g. bar widths in server-rendered charts), which carry no script risk.
CONTENT_SECURITY_POLICY = {
    # The Wagtail admin ships inline scripts of its own; it is staff-only and behind login.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", _tile_origin],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        # Chrome applies form-action to the redirect after a POST: Checkout lives on Stripe's origin.
        "form-action": [SELF, "https://checkout.stripe.com"],
    },
}


# django-axes: lock out an IP + username pair after repeated failed logins (Wagtail admin and accounts).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
# allauth posts the account as `login`: key the lockout on it, not on the address alone.
AXES_USERNAME_CALLABLE = "config.login_keys.login_identifier"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = os.environ.get("AXES_ENABLED", "true").lower() in {"1", "true", "yes"}

# allauth's own rate limits stay on (login, signup, password reset); made explicit here. Wagtail's
# password reset has no limit of its own, so it is off: staff reset through allauth's form.
WAGTAIL_PASSWORD_RESET_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}

# Staff two-factor (allauth.mfa, config/staff_mfa.py): the admin signs in through allauth, which asks
# for the TOTP code of every account that has one. With STAFF_REQUIRE_MFA (on in production) the admin
# opens only for a session that passed the second factor; staff without TOTP set it up first.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Pomorska Ekonomia Społeczna"
WAGTAILADMIN_LOGIN_URL = "account_login"
STAFF_REQUIRE_MFA = os.environ.get("STAFF_REQUIRE_MFA", "false").lower() in {"1", "true", "yes"}
