"""Helpers for the certificate and transcript tests: completed enrolments without the attendance service."""

from __future__ import annotations

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from tests.factories import UserFactory, enrol, make_session
from training.models import Enrolment


def past_session(course, *, days: int = 1, days_ago: int = 10, **fields):
    """A session whose days ended ``days_ago`` days ago (9.00-15.00 Helsinki time each)."""
    return make_session(course, days=days, starts_in_days=-days_ago, **fields)


def completed(session, person=None, *, outcome: str = Enrolment.Outcome.COMPLETED, minutes: int = 0) -> Enrolment:
    """``person`` (a new one by default) enrolled in ``session`` with ``outcome`` set as attendance would."""
    person = person or UserFactory()
    enrolment = Enrolment.objects.create(session=session, person=person, status=Enrolment.Status.CONFIRMED)
    enrolment.outcome = outcome
    enrolment.attended_minutes = minutes
    if outcome == Enrolment.Outcome.COMPLETED:
        enrolment.completed_on = timezone.localdate(session.ends_at)
    enrolment.save()
    return enrolment


def coordinator():
    user = UserFactory(is_coordinator=True)
    TOTP.activate(user, generate_totp_secret())
    return user


__all__ = ["completed", "coordinator", "enrol", "past_session"]
