"""The Redis cache keeps one client per connection pool and still behaves as Django's."""

import os

import pytest

from core.redis_cache import SharedClientRedisCache
from tests.conftest import skip_or_fail

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
# The suite's session fixtures set up the test database whatever a module needs.
pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail(f"Redis does not answer at {REDIS_URL}")
    cache = SharedClientRedisCache(REDIS_URL, {"KEY_PREFIX": "test-shared-client"})
    yield cache
    cache.clear()


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client("some key", write=True) is client


def test_it_reads_and_writes_as_django_redis_cache(redis_cache):
    assert redis_cache.get("version") is None
    assert redis_cache.add("version", 7)
    assert not redis_cache.add("version", 8)
    assert redis_cache.incr("version") == 8
    redis_cache.set_many({"a": [1, "kaksi"], "b": {"kolme": 3}})
    assert redis_cache.get_many(["a", "b", "c"]) == {"a": [1, "kaksi"], "b": {"kolme": 3}}
    redis_cache.delete("a")
    assert redis_cache.get("a", "gone") == "gone"
