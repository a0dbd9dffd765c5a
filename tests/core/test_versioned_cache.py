"""Values under version-naming keys: kept in the process in front of the shared cache, never shared as objects."""

import pytest
from django.core.cache import cache, caches

from core.cache import LOCAL_SECONDS, forget_local, versioned_get, versioned_set

pytestmark = pytest.mark.django_db


def test_a_value_is_read_from_the_process_once_the_shared_cache_gave_it():
    cache.set("site:1:example", {"name": "Perhekeskus"}, 300)
    assert versioned_get("site:1:example") == {"name": "Perhekeskus"}
    cache.delete("site:1:example")  # the process keeps its copy: the key names its version
    assert versioned_get("site:1:example") == {"name": "Perhekeskus"}
    forget_local()
    assert versioned_get("site:1:example", "gone") == "gone"


def test_every_reader_gets_its_own_copy():
    versioned_set("locale:1:fi", {"language_code": "fi"}, 300)
    first = versioned_get("locale:1:fi")
    first["language_code"] = "sv"  # a request that changes what it got changes nothing for the next
    assert versioned_get("locale:1:fi") == {"language_code": "fi"}
    assert cache.get("locale:1:fi") == {"language_code": "fi"}


def test_the_process_keeps_a_value_no_longer_than_the_shared_cache_would(monkeypatch):
    stored = {}
    monkeypatch.setattr("core.cache._local.set", lambda key, value, timeout: stored.update({key: timeout}))
    versioned_set("fragment:short", "<p>", 5)
    versioned_set("fragment:long", "<p>", 300)
    assert stored == {"fragment:short": 5, "fragment:long": LOCAL_SECONDS}


def test_template_fragments_go_through_the_versioned_cache():
    fragments = caches["template_fragments"]
    fragments.set("template.cache.menu.abc", "<nav>", 300)
    assert cache.get(fragments.make_key("template.cache.menu.abc")) == "<nav>"
    cache.clear()
    assert fragments.get("template.cache.menu.abc") == "<nav>"
    # A preview's fragment (0 seconds) is kept nowhere.
    fragments.set("template.cache.preview.abc", "<h1>Luonnos</h1>", 0)
    assert fragments.get("template.cache.preview.abc") is None
