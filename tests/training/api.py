"""Fixtures and helpers of the API tests (test_api_*.py): a course, a session, a person and their token."""

import json

import pytest
from django.utils import translation
from wagtail.models import Locale

from people.api_tokens import token_create
from tests.factories import UserFactory, make_course, make_session
from training.errors import TrainingError
from training.models import CourseKind, Enrolment

Status = Enrolment.Status
API = "/api/v1"


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi", kind=CourseKind.METHOD_TRAINING)


@pytest.fixture
def session(course):
    return make_session(course, capacity=2)


@pytest.fixture
def person():
    return UserFactory(preferred_language="en")


def bearer(user) -> dict[str, str]:
    _token, plain = token_create(user=user, name="Tests")
    return {"Authorization": f"Bearer {plain}"}


@pytest.fixture
def headers(person):
    return bearer(person)


def translate(page, title: str):
    """A published Swedish version of ``page`` (and of the pages above it)."""
    locale = Locale.objects.get_or_create(language_code="sv")[0]
    translated = page.copy_for_translation(locale, copy_parents=True)
    translated.title = title
    translated.save_revision().publish()
    return translated


def post_json(client, url: str, data=None, **kwargs):
    body = "" if data is None else data if isinstance(data, str) else json.dumps(data)
    return client.post(url, body, content_type="application/json", **kwargs)


def assert_error(response, status: int, code: str, message: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert body["message"]
    if message is not None:
        assert body["message"] == message
    return body


def training_message(code: str, **params) -> str:
    """The English message: the people in these tests prefer English."""
    with translation.override("en"):
        return TrainingError(code, **params).message
