"""Participation facts: written on enrolment with the person's group, unit and place as they were."""

import pytest

from reporting.models import Participation, Project
from reporting.services.participations import participations_rebuild
from tests.factories import ProfessionalGroupFactory, UserFactory, enrol, make_course, make_session
from tests.reporting.factories import facts, shift
from training.models import Attendance, Enrolment
from training.services import attendance_record, enrolment_cancel, session_set_capacity

pytestmark = pytest.mark.django_db
Source = Participation.Source


@pytest.fixture
def course(programme):
    return make_course(programme, "Perhekeskus tutuksi", level="erityistaso")


def fact_of(enrolment) -> Participation:
    return Participation.objects.get(source=Source.ENROLMENT, source_id=enrolment.pk)


def test_enrolling_writes_a_fact_with_the_person_and_the_event(course, places):
    area, unit_a, _unit_b, _ngo = places
    person = UserFactory(unit=unit_a, service_level="erityistaso")
    session = make_session(course, online_url="https://teams.example/meet", place_name="")
    enrolment = enrol(session, person)

    fact = fact_of(enrolment)
    assert (fact.person_key, fact.unit_id, fact.area_id) == (person.pk, unit_a.pk, area.pk)
    assert (fact.organisation_id, fact.sector) == (unit_a.organisation_id, "hyvinvointialue")
    assert fact.municipality_id == unit_a.organisation.municipality_id
    assert fact.professional_group_id == person.professional_group_id
    assert (fact.service_level, fact.level, fact.course_kind, fact.activity_kind) == (
        "erityistaso",
        "erityistaso",
        "course",
        "course",
    )
    assert (fact.delivery, fact.status, fact.starts_at) == ("online", "confirmed", session.starts_at)


def test_a_unit_municipality_wins_over_the_organisation(course, places):
    from tests.factories import MunicipalityFactory

    area, unit_a, _unit_b, _ngo = places
    area.municipality = MunicipalityFactory(code="749", name_fi="Siilinjärvi")
    area.save()
    enrolment = enrol(make_session(course), UserFactory(unit=unit_a))
    assert fact_of(enrolment).municipality_id == area.municipality_id


def test_a_move_before_the_session_is_followed_and_after_it_started_is_not(course, places):
    _area, unit_a, unit_b, ngo_unit = places
    person = UserFactory(unit=unit_a)
    session = make_session(course, starts_in_days=3)
    enrolment = enrol(session, person)

    person.unit = unit_b
    person.save()
    assert fact_of(enrolment).unit_id == unit_b.pk

    shift(session, days=-10)  # the session has taken place
    person.unit, person.professional_group = ngo_unit, ProfessionalGroupFactory()
    person.save()
    fact = fact_of(enrolment)
    assert (fact.unit_id, fact.sector) == (unit_b.pk, "hyvinvointialue")
    assert fact.professional_group_id != person.professional_group_id


def test_deleting_the_person_keeps_the_fact(course, places):
    person = UserFactory(unit=places[1])
    session = make_session(course, starts_in_days=2)
    enrolment = enrol(session, person)
    shift(session, days=-5)
    before = facts()

    person.delete()

    assert not Enrolment.objects.filter(pk=enrolment.pk).exists()
    assert facts() == before
    participations_rebuild()
    assert facts() == before


def test_cancelling_and_promoting_update_both_facts(course, places):
    session = make_session(course, capacity=1)
    first, second = enrol(session), enrol(session)
    assert fact_of(second).status == "waiting"

    enrolment_cancel(enrolment=first, by=first.person)

    assert (fact_of(first).status, fact_of(second).status) == ("cancelled", "confirmed")
    session_set_capacity(session=session, capacity=3, by=first.person)
    assert Participation.objects.filter(session=session).count() == 2


def test_attendance_writes_outcome_minutes_and_certificate(course, places):
    session = make_session(course, starts_in_days=1)
    enrolment = enrol(session, UserFactory(unit=places[1]))
    shift(session, days=-3)
    attendance_record(enrolment=enrolment, day=session.days.get(), status=Attendance.Status.PRESENT)

    fact = fact_of(enrolment)
    assert (fact.outcome, fact.minutes, fact.certificate) == ("completed", 360, True)


def test_a_session_moved_in_time_carries_its_facts(course):
    session = make_session(course, starts_in_days=30)
    enrolment = enrol(session)
    shift(session, days=7)
    assert fact_of(enrolment).starts_at == session.starts_at


def test_sessions_of_a_project_course_within_its_period_belong_to_it(course, programme):
    from datetime import timedelta

    from django.utils import timezone

    inside = enrol(make_session(course, starts_in_days=10))
    outside = enrol(make_session(course, starts_in_days=400))
    other = enrol(make_session(make_course(programme, "Muu kurssi"), starts_in_days=10))
    today = timezone.localdate()
    project = Project.objects.create(name_fi="Hanke", starts_on=today, ends_on=today + timedelta(days=100))
    project.courses.add(course)

    assert [fact_of(e).project_id for e in (inside, outside, other)] == [project.pk, None, None]
    project.ends_on = today + timedelta(days=500)
    project.save()
    assert fact_of(outside).project_id == project.pk
    project.courses.remove(course)
    assert fact_of(inside).project_id is None


def _refresh_queries(enrolments) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reporting.services.participations import participations_refresh_enrolments

    with CaptureQueriesContext(connection) as captured:
        participations_refresh_enrolments(enrolment_ids=[enrolment.pk for enrolment in enrolments])
    return [query["sql"] for query in captured.captured_queries]


def test_refreshing_facts_costs_the_same_queries_for_one_or_many(course, places):
    upcoming = make_session(course, starts_in_days=5, capacity=10)
    one = [enrol(upcoming, UserFactory(unit=places[1]))]
    many = [enrol(upcoming, UserFactory(unit=unit)) for unit in places for _ in range(2)]
    assert len(_refresh_queries(one)) == len(_refresh_queries(many)) == 4

    # Facts of an event yet to start take the person's dimensions as they are now: no stored fact is read.
    assert not any(sql.startswith("SELECT") and "reporting_participation" in sql for sql in _refresh_queries(many))
    shift(upcoming, days=-10)  # it has started: the stored dimensions stay, so they are read
    assert any(sql.startswith("SELECT") and "reporting_participation" in sql for sql in _refresh_queries(many))
