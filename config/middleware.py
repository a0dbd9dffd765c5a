"""Security headers on every answer: the Content-Security-Policy (outside the Wagtail admin) and Permissions-Policy."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and Permissions-Policy headers.

    The Wagtail admin relies on inline scripts and styles, so it is exempt; every page
    of the product itself is served under a policy without 'unsafe-inline'.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        if not any(request.path.startswith(prefix) for prefix in settings.CSP_EXEMPT_PATH_PREFIXES):
            response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
