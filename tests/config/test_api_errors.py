"""The API answers every error in JSON with a code and a message, a wrong method (405) too."""

import pytest

from tests.factories import UserFactory
from tests.training.api import API, assert_error, bearer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("put", "/courses", "GET"),
        ("delete", "/sessions/1", "GET"),
        ("get", "/sessions/1/enrolments", "POST"),
        ("patch", "/me/calendar", "GET"),
        ("options", "/competences/gaps", "GET"),
        ("trace", "/me/enrolments", "GET"),
    ],
)
def test_a_method_the_address_does_not_take_is_a_json_405(client, method, path, allowed):
    response = getattr(client, method)(f"{API}{path}", headers=bearer(UserFactory(preferred_language="en")))
    body = assert_error(response, 405, "method_not_allowed")
    assert method.upper() in body["message"]
    assert response["Allow"] == allowed


def test_the_405_message_is_in_the_requests_language(client):
    response = client.put(f"{API}/courses", headers={"Accept-Language": "sv"})
    assert_error(response, 405, "method_not_allowed")
    assert response["Content-Language"] == "sv"
