"""Multi-factor authentication required of privileged accounts before they reach anything else."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from .access import access_for


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAMiddleware:
    """Attaches ``request.access`` and keeps administrators and coordinators out until they have TOTP.

    Until then every page but the account pages (sign-out, MFA set-up, re-authentication)
    redirects to the TOTP set-up.
    """

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/healthz")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.access = SimpleLazyObject(lambda: access_for(request.user))
        if self._must_set_up_mfa(request):
            messages.warning(
                request, _("Your role requires two-step verification. Set up an authenticator app to continue.")
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up_mfa(self, request: HttpRequest) -> bool:
        if not settings.MFA_REQUIRED_FOR_PRIVILEGED or not request.user.is_authenticated:
            return False
        path = request.path_info
        if path.startswith(self.ALLOWED_PREFIXES) or _strip_language(path).startswith(self.ALLOWED_PREFIXES):
            return False
        return request.access.is_privileged and not _has_totp(request.user)


def _strip_language(path: str) -> str:
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path
