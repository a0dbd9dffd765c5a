"""Reminders before a session: once per confirmed participant, again after a move, shared by concurrent runs."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar

from tests.conftest import skip_or_fail
from tests.factories import UserFactory, enrol, make_course, make_session
from training.models import Enrolment
from training.services import session_changed
from training.services.reminders import send_due_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(programme):
    return make_course(programme, "Perhekeskus tutuksi")


def send_reminders(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue().strip()


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_it_reminds_confirmed_participants_of_sessions_starting_within_48_hours(course):
    soon = make_session(course, capacity=2, starts_in_days=1)
    participants = [enrol(soon), enrol(soon)]
    enrol(soon)  # on the waiting list
    enrol(make_session(course, starts_in_days=5))  # not yet
    started = make_session(course, starts_in_days=-1)
    # Already over (organisers can no longer add anyone), so a seat from before: too late for a reminder.
    Enrolment.objects.create(session=started, person=UserFactory(), status=Enrolment.Status.CONFIRMED)
    mail.outbox.clear()

    assert send_reminders() == "Sent 2 reminders."

    assert recipients() == sorted(e.person.email for e in participants)
    message = mail.outbox[0]
    [recipient] = [e.person for e in participants if [e.person.email] == message.to]
    with translation.override(recipient.preferred_language):
        subject = gettext("Reminder: %(course_title)s starts soon") % {"course_title": "Perhekeskus tutuksi"}
    assert subject in message.subject
    assert "Minna Canthin katu 22" in message.body
    for enrolment in participants:
        enrolment.refresh_from_db()
        assert enrolment.reminder_sent_at is not None


def test_the_reminder_carries_the_invitation_like_the_confirmation(course, django_capture_on_commit_callbacks):
    session = make_session(course, days=2, starts_in_days=1)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrol(session)
    [confirmation] = mail.outbox
    mail.outbox.clear()

    send_reminders()

    [reminder] = mail.outbox
    [attachment] = reminder.attachments
    assert (attachment.filename, attachment.mimetype) == ("invite.ics", "text/calendar; method=REQUEST")
    assert (attachment.filename, attachment.mimetype) == confirmation.attachments[0][::2]
    calendar = Calendar.from_ical(attachment.content)
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.events
    assert (event["UID"], event["SEQUENCE"]) == (f"{enrolment.calendar_uid}@perhekeskus", enrolment.calendar_sequence)
    assert event.start == session.starts_at
    with translation.override(enrolment.person.preferred_language):
        assert gettext("The attached invitation (invite.ics) adds the training to your calendar.") in reminder.body


def test_running_it_again_sends_nothing_twice(course):
    session = make_session(course, starts_in_days=1)
    enrol(session)
    mail.outbox.clear()

    assert send_reminders() == "Sent 1 reminder."
    assert send_reminders() == "Sent 0 reminders."
    assert len(mail.outbox) == 1


def test_someone_confirmed_later_still_gets_their_reminder(course):
    session = make_session(course, capacity=5, starts_in_days=1)
    enrol(session)
    send_reminders()
    latecomer = enrol(session)
    mail.outbox.clear()

    assert send_reminders() == "Sent 1 reminder."
    assert recipients() == [latecomer.person.email]


def test_the_window_can_be_widened(course):
    enrol(make_session(course, starts_in_days=5))
    mail.outbox.clear()

    assert send_reminders() == "Sent 0 reminders."
    assert send_reminders("--hours", str(7 * 24)) == "Sent 1 reminder."


def test_the_window_must_be_positive():
    with pytest.raises(CommandError):
        send_reminders("--hours", "0")


def test_the_reminder_is_in_the_persons_language(course):
    session = make_session(course, starts_in_days=1)
    enrol(session, UserFactory(preferred_language="sv"))
    mail.outbox.clear()

    send_reminders()

    with translation.override("sv"):
        day = formats.date_format(timezone.localtime(session.starts_at), "DATE_FORMAT")
    assert day in mail.outbox[0].body


def test_a_session_moved_far_ahead_is_reminded_again_before_its_new_date(course):
    session = make_session(course, starts_in_days=1)
    enrolment = enrol(session)
    send_reminders()
    day = session.days.get()
    day.starts_at += timedelta(days=20)
    day.ends_at += timedelta(days=20)
    day.save()
    session.save()
    session_changed(session)
    mail.outbox.clear()

    assert send_reminders() == "Sent 0 reminders."
    assert send_due_reminders(now=timezone.now() + timedelta(days=20)) == 1
    enrolment.refresh_from_db()
    assert enrolment.reminder_sent_at is not None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_runs_never_remind_anyone_twice(course):
    if connection.vendor != "postgresql":
        skip_or_fail("concurrent reminders need PostgreSQL: run with DATABASE_URL=postgres://...")
    session = make_session(course, capacity=40, starts_in_days=1)
    people = [enrol(session).person for _ in range(40)]
    mail.outbox.clear()
    barrier = threading.Barrier(4)

    def run() -> int:
        try:
            barrier.wait(timeout=30)
            return send_due_reminders(batch_size=5)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        counts = list(pool.map(lambda _: run(), range(4)))

    assert sum(counts) == 40
    assert recipients() == sorted(person.email for person in people)
