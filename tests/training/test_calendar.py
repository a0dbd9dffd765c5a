"""Calendar files: an enrolment's invitation, a session's download and a person's feed."""

from datetime import UTC, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from tests.factories import UserFactory, enrol, make_course, make_session
from training import services
from training.documents.calendar import CANCEL, REQUEST, enrolment_calendar, session_calendar
from training.models import CalendarFeed, Enrolment, Session
from training.services import enrolment_cancel, session_cancel
from training.services.calendar import calendar_feed_get_or_create

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
Status = Enrolment.Status


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi")


@pytest.fixture
def person():
    return UserFactory(first_name="Aino", last_name="Virtanen", email="aino@example.fi")


def parse(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


def get_feed(client, token, **headers):
    return client.get(reverse("calendar:feed", args=[token]), headers=headers)


def feed_for(person) -> CalendarFeed:
    return calendar_feed_get_or_create(person=person)


def assert_helsinki_times(calendar: Calendar) -> None:
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Helsinki"]
    for event in calendar.events:
        assert event["DTSTART"].params["TZID"] == "Europe/Helsinki"
        assert event["DTEND"].params["TZID"] == "Europe/Helsinki"
        assert str(event.start.tzinfo) == "Europe/Helsinki"


class TestEnrolmentInvitation:
    def test_a_one_day_session_is_one_event_with_the_enrolment_uid(self, course, person):
        session = make_session(course, place_name="Perhekeskus Kuopio", place_address="Minna Canthin katu 22")
        enrolment = enrol(session, person)

        calendar = parse(enrolment_calendar(enrolment, REQUEST))

        assert calendar["METHOD"] == "REQUEST"
        assert calendar["VERSION"] == "2.0"
        assert "Perhekeskus" in calendar["PRODID"]
        [event] = calendar.events
        assert event["UID"] == f"{enrolment.calendar_uid}@perhekeskus"
        assert event["SEQUENCE"] == 0
        assert event["STATUS"] == "CONFIRMED"
        assert event["SUMMARY"] == "Lapset puheeksi"
        assert event["LOCATION"] == "Perhekeskus Kuopio, Minna Canthin katu 22"
        assert event.DTSTAMP is not None
        day = session.days.get()
        assert event.start == day.starts_at and event.end == day.ends_at
        assert event.start.astimezone(HELSINKI).time() == time(9)
        assert_helsinki_times(calendar)

    def test_the_person_attends_and_the_sender_organises(self, course, person, settings):
        settings.DEFAULT_FROM_EMAIL = "Perhekeskus <noreply@perhekeskus.example>"
        enrolment = enrol(make_session(course), person)

        [event] = parse(enrolment_calendar(enrolment, REQUEST)).events

        assert event["ORGANIZER"] == "mailto:noreply@perhekeskus.example"
        assert event["ORGANIZER"].params["CN"] == "Perhekeskus"
        attendee = event["ATTENDEE"]
        assert attendee == "mailto:aino@example.fi"
        assert attendee.params["CN"] == "Aino Virtanen"
        assert attendee.params["PARTSTAT"] == "ACCEPTED"
        assert attendee.params["RSVP"] == "FALSE"

    def test_a_multi_day_session_is_one_event_with_the_enrolment_uid(self, course, person):
        session = make_session(course, days=3)
        enrolment = enrol(session, person)

        calendar = parse(enrolment_calendar(enrolment, REQUEST))

        [event] = calendar.events
        assert event["UID"] == f"{enrolment.calendar_uid}@perhekeskus"
        first, *_, last = session.days.all()
        assert (event.start, event.end) == (first.starts_at, first.ends_at)
        assert event["RRULE"]["FREQ"] == ["WEEKLY"]
        assert event["RRULE"]["UNTIL"] == [last.starts_at]
        assert_helsinki_times(calendar)

    def test_a_day_with_other_hours_overrides_its_instance(self, course, person):
        session = make_session(course, days=3)
        second = session.days.all()[1]
        second.starts_at, second.ends_at = second.starts_at + timedelta(hours=1), second.ends_at - timedelta(hours=2)
        second.save()
        enrolment = enrol(session, person)

        master, override = parse(enrolment_calendar(enrolment, REQUEST)).events

        assert master["UID"] == override["UID"] == f"{enrolment.calendar_uid}@perhekeskus"
        assert override["RECURRENCE-ID"].dt == second.starts_at - timedelta(hours=1)
        assert (override.start, override.end) == (second.starts_at, second.ends_at)
        assert override["SUMMARY"] == master["SUMMARY"] and override["ATTENDEE"] == master["ATTENDEE"]

    def test_a_cancellation_withdraws_the_same_event_with_a_higher_sequence(self, course, person):
        session = make_session(course, days=2)
        day = session.days.last()
        day.ends_at -= timedelta(hours=1)
        day.save()
        enrolment = enrol(session, person)
        invitation = parse(enrolment_calendar(enrolment, REQUEST))

        enrolment = enrolment_cancel(enrolment=enrolment, by=person)
        cancellation = parse(enrolment_calendar(enrolment, CANCEL))

        assert cancellation["METHOD"] == "CANCEL"
        # The master alone cancels the whole series; the invitation also had the shorter day's override.
        assert len(invitation.events) == 2
        [event] = cancellation.events
        assert "RECURRENCE-ID" not in event
        assert event["UID"] == invitation.events[0]["UID"]
        assert event["RRULE"] == invitation.events[0]["RRULE"]
        assert (event["SEQUENCE"], event["STATUS"]) == (1, "CANCELLED")
        assert event["ATTENDEE"].params["PARTSTAT"] == "DECLINED"
        assert_helsinki_times(cancellation)

    def test_an_online_session_links_to_the_meeting(self, course, person):
        session = make_session(course, place_name="", place_address="", online_url="https://meet.example.fi/abc")
        enrolment = enrol(session, person)

        [event] = parse(enrolment_calendar(enrolment, REQUEST)).events

        assert event["URL"] == "https://meet.example.fi/abc"
        assert event["LOCATION"] == "https://meet.example.fi/abc"
        assert "https://meet.example.fi/abc" in event["DESCRIPTION"]

    def test_it_links_the_course_page_in_the_active_language(self, course, person, settings):
        settings.SITE_URL = "https://koulutus.example.fi"
        enrolment = enrol(make_session(course), person)
        with translation.override("en"):
            [event] = parse(enrolment_calendar(enrolment, REQUEST)).events
        assert f"Course page: https://koulutus.example.fi{course.url}" in event["DESCRIPTION"]
        assert event["URL"] == f"https://koulutus.example.fi{course.url}"

    def test_only_request_and_cancel_are_invitations(self, course, person):
        with pytest.raises(ValueError):
            enrolment_calendar(enrol(make_session(course), person), "PUBLISH")


class TestTimeZone:
    def test_it_changes_to_and_from_summer_time_exactly_when_zoneinfo_does(self, course, person):
        [zone] = parse(enrolment_calendar(enrol(make_session(course), person), REQUEST)).timezones
        first, last = (
            datetime(timezone.now().year, 1, 1, tzinfo=UTC),
            datetime(timezone.now().year + 4, 1, 1, tzinfo=UTC),
        )
        hours = [first + timedelta(hours=n) for n in range(int((last - first) / timedelta(hours=1)))]
        changes = [
            hour
            for previous, hour in pairwise(hours)
            if previous.astimezone(HELSINKI).utcoffset() != hour.astimezone(HELSINKI).utcoffset()
        ]

        onsets = []
        for part in zone.standard + zone.daylight:
            # A yearly rule from the local time before the change: ical.js reads one value of an RDATE list only.
            assert "RDATE" not in part
            rule = rrulestr(part["RRULE"].to_ical().decode(), dtstart=part.DTSTART)
            for onset in rule.between(first.replace(tzinfo=None), last.replace(tzinfo=None)):
                instant = (onset - part.TZOFFSETFROM).replace(tzinfo=UTC)
                assert (instant - timedelta(seconds=1)).astimezone(HELSINKI).utcoffset() == part.TZOFFSETFROM
                assert instant.astimezone(HELSINKI).utcoffset() == part.TZOFFSETTO
                onsets.append(instant)
        assert sorted(onsets) == changes


class TestSessionDownload:
    def test_anyone_can_download_an_open_session(self, client, course):
        session = make_session(course, days=2)

        response = client.get(reverse("calendar:session", args=[session.pk]))

        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = parse(response.content)
        assert calendar["METHOD"] == "PUBLISH"
        [event] = calendar.events
        assert (event["UID"], event["SEQUENCE"]) == (f"session-{session.pk}@perhekeskus", 0)
        assert event["SUMMARY"] == "Lapset puheeksi"
        assert "ATTENDEE" not in event
        assert_helsinki_times(calendar)
        assert response.has_header("ETag") and response.has_header("Last-Modified")

    def test_a_cancelled_session_is_not_offered(self, client, course):
        session = make_session(course)
        session_cancel(session=session, reason="Kouluttaja sairastui", by=UserFactory())

        assert client.get(reverse("calendar:session", args=[session.pk])).status_code == 404

    def test_an_unpublished_course_is_not_offered(self, client, course):
        session = make_session(course)
        course.unpublish()

        assert client.get(reverse("calendar:session", args=[session.pk])).status_code == 404

    def test_an_unknown_session_is_not_found(self, client):
        assert client.get("/calendar/sessions/999999.ics").status_code == 404

    def test_a_change_of_days_or_place_raises_its_sequence(self, client, course):
        session = make_session(course, days=2)
        url = reverse("calendar:session", args=[session.pk])
        before = parse(client.get(url).content)
        day = session.days.last()
        day.starts_at += timedelta(hours=1)
        day.save()
        session.save()

        services.session_changed(session)
        after = parse(client.get(url).content)

        assert {e["UID"] for e in after.events} == {e["UID"] for e in before.events}
        assert [e["SEQUENCE"] for e in before.events] == [0]
        assert [e["SEQUENCE"] for e in after.events] == [1, 1]  # the master and the moved day

    def test_a_cancellation_raises_its_sequence(self, course):
        session = make_session(course)

        session = session_cancel(session=session, reason="Kouluttaja sairastui", by=UserFactory())

        assert [e["SEQUENCE"] for e in parse(session_calendar(session)).events] == [1]

    def test_it_is_unchanged_until_the_session_changes(self, client, course):
        session = make_session(course)
        url = reverse("calendar:session", args=[session.pk])
        first = client.get(url)

        assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
        session.place_name = "Kirjasto"
        session.save()
        changed = client.get(url, headers={"if-none-match": first["ETag"]})
        assert changed.status_code == 200
        assert parse(changed.content).events[0]["LOCATION"].startswith("Kirjasto")


def test_a_session_status_other_than_cancelled_is_offered(client, course):
    session = make_session(course, status=Session.Status.PLANNED)
    assert client.get(reverse("calendar:session", args=[session.pk])).status_code == 200
