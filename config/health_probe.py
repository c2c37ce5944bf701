"""Health probes answer before host validation and the HTTPS redirect.

Container healthchecks and load balancers call the app directly over HTTP on its own address
(http://127.0.0.1:8000/health/live/), with no public Host header and no proxy in front. Through the normal
middleware stack ALLOWED_HOSTS turns that into a 400 and SECURE_SSL_REDIRECT into a 301, so the probe
would never see a healthy web process. The probes expose no data beyond up/down.
"""

from asgiref.sync import async_to_sync, iscoroutinefunction

from config.health import liveness, readiness

PROBES = {"/health/live/": liveness, "/health/ready/": readiness}


class HealthProbeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in {"GET", "HEAD"}:
            response = async_to_sync(probe)(request) if iscoroutinefunction(probe) else probe(request)
            # django-health-check answers HTML with a TemplateResponse, which the URL resolver's
            # handler would render; called from here, it is rendered here.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response
        return self.get_response(request)
