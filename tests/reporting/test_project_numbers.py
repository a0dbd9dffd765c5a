"""The project in numbers: the rows from the records, the headline course apart, agreement with the statistics,
the page and its PDF for coordinators and administrators only."""

import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from reporting.selectors.project_numbers import HEADLINE, project_numbers
from reporting.selectors.statistics import Scope, participation_statistics
from tests.factories import UserFactory, enrol, make_course, make_session
from tests.reporting.factories import shift
from tests.reporting.factories_projects import activity, administrator, coordinator, make_project, manager
from training.models import CourseKind

pytestmark = pytest.mark.django_db
D2017, D2018, D2019 = date(2017, 3, 1), date(2018, 5, 2), date(2019, 9, 3)
PROJECT_PERIOD = (date(2017, 1, 1), date(2019, 12, 31))


@pytest.fixture
def project(programme):
    """A 2017-2019 project with a record of each kind; a seminar of another project and one in 2020 too."""
    project = make_project(programme)
    headline = project.headline_course
    activity(project, "seminar", D2017, level="perustaso", event_count=3, participant_count=120)
    activity(project, "seminar", D2018, level="erityistaso", event_count=1, participant_count=30)
    activity(project, "survey", D2018, participant_count=200)
    activity(project, "course", D2017, course=headline, event_count=None, participant_count=500)
    activity(project, "course", D2019, course=headline, event_count=None, participant_count=250)
    activity(project, "course", D2019, title="Muu kurssi", event_count=2, participant_count=40)
    activity(project, "working_group", D2018, event_count=4, meeting_count=20)
    activity(project, "pilot", D2019, level="erityistaso", people=UserFactory.create_batch(3))
    activity(make_project(programme, headline=None), "seminar", D2018, event_count=9, participant_count=99)
    activity(project, "seminar", date(2020, 1, 1), event_count=5, participant_count=50)
    return project


def numbers_of(project, period=PROJECT_PERIOD):
    return project_numbers(project=project, date_from=period[0], date_to=period[1])


def table(numbers) -> list[tuple]:
    def levels(row) -> tuple:
        return tuple(value for _level, figures in row.levels() for value in (figures.events, figures.participants))

    return [(row.kind, row.events, row.participants, row.meetings, *levels(row)) for row in numbers.rows]


def test_each_kind_has_a_row_and_the_headline_course_one_of_its_own(project):
    assert table(numbers_of(project)) == [
        # kind, events, participants, meetings, basic events, basic participants, special events, special participants
        ("seminar", 4, 150, None, 3, 120, 1, 30),
        ("course", 2, 40, None, None, None, None, None),
        (HEADLINE, None, 750, None, None, None, None, None),
        ("survey", 1, 200, None, None, None, None, None),
        ("working_group", 4, None, 20, None, None, None, None),
        ("pilot", 1, 3, None, None, None, 1, 3),
    ]


def test_the_headline_row_is_named_after_the_course_in_the_active_language(project):
    assert numbers_of(project).rows[2].name == "Perhekeskus tutuksi"
    with translation.override("en"):
        assert numbers_of(project).rows[0].name == "Thematic seminar or training event"


def test_the_period_limits_the_rows_by_the_first_day(project):
    rows = {row.kind: row for row in numbers_of(project, (date(2018, 1, 1), date(2018, 12, 31))).rows}
    assert set(rows) == {"seminar", "survey", "working_group"}
    assert (rows["seminar"].events, rows["seminar"].participants) == (1, 30)


def test_taking_a_person_off_a_list_takes_them_out_of_the_figures(project):
    from reporting.services.activities import activity_save

    pilot = project.activities.get(kind="pilot")
    pilot.participants = list(pilot.participants.all())[:2]
    activity_save(activity=pilot)
    assert numbers_of(project).rows[-1].participants == 2


def test_a_project_without_a_headline_course_has_no_headline_row(programme):
    project = make_project(programme, headline=None)
    activity(project, "course", D2018, course=make_course(programme, "Kurssi"), event_count=1, participant_count=9)
    assert [row.kind for row in numbers_of(project).rows] == ["course"]


@pytest.fixture
def current(programme):
    """A project of this year: the headline course's session and a method training's, both held, with totals."""
    today = timezone.localdate()
    project = make_project(programme, starts_on=today - timedelta(days=200), ends_on=today + timedelta(days=200))
    method = make_course(programme, "Lapset puheeksi", kind=CourseKind.METHOD_TRAINING, level="erityistaso")
    project.courses.add(method)
    for course, people in ((project.headline_course, 3), (method, 2)):
        session = make_session(course, starts_in_days=5)
        for _ in range(people):
            enrol(session)
        shift(session, days=-30)
    enrol(make_session(project.headline_course, starts_in_days=20))  # not yet held: counts for nothing
    activity(project, "course", today - timedelta(days=100), course=project.headline_course, participant_count=40)
    activity(project, "working_group", today - timedelta(days=10), people=UserFactory.create_batch(2))
    return project


def test_sessions_held_count_as_events_with_their_participants(current):
    rows = {row.kind: row for row in numbers_of(current, (current.starts_on, current.ends_on)).rows}
    assert (rows[HEADLINE].events, rows[HEADLINE].participants) == (2, 43)  # the session and the totals' one event
    assert (rows[HEADLINE].by_level["perustaso"].events, rows[HEADLINE].by_level["perustaso"].participants) == (1, 3)
    assert (rows["method_training"].events, rows["method_training"].by_level["erityistaso"].participants) == (1, 2)
    assert (rows["working_group"].events, rows["working_group"].participants) == (1, 2)


