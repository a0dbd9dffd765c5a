"""Wagtail's lookups of the site, the locale and admin access, done once per request.

Every page used to ask the database for the same things several times: the site of the request
(Wagtail's page view and each chrome tag), the active locale (once per ``.localized``) and whether
the visitor may open the admin (the header's link and the user bar). Here:

* the content version is read once per request;
* the site, with its root page, is kept in the shared cache under the content version
  (``core.cache``, and in each process's memory: ``versioned_get``), bumped when a site is saved or
  deleted and when a page is published or moved;
* ``Locale.get_active`` is remembered for the rest of the request, per language, and read from the
  shared cache under the content version (bumped when a locale is saved or deleted);
* the view restrictions of a page are looked up only when the site has any (the shared cache
  knows whether it does, under the content version, bumped when a restriction is saved or
  deleted): a site without restrictions skips two queries per page;
* the page an address leads to (Wagtail's route: a query for each step of the path and one more for
  each page's specific type) is kept under the content version too, by site, language and path, so
  a signed-in reader of a course page does not walk the tree again; a page that is published,
  unpublished or moved bumps the version, so the next request routes afresh. Each process keeps its
  copy pickled (``versioned_get``), so no two requests share the page object;
* whether a person may open the admin is kept in the shared cache for a minute, and read once per
  request: it only decides whether the header shows the admin link and the user bar, the admin
  checks access itself.
"""

import hashlib
from collections.abc import Callable
from contextvars import ContextVar

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site

from core.cache import content_version, request_version, versioned_get, versioned_set

ADMIN_ACCESS_SECONDS = 60
#: Addresses that never show the site chrome: their requests do without the site.
NO_PAGE_PREFIXES = ("/admin/", "/api/", "/calendar/", "/documents/", "/healthz", "/static/", "/media/")

_locales: ContextVar[dict | None] = ContextVar("cms_locales", default=None)
_request: ContextVar[HttpRequest | None] = ContextVar("cms_request", default=None)


def _version() -> int:
    """The content version: read once per request (``core.cache.request_version``), else now."""
    request = _request.get()
    return request_version(request) if request is not None else content_version()


_get_active = Locale.get_active.__func__


def _remembered_get_active(cls):
    """``Locale.get_active``, remembered per language for the rest of the request."""
    remembered = _locales.get()
    if remembered is None:
        return _get_active(cls)
    language = translation.get_language()
    if language not in remembered:
        key = f"locale:{_version()}:{language}"
        if (locale := versioned_get(key)) is None:
            locale = _get_active(cls)
            versioned_set(key, locale, 300)
        remembered[language] = locale
    return remembered[language]


_get_view_restrictions = Page.get_view_restrictions


def _view_restrictions_if_any(page: Page):
    """``Page.get_view_restrictions``, answering with none at once when the site has none at all."""
    key = f"view-restrictions:{_version()}"
    if (exists := versioned_get(key)) is None:
        exists = PageViewRestriction.objects.exists()
        versioned_set(key, exists, 300)
    return _get_view_restrictions(page) if exists else PageViewRestriction.objects.none()


_route_for_request = Page.route_for_request


def _remembered_route_for_request(request: HttpRequest, path: str):
    """``Page.route_for_request`` for a GET or HEAD, from the cache under the content version when there.

    Only an address that leads to a page is kept (keyed by a digest of the path): one that leads nowhere
    is routed again each time, so made-up addresses cannot fill the cache.
    """
    if hasattr(request, "_wagtail_route_for_request") or request.method not in ("GET", "HEAD"):
        return _route_for_request(request, path)
    site = getattr(request, "_wagtail_site", None)
    if site is None:
        return _route_for_request(request, path)
    digest = hashlib.sha256(path.encode()).hexdigest()
    key = f"route:{_version()}:{site.pk}:{translation.get_language()}:{digest}"
    route = versioned_get(key)
    if route is None:
        route = _route_for_request(request, path)
        if route is not None:
            versioned_set(key, route, 300)
    request._wagtail_route_for_request = route
    return route


def install() -> None:
    """Called once when Django starts (``cms.apps``)."""
    Locale.get_active = classmethod(_remembered_get_active)
    Page.get_view_restrictions = _view_restrictions_if_any
    Page.route_for_request = staticmethod(_remembered_route_for_request)


def _site(request: HttpRequest) -> Site | None:
    key = f"site:{request_version(request)}:{request._get_raw_host()}:{request.get_port()}"
    site = versioned_get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is not None:
            site = Site.objects.select_related("root_page").get(pk=site.pk)
            site.root_page = site.root_page.specific  # routing starts from it
            versioned_set(key, site, 300)
    return site


def may_open_admin(request: HttpRequest) -> bool:
    """Whether the header shows the admin link and the user bar to this person."""
    user = request.user
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if hasattr(request, "_may_open_admin"):
        return request._may_open_admin
    key = f"admin-access:{user.pk}"
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, allowed, ADMIN_ACCESS_SECONDS)
    request._may_open_admin = allowed
    return allowed


class WagtailLookupsMiddleware:
    """Gives each request its site from the shared cache and a fresh memory of locales."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token, request_token = _locales.set({}), _request.set(request)
        try:
            if request.method in ("GET", "HEAD") and not request.path.startswith(NO_PAGE_PREFIXES):
                request._wagtail_site = _site(request)
            return self.get_response(request)
        finally:
            _locales.reset(token)
            _request.reset(request_token)


def chrome(request: HttpRequest) -> dict:
    """Context processor: the content version (fragment keys) and admin access, each read when used."""
    return {
        "content_version": lambda: request_version(request),
        "may_open_admin": lambda: may_open_admin(request),
    }
