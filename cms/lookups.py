"""Wagtail's lookups of the site, the locale and admin access, done once per request.

Every page used to ask the database for the same things several times: the site of the request
(Wagtail's page view and each chrome tag), the active locale (once per ``.localized``) and whether
the visitor may open the admin (the header's link and the user bar). Here:

* the site, with its root page, is kept in the shared cache under the content version
  (``core.cache``), bumped when a site is saved or deleted and when a page is published or moved;
* ``Locale.get_active`` is remembered for the rest of the request, per language;
* whether a person may open the admin is kept in the shared cache for a minute: it only decides
  whether the header shows the admin link and the user bar, the admin checks access itself.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from wagtail.models import Locale, Site

from core.cache import request_version

ADMIN_ACCESS_SECONDS = 60

_locales: ContextVar[dict | None] = ContextVar("cms_locales", default=None)
_get_active = Locale.get_active.__func__


def _remembered_get_active(cls):
    """``Locale.get_active``, remembered per language for the rest of the request."""
    remembered = _locales.get()
    if remembered is None:
        return _get_active(cls)
    language = translation.get_language()
    if language not in remembered:
        remembered[language] = _get_active(cls)
    return remembered[language]


def install() -> None:
    """Called once when Django starts (``cms.apps``)."""
    Locale.get_active = classmethod(_remembered_get_active)


def _site(request: HttpRequest) -> Site | None:
    key = f"site:{request_version(request)}:{request._get_raw_host()}:{request.get_port()}"
    site = cache.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is not None:
            site = Site.objects.select_related("root_page").get(pk=site.pk)
            cache.set(key, site, 300)
    return site


def may_open_admin(request: HttpRequest) -> bool:
    """Whether the header shows the admin link and the user bar to this person."""
    user = request.user
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    key = f"admin-access:{user.pk}"
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, allowed, ADMIN_ACCESS_SECONDS)
    return allowed


class WagtailLookupsMiddleware:
    """Gives each request its site from the shared cache and a fresh memory of locales."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _locales.set({})
        try:
            if not request.path.startswith("/admin/") and not request.path.startswith("/api/"):
                request._wagtail_site = _site(request)
            return self.get_response(request)
        finally:
            _locales.reset(token)


def chrome(request: HttpRequest) -> dict:
    """Context processor: the content version (fragment keys) and admin access, each read when used."""
    return {
        "content_version": lambda: request_version(request),
        "may_open_admin": lambda: may_open_admin(request),
    }
