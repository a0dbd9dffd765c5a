"""Join and leave times in attendance files (Teams reports), and the minutes of a session day they cover.

Teams writes times in the format of the downloader's language and region: "4.12.2026 9.00.12"
(Finnish), "12/4/26, 9:00:12 AM" (US English), "04/12/2026, 09:00:12" (British English),
"2026-12-04 09:00:12" (Swedish). Slashes alone do not say whether the month or the day comes
first, but the session day does: the reading that falls on it is the one meant. A time on
another date is refused, so that a report of another meeting cannot mark everyone absent.
Times are local (Europe/Helsinki), as the organiser's Teams shows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

Interval = tuple[datetime, datetime]

TIMESTAMP = re.compile(
    r"""^(?:
        (?:(?P<iso_year>\d{4})-(?P<iso_month>\d{1,2})-(?P<iso_day>\d{1,2})
          |(?P<first>\d{1,2})(?P<separator>[./])(?P<second>\d{1,2})(?P=separator)(?P<year>\d{4}|\d{2}))
        (?:\s*,\s*|\s+(?:klo\s+|kl\.?\s*)?|T)
    )?
    (?P<hour>\d{1,2})[.:](?P<minute>\d{2})(?:[.:](?P<second_of_minute>\d{2})(?:[.,]\d{1,6})?)?
    (?:\s*(?P<half>[ap])\.?\s?m\.?)?$""",
    re.IGNORECASE | re.VERBOSE,
)


class UnreadableTime(ValueError):
    """A time that cannot be used; the message says why, for the import report."""


def _dates(match: re.Match, day: date) -> list[date]:
    """Every date the text can mean (none given: the session day)."""
    if match["iso_year"]:
        parts = [(int(match["iso_year"]), int(match["iso_month"]), int(match["iso_day"]))]
    elif match["first"]:
        year = int(match["year"]) + (2000 if len(match["year"]) == 2 else 0)
        first, second = int(match["first"]), int(match["second"])
        parts = [(year, second, first)]  # day first: "4.12.2026", "04/12/2026"
        if match["separator"] == "/":
            parts.append((year, first, second))  # month first: "12/4/26"
    else:
        return [day]
    dates = []
    for year, month, day_of_month in parts:
        try:
            dates.append(date(year, month, day_of_month))
        except ValueError:
            continue
    return dates


def _clock(match: re.Match) -> time:
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second_of_minute"] or 0)
    if half := (match["half"] or "").casefold():
        if not 1 <= hour <= 12:
            raise ValueError
        hour = hour % 12 + (12 if half == "p" else 0)
    return time(hour, minute, second)


def parse_timestamp(value: str, *, day: date) -> datetime:
    """The moment ``value`` names on the session ``day`` (local date); raises UnreadableTime."""
    text = " ".join(value.split())
    match = TIMESTAMP.match(text)
    dates = _dates(match, day) if match else []
    try:
        clock = _clock(match) if match else None
    except ValueError:
        clock = None
    if clock is None or not dates:
        raise UnreadableTime(_("The time “%(value)s” could not be read.") % {"value": value})
    if day not in dates:
        raise UnreadableTime(
            _("The time “%(value)s” is not on the session day (%(date)s).")
            % {"value": value, "date": date_format(day, "SHORT_DATE_FORMAT")}
        )
    return datetime.combine(day, clock, timezone.get_default_timezone())


def intervals_from_events(events: Iterable[tuple[datetime, bool]], *, starts_at: datetime, ends_at: datetime):
    """Intervals from "Joined" (True) and "Left" (False) events in time order. A "Left" with no "Joined"
    before it was in since the start of the day; a "Joined" never followed by a "Left" was still in at
    its end (the report was downloaded during the meeting)."""
    intervals: list[Interval] = []
    joined: datetime | None = None
    for moment, is_join in sorted(events, key=lambda event: event[0]):
        if is_join:
            joined = moment if joined is None else joined
        else:
            intervals.append((starts_at if joined is None else joined, moment))
            joined = None
    if joined is not None:
        intervals.append((joined, ends_at))
    return intervals


def covered_minutes(intervals: Iterable[Interval], *, starts_at: datetime, ends_at: datetime) -> int:
    """Minutes from ``starts_at`` to ``ends_at`` inside at least one interval: overlapping intervals
    (two devices, a rejoin before Teams noticed the drop) count once, time outside the day not at all."""
    clipped = sorted((max(start, starts_at), min(end, ends_at)) for start, end in intervals)
    total = timedelta()
    current: Interval | None = None
    for start, end in clipped:
        if end <= start:
            continue
        if current is None or start > current[1]:
            if current is not None:
                total += current[1] - current[0]
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    if current is not None:
        total += current[1] - current[0]
    return round(total.total_seconds() / 60)
