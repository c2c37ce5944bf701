"""Server errors. A database that is down or restarting answers 503 with Retry-After, not the 500 page.

Django calls `handler500` while it is still handling the exception (also on ASGI, where asgiref
re-raises it in the worker thread), so `sys.exc_info()` names the cause. Django's own request logger
writes the failure once ("Service Unavailable: /path", with the traceback); this module logs nothing.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

RETRY_AFTER_SECONDS = 30
# OperationalError: the server refused, dropped or is restarting; InterfaceError: the connection is gone.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def server_error(request: HttpRequest) -> HttpResponse:
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return service_unavailable(request)
    return defaults.server_error(request)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """Rendered without a request context: context processors (site settings, the user) would query the
    database that has just failed."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": _("The service is temporarily unavailable.")}, status=503)
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
