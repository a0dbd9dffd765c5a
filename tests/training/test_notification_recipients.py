"""Emails to managers about requests, in each recipient's language, with links to the right pages."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail.models import Locale

from people.models import OrgUnit
from tests.factories import OrgUnitFactory, UserFactory, enrol, make_course, make_session
from tests.training import test_notifications as base
from tests.training.test_notifications import (
    emails_to,
    invitation,
    the_email_to,
    weekday,
    written_to,
)
from training import notifications
from training.services import (
    enrolment_approve,
    enrolment_decline,
)

pytestmark = pytest.mark.django_db
course = base.course
session = base.session
committed = base.committed


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
