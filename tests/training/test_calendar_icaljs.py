"""Our calendars as Thunderbird reads them: every file we write, expanded by ical.js (tests/icaljs.py)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, enrol, make_course
from tests.icaljs import icaljs_process, spans
from training.calendar import REQUEST, enrolment_calendar
from training.models import Session, SessionDay
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