@pytest.mark.parametrize("fixture", ["project", "current"])
def test_the_numbers_agree_with_the_statistics(request, fixture):
    project = request.getfixturevalue(fixture)
    start, end = project.starts_on, project.ends_on
    numbers = numbers_of(project, (start, end))

    def statistics(by):
        result = participation_statistics(scope=Scope(), date_from=start, date_to=end, by=by, project=project)
        return {cell.codes: (cell.events, cell.participations) for cell in result.rows}, result.totals

    by_kind, totals = statistics(["activity_kind"])
    mine = {row.kind: (row.events or 0, row.participants or 0) for row in numbers.rows}
    headline = mine.pop(HEADLINE, (0, 0))
    course = mine.get("course", (0, 0))
    mine["course"] = (course[0] + headline[0], course[1] + headline[1])  # the headline course is of kind course
    assert mine == {codes[0]: figures for codes, figures in by_kind.items()}
    assert sum(events for events, _ in mine.values()) == totals.events
    assert sum(participants for _, participants in mine.values()) == totals.participations
    by_level, _totals = statistics(["level"])
    for level in ("perustaso", "erityistaso"):
        figures = [row.by_level[level] for row in numbers.rows]
        expected = by_level.get((level,), (0, 0))
        assert (sum(f.events or 0 for f in figures), sum(f.participants or 0 for f in figures)) == expected


# The page and the PDF
# ------------------------------------------------------------------------------


def page_url(project, **query) -> str:
    url = reverse("reporting:project_numbers", args=[project.pk])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def test_a_coordinator_sees_the_table_for_the_projects_period(client, project):
    client.force_login(coordinator())
    response = client.get(page_url(project))
    assert response.status_code == 200
    numbers = response.context["numbers"]
    assert (numbers.date_from, numbers.date_to) == PROJECT_PERIOD
    text = response.content.decode()
    assert "Perhekeskus tutuksi" in text
    assert "750" in text
    assert 'headers="r-1 h-perustaso h-perustaso-participants"' in text


def test_the_period_form_narrows_the_table_and_rejects_reversed_dates(client, project):
    client.force_login(administrator())
    narrowed = client.get(page_url(project, start="2018-01-01", end="2018-12-31"))
    assert [row.kind for row in narrowed.context["numbers"].rows] == ["seminar", "survey", "working_group"]

    reversed_dates = client.get(page_url(project, start="2019-01-01", end="2018-01-01"))
    assert reversed_dates.status_code == 200
    assert reversed_dates.context["numbers"] is None
    assert reversed_dates.context["period_form"].errors["end"]
    assert client.get(page_url(project, end="9999-12-31")).context["period_form"].errors["end"]


def test_the_page_is_in_swedish_under_the_swedish_prefix(client, project):
    client.force_login(coordinator())
    response = client.get("/sv" + page_url(project))
    assert "Tematiskt seminarium eller utbildningstillfälle" in response.content.decode()


@pytest.mark.parametrize("who", ["staff", "manager", "trainer"])
def test_other_roles_get_403(client, project, who):
    user = {"staff": UserFactory, "manager": manager, "trainer": lambda: UserFactory(is_trainer=True)}[who]()
    client.force_login(user)
    assert client.get(page_url(project)).status_code == 403
    assert client.get(reverse("reporting:project_numbers_pdf", args=[project.pk])).status_code == 403
    assert client.get(reverse("reporting:projects")).status_code == 403


def test_signing_in_is_required_and_an_unknown_project_is_404(client, project):
    assert client.get(page_url(project)).status_code == 302
    client.force_login(coordinator())
    assert client.get(reverse("reporting:project_numbers", args=[project.pk + 1000])).status_code == 404


def test_the_projects_list_links_each_projects_numbers(client, project):
    client.force_login(coordinator())
    response = client.get(reverse("reporting:projects"))
    assert response.status_code == 200
    assert page_url(project) in response.content.decode()
    assert (
        reverse("reporting:projects") in client.get(reverse("reporting:statistics")).content.decode()
    )  # the reports' links


def test_the_pdf_holds_the_figures_in_the_language_asked(client, project):
    client.force_login(coordinator())
    response = client.get("/sv" + reverse("reporting:project_numbers_pdf", args=[project.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.pages[0].mediabox.height == pytest.approx(841.89, abs=1)  # A4
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in ("Perhekeskus tutuksi", "750", "Enkät eller kartläggning", "200", "Möten"):
        assert expected in text


def test_queries_stay_the_same_for_more_records(client, programme):
    client.force_login(coordinator())
    project = make_project(programme)

    def queries() -> int:
        client.get(page_url(project))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page_url(project)).status_code == 200
        return len(captured)

    def record(day, people: int) -> None:
        for kind in ("seminar", "survey", "working_group"):
            activity(project, kind, day, level="perustaso", event_count=2, participant_count=20)
        activity(project, "pilot", day, level="erityistaso", people=UserFactory.create_batch(people))
        activity(project, "course", day, course=project.headline_course, participant_count=100)

    record(D2018, people=1)
    few = queries()
    for day in (D2017, D2019):
        record(day, people=5)
    assert queries() == few
