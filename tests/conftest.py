import os

import pytest
from django.conf import settings
from django.core.cache import cache
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
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    from tests.factories import make_site

    return make_site()


@pytest.fixture
def programme(home):
    from tests.factories import ProgrammePageFactory

    return ProgrammePageFactory.create(home)
