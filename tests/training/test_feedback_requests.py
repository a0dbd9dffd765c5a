"""Asking attendees for feedback after the last day: once per person, in their language."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from tests.factories import UserFactory, make_course, make_session
from tests.training.factories_feedback import answer, attendee, past_session
from training.models import Enrolment, Session
from training.services.feedback import feedback_requests_send

pytestmark = pytest.mark.django_db
Outcome = Enrolment.Outcome


@pytest.fixture
def course(programme):
    return make_course(programme, "Perhekeskus tutuksi")


def run_command(*args) -> str:
    out = StringIO()
    call_command("send_feedback_requests", *args, stdout=out)
    return out.getvalue().strip()


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def subject_in(language: str) -> str:
    with translation.override(language):
        return gettext("How was %(course_title)s? Give feedback") % {"course_title": "Perhekeskus tutuksi"}


def test_attendees_of_a_session_that_ended_are_asked_once(course):
    session = past_session(course, days_ago=2)
    completed, partly = attendee(session), attendee(session, outcome=Outcome.INCOMPLETE)
    attendee(session, outcome=Outcome.NO_SHOW)
    attendee(session, outcome="", status=Enrolment.Status.CANCELLED)
    answered = attendee(session)
    answer(answered)
    mail.outbox.clear()

    assert run_command() == "Sent 2 feedback requests."

    assert recipients() == sorted([completed.person.email, partly.person.email])
    message = mail.outbox[0]
    assert subject_in(settings.LANGUAGE_CODE) in message.subject
    [enrolment] = [e for e in (completed, partly) if [e.person.email] == message.to]
    assert reverse("training:feedback_answer", args=[enrolment.pk]) in message.body
    for enrolment in (completed, partly):
        enrolment.refresh_from_db()
        assert enrolment.feedback_requested_at is not None
    assert run_command() == "Sent 0 feedback requests."
    assert len(mail.outbox) == 2


def test_the_request_is_written_in_the_persons_language(course):
    swede = UserFactory(preferred_language="sv")
    enrolment = attendee(past_session(course), swede)
    mail.outbox.clear()

    assert feedback_requests_send() == 1

    [message] = mail.outbox
    assert subject_in("sv") in message.subject
    day = timezone.localtime(enrolment.session.starts_at)
    with translation.override("sv"):
        weekday = formats.date_format(day, "l")
    assert weekday in message.body  # e.g. "måndag": dates in the person's language
    with translation.override("sv"):
        path = reverse("training:feedback_answer", args=[enrolment.pk])
    assert path.startswith("/sv/")
    assert path in message.body


def test_sessions_still_running_long_past_or_cancelled_are_left_out(course):
    attendee(make_session(course, starts_in_days=-1, days=3))  # the last day is tomorrow
    attendee(past_session(course, days_ago=45))  # too long ago
    cancelled = past_session(course, days_ago=1)
    Session.objects.filter(pk=cancelled.pk).update(status=Session.Status.CANCELLED)
    attendee(cancelled)
    recent = attendee(past_session(course, days_ago=1))
    mail.outbox.clear()

    assert feedback_requests_send() == 1
    assert recipients() == [recent.person.email]
    assert feedback_requests_send(now=timezone.now(), days=60) == 1  # the one of 45 days ago


def test_inactive_people_are_marked_but_not_emailed(course):
    enrolment = attendee(past_session(course), UserFactory(is_active=False))
    mail.outbox.clear()

    assert feedback_requests_send() == 0
    enrolment.refresh_from_db()
    assert enrolment.feedback_requested_at is not None
    assert mail.outbox == []


def test_batches_cover_everyone(course):
    session = past_session(course)
    people = [attendee(session) for _ in range(5)]
    mail.outbox.clear()

    assert feedback_requests_send(batch_size=2) == 5
    assert recipients() == sorted(e.person.email for e in people)


def test_the_command_refuses_a_window_of_no_days():
    with pytest.raises(CommandError):
        run_command("--days", "0")


def test_a_request_a_day_later_does_not_go_to_those_asked_already(course):
    session = past_session(course, days_ago=1)
    attendee(session)
    feedback_requests_send()
    late = attendee(session)  # outcome corrected afterwards by the organiser
    mail.outbox.clear()

    assert feedback_requests_send(now=timezone.now() + timedelta(days=1)) == 1
    assert recipients() == [late.person.email]
