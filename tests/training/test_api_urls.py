"""Addresses in API answers are absolute on the public SITE_URL, whatever the Wagtail site's host name."""

import pytest

from tests.factories import UserFactory, enrol
from tests.training import api as api_fixtures
from tests.training.api import API, bearer

pytestmark = pytest.mark.django_db
PUBLIC = "https://koulutus.perhekeskus.example"

course = api_fixtures.course
session = api_fixtures.session


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = f"{PUBLIC}/"


def test_course_urls_are_on_the_site_url(client, course, session):
    person = UserFactory()
    enrol(session, person)
    expected = f"{PUBLIC}{course.url}"
    assert course.get_full_url().startswith("http://localhost/")  # the demo Site's host name
    assert client.get(f"{API}/courses").json()["items"][0]["url"] == expected
    assert client.get(f"{API}/sessions").json()["items"][0]["course"]["url"] == expected
    assert client.get(f"{API}/sessions/{session.pk}").json()["course"]["url"] == expected
    mine = client.get(f"{API}/me/enrolments", headers=bearer(person)).json()["items"]
    assert mine[0]["session"]["course"]["url"] == expected


def test_the_calendar_feed_is_on_the_site_url(client):
    url = client.get(f"{API}/me/calendar", headers=bearer(UserFactory())).json()["url"]
    assert url.startswith(f"{PUBLIC}/calendar/") and "//calendar" not in url
