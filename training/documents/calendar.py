"""iCalendar objects: an enrolment's invitation, a session's download and a person's feed.

One session, one calendar object
    However many days a session has, it travels as one calendar object with one UID: mail
    programs that take one object from an invitation (an iTIP message) keep every day, and an
    update replaces the whole set of days, so a day the organiser removes disappears and one
    added appears.

    * The first day is the master VEVENT. The other days are instances of a weekly rule over
      the weekdays the days fall on (``RRULE:FREQ=WEEKLY;BYDAY=…;UNTIL=<last day>``), with an
      ``EXDATE`` for each date the rule gives but the session does not have. Outlook knows
      recurrence only as such a rule with exceptions (it takes an ``RDATE`` only as a moved
      instance); ical.js (Thunderbird), Google and Apple read it as well.
    * An instance starts at the master's time of day and lasts as long. A day with other hours
      is a ``RECURRENCE-ID`` override: the instance's start under the rule, the day's own
      DTSTART and DTEND, and every other property repeated, since clients take nothing over
      from the master.
    * A second block on the same date cannot come from a weekly rule: it is an ``RDATE`` at its
      own start (overridden when its length differs). Outlook may leave such a block out.

UIDs and SEQUENCE
    An enrolment is one object for its person, whatever happens to it: the UID is
    ``<Enrolment.calendar_uid>@perhekeskus`` and never changes, and SEQUENCE is
    ``Enrolment.calendar_sequence``, which the services raise with every change (promotion,
    cancellation, move, change of days, time or place). An invitation or update is
    METHOD:REQUEST with the master and its overrides; a withdrawal is METHOD:CANCEL with the
    master alone, which cancels every day. The personal feed publishes the same objects, so a
    feed subscriber and an invitation talk about the same events.

    The session download (METHOD:PUBLISH) is not anyone's enrolment: its UID is
    ``session-<pk>@perhekeskus`` and its SEQUENCE ``Session.calendar_sequence``, raised when
    the session's days, hours or place change or it is cancelled.

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
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
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

from core.urls import absolute_url
from people.models import User

from ..models import CalendarFeed, CoursePage, Enrolment, Session, SessionDay
from ..selectors.courses import courses_in_language

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


# One session as one recurring event
# ------------------------------------------------------------------------------
@dataclass
class _Recurrence:
    """How a session's days become one event: the first day and what the others add to it."""

    first: SessionDay
    rule: dict | None = None
    exdates: list[datetime] = field(default_factory=list)
    rdates: list[datetime] = field(default_factory=list)
    # (the instance's RECURRENCE-ID, the day it shows)
    overrides: list[tuple[datetime, SessionDay]] = field(default_factory=list)


def _recurrence(days: Sequence[SessionDay]) -> _Recurrence:
    """The weekly rule, exceptions and overrides giving exactly ``days`` (in time order); see the module docstring."""
    first = days[0]
    recurrence = _Recurrence(first)
    if len(days) == 1:
        return recurrence
    start = first.starts_at.astimezone(HELSINKI)
    length = first.ends_at - first.starts_at

    def instance(on: date) -> datetime:
        return datetime.combine(on, start.time(), HELSINKI)

    by_date: dict[date, list[SessionDay]] = defaultdict(list)
    for day in days:
        by_date[day.starts_at.astimezone(HELSINKI).date()].append(day)
    weekdays = sorted({on.weekday() for on in by_date})
    last_date = max(by_date)
    on = start.date()
    while on <= last_date:
        if on.weekday() in weekdays and on not in by_date:
            recurrence.exdates.append(instance(on))
        on += timedelta(days=1)
    recurrence.rule = {
        "freq": "WEEKLY",
        "until": instance(last_date).astimezone(UTC),
        "byday": [WEEKDAYS[weekday] for weekday in weekdays],
    }
    for on, blocks in by_date.items():
        # The rule's instance on a date is the block starting at the rule's time, else the first.
        ruled = next((block for block in blocks if block.starts_at == instance(on)), blocks[0])
        for block in blocks:
            recurrence_id = instance(on) if block is ruled else block.starts_at.astimezone(HELSINKI)
            if block is not ruled:
                recurrence.rdates.append(recurrence_id)
            if block is not first and (block.starts_at, block.ends_at) != (recurrence_id, recurrence_id + length):
                recurrence.overrides.append((recurrence_id, block))
    return recurrence


# Building blocks
# ------------------------------------------------------------------------------
def enrolment_uid(enrolment: Enrolment) -> str:
    return f"{enrolment.calendar_uid}@{UID_DOMAIN}"


