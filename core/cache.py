"""The shared cache of anonymous pages: a content and a places version, and the middleware that serves from it.

Pages that anyone may read (the home page, the catalogue, course pages) look the same to every
visitor who is not signed in, so their finished HTML is kept in the shared cache for a minute,
keyed by the two versions below, the host, the language and the full URL with its query.

Two numbers in the cache version what those pages show, each bumped once its transaction commits:
the **content version** (``bump_content_version``) when a page is published, unpublished or moved or
a site, its settings, a locale or a view restriction changes (cms connects Wagtail's signals), and
the **places version** (``bump_places_version``) when an enrolment or a session changes (training
connects its signals). Pages are keyed by both; the site, locale and chrome lookups of signed-in
pages (``cms.lookups``) only by the content version, so enrolling does not make every page look the
site up again. Pages cached under an earlier version are never read again, so publishing shows at
once and seats left are at most ``ANONYMOUS_PAGE_SECONDS`` old; the enrolment page and service count
the seats themselves, so the person who enrols always sees them exact. The catalogue's listing, the
same for every reader of an address, is kept the same way as a template fragment under both versions,
so signed-in readers share it too (``TrainingProgrammePage.get_context``); so are a course page's
sessions with their seats (places version: ``training.selectors.catalogue.course_sessions``), the
courses My trainings lists in the reader's language (content version:
``training.selectors.courses.courses_by_pk_in_language``) and the page an address routes to (content
version: ``cms.lookups``).

Nothing personal is ever shared: a request is served from, or stored in, the cache only when it
carries no session cookie and no CSRF cookie, and a response is stored only when it sets no cookie
(a page with a form that embeds a CSRF token sets one, so it is never stored), is a plain 200 of
Wagtail's page view and did not touch a session.
"""

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

VERSION_KEY = "content-version"
PLACES_KEY = "places-version"
ANONYMOUS_PAGE_SECONDS = 60
#: Served from the cache: a header that tells a test (and a curious operator) where the answer came from.
HIT_HEADER = "X-Page-Cache"
#: Only the page views named here are stored.
CACHED_VIEWS = {"wagtail_serve"}
#: Addresses that are never pages: their requests do not even look in the cache (the health check
#: must answer whatever the cache's state).
NOT_PAGES = ("/healthz", "/admin/", "/api/", "/calendar/", "/documents/", "/static/", "/media/")
MESSAGES_COOKIE_NAME = getattr(settings, "MESSAGES_COOKIE_NAME", "messages")


