"""iCalendar objects: an enrolment's invitation, a session's download and a person's feed.

UIDs and SEQUENCE
    An enrolment is one calendar event for its person, whatever happens to it: the UID comes
    from ``Enrolment.calendar_uid`` and never changes, and SEQUENCE is
    ``Enrolment.calendar_sequence``, which the services raise with every change (promotion,
    cancellation, move, change of time or place), so calendar programs replace the older copy.

    A session may last several days with different hours, so each day is its own VEVENT:

    * a one-day session: ``<calendar_uid>@perhekeskus``;
    * a multi-day session: ``<calendar_uid>-<n>@perhekeskus``, ``n`` being the day's position
      (1, 2, …) in time order.

    A day's UID is therefore stable as long as the number of days stays the same. Should an
    organiser add or remove days, the UIDs shift with the positions; the updated REQUEST still
    carries every current day, but an event for a removed position stays in the person's
    calendar until removed by hand (the previous number of days is not recorded).

    The session download (METHOD:PUBLISH) is not anyone's enrolment: its days are
    ``session-<pk>-<n>@perhekeskus``. The personal feed publishes the enrolment UIDs, so a feed
    subscriber and an invitation talk about the same events.

Time zone
    Times carry ``TZID=Europe/Helsinki`` and a VTIMEZONE derived from zoneinfo for the years of
    the calendar's days (see ``vtimezone``): one STANDARD and one DAYLIGHT component, each with
    a yearly RRULE (summer time from the last Sunday of March at 03:00, standard time from the
    last Sunday of October at 04:00: the local time before the change, as RFC 5545 wants it).
    icalendar's ``Timezone.from_tzid`` is not used: it lists the onsets in one comma-separated
    RDATE, of which ical.js reads only the first value (later summers keep standard time), and
    writes the start of summer time at 04:00.
"""

from __future__ import annotations

import hashlib
from calendar import monthrange
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from functools import lru_cache
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Max, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vDuration, vText

from people.models import User

from .models import CalendarFeed, CoursePage, Enrolment, Session, SessionDay

TZID = "Europe/Helsinki"
HELSINKI = ZoneInfo(TZID)
PRODID = "-//Perhekeskus//Training calendar//EN"
UID_DOMAIN = "perhekeskus"
# How far back the personal feed reaches; older sessions drop out of subscribed calendars.
FEED_HISTORY = timedelta(days=365)
FEED_REFRESH = timedelta(hours=1)

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"


# Courses in the reader's language
# ------------------------------------------------------------------------------
def courses_in_language(courses: Iterable[CoursePage], language: str) -> dict[int, CoursePage]:
    """Each course's live translation in ``language``, keyed by the given course's pk, in one query.

    A course without a translation in that language stays as it is (the Finnish original).
    """
    courses = list(courses)
    if not courses:
        return {}
    translations = {
        page.translation_key: page
        for page in CoursePage.objects.live().filter(
            translation_key__in={course.translation_key for course in courses}, locale__language_code=language
        )
    }
    return {course.pk: translations.get(course.translation_key, course) for course in courses}


def course_in_language(course: CoursePage, language: str) -> CoursePage:
    return courses_in_language([course], language)[course.pk]


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def course_url(course: CoursePage, *, fallback: CoursePage | None = None, cache_object=None) -> str | None:
    """The absolute address of ``course`` (its locale's URL prefix included), else of ``fallback``.

    ``cache_object`` (any object, e.g. a ``SimpleNamespace``) keeps Wagtail's site root paths
    between calls, so many courses cost one cache look-up instead of one each.
    """
    for page in (course, fallback):
        if page is None:
            continue
        parts = page.get_url_parts(request=cache_object)
        if parts and parts[2]:
            return absolute_url(parts[2])
    return None


def feed_url(feed: CalendarFeed) -> str:
    """The subscription address to show the person (webcal clients accept it as https too)."""
    return absolute_url(reverse("calendar:feed", args=[feed.token]))


