"""Completing a course records evidence of the competences it develops (training → competencies)."""

import pytest

from competencies.models import Evidence
from tests.competencies.factories import make_gap_framework
from tests.factories import make_course
from tests.training.factories_attendance import past_session, seat
from training.models import Attendance
from training.services import attendance_sheet_save
from training.services.attendance import Mark

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    return make_gap_framework([], codes=("A1", "A2", "B1"))


@pytest.fixture
def course(programme, framework):
    course = make_course(programme, "Lapset puheeksi")
    course.develops_competences.set([framework.competences["A1"], framework.competences["B1"]])
    course.save()
    return course


def complete_everyone(session, enrolments):
    day = session.days.get()
    attendance_sheet_save(day=day, marks={enrolment.pk: Mark(Attendance.Status.PRESENT) for enrolment in enrolments})


def test_completing_records_evidence_of_the_courses_competences(course):
    session = past_session(course)
    enrolment = seat(session)
    complete_everyone(session, [enrolment])
    evidence = Evidence.objects.get(person=enrolment.person)
    assert evidence.kind == Evidence.Kind.COURSE
    assert evidence.source_key == f"enrolment:{enrolment.pk}"
    assert evidence.achieved_on == session.days.get().starts_at.date()
    assert sorted(evidence.competences.values_list("code", flat=True)) == ["A1", "B1"]


def test_recording_again_adds_nothing(course):
    session = past_session(course)
    enrolments = [seat(session) for _ in range(3)]
    complete_everyone(session, enrolments)
    complete_everyone(session, enrolments)
    assert Evidence.objects.count() == 3


def test_a_person_absent_gets_no_evidence(course):
    session = past_session(course)
    there, away = seat(session), seat(session)
    day = session.days.get()
    attendance_sheet_save(
        day=day, marks={there.pk: Mark(Attendance.Status.PRESENT), away.pk: Mark(Attendance.Status.ABSENT)}
    )
    assert list(Evidence.objects.values_list("person_id", flat=True)) == [there.person_id]


def test_a_course_developing_no_competences_records_none(programme):
    session = past_session(make_course(programme, "Infotilaisuus"))
    complete_everyone(session, [seat(session)])
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("size", [2, 20])
def test_evidence_for_a_whole_session_costs_a_fixed_number_of_queries(course, size, django_assert_num_queries):
    from competencies.services import CourseCompletion, evidence_record_course_completions

    session = past_session(course)
    enrolments = [seat(session) for _ in range(size)]
    completions = [CourseCompletion(e.person_id, session.days.get().starts_at.date(), f"x:{e.pk}") for e in enrolments]
    with django_assert_num_queries(9):
        created = evidence_record_course_completions(completions=completions, competence_codes=["A1"], title="Kurssi")
    assert created == size
