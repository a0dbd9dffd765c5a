"""A person's whole working life on PostgreSQL: joining, moving unit, leaving, my data, erasure.

The statistics, project numbers and feedback results of the past are compared after each step: moving,
leaving and erasing change none of them. (People join here through the factories; the HR import writes
the same rows.)
"""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from people.models import PersonalDataExport, User
from people.services.data_exports import data_export_request
from reporting.models import Participation
from reporting.services.participations import participations_rebuild
from tests.conftest import skip_or_fail
from tests.factories import UserFactory, enrol, make_course, make_session
from tests.people.figures import all_figures
from tests.reporting.factories_projects import make_project
from tests.reporting.factories_statistics import build_world
from tests.training.factories_feedback import answer
from training.models import Certificate, Enrolment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        skip_or_fail("the lifecycle test runs on PostgreSQL: run with DATABASE_URL=postgres://...")


def past() -> dict:
    return all_figures(date_to=timezone.localdate())


def test_join_move_leave_export_erase(programme, client, django_capture_on_commit_callbacks):
    world = build_world(programme)
    today = timezone.localdate()
    project = make_project(programme, headline=None, starts_on=today.replace(year=today.year - 2), ends_on=today)
    project.courses.add(world.intro, world.marak)
    for enrolment in Enrolment.objects.filter(session=world.intro_session, outcome="completed"):
        answer(enrolment)
    # Joining
    person = world.people["a"][0]
    newcomer = UserFactory(unit=world.unit_a)
    future = make_session(make_course(programme, "Neuvokas perhe"), capacity=1)
    enrol(future, person)
    waiting = enrol(future, newcomer)
    before = past()
    assert before["all"][-1]["participations"] > 0 and before["feedback"]["all"]["answered"] > 0

    # Moving to another unit: the past stays where it happened.
    person.unit = world.unit_b
    person.save()
    assert past() == before
    assert Participation.objects.filter(person_key=person.pk, unit=world.unit_a).exists()

    # Leaving: the seat goes to the first in line, in the same transaction.
    client.force_login(User.objects.filter(is_superuser=True).first() or _administrator())
    response = client.post(
        reverse("wagtail_bulk_action", args=("people", "user", "set_active_state")) + f"?id={person.pk}",
        {"mark_as_active": "False", "next": "/admin/users/"},
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.CONFIRMED
    assert past() == before

    # My data: a leaver can no longer sign in, so the administrator has it built for them in the background.
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export_request(person=person)
    export.refresh_from_db()
    with export.file.open("rb") as stored:
        data = json.loads(zipfile.ZipFile(io.BytesIO(stored.read())).read("data.json"))
    assert data["profile"]["email"] == person.email
    assert {enrolment["status"] for enrolment in data["enrolments"]} == {"confirmed", "cancelled"}

    # Erasure: nothing about the person is left but nameless rows, and every figure is the same.
    email, code = person.email, Certificate.objects.get(person=person).code
    call_command("erase_person", email)
    assert not User.objects.filter(email=email).exists()
    assert not PersonalDataExport.objects.filter(person=person).exists()
    assert Certificate.objects.get(code=code).holder_name == ""
    assert past() == before
    participations_rebuild()
    assert past() == before


def _administrator():
    from tests.factories import make_administrator

    return make_administrator()
