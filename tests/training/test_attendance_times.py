"""Join and leave times in Teams reports: the formats Teams writes, and the minutes of the day they cover."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from training.services.attendance_times import (
    UnreadableTime,
    covered_minutes,
    intervals_from_events,
    parse_timestamp,
)

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")
DAY = date(2026, 12, 4)
START, END = datetime(2026, 12, 4, 9, tzinfo=HELSINKI), datetime(2026, 12, 4, 12, tzinfo=HELSINKI)


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 12, 4, hour, minute, second, tzinfo=HELSINKI)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4.12.2026 9.00.12", at(9, 0, 12)),  # Finnish
        ("04.12.2026 klo 13.05", at(13, 5)),
        ("12/4/26, 9:00:12 AM", at(9, 0, 12)),  # US English
        ("12/4/2026, 1:30:00 PM", at(13, 30)),
        ("12/4/26, 12:15:00 PM", at(12, 15)),
        ("04/12/2026, 09:00:12", at(9, 0, 12)),  # British English: the day decides which number is which
        ("2026-12-04 09:00:12", at(9, 0, 12)),  # Swedish
        ("2026-12-04T16:45:00", at(16, 45)),
        ("9.00.12", at(9, 0, 12)),  # a time alone is on the session day
        (" 4.12.2026  9.00.12 ", at(9, 0, 12)),
    ],
)
def test_it_reads_the_formats_teams_writes(value, expected):
    assert parse_timestamp(value, day=DAY) == expected


@pytest.mark.parametrize("value", ["", "soon", "4.12.2026", "25:00", "13:00 PM", "4.13.2026 9.00", "31/31/26, 9:00"])
def test_unreadable_times(value):
    with translation.override("en"), pytest.raises(UnreadableTime, match="could not be read"):
        parse_timestamp(value, day=DAY)


def test_a_time_on_another_day_is_refused():
    # A report of another meeting must not mark everyone absent.
    with translation.override("en"), pytest.raises(UnreadableTime, match=r"not on the session day \(4\.12\.2026\)"):
        parse_timestamp("3.12.2026 9.00.00", day=DAY)


def test_overlapping_intervals_count_once_and_time_outside_the_day_not_at_all():
    intervals = [
        (at(8, 30), at(9, 40)),  # before the start: 40 minutes count
        (at(9, 30), at(10, 0)),  # overlaps the first
        (at(11, 0), at(11, 10)),
        (at(11, 5), at(11, 20)),
        (at(11, 50), at(13, 0)),  # after the end: 10 minutes count
        (at(7, 0), at(8, 0)),  # wholly before
    ]

    assert covered_minutes(intervals, starts_at=START, ends_at=END) == 60 + 20 + 10


def test_twenty_minutes_of_a_three_hour_day():
    assert covered_minutes([(at(9), at(9, 20))], starts_at=START, ends_at=END) == 20


def test_seconds_round_to_the_nearest_minute():
    half_minute = timedelta(seconds=29)
    assert covered_minutes([(at(9), at(9, 20) + half_minute)], starts_at=START, ends_at=END) == 20
    assert covered_minutes([(at(9), at(9, 20, 31))], starts_at=START, ends_at=END) == 21


def test_joined_and_left_events_pair_up_in_time_order():
    events = [(at(10, 35), True), (at(9), True), (at(10, 30), False), (at(12, 1), False)]

    assert intervals_from_events(events, starts_at=START, ends_at=END) == [(at(9), at(10, 30)), (at(10, 35), at(12, 1))]


def test_a_left_without_joined_was_in_from_the_start_and_a_joined_without_left_to_the_end():
    events = [(at(9, 30), False), (at(11), True)]

    assert intervals_from_events(events, starts_at=START, ends_at=END) == [(START, at(9, 30)), (at(11), END)]


def test_a_second_joined_before_leaving_keeps_the_first():
    events = [(at(9), True), (at(9, 10), True), (at(9, 40), False)]

    assert intervals_from_events(events, starts_at=START, ends_at=END) == [(at(9), at(9, 40))]
