"""What the API refuses: numbers beyond a 64-bit integer and text with NUL or over its limit are 422s, never 500s."""

import pytest

from tests.factories import enrol
from tests.reporting.factories_statistics import privileged
from tests.training import api as api_fixtures
from tests.training.api import API, assert_error, bearer, post_json
from training.models import Enrolment

pytestmark = pytest.mark.django_db
TOO_BIG = [str(2**63), "9" * 20]

course = api_fixtures.course
session = api_fixtures.session
person = api_fixtures.person


@pytest.mark.parametrize("value", TOO_BIG)
@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/sessions", "offset"),
        ("/sessions", "course"),
        ("/courses", "offset"),
        ("/me/enrolments", "offset"),
        ("/me/certificates", "offset"),
    ],
)
def test_a_number_beyond_64_bits_in_a_query_is_422(client, session, person, path, parameter, value):
    response = client.get(f"{API}{path}", {parameter: value}, headers=bearer(person))
    body = assert_error(response, 422, "invalid")
    assert body["errors"][0]["loc"] == ["query", parameter]


@pytest.mark.parametrize("path", ["/sessions", "/courses", "/me/enrolments", "/me/certificates"])
def test_the_largest_offset_is_an_empty_page(client, session, person, path):
    enrol(session, person)
    response = client.get(f"{API}{path}", {"offset": 2**63 - 1}, headers=bearer(person))
    assert response.status_code == 200, response.content
    assert response.json()["items"] == []


@pytest.mark.parametrize("value", TOO_BIG)
def test_an_id_beyond_64_bits_in_a_path_is_422(client, person, value):
    headers = bearer(person)
    for response in (
        client.get(f"{API}/sessions/{value}", headers=headers),
        post_json(client, f"{API}/sessions/{value}/enrolments", headers=headers),
        post_json(client, f"{API}/enrolments/{value}/cancel", headers=headers),
        client.get(f"{API}/sessions/{value}/attendance", headers=headers),
    ):
        assert_error(response, 422, "invalid")


@pytest.mark.parametrize("parameter", ["unit", "group", "round", "compare"])
def test_a_gap_filter_beyond_64_bits_is_422(client, parameter):
    coordinator = privileged(is_coordinator=True)  # a coordinator's token works with two-step verification
    response = client.get(f"{API}/competences/gaps", {parameter: str(2**63)}, headers=bearer(coordinator))
    assert_error(response, 422, "invalid")


class TestCancelReason:
    @pytest.fixture
    def enrolment(self, session, person):
        return enrol(session, person)

    def cancel(self, client, enrolment, reason):
        url = f"{API}/enrolments/{enrolment.pk}/cancel"
        return post_json(client, url, {"reason": reason}, headers=bearer(enrolment.person))

    @pytest.mark.parametrize("reason", ["\x00", "Sairastuin\x00", "\x00" * 3])
    def test_a_nul_character_is_422_and_nothing_is_cancelled(self, client, enrolment, reason):
        body = assert_error(self.cancel(client, enrolment, reason), 422, "invalid")
        assert body["errors"][0]["loc"] == ["body", "payload", "reason"]
        enrolment.refresh_from_db()
        assert enrolment.status == Enrolment.Status.CONFIRMED

    def test_a_reason_over_the_limit_is_422_naming_the_limit(self, client, enrolment):
        body = assert_error(self.cancel(client, enrolment, "x" * 1001), 422, "invalid")
        assert "1000" in body["message"]
        enrolment.refresh_from_db()
        assert enrolment.status == Enrolment.Status.CONFIRMED

    def test_a_reason_at_the_limit_is_kept_whole(self, client, enrolment):
        reason = "ä" * 999 + "x"
        response = self.cancel(client, enrolment, reason)
        assert response.status_code == 200, response.content
        enrolment.refresh_from_db()
        assert enrolment.decision_reason == reason
