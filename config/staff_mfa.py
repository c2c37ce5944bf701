"""Staff two-factor: the Wagtail admin signs in through allauth (with MFA), and can demand a second factor.

Wagtail's own login form checks the password only, so `/admin/login/` hands over to allauth's login,
which asks for the TOTP code of every account that has one. With `STAFF_REQUIRE_MFA` (on in
production) the admin opens only for a session that passed a second factor: an account without TOTP is
sent to set it up first, and a session signed in without the second factor signs in again.
"""

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

ADMIN_PREFIX = "/admin/"


@never_cache
def admin_login(request):
    """Replaces Wagtail's password-only login (GET and POST): the next address survives if it is local."""
    next_url = request.GET.get("next") or request.POST.get("next") or ADMIN_PREFIX
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ADMIN_PREFIX
    return redirect_to_login(next_url, settings.LOGIN_URL)


def _has_admin_access(user) -> bool:
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def session_passed_second_factor(request) -> bool:
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


class StaffSecondFactorMiddleware:
    """Admin requests of staff need a session that passed TOTP, when STAFF_REQUIRE_MFA is on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "STAFF_REQUIRE_MFA", False)
            and request.path.startswith(ADMIN_PREFIX)
            and _has_admin_access(request.user)
            and not session_passed_second_factor(request)
        ):
            return self._second_factor_missing(request)
        return self.get_response(request)

    def _second_factor_missing(self, request):
        if not Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
            messages.warning(request, _("Set up two-factor authentication before you open the admin."))
            return redirect("mfa_activate_totp")
        # The account has TOTP but this session never passed it: sign in again, with the code.
        logout(request)
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