def _version(key: str) -> int:
    """The current number under ``key``.

    When the cache has none (new, or it forgot the key) it starts from the clock in microseconds,
    a number no earlier version reached, so pages stored before are never read again.
    """
    version = cache.get(key)
    if version is None:
        cache.add(key, time.time_ns() // 1000, timeout=None)
        version = cache.get(key) or time.time_ns() // 1000
    return version


def content_version() -> int:
    """The current content version (pages, sites, settings, locales, view restrictions)."""
    return _version(VERSION_KEY)


def places_version() -> int:
    """The current places version (enrolments and sessions)."""
    return _version(PLACES_KEY)


# Values under a key that names its version: this process's memory in front of the shared cache
# ------------------------------------------------------------------------------
#: A value stored under a key that names the content or places version it was made under never
#: changes: each process keeps a copy for up to this long, so that a page does not ask Redis for the
#: same site, locale and fragments on every request. LocMemCache pickles what it keeps, so no two
#: requests share an object.
LOCAL_SECONDS = 60
_local = LocMemCache("core-versioned", {"TIMEOUT": LOCAL_SECONDS, "OPTIONS": {"MAX_ENTRIES": 1000}})
_MISSING = object()


def versioned_get(key: str, default=None):
    """The value under ``key`` (which names its version): from this process's memory, else from the
    shared cache (then kept here too), else ``default``."""
    value = _local.get(key, _MISSING)
    if value is _MISSING:
        value = cache.get(key, _MISSING)
        if value is _MISSING:
            return default
        _local.set(key, value, LOCAL_SECONDS)
    return value


def versioned_set(key: str, value, timeout: int) -> None:
    """Store ``value`` under ``key`` (which names its version) in the shared cache and in this process."""
    cache.set(key, value, timeout)
    _local.set(key, value, min(timeout, LOCAL_SECONDS))


class VersionedFragmentCache(BaseCache):
    """The cache of ``{% cache %}`` template fragments (the ``template_fragments`` alias): every
    fragment's key names the content version (and the places version when it shows seats), so
    fragments are read through ``versioned_get``. A preview's fragments, stored for 0 seconds, are
    never kept (``fragment_seconds``)."""

    def __init__(self, location, params):
        super().__init__(params)

    def get(self, key, default=None, version=None):
        return versioned_get(self.make_and_validate_key(key, version=version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if timeout == 0:
            return
        seconds = LOCAL_SECONDS if timeout in (DEFAULT_TIMEOUT, None) else int(timeout)
        versioned_set(self.make_and_validate_key(key, version=version), value, seconds)

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        _local.delete(key)
        return cache.delete(key)

    def clear(self):
        forget_local()


def forget_local() -> None:
    """Empty this process's copies (tests start each from nothing; the shared cache is cleared apart)."""
    _local.clear()


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not in the cache: a new one starts from the clock
        _version(key)


def bump_content_version(**_kwargs) -> None:
    """Bump the content version once the current transaction commits (at once outside one).

    Takes any keyword arguments so that it can be connected to a signal directly.
    """
    transaction.on_commit(lambda: _bump(VERSION_KEY))


def bump_places_version(**_kwargs) -> None:
    """Bump the places version once the current transaction commits; connectable to a signal."""
    transaction.on_commit(lambda: _bump(PLACES_KEY))


def fragment_seconds(request: HttpRequest) -> int:
    """How long a page's shared template fragment is kept: ``ANONYMOUS_PAGE_SECONDS``, but never for a
    preview (a draft is not the published page). Templates put it in the fragment's key as well, so a
    preview never reads the published fragment either."""
    return 0 if getattr(request, "is_preview", False) else ANONYMOUS_PAGE_SECONDS


def request_version(request: HttpRequest) -> int:
    """The content version, read once per request (templates use it in their fragment keys)."""
    if not hasattr(request, "_content_version"):
        request._content_version = content_version()
    return request._content_version


def _is_anonymous(request: HttpRequest) -> bool:
    """No session, no CSRF token and no waiting message: nothing of the visitor's own to show."""
    names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, MESSAGES_COOKIE_NAME)
    return not any(name in request.COOKIES for name in names)


def _key(request: HttpRequest) -> str:
    url = f"{request.get_host()}|{translation.get_language()}|{request.get_full_path()}"
    versions = f"{request_version(request)}.{places_version()}"
    return f"anon-page:{versions}:{hashlib.sha256(url.encode()).hexdigest()}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    match = getattr(request, "resolver_match", None)
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and "private" not in response.get("Cache-Control", "")
        and match is not None
        and match.url_name in CACHED_VIEWS
        and not (session is not None and session.modified)
        and not (user is not None and user.is_authenticated)
        and not getattr(request, "is_preview", False)
    )


class AnonymousPageCacheMiddleware:
    """Serves anonymous visitors' pages from the shared cache (see the module's docstring).

    Sits after the locale middleware (the language is part of the key) and before the session,
    CSRF and authentication middleware, which a hit never reaches.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or request.path.startswith(NOT_PAGES) or not _is_anonymous(request):
            return self.get_response(request)
        key = _key(request)
        if (stored := cache.get(key)) is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            patch_vary_headers(response, ("Cookie",))  # a signed-in visitor gets another page
            response[HIT_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _storable(request, response):
            patch_vary_headers(response, ("Cookie",))
            headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
            cache.set(key, (response.status_code, headers, response.content), ANONYMOUS_PAGE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response
