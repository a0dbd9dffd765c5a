"""Who hears what about an enrolment, by email with its calendar event, and when."""

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django_tasks import default_task_backend
from icalendar import Calendar

from tests.factories import UserFactory, enrol, make_course, make_session
from training import notifications, services
from training.models import Enrolment
from training.services import (
    enrolment_cancel,
    enrolment_move,
    session_cancel,
)

pytestmark = pytest.mark.django_db
Status = Enrolment.Status
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi")


@pytest.fixture
def session(course):
    return make_session(course, capacity=1, days=2)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block and then its on-commit callbacks, as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def emails_to(person) -> list:
    return [message for message in mail.outbox if message.to == [person.email]]


def the_email_to(person):
    [message] = emails_to(person)
    return message


def invitation(message) -> Calendar:
    [attachment] = message.attachments
    assert attachment.filename == "invite.ics"
    return Calendar.from_ical(attachment.content)


def written_to(person, message: str, **params) -> str:
    """``message`` as the emails write it to ``person``: translated into their language, ``params`` filled in."""
    with translation.override(person.preferred_language):
        return gettext(message) % params


def weekday(value, language: str) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localtime(value), "l")


class TestWhoHearsWhat:
    def test_nothing_is_sent_until_the_transaction_commits(self, session, django_capture_on_commit_callbacks):
        person = UserFactory()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            enrol(session, person)
        assert mail.outbox == []

        for callback in callbacks:
            callback()
        assert len(emails_to(person)) == 1

    @override_settings(TASKS=DUMMY_TASKS)
    def test_emails_go_through_the_task_queue_with_json_arguments(self, session, committed):
        default_task_backend.clear()
        person = UserFactory()
        with committed():
            enrolment = enrol(session, person)

        assert mail.outbox == []
        # The request queues the event; Wagtail queues its own reference-index updates, only ours matter here.
        [event] = [result for result in default_task_backend.results if result.task.name == "send_enrolment_emails"]
        assert event.kwargs == {"event": "confirmed", "enrolment_id": enrolment.pk}
        assert not [result for result in default_task_backend.results if result.task.name == "send_email"]
        # The worker renders the email, which goes out as a task of its own.
        event.task.call(**event.kwargs)
        [queued] = [result for result in default_task_backend.results if result.task.name == "send_email"]
        assert queued.kwargs["to"] == [person.email]
        [[filename, content, mimetype]] = queued.kwargs["attachments"]
        assert (filename, mimetype) == ("invite.ics", "text/calendar; method=REQUEST")
        assert content.startswith("BEGIN:VCALENDAR")

    def test_a_confirmation_carries_the_details_and_an_invitation(self, session, course, committed, settings):
        settings.SITE_URL = "https://koulutus.example.fi"
        person = UserFactory(first_name="Aino")
        with committed():
            enrolment = enrol(session, person)

        message = the_email_to(person)
        assert "Lapset puheeksi" in message.subject
        assert message.subject.startswith("[Perhekeskus]")
        assert "Aino" in message.body
        assert "Perhekeskus Kuopio, Kokoushuone Kallavesi, Minna Canthin katu 22, 70100 Kuopio" in message.body
        for day in session.days.all():
            with translation.override("fi"):
                date = formats.date_format(timezone.localtime(day.starts_at), "DATE_FORMAT")
            assert f"{weekday(day.starts_at, 'fi')} {date}, 9.00–15.00" in message.body
        assert f"https://koulutus.example.fi{course.url}" in message.body
        assert message.attachments[0].mimetype == "text/calendar; method=REQUEST"
        calendar = invitation(message)
        assert calendar["METHOD"] == "REQUEST"
        assert [event["UID"] for event in calendar.events] == [f"{enrolment.calendar_uid}@perhekeskus"]

    def test_the_waiting_list_email_gives_the_place_in_the_queue(self, session, committed):
        enrol(session)
        enrol(session)
        third = UserFactory()
        with committed():
            enrol(session, third)

        message = the_email_to(third)
        assert (
            written_to(third, "You are on the waiting list: %(course_title)s", course_title="Lapset puheeksi")
            in message.subject
        )
        assert written_to(third, "Your place in the queue: %(waiting_position)s.", waiting_position=2) in message.body
        assert message.attachments == []

    def test_a_promotion_sends_the_invitation_and_the_cancellation_its_withdrawal(self, session, committed):
        first = enrol(session)
        queued = enrol(session)
        mail.outbox.clear()

        with committed():
            enrolment_cancel(enrolment=first, by=first.person)

        promoted = invitation(the_email_to(queued.person))
        assert promoted["METHOD"] == "REQUEST"
        assert {event["SEQUENCE"] for event in promoted.events} == {1}
        assert (
            written_to(queued.person, "You got a place: %(course_title)s", course_title="Lapset puheeksi")
            in the_email_to(queued.person).subject
        )
        withdrawn = invitation(the_email_to(first.person))
        assert withdrawn["METHOD"] == "CANCEL"
        assert the_email_to(first.person).attachments[0].mimetype == "text/calendar; method=CANCEL"
        assert [event["UID"] for event in withdrawn.events] == [f"{first.calendar_uid}@perhekeskus"]

    def test_one_event_keeps_its_uid_from_confirmation_through_change_to_cancellation(self, course, committed):
        session = make_session(course)
        person = UserFactory()
        with committed():
            enrolment = enrol(session, person)
        with committed():
            services.session_changed(session)
        with committed():
            enrolment_cancel(enrolment=enrolment, by=person)

        calendars = [invitation(message) for message in emails_to(person)]
        assert [calendar["METHOD"] for calendar in calendars] == ["REQUEST", "REQUEST", "CANCEL"]
        assert {calendar.events[0]["UID"] for calendar in calendars} == {f"{enrolment.calendar_uid}@perhekeskus"}
        assert [calendar.events[0]["SEQUENCE"] for calendar in calendars] == [0, 1, 2]
        for calendar in calendars:
            assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Helsinki"]
            assert calendar.events[0]["DTSTART"].params["TZID"] == "Europe/Helsinki"
            assert calendar.events[0]["ATTENDEE"] == f"mailto:{person.email}"

    def test_an_organiser_cancelling_gives_the_reason(self, session, committed):
        enrolment = enrol(session)
        with committed():
            enrolment_cancel(enrolment=enrolment, by=UserFactory(), reason="Väärä kohderyhmä")

        message = the_email_to(enrolment.person)
        assert (
            written_to(
                enrolment.person,
                'The organiser cancelled your enrolment in the training "%(course_title)s".',
                course_title="Lapset puheeksi",
            )
            in message.body
        )
        assert "Väärä kohderyhmä" in message.body

    def test_a_cancelled_session_tells_everyone_why(self, course, committed):
        session = make_session(course, capacity=1)
        confirmed, queued = enrol(session), enrol(session)
        mail.outbox.clear()

        with committed():
            session_cancel(session=session, reason="Kouluttaja sairastui", by=UserFactory())

        for enrolment in (confirmed, queued):
            message = the_email_to(enrolment.person)
            assert (
                written_to(enrolment.person, "Training cancelled: %(course_title)s", course_title="Lapset puheeksi")
                in message.subject
            )
            assert "Kouluttaja sairastui" in message.body
            calendar = invitation(message)
            assert calendar["METHOD"] == "CANCEL"
            assert calendar.events[0]["STATUS"] == "CANCELLED"
            assert calendar.events[0]["SEQUENCE"] == 1

    def test_a_move_withdraws_the_old_session_and_invites_to_the_new(self, course, committed):
        old, new = make_session(course), make_session(course, starts_in_days=30)
        enrolment = enrol(old)
        mail.outbox.clear()

        with committed():
            moved = enrolment_move(enrolment=enrolment, to_session=new, by=UserFactory())

        withdrawal, confirmation = emails_to(enrolment.person)
        assert (
            written_to(
                enrolment.person, "You were moved to another session: %(course_title)s", course_title="Lapset puheeksi"
            )
            in withdrawal.subject
        )
        assert invitation(withdrawal)["METHOD"] == "CANCEL"
        assert invitation(withdrawal).events[0]["UID"] == f"{enrolment.calendar_uid}@perhekeskus"
        assert invitation(confirmation)["METHOD"] == "REQUEST"
        assert invitation(confirmation).events[0]["UID"] == f"{moved.calendar_uid}@perhekeskus"

    def test_a_change_reaches_confirmed_participants_only(self, session, committed):
        confirmed, queued = enrol(session), enrol(session)
        mail.outbox.clear()

        with committed():
            changed = services.session_changed(session)

        assert changed == [confirmed]
        confirmed.refresh_from_db()
        assert confirmed.calendar_sequence == 1
        message = the_email_to(confirmed.person)
        assert (
            written_to(confirmed.person, "Changed time or place: %(course_title)s", course_title="Lapset puheeksi")
            in message.subject
        )
        assert invitation(message)["METHOD"] == "REQUEST"
        assert {event["SEQUENCE"] for event in invitation(message).events} == {1}
        assert emails_to(queued.person) == []

    def test_a_deactivated_person_gets_nothing(self, session, committed):
        person = UserFactory(is_active=False)
        with committed():
            enrol(session, person)
        assert mail.outbox == []

    def test_unknown_events_are_refused_at_once(self, session):
        with pytest.raises(ValueError):
            notifications.on_commit("confirmd", enrol(session))
