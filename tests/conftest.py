"""Fixtures every test shares: Finnish by default, a clean cache, the home page and the programme."""

import os
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

# `.ci/run` sets this: there, a test that needs PostgreSQL or Chromium must run, not skip.
REQUIRE_ALL = os.environ.get("PERHEKESKUS_REQUIRE_ALL_TESTS") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip with a visible reason on a developer machine; fail in CI, where nothing may be missing."""
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (required in CI: PERHEKESKUS_REQUIRE_ALL_TESTS=1)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _finnish_by_default():
    """Requests activate their language in this thread; each test starts from Finnish again."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache; each test starts with none (and no process-local copies)."""
    from core.cache import forget_local

    cache.clear()
    forget_local()
    yield
    cache.clear()
    forget_local()


@contextmanager
def module_transaction(django_db_blocker):
    """For data built once for a module (a module-scoped fixture): a transaction rolled back after the module.

    Each test runs in a savepoint within it, so tests still cannot see each other's changes and nothing leaks into
    other modules. Objects made inside are shared by the module's tests: give each test a copy if it changes them.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def home(db):
    from tests.factories import make_site

    return make_site()


@pytest.fixture
def admin_client(client, home):
    """A client signed in as a superuser with two-step verification set up, as the admin requires."""
    from tests.factories import make_administrator

    client.user = make_administrator()
    client.force_login(client.user)
    return client


@pytest.fixture
def programme(home):
    from tests.factories import ProgrammePageFactory

    return ProgrammePageFactory.create(home)


@pytest.fixture(scope="session", autouse=True)
def _migration_rows_survive_transactional_tests(request, django_db_blocker):
    """Transactional tests (live server, concurrency) flush the database after each test; with
    ``serialized_rollback=True`` Django writes the migrations' rows (Wagtail's root page, default
    site and locale, content types) back before the next one. Two things need help:

    * Django reads the rows from ``connection._test_serialized_contents``, which the database set-up
      stores on one connection object. Playwright's sync API runs an event loop in the test's thread,
      and asgiref then hands out other connection objects without that attribute. Set on the
      connection class, every connection object sees it.
    * The last flush would leave a kept test database (--reuse-db) without a page tree, failing the
      next run: the rows are written back at the end of the session.

    A run whose tests need no database (pytest-django then sets none up) needs none of this.
    """
    from django.db import DEFAULT_DB_ALIAS, connection, connections
    from pytest_django.fixtures import _get_databases_for_setup
    from wagtail.models import Page

    if DEFAULT_DB_ALIAS not in _get_databases_for_setup(request.session.items)[0]:
        yield
        return
    request.getfixturevalue("django_db_setup")

    wrapper_class = type(connections[DEFAULT_DB_ALIAS])  # not type(connection): that is a proxy
    with django_db_blocker.unblock():
        contents = (
            getattr(connection, "_test_serialized_contents", None) or connection.creation.serialize_db_to_string()
        )
    wrapper_class._test_serialized_contents = contents
    yield
    del wrapper_class._test_serialized_contents
    with django_db_blocker.unblock():
        if not Page.objects.exists():
            connection.creation.deserialize_db_from_string(contents)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """`-n` (`--dist load`): xdist's load scheduling, keeping the expensive groups on one worker each."""
    if config.getvalue("dist") != "load":
        return None
    from tests.scheduling import KeepTogetherScheduling

    return KeepTogetherScheduling(config, log)


def pytest_collection_modifyitems(config, items):
    """Browser tests run last: Playwright keeps an event loop in the main thread until the session
    ends, and Django refuses database access from such a context in the tests that would follow."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