# The time zone
# ------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Observance:
    """What a transition changes to: one STANDARD or DAYLIGHT component of a VTIMEZONE."""

    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool


def _zone_state(zone: ZoneInfo, timestamp: int) -> tuple[timedelta, bool, str]:
    moment = datetime.fromtimestamp(timestamp, UTC).astimezone(zone)
    return moment.utcoffset(), bool(moment.dst()), moment.tzname()


@lru_cache(maxsize=32)
def _transitions(tzid: str, first_year: int, last_year: int) -> tuple[tuple[datetime, _Observance], ...]:
    """The zone's changes of offset, name or summer time within the years, as (local onset, observance).

    The onset is the local time before the change: RFC 5545 writes DTSTART and RDATE of a
    STANDARD or DAYLIGHT component in the offset it changes from.
    """
    zone = ZoneInfo(tzid)
    day = 86400
    moment = int(datetime(first_year, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(last_year + 1, 1, 1, tzinfo=UTC).timestamp())
    before = _zone_state(zone, moment)
    found = []
    while moment < end:
        after = _zone_state(zone, moment + day)
        if after != before:
            # Bisect to the second the change takes effect (zones change at most once a day).
            low, high = moment, moment + day
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if _zone_state(zone, middle) == before else (low, middle)
            onset = datetime.fromtimestamp(high, UTC).replace(tzinfo=None) + before[0]
            found.append((onset, _Observance(before[0], after[0], after[2], after[1])))
        moment, before = moment + day, after
    return tuple(found)


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _yearly_rule(onsets: Sequence[datetime]) -> dict | None:
    """A yearly RRULE giving exactly ``onsets`` (every year, the n-th or last weekday of one month), if one does."""
    first = onsets[0]
    if len(onsets) < 2 or [onset.year for onset in onsets] != list(range(first.year, first.year + len(onsets))):
        return None
    if any(
        (onset.month, onset.weekday(), onset.time()) != (first.month, first.weekday(), first.time()) for onset in onsets
    ):
        return None
    if all(onset.day + 7 > monthrange(onset.year, onset.month)[1] for onset in onsets):
        ordinal = -1
    elif len({(onset.day - 1) // 7 for onset in onsets}) == 1:
        ordinal = (first.day - 1) // 7 + 1
    else:
        return None
    return {"freq": "YEARLY", "bymonth": first.month, "byday": f"{ordinal}{WEEKDAYS[first.weekday()]}"}


def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of ``tzid`` for the years ``first_year`` to ``last_year``, from zoneinfo.

    Each observance is one component whose onsets are a yearly RRULE (open-ended when the zone
    still follows it at the end of the years, else with UNTIL) or, should they follow no such
    rule, one RDATE a line: ical.js reads only the first value of a comma-separated RDATE.
    """
    component = Timezone()
    component.add("tzid", tzid)
    # One year either side: the change before the first day, and whether the rule goes on.
    transitions = _transitions(tzid, first_year - 1, last_year + 1)
    if not transitions:
        start = datetime(first_year - 1, 1, 1)
        offset, daylight, name = _zone_state(ZoneInfo(tzid), int(start.replace(tzinfo=UTC).timestamp()))
        transitions = ((start, _Observance(offset, offset, name, daylight)),)
    onsets: dict[_Observance, list[datetime]] = defaultdict(list)
    for onset, observance in transitions:
        onsets[observance].append(onset)
    for observance, times in onsets.items():
        part = TimezoneDaylight() if observance.daylight else TimezoneStandard()
        part.add("dtstart", times[0])
        part.add("tzoffsetfrom", observance.offset_from)
        part.add("tzoffsetto", observance.offset_to)
        part.add("tzname", observance.name)
        rule = _yearly_rule(times)
        if rule:
            if times[-1].year < last_year + 1:
                rule["until"] = (times[-1] - observance.offset_from).replace(tzinfo=UTC)
            part.add("rrule", rule)
        else:
            for onset in times[1:]:
                part.add("rdate", onset)
        component.add_component(part)
    return component


def _add_timezone(calendar: Calendar, days: Sequence[SessionDay]) -> None:
    """Put the Europe/Helsinki VTIMEZONE first, covering the years of ``days`` (or this year)."""
    if days:
        first, last = min(day.starts_at for day in days), max(day.ends_at for day in days)
    else:
        first = last = timezone.now()
    years = (timezone.localtime(first, HELSINKI).year, timezone.localtime(last, HELSINKI).year)
    calendar.subcomponents.insert(0, vtimezone(TZID, *years))


# Building blocks
# ------------------------------------------------------------------------------
def enrolment_uid(enrolment: Enrolment, position: int, day_count: int) -> str:
    """The UID of day ``position`` (1-based) of an enrolment's session of ``day_count`` days."""
    if day_count == 1:
        return f"{enrolment.calendar_uid}@{UID_DOMAIN}"
    return f"{enrolment.calendar_uid}-{position}@{UID_DOMAIN}"


def session_uid(session: Session, position: int) -> str:
    return f"session-{session.pk}-{position}@{UID_DOMAIN}"


def _new_calendar(method: str, *, name: str = "") -> Calendar:
    # Calendar.new() would add a random calendar UID; the feed's content must stay the same
    # between requests for its ETag to mean anything.
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", TZID)
    return calendar


def _organizer() -> vCalAddress:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    if name:
        organizer.params["CN"] = vText(name)
    return organizer


def _attendee(person: User, method: str) -> vCalAddress:
    attendee = vCalAddress(f"mailto:{person.email}")
    attendee.params["CN"] = vText(person.get_full_name() or person.email)
    attendee.params["CUTYPE"] = "INDIVIDUAL"
    attendee.params["ROLE"] = "REQ-PARTICIPANT"
    # The person asked for the seat, so the invitation is already accepted; replies would go to
    # a no-reply address, so none is asked for.
    attendee.params["PARTSTAT"] = "DECLINED" if method == CANCEL else "ACCEPTED"
    attendee.params["RSVP"] = "FALSE"
    return attendee


def _location(session: Session) -> str:
    place = ", ".join(part for part in (session.place_name, session.place_address) if part)
    return place or session.online_url


def _description(session: Session, course: CoursePage, url: str | None) -> str:
    lines = [course.summary] if course.summary else []
    if session.online_url:
        lines.append(_("Online link: %(url)s") % {"url": session.online_url})
    if url:
        lines.append(_("Course page: %(url)s") % {"url": url})
    return "\n\n".join(lines)


def _event(
    *,
    uid: str,
    day: SessionDay,
    session: Session,
    course: CoursePage,
    url: str | None,
    stamp: datetime,
    sequence: int = 0,
    status: str = "CONFIRMED",
    last_modified: datetime | None = None,
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(ZoneInfo("UTC")))
    event.add("dtstart", day.starts_at.astimezone(HELSINKI))
    event.add("dtend", day.ends_at.astimezone(HELSINKI))
    event.add("sequence", sequence)
    event.add("status", status)
    event.add("summary", course.title)
    location = _location(session)
    if location:
        event.add("location", location)
    description = _description(session, course, url)
    if description:
        event.add("description", description)
    if session.online_url or url:
        event.add("url", session.online_url or url)
    if last_modified:
        event.add("last-modified", last_modified.astimezone(ZoneInfo("UTC")))
    return event


def _days(session: Session) -> list[SessionDay]:
    # Sorted in Python so prefetched days need no further query.
    return sorted(session.days.all(), key=lambda day: day.starts_at)


# Calendars
# ------------------------------------------------------------------------------
def enrolment_calendar(enrolment: Enrolment, method: str = REQUEST, *, course: CoursePage | None = None) -> bytes:
    """The invitation (REQUEST) or its withdrawal (CANCEL) for an enrolment, one VEVENT a day.

    ``course`` overrides the session's course, e.g. with its translation in the reader's language.
    """
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"An enrolment calendar is a REQUEST or a CANCEL, not {method}")
    session = enrolment.session
    course = course or session.course
    url = course_url(course, fallback=session.course)
    days = _days(session)
    calendar = _new_calendar(method)
    _add_timezone(calendar, days)
    stamp = timezone.now()
    for position, day in enumerate(days, start=1):
        event = _event(
            uid=enrolment_uid(enrolment, position, len(days)),
            day=day,
            session=session,
            course=course,
            url=url,
            stamp=stamp,
            sequence=enrolment.calendar_sequence,
            status="CANCELLED" if method == CANCEL else "CONFIRMED",
        )
        event.add("organizer", _organizer())
        event.add("attendee", _attendee(enrolment.person, method))
        calendar.add_component(event)
    return calendar.to_ical()


def session_calendar(session: Session, *, course: CoursePage | None = None) -> bytes:
    """A session's days to download (METHOD:PUBLISH); the same bytes until the session changes."""
    course = course or session.course
    url = course_url(course, fallback=session.course)
    days = _days(session)
    calendar = _new_calendar(PUBLISH)
    _add_timezone(calendar, days)
    for position, day in enumerate(days, start=1):
        calendar.add_component(
            _event(
                uid=session_uid(session, position),
                day=day,
                session=session,
                course=course,
                url=url,
                stamp=session.updated_at,
                last_modified=session.updated_at,
            )
        )
    return calendar.to_ical()


def feed_enrolments(person: User) -> QuerySet[Enrolment]:
    """The confirmed enrolments a feed shows: one query, and one more for all their days."""
    return (
        Enrolment.objects.filter(
            person=person,
            status=Enrolment.Status.CONFIRMED,
            session__ends_at__gte=timezone.now() - FEED_HISTORY,
        )
        .exclude(session__status=Session.Status.CANCELLED)
        .select_related("session__course")
        .prefetch_related(Prefetch("session__days", queryset=SessionDay.objects.order_by("starts_at")))
        .order_by("session__starts_at", "pk")
    )


def feed_last_modified(person: User) -> datetime | None:
    """When anything a feed could show last changed.

    Taken over all the person's enrolments, not only the confirmed ones: a cancellation removes
    an event, and the feed must then look newer than before, not older.
    """
    latest = Enrolment.objects.filter(person=person).aggregate(
        latest_enrolment=Max("updated_at"),
        latest_session=Max("session__updated_at"),
        latest_course=Max("session__course__last_published_at"),
    )
    stamps = [stamp for stamp in latest.values() if stamp]
    return max(stamps) if stamps else None


def feed_calendar(person: User, enrolments: Iterable[Enrolment]) -> bytes:
    """The person's subscription: every day of their confirmed sessions (METHOD:PUBLISH).

    Written in the active language; DTSTAMP is the time of the last change, so the bytes (and the
    ETag hashed from them) stay the same until something changes.
    """
    enrolments = list(enrolments)
    language = translation.get_language() or settings.LANGUAGE_CODE
    courses = courses_in_language({e.session.course.pk: e.session.course for e in enrolments}.values(), language)
    calendar = _new_calendar(PUBLISH, name=_("Perhekeskus trainings"))
    calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(FEED_REFRESH).to_ical().decode())
    all_days = []
    site_paths = SimpleNamespace()
    for enrolment in enrolments:
        session = enrolment.session
        course = courses[session.course.pk]
        url = course_url(course, fallback=session.course, cache_object=site_paths)
        days = _days(session)
        all_days.extend(days)
        stamp = max(enrolment.updated_at, session.updated_at)
        for position, day in enumerate(days, start=1):
            calendar.add_component(
                _event(
                    uid=enrolment_uid(enrolment, position, len(days)),
                    day=day,
                    session=session,
                    course=course,
                    url=url,
                    stamp=stamp,
                    sequence=enrolment.calendar_sequence,
                    last_modified=stamp,
                )
            )
    _add_timezone(calendar, all_days)
    return calendar.to_ical()


def etag_for(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:32]
