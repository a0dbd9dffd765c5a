"""Activities and projects in the Wagtail admin: lists of people whose facts follow, the rules as messages on
the fields, survey rounds' activities read-only, and coordinators let into these screens and no others."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from reporting.models import Activity, Participation, Project
from reporting.services.activities import ActivityError
from reporting.services.coordinators import COORDINATORS_GROUP
from tests.competencies.factories import make_gap_round, make_published
from tests.factories import UserFactory
from tests.reporting.factories_projects import activity, administrator, coordinator, make_project, with_totp

pytestmark = pytest.mark.django_db
Source = Participation.Source


@pytest.fixture
def coordinator_client(client, home):
    client.force_login(coordinator())
    return client


def form(people=(), listed=(), **fields) -> dict:
    """The activity form: ``people`` to add, ``listed`` (id, person, delete) rows already on the list."""
    values = {
        "kind": "pilot", "level": "", "title": "Vastuutyöntekijäkokeilu", "description": "", "starts_on": "2024-03-01",
        "ends_on": "", "organiser": "", "project": "", "course": "", "language": "", "delivery": "",
        "event_count": "1", "meeting_count": "", "participant_count": "", "hours": "",
    }  # fmt: skip
    values.update(fields)
    rows = [{"id": pk, "person": person, "DELETE": delete} for pk, person, delete in listed]
    rows += [{"id": "", "person": person.pk} for person in people]
    values["participants"] = inline_formset(rows, initial=len(listed))
    return nested_form_data(values)


def listed_facts(activity: Activity) -> set[int]:
    return set(
        Participation.objects.filter(source=Source.LISTING, activity=activity).values_list("person_key", flat=True)
    )


def test_a_coordinator_records_an_activity_with_a_list_and_the_facts_follow(coordinator_client):
    people = UserFactory.create_batch(2)
    response = coordinator_client.post(reverse("activities:add"), form(people=people, level="erityistaso"))

    assert response.status_code == 302, response.context["form"].errors
    activity = Activity.objects.get(title="Vastuutyöntekijäkokeilu")
    assert listed_facts(activity) == {person.pk for person in people}
    assert Participation.objects.filter(activity=activity, level="erityistaso").count() == 2


def test_taking_a_person_off_the_list_removes_their_fact(coordinator_client):
    staying, leaving = UserFactory.create_batch(2)
    pilot = activity(None, "pilot", date(2024, 3, 1), title="Vastuutyöntekijäkokeilu", people=[staying, leaving])
    rows = {row.person_id: row.pk for row in pilot.participants.all()}
    listed = [(rows[staying.pk], staying.pk, ""), (rows[leaving.pk], leaving.pk, "1")]

    response = coordinator_client.post(reverse("activities:edit", args=[pilot.pk]), form(listed=listed))

    assert response.status_code == 302, response.context["form"].errors
    assert list(pilot.participants.values_list("person_id", flat=True)) == [staying.pk]
    assert listed_facts(pilot) == {staying.pk}


def test_changing_the_project_moves_the_facts(coordinator_client, programme):
    project = make_project(programme, headline=None)
    person = UserFactory()
    pilot = activity(None, "pilot", date(2024, 3, 1), title="Vastuutyöntekijäkokeilu", people=[person])
    listed = [(pilot.participants.get().pk, person.pk, "")]

    coordinator_client.post(reverse("activities:edit", args=[pilot.pk]), form(listed=listed, project=project.pk))

    assert Participation.objects.get(activity=pilot).project_id == project.pk


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"participant_count": "12"}, "count_and_list"),
        ({"event_count": "3"}, "list_needs_single_event"),
        ({"event_count": ""}, "list_needs_single_event"),
    ],
)
def test_a_list_with_a_count_or_several_events_is_refused_on_the_field(coordinator_client, fields, code):
    response = coordinator_client.post(reverse("activities:add"), form(people=[UserFactory()], **fields))

    assert response.status_code == 200
    error = ActivityError(code)
    assert response.context["form"].errors == {error.field: [error.message]}
    assert not Activity.objects.exists()


def test_an_end_before_the_start_is_refused_on_the_end(coordinator_client):
    response = coordinator_client.post(reverse("activities:add"), form(starts_on="2024-03-01", ends_on="2024-02-01"))
    assert response.context["form"].errors == {"ends_on": [ActivityError("ends_before_start").message]}


def test_a_count_without_a_list_may_cover_several_events(coordinator_client):
    fields = {"kind": "workshop", "event_count": "23", "participant_count": "512"}
    assert coordinator_client.post(reverse("activities:add"), form(**fields)).status_code == 302
    assert Activity.objects.get().participant_count == 512


def test_the_same_person_twice_is_an_error_not_a_crash(coordinator_client):
    person = UserFactory()
    response = coordinator_client.post(reverse("activities:add"), form(people=[person, person]))
    assert response.status_code == 200
    assert not Activity.objects.exists()


@pytest.fixture
def survey_activity():
    survey_round = make_gap_round(make_published(), opens_on=date(2024, 2, 1), name="Osaamiskartoitus 2024")
    return Activity.objects.get(survey_round=survey_round)


def test_a_survey_rounds_activity_changes_only_its_project(coordinator_client, survey_activity, programme):
    project = make_project(programme, headline=None)
    url = reverse("activities:edit", args=[survey_activity.pk])
    assert list(coordinator_client.get(url).context["form"].fields) == ["project"]

    response = coordinator_client.post(url, {"project": project.pk, "title": "Muutettu", "participant_count": "5"})

    assert response.status_code == 302
    survey_activity.refresh_from_db()
    assert (survey_activity.project_id, survey_activity.title) == (project.pk, "Osaamiskartoitus 2024")
    assert survey_activity.participant_count is None


def test_a_survey_rounds_activity_cannot_be_deleted_here(coordinator_client, survey_activity):
    response = coordinator_client.post(reverse("activities:delete", args=[survey_activity.pk]))
    assert response.status_code == 302
    assert Activity.objects.filter(pk=survey_activity.pk).exists()


def test_the_list_filters_by_kind_project_and_year_and_searches_titles(coordinator_client, programme):
    project = make_project(programme, headline=None)
    activity(project, "survey", date(2018, 4, 1), title="Vanhempien kysely", participant_count=500)
    activity(project, "survey", date(2019, 4, 1), title="Nuorten kysely", participant_count=300)
    activity(None, "seminar", date(2018, 4, 1), title="Perhekeskuspäivä", participant_count=100)
    index = reverse("activities:index")

    def titles(**query) -> list[str]:
        response = coordinator_client.get(index, query)
        assert response.status_code == 200
        return sorted(str(item) for item in response.context["object_list"])

    assert titles(kind="survey") == ["Nuorten kysely", "Vanhempien kysely"]
    assert titles(year="2018") == ["Perhekeskuspäivä", "Vanhempien kysely"]
    assert titles(project=project.pk, year="2019") == ["Nuorten kysely"]
    assert titles(q="vanhem") == ["Vanhempien kysely"]


def test_the_person_chooser_searches_names_and_is_only_for_those_who_record_activities(client, home):
    found = UserFactory(first_name="Aino", last_name="Hiltunen", email="aino.hiltunen@example.fi")
    UserFactory(first_name="Pekka", last_name="Miettinen")
    client.force_login(coordinator())
    response = client.get(reverse("reporting_person_chooser:choose_results"), {"q": "hiltu"})
    assert [person.pk for person in response.context["results"]] == [found.pk]

    editor = with_totp(UserFactory())
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(reverse("reporting_person_chooser:choose")).status_code == 302  # to the admin's home


def test_the_edit_page_reads_the_listed_people_at_once(coordinator_client):
    def queries(people: int) -> int:
        pilot = activity(None, "pilot", date(2024, 3, 1), people=UserFactory.create_batch(people))
        with CaptureQueriesContext(connection) as captured:
            assert coordinator_client.get(reverse("activities:edit", args=[pilot.pk])).status_code == 200
        return len(captured)

    queries(1)  # the first admin page of the session reads its set-up
    assert queries(12) == queries(2)


# Projects
# ------------------------------------------------------------------------------


def project_form(**fields) -> dict:
    values = {
        "name_fi": "Hanke", "name_sv": "", "name_en": "", "description": "", "starts_on": "2025-01-01",
        "ends_on": "2027-12-31", "organiser": "", "courses": [], "headline_course": "",
    }  # fmt: skip
    return values | fields


def test_a_coordinator_creates_a_project_with_a_headline_course(coordinator_client, programme):
    from tests.factories import make_course

    course = make_course(programme, "Perhekeskus tutuksi")
    response = coordinator_client.post(
        reverse("projects:add"), project_form(courses=[course.pk], headline_course=course.pk)
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Project.objects.get().headline_course == course


def test_a_project_refuses_a_headline_outside_its_courses_and_an_end_before_its_start(coordinator_client, programme):
    from tests.factories import make_course

    course = make_course(programme, "Perhekeskus tutuksi")
    response = coordinator_client.post(
        reverse("projects:add"), project_form(headline_course=course.pk, ends_on="2024-12-31")
    )
    assert set(response.context["form"].errors) == {"headline_course", "ends_on"}


# Who gets in
# ------------------------------------------------------------------------------

REPORTING_SCREENS = ["activities:index", "activities:add", "projects:index", "projects:add"]
OTHER_SCREENS = [
    "/admin/pages/", "/admin/users/", "/admin/groups/", "/admin/training/sessions/", "/admin/network/organisations/",
    "/admin/competences/frameworks/", "/admin/images/", "/admin/documents/", "/admin/snippets/", "/admin/locales/",
    "/admin/sites/", "/admin/workflows/list/", "/admin/settings/cms/sitesettings/",
]  # fmt: skip


def test_coordinators_reach_the_reporting_screens_and_nothing_else(coordinator_client):
    assert coordinator_client.get("/admin/").status_code == 200
    for name in REPORTING_SCREENS:
        assert coordinator_client.get(reverse(name)).status_code == 200, name
    for path in OTHER_SCREENS:
        response = coordinator_client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert response["Location"] == "/admin/", path


@pytest.mark.parametrize("who", ["staff", "manager"])
def test_staff_and_managers_get_no_admin(client, home, who):
    from tests.reporting.factories_projects import manager

    client.force_login(UserFactory() if who == "staff" else manager())
    response = client.get(reverse("activities:index"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_coordinators_group_follows_the_coordinator_flag():
    group = Group.objects.get(name=COORDINATORS_GROUP)
    person = UserFactory()
    assert not group.user_set.filter(pk=person.pk).exists()

    person.is_coordinator = True
    person.save()
    assert group.user_set.filter(pk=person.pk).exists()

    person.groups.set([])  # unticked by hand: the flag wins
    assert group.user_set.filter(pk=person.pk).exists()

    person.is_coordinator = False
    person.save(update_fields=["is_coordinator"])
    assert not group.user_set.filter(pk=person.pk).exists()
    person.groups.add(group)  # ticked by hand without the flag
    assert not group.user_set.filter(pk=person.pk).exists()


def test_the_group_holds_admin_access_and_the_reporting_permissions_only():
    permissions = set(
        Group.objects.get(name=COORDINATORS_GROUP).permissions.values_list("content_type__app_label", "codename")
    )
    actions = ("add", "change", "delete", "view")
    expected = {("reporting", f"{action}_{model}") for model in ("activity", "project") for action in actions}
    assert permissions == expected | {("wagtailadmin", "access_admin")}


def test_administrators_manage_activities_too(client, home):
    client.force_login(administrator())
    assert client.get(reverse("activities:add")).status_code == 200
