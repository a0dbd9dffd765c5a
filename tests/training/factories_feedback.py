"""Helpers for the feedback tests: past sessions, attendees with an outcome, valid answers."""

from __future__ import annotations

from django.test import TestCase

from tests.factories import UserFactory, make_session
from training.models import Enrolment, FeedbackForm
from training.services.feedback import feedback_submit

VALID_ANSWERS = {"overall": 4, "usefulness": 5, "trainers": 4, "recommend": True}


def past_session(course, *, days_ago: int = 3, days: int = 1, **fields):
    """A session whose last day ended ``days_ago`` days ago (9.00-15.00 Helsinki time each day)."""
    return make_session(course, starts_in_days=-days_ago - days + 1, days=days, **fields)


def attendee(session, person=None, *, outcome: str = Enrolment.Outcome.COMPLETED, **fields) -> Enrolment:
    """A confirmed enrolment whose outcome is set, as the attendance service would leave it."""
    return Enrolment.objects.create(
        session=session,
        person=person or UserFactory(),
        status=fields.pop("status", Enrolment.Status.CONFIRMED),
        outcome=outcome,
        **fields,
    )


def answer(enrolment, **answers):
    """Answer as a request would: the callbacks waiting for the commit (the release) run afterwards."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return feedback_submit(enrolment=enrolment, answers={**VALID_ANSWERS, **answers})


def default_form() -> FeedbackForm:
    return FeedbackForm.objects.get(is_default=True)
