"""Our calendars as Thunderbird reads them: every file we write, expanded by ical.js (tests/icaljs.py)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, enrol, make_course
from tests.icaljs import icaljs_process, spans
from training import services
from training.documents.calendar import CANCEL, REQUEST, enrolment_calendar
from training.models import Session, SessionDay
from training.services import enrolment_cancel
from training.services.calendar import calendar_feed_get_or_create

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
NEXT_YEAR = timezone.localdate().year + 1


@pytest.fixture(scope="module")
def icaljs():
    yield from icaljs_process()


@pytest.fixture
def course(programme):
    return make_course(programme, "Vahvuutta vanhemmuuteen")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), HELSINKI)


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def session_on(course, *hours: tuple[datetime, datetime]) -> Session:
    session = Session.objects.create(course=course, capacity=10, place_name="Perhekeskus Kuopio")
    for starts_at, ends_at in hours:
        SessionDay.objects.create(session=session, starts_at=starts_at, ends_at=ends_at)
    session.save()
    return session


def day_spans(session: Session) -> list[tuple[datetime, datetime]]:
    return [(day.starts_at, day.ends_at) for day in session.days.order_by("starts_at")]


def invitation(enrolment) -> bytes:
    return enrolment_calendar(enrolment, REQUEST)


def download(client, session) -> bytes:
    response = client.get(reverse("calendar:session", args=[session.pk]))
    assert response.status_code == 200
    return response.content


def feed(client, person) -> bytes:
    response = client.get(reverse("calendar:feed", args=[calendar_feed_get_or_create(person=person).token]))
    assert response.status_code == 200
    return response.content


def only_event(result: dict) -> dict:
    [event] = result["events"]
    return event


# Shapes of sessions whose days a calendar must keep, each day with its own hours.
def over_the_change_to_summer_time() -> list[tuple[datetime, datetime]]:
    sunday = last_sunday(NEXT_YEAR, 3)
    return [
        (at(sunday - timedelta(days=2), 9), at(sunday - timedelta(days=2), 16)),
        (at(sunday + timedelta(days=1), 12), at(sunday + timedelta(days=1), 15, 30)),
        (at(sunday + timedelta(days=3), 8, 30), at(sunday + timedelta(days=3), 12)),
    ]


def weeks_apart_over_the_change_to_standard_time() -> list[tuple[datetime, datetime]]:
    tuesday = last_sunday(NEXT_YEAR, 10) - timedelta(days=12)
    return [
        (at(tuesday, 9), at(tuesday, 15)),
        (at(tuesday + timedelta(days=2), 9), at(tuesday + timedelta(days=2), 15)),
        (at(tuesday + timedelta(days=21), 9), at(tuesday + timedelta(days=21), 15)),
        (at(tuesday + timedelta(days=23), 10), at(tuesday + timedelta(days=23), 14)),
    ]


def morning_and_afternoon_blocks() -> list[tuple[datetime, datetime]]:
    day = date(NEXT_YEAR, 5, 3)
    return [
        (at(day, 9), at(day, 11, 30)),
        (at(day, 12, 30), at(day, 16)),
        (at(day + timedelta(days=1), 12, 30), at(day + timedelta(days=1), 16)),
    ]


SHAPES = [over_the_change_to_summer_time, weeks_apart_over_the_change_to_standard_time, morning_and_afternoon_blocks]


def calendars(kind: str, client, sessions: list[Session], person) -> list[bytes]:
    """The calendars of ``kind`` that show ``person``'s enrolments in ``sessions``."""
    enrolments = [enrol(session, person) for session in sessions]
    if kind == "feed":
        return [feed(client, person)]
    if kind == "download":
        return [download(client, session) for session in sessions]
    return [invitation(enrolment) for enrolment in enrolments]


def ambiguous(moment: datetime) -> bool:
    local = moment.astimezone(HELSINKI)
    return local.replace(fold=0).utcoffset() != local.replace(fold=1).utcoffset()


YEARS = (NEXT_YEAR, NEXT_YEAR + 1, NEXT_YEAR + 2)


