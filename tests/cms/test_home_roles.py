"""The home page tells each role what waits: a manager's approvals, a trainer's attendance, a coordinator's figures;
the person page shows a manager the person's trainings and competences."""

from datetime import date

import pytest
from django.urls import reverse

from reporting.choices import ActivityKind
from tests.factories import UserFactory, make_course, make_session
from tests.reporting.factories_projects import activity, coordinator, make_project, manager

pytestmark = pytest.mark.django_db


def home_html(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_manager_sees_how_many_approvals_wait(client, programme):
    from training.models import Enrolment

    boss = manager()
    course = make_course(programme, "Lapset puheeksi", requires_manager_approval=True)
    session = make_session(course)
    for _ in range(2):
        Enrolment.objects.create(
            session=session, person=UserFactory(unit=boss.unit), status=Enrolment.Status.AWAITING_APPROVAL
        )

    html = home_html(client, boss)

    assert '<p class="figure-big">2</p>' in html
    assert reverse("training:approvals") in html


def test_a_trainer_sees_the_sessions_whose_attendance_is_not_marked(client, programme):
    from training.models import Attendance, Enrolment

    trainer = UserFactory(is_trainer=True)
    held = make_session(make_course(programme, "Vauvaperheen arki"), starts_in_days=-3)
    marked = make_session(make_course(programme, "MARAK"), starts_in_days=-2)
    coming = make_session(make_course(programme, "Työpaja"), starts_in_days=5)
    for session in (held, marked, coming):
        session.trainers.add(trainer)
        Enrolment.objects.create(session=session, person=UserFactory(), status=Enrolment.Status.CONFIRMED)
    enrolment = marked.enrolments.get()
    Attendance.objects.create(enrolment=enrolment, day=marked.days.get(), status=Attendance.Status.PRESENT)

    html = home_html(client, trainer)

    assert reverse("training:organiser_session", args=[held.pk]) in html
    assert reverse("training:organiser_session", args=[marked.pk]) not in html
    assert reverse("training:organiser_session", args=[coming.pk]) not in html


def test_a_coordinator_sees_the_latest_projects_key_figures(client, programme):
    project = make_project(programme, starts_on=date(2024, 1, 1), ends_on=date(2026, 12, 31))
    activity(project, ActivityKind.SEMINAR, date(2025, 3, 1), participant_count=182, event_count=3)

    html = home_html(client, coordinator())

    assert "182" in html
    assert reverse("reporting:project_numbers", args=[project.pk]) in html


def test_staff_see_nothing_of_the_roles(client, home):
    html = home_html(client, UserFactory())
    assert 'id="waiting-heading"' not in html


def test_the_home_page_query_count_stays_constant_for_a_trainer(client, programme, django_assert_max_num_queries):
    from training.models import Enrolment

    trainer = UserFactory(is_trainer=True)
    client.force_login(trainer)

    def add_sessions(count):
        for number in range(count):
            session = make_session(make_course(programme, f"Kurssi {number}-{count}"), starts_in_days=-1 - number)
            session.trainers.add(trainer)
            Enrolment.objects.create(session=session, person=UserFactory(), status=Enrolment.Status.CONFIRMED)

    add_sessions(1)
    client.get("/")
    with django_assert_max_num_queries(40) as few:
        client.get("/")
    add_sessions(4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/")


def test_a_manager_sees_a_persons_trainings_and_competences(client, programme):
    from training.models import Enrolment

    boss = manager()
    person = UserFactory(unit=boss.unit)
    session = make_session(make_course(programme, "Vauvaperheen arki"))
    Enrolment.objects.create(session=session, person=person, status=Enrolment.Status.CONFIRMED)
    client.force_login(boss)

    html = client.get(reverse("people:person_detail", args=[person.pk])).content.decode()

    assert "Vauvaperheen arki" in html
    assert 'id="person-competences-heading"' in html
    assert reverse("competencies:team_person", args=[person.pk]) in html


def test_a_coordinator_who_manages_nobody_sees_no_individual_competences(client, programme):
    person = UserFactory()
    client.force_login(coordinator())
    html = client.get(reverse("people:person_detail", args=[person.pk])).content.decode()
    assert 'id="person-competences-heading"' not in html
    assert 'id="person-trainings-heading"' not in html
