"""Helpers for the attendance tests: sessions in the past or today, and seats in them."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from tests.factories import UserFactory, make_session
from training.models import Enrolment, Session, SessionDay

HELSINKI = ZoneInfo("Europe/Helsinki")


def seat(session: Session, person=None, **fields) -> Enrolment:
    """A confirmed enrolment written directly: the enrolment service refuses sessions that have started."""
    person = person or UserFactory()
    fields.setdefault("status", Enrolment.Status.CONFIRMED)
    return Enrolment.objects.create(session=session, person=person, **fields)


def past_session(course, *, days: int = 1, days_ago: int = 7, **fields) -> Session:
    """A session whose ``days`` days of 9.00-15.00 (six hours each) have all ended."""
    return make_session(course, days=days, starts_in_days=-days_ago, **fields)


def session_today(course, *, start: time = time(9), end: time = time(15), **fields) -> Session:
    """A one-day session today, from ``start`` to ``end`` Helsinki time."""
    today = timezone.localdate()
    session = Session.objects.create(course=course, capacity=fields.pop("capacity", 20), **fields)
    SessionDay.objects.create(
        session=session,
        starts_at=datetime.combine(today, start, HELSINKI),
        ends_at=datetime.combine(today, end, HELSINKI),
    )
    session.save()
    return session


def moment(day: SessionDay, **delta) -> datetime:
    """A time relative to the start of ``day``."""
    return day.starts_at + timedelta(**delta)
