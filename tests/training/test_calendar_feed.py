"""A person's secret calendar feed: their sessions in their language, caching, a new address, constant queries."""

from datetime import time, timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.urls import reverse
from wagtail.models import Locale

from tests.factories import UserFactory, enrol, make_session
from tests.training import test_calendar as base
from tests.training.test_calendar import HELSINKI, Status, assert_helsinki_times, feed_for, get_feed, parse
from training.documents.calendar import feed_url
from training.services import enrolment_cancel, session_cancel
from training.services.calendar import calendar_feed_regenerate

pytestmark = pytest.mark.django_db
course = base.course
person = base.person


class TestPersonalFeed:
    def test_it_lists_the_days_of_confirmed_enrolments_only(self, client, course, person):
        confirmed = enrol(make_session(course, days=2, starts_in_days=10), person)
        full = make_session(course, capacity=1, starts_in_days=20)
        enrol(full)
        waiting = enrol(full, person)
        cancelled = enrol(make_session(course, starts_in_days=30), person)
        enrolment_cancel(enrolment=cancelled, by=person)
        enrol(make_session(course, starts_in_days=40))  # someone else's
        assert waiting.status == Status.WAITING

        response = get_feed(client, feed_for(person).token)

        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = parse(response.content)
        assert calendar["METHOD"] == "PUBLISH"
        assert calendar["X-WR-CALNAME"]
        [event] = calendar.events
        assert event["UID"] == f"{confirmed.calendar_uid}@perhekeskus"
        first, last = confirmed.session.days.all()
        assert event.start == first.starts_at
        assert event["RRULE"]["UNTIL"] == [last.starts_at]
        assert_helsinki_times(calendar)

    def test_an_empty_feed_still_declares_its_time_zone(self, client, person):
        calendar = parse(get_feed(client, feed_for(person).token).content)
        assert calendar.events == []
        assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Helsinki"]

    def test_it_carries_etag_and_last_modified_and_answers_304(self, client, course, person):
        enrolment = enrol(make_session(course), person)
        token = feed_for(person).token

        response = get_feed(client, token)

        assert response["ETag"].startswith('"')
        assert response["Last-Modified"]
        assert "private" in response["Cache-Control"]
        assert get_feed(client, token, if_none_match=response["ETag"]).status_code == 304
        assert get_feed(client, token, if_modified_since=response["Last-Modified"]).status_code == 304
        assert get_feed(client, token).content == response.content  # stable bytes, stable ETag
        assert parsedate_to_datetime(response["Last-Modified"]) == enrolment.updated_at.replace(microsecond=0)

    def test_a_cancellation_makes_the_feed_new_again(self, client, course, person):
        first = enrol(make_session(course, starts_in_days=10), person)
        enrol(make_session(course, starts_in_days=20), person)
        token = feed_for(person).token
        before = get_feed(client, token)

        enrolment_cancel(enrolment=first, by=person)
        after = get_feed(client, token, if_none_match=before["ETag"])

        assert after.status_code == 200
        assert len(parse(after.content).events) == 1
        assert after["ETag"] != before["ETag"]
        assert parsedate_to_datetime(after["Last-Modified"]) >= parsedate_to_datetime(before["Last-Modified"])

    def test_regenerating_the_address_retires_the_old_one(self, client, course, person):
        enrol(make_session(course), person)
        old_token = feed_for(person).token

        feed = calendar_feed_regenerate(person=person)

        assert feed.token != old_token
        assert get_feed(client, old_token).status_code == 404
        assert get_feed(client, feed.token).status_code == 200
        assert feed_url(feed).endswith(f"/calendar/{feed.token}.ics")

    def test_an_unknown_token_is_not_found(self, client):
        assert get_feed(client, "not-a-real-token").status_code == 404

    def test_a_deactivated_person_has_no_feed(self, client, person):
        token = feed_for(person).token
        person.is_active = False
        person.save()
        assert get_feed(client, token).status_code == 404

    def test_it_only_reads(self, client, person):
        assert client.post(reverse("calendar:feed", args=[feed_for(person).token])).status_code == 405

    def test_it_is_written_in_the_persons_language(self, client, course, person):
        sv = Locale.objects.create(language_code="sv")
        course_sv = course.copy_for_translation(sv, copy_parents=True)
        course_sv.title = "Barn pratar"
        course_sv.save_revision().publish()
        person.preferred_language = "sv"
        person.save()
        enrol(make_session(course), person)

        [event] = parse(get_feed(client, feed_for(person).token).content).events

        assert event["SUMMARY"] == "Barn pratar"
        assert "/sv/" in event["URL"]

    def test_a_changed_session_shows_its_new_time_with_a_higher_sequence(self, client, course, person):
        from training.services import session_changed

        session = make_session(course)
        enrolment = enrol(session, person)
        token = feed_for(person).token
        day = session.days.get()
        day.starts_at += timedelta(hours=1)
        day.save()
        session.save()
        session_changed(session)

        [event] = parse(get_feed(client, token).content).events

        assert event["UID"] == f"{enrolment.calendar_uid}@perhekeskus"
        assert event["SEQUENCE"] == 1
        assert event.start.astimezone(HELSINKI).time() == time(10)

    def test_a_cancelled_session_drops_out(self, client, course, person):
        session = make_session(course)
        enrol(session, person)
        session_cancel(session=session, reason="Peruttu", by=UserFactory())

        assert parse(get_feed(client, feed_for(person).token).content).events == []

    @pytest.mark.parametrize("sessions", [1, 20])
    def test_it_costs_the_same_queries_for_one_or_twenty_sessions(
        self, client, course, person, sessions, django_assert_max_num_queries
    ):
        for offset in range(sessions):
            enrol(make_session(course, days=2, starts_in_days=10 + offset), person)
        token = feed_for(person).token
        get_feed(client, token)  # warm Wagtail's site root paths cache, as in production

        # The feed, its enrolments with sessions and courses, their days, the courses in the
        # person's language, and the time of the last change.
        with django_assert_max_num_queries(5):
            response = get_feed(client, token)

        assert len(parse(response.content).events) == sessions