def session_uid(session: Session) -> str:
    return f"session-{session.pk}@{UID_DOMAIN}"


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


def _session_events(
    *,
    uid: str,
    days: Sequence[SessionDay],
    session: Session,
    course: CoursePage,
    url: str | None,
    stamp: datetime,
    sequence: int,
    status: str = "CONFIRMED",
    last_modified: datetime | None = None,
    attendee: vCalAddress | None = None,
    overrides: bool = True,
) -> list[Event]:
    """The session's days as one event: the master VEVENT, then (with ``overrides``) the days with other hours."""
    if not days:
        return []
    location = _location(session)
    description = _description(session, course, url)

    def vevent(day: SessionDay, recurrence_id: datetime | None = None) -> Event:
        event = Event()
        event.add("uid", uid)
        if recurrence_id:
            event.add("recurrence-id", recurrence_id)
        event.add("dtstamp", stamp.astimezone(UTC))
        event.add("dtstart", day.starts_at.astimezone(HELSINKI))
        event.add("dtend", day.ends_at.astimezone(HELSINKI))
        event.add("sequence", sequence)
        event.add("status", status)
        event.add("summary", course.title)
        if location:
            event.add("location", location)
        if description:
            event.add("description", description)
        if session.online_url or url:
            event.add("url", session.online_url or url)
        if last_modified:
            event.add("last-modified", last_modified.astimezone(UTC))
        if attendee:
            event.add("organizer", _organizer())
            event.add("attendee", attendee)
        return event

    recurrence = _recurrence(days)
    master = vevent(recurrence.first)
    if recurrence.rule:
        master.add("rrule", recurrence.rule)
    # One value a line: ical.js reads only the first of a comma-separated list in some places.
    for value in recurrence.rdates:
        master.add("rdate", value)
    for value in recurrence.exdates:
        master.add("exdate", value)
    events = [master]
    if overrides:
        events += [vevent(day, recurrence_id) for recurrence_id, day in recurrence.overrides]
    return events


def _days(session: Session) -> list[SessionDay]:
    # Sorted in Python so prefetched days need no further query.
    return sorted(session.days.all(), key=lambda day: day.starts_at)


# Calendars
# ------------------------------------------------------------------------------
def _session_calendar(method: str, *, session: Session, course: CoursePage, **event_fields) -> bytes:
    """A calendar holding one session's event; ``event_fields`` go to ``_session_events``."""
    days = _days(session)
    calendar = _new_calendar(method)
    _add_timezone(calendar, days)
    url = course_url(course, fallback=session.course)
    for event in _session_events(days=days, session=session, course=course, url=url, **event_fields):
        calendar.add_component(event)
    return calendar.to_ical()


def enrolment_calendar(enrolment: Enrolment, method: str = REQUEST, *, course: CoursePage | None = None) -> bytes:
    """The invitation or update (REQUEST) or its withdrawal (CANCEL) of an enrolment: one event for all its days.

    ``course`` overrides the session's course, e.g. with its translation in the reader's language.
    """
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"An enrolment calendar is a REQUEST or a CANCEL, not {method}")
    return _session_calendar(
        method,
        session=enrolment.session,
        course=course or enrolment.session.course,
        uid=enrolment_uid(enrolment),
        stamp=timezone.now(),
        sequence=enrolment.calendar_sequence,
        status="CANCELLED" if method == CANCEL else "CONFIRMED",
        attendee=_attendee(enrolment.person, method),
        # Cancelling the master cancels the whole series; an override would cancel one day only.
        overrides=method == REQUEST,
    )


def session_calendar(session: Session, *, course: CoursePage | None = None) -> bytes:
    """A session's days to download (METHOD:PUBLISH); the same bytes until the session changes."""
    return _session_calendar(
        PUBLISH,
        session=session,
        course=course or session.course,
        uid=session_uid(session),
        stamp=session.updated_at,
        sequence=session.calendar_sequence,
        last_modified=session.updated_at,
    )


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
    """The person's subscription: one event for each confirmed session, with all its days (METHOD:PUBLISH).

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
        days = _days(session)
        all_days.extend(days)
        stamp = max(enrolment.updated_at, session.updated_at)
        for event in _session_events(
            uid=enrolment_uid(enrolment),
            days=days,
            session=session,
            course=course,
            url=course_url(course, fallback=session.course, cache_object=site_paths),
            stamp=stamp,
            sequence=enrolment.calendar_sequence,
            last_modified=stamp,
        ):
            calendar.add_component(event)
    _add_timezone(calendar, all_days)
    return calendar.to_ical()


def etag_for(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:32]