@pytest.mark.parametrize("kind", ["invitation", "download", "feed"])
class TestTimeZone:
    def test_summer_and_winter_times_come_out_right_for_three_years(self, client, course, icaljs, kind):
        sessions = [
            session_on(course, (at(date(year, month, 8), 9), at(date(year, month, 8), 15)))
            for year in YEARS
            for month in (1, 6)
        ]

        results = icaljs.read(*calendars(kind, client, sessions, UserFactory()))

        assert [spans(event) for result in results for event in result["events"]] == [
            day_spans(session) for session in sessions
        ]

    def test_summer_time_starts_and_ends_at_the_right_instant(self, client, course, icaljs, kind):
        sessions = [session_on(course, (at(date(year, 6, 8), 9), at(date(year, 6, 8), 15))) for year in YEARS]
        shown = calendars(kind, client, sessions, UserFactory())
        # A calendar describes the zone for the years of its days: the feed all three, the others one each.
        years = [YEARS] if kind == "feed" else [(year,) for year in YEARS]

        for calendar, its_years in zip(shown, years, strict=True):
            instants = [
                datetime.combine(last_sunday(year, month) - timedelta(days=1), time(22), UTC)
                + timedelta(minutes=30 * step)
                for year in its_years
                for month in (3, 10)
                for step in range(13)
            ]
            [result] = icaljs.read(calendar, instants=instants)

            # In the hour that repeats in October, ical.js takes the second (standard) reading whatever
            # the VTIMEZONE says; every other instant must have the offset zoneinfo gives it.
            offsets = [
                (moment, offset)
                for moment, offset in zip(instants, result["offsets"]["Europe/Helsinki"], strict=True)
                if not ambiguous(moment)
            ]
            assert offsets == [
                (moment, moment.astimezone(HELSINKI).utcoffset().total_seconds()) for moment, _ in offsets
            ]


class TestOneObjectPerSession:
    @pytest.mark.parametrize("shape", SHAPES)
    def test_every_calendar_shows_every_day_with_its_own_hours(self, client, course, icaljs, shape):
        session = session_on(course, *shape())
        enrolment = enrol(session)

        results = icaljs.read(invitation(enrolment), download(client, session), feed(client, enrolment.person))

        for result in results:
            event = only_event(result)
            assert spans(event) == day_spans(session)
            assert not event["orphan"]
        assert only_event(results[0])["uid"] == only_event(results[2])["uid"] == f"{enrolment.calendar_uid}@perhekeskus"
        assert only_event(results[1])["uid"] == f"session-{session.pk}@perhekeskus"

    def test_an_update_replaces_the_days_removed_and_added_by_the_organiser(self, course, icaljs, committed):
        first, second, third = over_the_change_to_summer_time()
        session = session_on(course, first, second, third)
        person = UserFactory()
        with committed():
            enrol(session, person)
        session.days.get(starts_at=second[0]).delete()
        added = (third[0] + timedelta(days=7), third[1] + timedelta(days=7, hours=1))
        SessionDay.objects.create(session=session, starts_at=added[0], ends_at=added[1])
        session.save()

        with committed():
            services.session_changed(session)

        before, after = (
            icaljs.read(message.attachments[0].content)[0] for message in mail.outbox if message.to == [person.email]
        )
        assert after["method"] == "REQUEST"
        updated = only_event(after)
        assert updated["uid"] == only_event(before)["uid"]
        assert updated["sequence"] == only_event(before)["sequence"] + 1
        assert spans(updated) == [first, third, added]

    def test_a_withdrawal_cancels_every_day_the_invitation_gave(self, course, icaljs):
        session = session_on(course, *weeks_apart_over_the_change_to_standard_time())
        enrolment = enrol(session)
        invited = icaljs.read(invitation(enrolment))[0]

        enrolment = enrolment_cancel(enrolment=enrolment, by=enrolment.person)
        [withdrawn] = icaljs.read(enrolment_calendar(enrolment, CANCEL))

        assert withdrawn["method"] == "CANCEL"
        event = only_event(withdrawn)
        assert (event["uid"], event["status"]) == (only_event(invited)["uid"], "CANCELLED")
        assert event["sequence"] > only_event(invited)["sequence"]
        instances = {occurrence["recurrenceId"] for occurrence in event["occurrences"]}
        assert instances == {occurrence["recurrenceId"] for occurrence in only_event(invited)["occurrences"]}
        assert len(instances) == session.days.count()
