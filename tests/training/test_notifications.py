from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django_tasks import default_task_backend
from icalendar import Calendar
from wagtail.models import Locale

from people.models import OrgUnit
from tests.factories import OrgUnitFactory, UserFactory, enrol, make_course, make_session
from training import notifications
from training.models import Enrolment
from training.services import (
    enrolment_approve,
    enrolment_cancel,
    enrolment_decline,
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
            enrol(session, person)

        assert mail.outbox == []
        # Wagtail queues its own reference-index updates; only ours matter here.
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
            notifications.session_changed(session)
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
            changed = notifications.session_changed(session)

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


class TestManagerApproval:
    @pytest.fixture
    def course(self, programme):
        return make_course(programme, "MARAK", requires_manager_approval=True)

    @pytest.fixture
    def unit(self):
        return OrgUnitFactory(name="Perheneuvola")

    def test_a_request_goes_to_the_units_managers_and_is_acknowledged(self, session, unit, committed):
        managers = [UserFactory(), UserFactory()]
        unit.managers.set(managers)
        person = UserFactory(unit=unit, first_name="Aino", last_name="Virtanen")
        with committed():
            enrol(session, person)

        for manager in managers:
            message = the_email_to(manager)
            assert (
                written_to(
                    manager,
                    "Approval requested: %(person_name)s, %(course_title)s",
                    person_name="Aino Virtanen",
                    course_title="MARAK",
                )
                in message.subject
            )
            assert "Perheneuvola" in message.body
            assert message.attachments == []
        assert (
            written_to(person, "Waiting for your manager's approval: %(course_title)s", course_title="MARAK")
            in the_email_to(person).subject
        )
        assert the_email_to(person).attachments == []

    def test_without_managers_of_its_own_a_unit_asks_the_nearest_unit_above(self, session, committed):
        county = OrgUnitFactory(kind=OrgUnit.Kind.COUNTY)
        area = OrgUnitFactory(parent=county, organisation=county.organisation, kind=OrgUnit.Kind.AREA)
        unit = OrgUnitFactory(parent=area, organisation=county.organisation)
        county_manager, area_manager = UserFactory(), UserFactory()
        county.managers.add(county_manager)
        area.managers.add(area_manager)
        person = UserFactory(unit=unit)
        with committed():
            enrol(session, person)

        assert len(emails_to(area_manager)) == 1
        assert emails_to(county_manager) == []

    def test_a_manager_asking_for_themself_asks_the_unit_above(self, session, committed):
        area = OrgUnitFactory(kind=OrgUnit.Kind.AREA)
        unit = OrgUnitFactory(parent=area, organisation=area.organisation)
        manager, area_manager = UserFactory(unit=unit), UserFactory()
        unit.managers.add(manager)
        area.managers.add(area_manager)
        with committed():
            enrol(session, manager)

        assert len(emails_to(area_manager)) == 1
        # only the acknowledgement
        assert (
            written_to(manager, "Waiting for your manager's approval: %(course_title)s", course_title="MARAK")
            in the_email_to(manager).subject
        )

    def test_approval_into_a_seat_carries_the_invitation(self, session, unit, committed):
        unit.managers.add(manager := UserFactory())
        enrolment = enrol(session, UserFactory(unit=unit))
        mail.outbox.clear()

        with committed():
            enrolment_approve(enrolment=enrolment, by=manager)

        message = the_email_to(enrolment.person)
        assert (
            written_to(enrolment.person, "Your enrolment was approved: %(course_title)s", course_title="MARAK")
            in message.subject
        )
        assert invitation(message)["METHOD"] == "REQUEST"
        assert emails_to(manager) == []

    def test_approval_into_a_full_session_gives_the_place_in_the_queue(self, course, unit, committed):
        session = make_session(course, capacity=1)
        unit.managers.add(manager := UserFactory())
        first, second = enrol(session, UserFactory(unit=unit)), enrol(session, UserFactory(unit=unit))
        enrolment_approve(enrolment=first, by=manager)
        mail.outbox.clear()

        with committed():
            enrolment_approve(enrolment=second, by=manager)

        message = the_email_to(second.person)
        assert (
            written_to(
                second.person,
                "The training is full, so you are on its waiting list. Your place in the queue: %(waiting_position)s. "
                "If a place frees up, the first person in line gets it automatically and is told by email.",
                waiting_position=1,
            )
            in message.body
        )
        assert message.attachments == []

    def test_a_decline_tells_the_person_the_reason(self, session, unit, committed):
        unit.managers.add(manager := UserFactory())
        enrolment = enrol(session, UserFactory(unit=unit))
        mail.outbox.clear()

        with committed():
            enrolment_decline(enrolment=enrolment, by=manager, reason="Ei tämän vuoden koulutussuunnitelmassa")

        message = the_email_to(enrolment.person)
        assert (
            written_to(enrolment.person, "Your enrolment was not approved: %(course_title)s", course_title="MARAK")
            in message.subject
        )
        assert "Ei tämän vuoden koulutussuunnitelmassa" in message.body
        assert message.attachments == []


class TestRecipientsLanguage:
    @pytest.fixture
    def swedish_course(self, course):
        sv = Locale.objects.create(language_code="sv")
        translated = course.copy_for_translation(sv, copy_parents=True)
        translated.title = "Barn pratar"
        translated.save_revision().publish()
        return translated

    def test_each_person_reads_dates_in_their_own_language(self, session, committed):
        people = {language: UserFactory(preferred_language=language) for language in ("fi", "sv", "en")}
        with committed():
            for person in people.values():
                enrol(session, person)

        first_day = session.days.first().starts_at
        for language, person in people.items():
            [message] = emails_to(person)
            assert weekday(first_day, language) in message.body
            others = {weekday(first_day, other) for other in people if other != language}
            assert not any(other in message.body for other in others)

    def test_a_swedish_speaker_gets_the_swedish_course_page(self, session, swedish_course, committed, settings):
        settings.SITE_URL = "https://koulutus.example.fi"
        person = UserFactory(preferred_language="sv")
        with committed():
            enrol(session, person)

        message = the_email_to(person)
        assert "Barn pratar" in message.subject
        assert f"https://koulutus.example.fi{swedish_course.url}" in message.body
        assert swedish_course.url.startswith("/sv/")
        assert invitation(message).events[0]["SUMMARY"] == "Barn pratar"

    def test_without_a_translation_the_finnish_page_is_linked(self, session, course, committed, settings):
        settings.SITE_URL = "https://koulutus.example.fi"
        person = UserFactory(preferred_language="sv")
        with committed():
            enrol(session, person)

        message = the_email_to(person)
        assert "Lapset puheeksi" in message.subject
        assert f"https://koulutus.example.fi{course.url}" in message.body

    def test_templates_are_rendered_in_the_recipients_language(self, session, committed):
        seen = []
        render = notifications.render_email

        def spy(template, context):
            seen.append((template, translation.get_language()))
            return render(template, context)

        person = UserFactory(preferred_language="sv")
        with mock.patch.object(notifications, "render_email", spy), committed():
            enrol(session, person)

        assert seen == [("confirmed", "sv")]

    def test_the_manager_and_the_person_each_get_their_own_language(self, programme, committed):
        course = make_course(programme, "MARAK", requires_manager_approval=True)
        session = make_session(course)
        unit = OrgUnitFactory()
        unit.managers.add(manager := UserFactory(preferred_language="en"))
        person = UserFactory(unit=unit, preferred_language="sv")
        with committed():
            enrol(session, person)

        first_day = session.days.first().starts_at
        assert weekday(first_day, "en") in the_email_to(manager).body
        assert weekday(first_day, "sv") in the_email_to(person).body


def test_a_cancellation_deadline_ahead_is_mentioned(course, committed):
    deadline = timezone.now() + timedelta(days=7)
    session = make_session(course, cancellation_deadline=deadline)
    person = UserFactory()
    with committed():
        enrol(session, person)
    with translation.override("fi"):
        expected = formats.date_format(timezone.localtime(deadline), "DATE_FORMAT")
    assert expected in the_email_to(person).body


def test_emails_link_my_trainings_in_the_recipients_language(session, committed, settings):
    settings.SITE_URL = "https://koulutus.example.fi"
    person = UserFactory(preferred_language="sv")
    with committed():
        enrol(session, person)

    with translation.override("sv"):
        expected = "https://koulutus.example.fi" + reverse("training:my_trainings")
    assert expected.startswith("https://koulutus.example.fi/sv/")
    assert expected in the_email_to(person).body


def test_managers_are_linked_to_the_pending_requests(programme, committed, settings):
    settings.SITE_URL = "https://koulutus.example.fi"
    session = make_session(make_course(programme, "MARAK", requires_manager_approval=True))
    unit = OrgUnitFactory()
    unit.managers.add(manager := UserFactory(preferred_language="fi"))
    with committed():
        enrol(session, UserFactory(unit=unit))

    assert "https://koulutus.example.fi" + reverse("training:approvals") in the_email_to(manager).body


def test_links_to_views_not_yet_built_are_left_out():
    assert notifications.site_url("training:no_such_view") is None
