"""Coverage of a course: a manager sees their units and who has not completed it."""

import csv
import io

import pytest
from django.urls import reverse
from wagtail.models import Locale

from reporting.models import Activity, ActivityParticipant
from reporting.services.participations import participations_refresh_activity
from tests.factories import UserFactory, enrol, make_course, make_session
from tests.reporting.factories import shift
from training.models import Attendance
from training.services import attendance_record

pytestmark = pytest.mark.django_db
URL = reverse("reporting:coverage")


@pytest.fixture
def course(programme):
    return make_course(programme, "Perhekeskus tutuksi työntekijöille")


def complete(course, people):
    session = make_session(course, capacity=len(people) + 1, starts_in_days=1)
    enrolments = [enrol(session, person) for person in people]
    shift(session, days=-3)
    for enrolment in enrolments:
        attendance_record(enrolment=enrolment, day=session.days.get(), status=Attendance.Status.PRESENT)


@pytest.fixture
def staffed(places, course):
    """Unit a: four people, three completed; unit b: two, none; the NGO unit: two, one completed."""
    _area, unit_a, unit_b, ngo_unit = places
    a = [UserFactory(unit=unit_a) for _ in range(4)]
    b = [UserFactory(unit=unit_b) for _ in range(2)]
    ngo = [UserFactory(unit=ngo_unit) for _ in range(2)]
    complete(course, a[:3] + ngo[:1])
    return a, b, ngo


def rows(response) -> dict[str, tuple[int, int]]:
    return {row.name: (row.staff, row.completed) for row in response.context["coverage"].rows}


def test_a_manager_sees_their_units_and_who_has_not_completed(client, manager, course, staffed):
    a, b, _ngo = staffed
    client.force_login(manager)
    response = client.get(URL, {"course": course.pk})

    assert response.status_code == 200
    # The manager is staff of the area themself.
    assert rows(response) == {"Neuvola A": (4, 3), "Perhetyö B": (2, 0), "Alue": (1, 0)}
    remaining = {person.pk for person in response.context["page_obj"]}
    assert remaining == {a[3].pk, b[0].pk, b[1].pk, manager.pk}
    assert a[3].email in response.content.decode()


def test_a_coordinator_sees_the_network_as_shares_only(client, coordinator, course, staffed):
    client.force_login(coordinator)
    response = client.get(URL, {"course": course.pk, "breakdown": "organisation"})

    result = response.context["coverage"]
    assert (result.total.staff, result.total.completed) == (8, 4)
    assert rows(response) == {"Hyvinvointialue": (6, 3), "Järjestö ry": (2, 1)}
    assert "page_obj" not in response.context


def test_completions_in_a_translation_and_on_an_activity_list_count(client, coordinator, course, places, staffed):
    _a, b, _ngo = staffed
    swedish = course.copy_for_translation(Locale.objects.get_or_create(language_code="sv")[0], copy_parents=True)
    swedish.slug = "perhekeskus-bekant"
    swedish.save_revision().publish()
    complete(swedish, [b[0]])
    earlier = Activity.objects.create(kind="course", title="Aiemmat", starts_on="2019-05-01", course=course)
    ActivityParticipant.objects.create(activity=earlier, person=b[1])
    participations_refresh_activity(activity=earlier)

    client.force_login(coordinator)
    result = client.get(URL, {"course": course.pk}).context["coverage"]
    assert result.total.completed == 6


def test_staff_may_not_see_coverage(client, staff):
    client.force_login(staff)
    assert client.get(URL).status_code == 403


def test_a_bad_course_shows_the_form_again(client, manager):
    client.force_login(manager)
    response = client.get(URL, {"course": "999999"})
    assert response.status_code == 200
    assert response.context["form"].errors["course"]


def test_the_people_list_downloads_as_csv(client, manager, course, staffed):
    client.force_login(manager)
    response = client.get(reverse("reporting:coverage_export", args=["csv"]), {"course": course.pk, "part": "people"})

    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(lines) == 1 + 4
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("size", [2, 12])
def test_the_page_costs_a_constant_number_of_queries(
    client, manager, course, places, size, django_assert_max_num_queries
):
    people = [UserFactory(unit=places[1]) for _ in range(size)]
    complete(course, people[: size // 2])
    client.force_login(manager)
    with django_assert_max_num_queries(21):  # 5 for the coverage, the rest the site chrome
        assert client.get(URL, {"course": course.pk}).status_code == 200


def test_without_a_choice_the_latest_projects_headline_course_is_shown(client, manager, programme, course):
    from reporting.models import Project

    make_course(programme, "Aakkosissa ensimmäinen")
    Project.objects.create(name_fi="Hanke", starts_on="2025-01-01", ends_on="2027-12-31", headline_course=course)
    client.force_login(manager)
    assert client.get(URL).context["coverage"].course == course
