"""The HTTP API under /api/v1/me/: my trainings and my calendar, in a constant number of queries."""

import pytest

from tests.factories import enrol, make_session
from tests.training import api
from tests.training.api import API, assert_error, post_json
from training.models import CalendarFeed

pytestmark = pytest.mark.django_db
course, session, person, headers = api.course, api.session, api.person, api.headers


class TestMe:
    def test_my_enrolments_lists_only_mine_with_the_queue_position(self, client, course, person, headers):
        full = make_session(course, capacity=1, starts_in_days=20)
        enrol(full)
        waiting = enrol(full, person)
        confirmed = enrol(make_session(course, starts_in_days=10), person)
        enrol(make_session(course))  # someone else's
        body = client.get(f"{API}/me/enrolments", headers=headers).json()
        assert body["count"] == 2
        assert [(e["id"], e["status"], e["waiting_list_position"]) for e in body["items"]] == [
            (confirmed.pk, "confirmed", None),
            (waiting.pk, "waiting", 1),
        ]

    def test_my_enrolments_can_be_limited_to_active_ones(self, client, session, person, headers):
        own = enrol(session, person)
        post_json(client, f"{API}/enrolments/{own.pk}/cancel", headers=headers)
        assert client.get(f"{API}/me/enrolments", headers=headers).json()["count"] == 1
        assert client.get(f"{API}/me/enrolments", {"active": "true"}, headers=headers).json()["count"] == 0

    def test_my_calendar_is_the_absolute_feed_url(self, client, person, headers, settings):
        settings.SITE_URL = "https://koulutus.example.fi"
        body = client.get(f"{API}/me/calendar", headers=headers).json()
        feed = CalendarFeed.objects.get(person=person)
        assert body == {"url": f"https://koulutus.example.fi/calendar/{feed.token}.ics"}
        assert client.get(f"{API}/me/calendar", headers=headers).json() == body  # the same address each time

    def test_me_needs_authentication(self, client):
        assert_error(client.get(f"{API}/me/calendar"), 401, "unauthorized")


class TestQueryCounts:
    """The lists cost the same number of queries for 1 session as for 50.

    /sessions: page view restrictions, count, page of sessions with their counts and courses.
    /me/enrolments: the token, count, page of enrolments with sessions, courses and queue positions.
    """

    def test_sessions_list(self, client, course, django_assert_max_num_queries, django_assert_num_queries):
        url = f"{API}/sessions"
        enrol(make_session(course))
        client.get(url)  # warms Wagtail's cached site root paths (for the course URLs)
        with django_assert_max_num_queries(3) as one:
            assert client.get(url).json()["count"] == 1
        for n in range(49):
            enrol(make_session(course, starts_in_days=15 + n))
        with django_assert_num_queries(len(one.captured_queries)):
            assert client.get(url).json()["count"] == 50

    def test_my_enrolments(
        self, client, course, person, headers, django_assert_max_num_queries, django_assert_num_queries
    ):
        url = f"{API}/me/enrolments"
        enrol(make_session(course), person)
        client.get(url, headers=headers)  # the token's first use writes last_used_at; warms the site cache
        with django_assert_max_num_queries(3) as one:
            assert client.get(url, headers=headers).json()["count"] == 1
        for n in range(49):
            enrol(make_session(course, starts_in_days=15 + n), person)
        with django_assert_num_queries(len(one.captured_queries)):
            assert client.get(url, headers=headers).json()["count"] == 50
