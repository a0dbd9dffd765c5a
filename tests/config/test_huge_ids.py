"""Object ids in addresses: an id too large for the database is a plain 404, never a server error."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from core.converters import IdConverter
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 20
NAMESPACES = ("training", "competencies", "calendar")


def _patterns(resolver: URLResolver, namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and namespace in NAMESPACES and entry.name:
            yield namespace, entry


def _with_ids():
    """(name, kwargs) of every named pattern of these apps whose address has an object id."""
    found = []
    for namespace, pattern in _patterns(get_resolver()):
        groups = list(pattern.pattern.regex.groupindex)
        ids = [name for name in groups if name.endswith("pk")]
        if not ids:
            continue
        kwargs = {}
        for name in groups:
            if name in ids:
                kwargs[name] = "1"
            elif name in ("fmt", "extension"):
                kwargs[name] = "csv"
            else:
                kwargs[name] = "ABC"
        found.append((f"{namespace}:{pattern.name}", kwargs))
    return found


PATTERNS = _with_ids()


def _url(name: str, kwargs: dict, huge: str) -> str:
    """The address with every id huge (reversed with 1: a huge id does not reverse once ids are limited)."""
    with translation.override("en"):
        path = reverse(name, kwargs=kwargs)
    return path.replace("/1/", f"/{huge}/").replace("/1.", f"/{huge}.")


def _status(method, path: str) -> int:
    response = method(path)
    if response.status_code == 301:  # no pattern matches: APPEND_SLASH offers the CMS's page address
        assert response["Location"] == f"{path}/"
        response = method(response["Location"])
    return response.status_code


@pytest.fixture
def admin():
    """Every role: each view gets as far as reading its ids."""
    user = UserFactory(is_superuser=True, is_staff=True, is_coordinator=True, is_trainer=True)
    user.managed_units.add(user.unit)
    TOTP.activate(user, generate_totp_secret())
    return user


def test_the_patterns_were_found():
    names = {name for name, _kwargs in PATTERNS}
    assert {"training:feedback_course", "training:attendance_sheet", "competencies:round_detail"} <= names


def test_the_id_converter_accepts_only_ids_a_64_bit_integer_holds():
    converter = IdConverter()
    assert (converter.to_python("123"), converter.to_url(5)) == (123, "5")
    assert re.fullmatch(IdConverter.regex, "9" * 18) and int("9" * 18) < 2**63
    assert not re.fullmatch(IdConverter.regex, "9" * 19)


@pytest.mark.parametrize(("name", "kwargs"), PATTERNS, ids=lambda v: str(v))
@pytest.mark.parametrize("who", ["admin", "anonymous"])
def test_a_huge_id_is_not_found(client, admin, name, kwargs, who):
    if who == "admin":
        client.force_login(admin)
    path = _url(name, kwargs, HUGE)
    assert HUGE in path
    statuses = {_status(client.get, path), _status(client.post, path)}
    # 405: a POST-only address answers a GET so, before any id is read.
    allowed = {404, 405} if who == "admin" else {302, 403, 404, 405}
    assert statuses <= allowed, (path, statuses)
