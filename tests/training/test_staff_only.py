"""Courses limited to the network's staff: a person who signed up themself enrols once placed in a unit."""

import pytest

from tests.factories import UserFactory, make_course, make_session
from training.errors import TrainingError
from training.models import Enrolment
from training.services import enrolment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(programme):
    return make_session(make_course(programme, "Lapset puheeksi", staff_only=True))


def test_a_person_without_a_unit_cannot_enrol_until_placed(session):
    signed_up = UserFactory(unit=None)
    with pytest.raises(TrainingError) as refused:
        enrolment_create(session=session, person=signed_up, by=signed_up)
    assert refused.value.code == "not_placed"
    assert not Enrolment.objects.filter(person=signed_up).exists()

    signed_up.unit = UserFactory().unit  # an administrator places them
    signed_up.save()
    assert enrolment_create(session=session, person=signed_up, by=signed_up).status == Enrolment.Status.CONFIRMED


def test_other_courses_stay_open_to_everyone(programme):
    session = make_session(make_course(programme, "Vauvaperheen arki"))
    signed_up = UserFactory(unit=None)
    assert enrolment_create(session=session, person=signed_up, by=signed_up).status == Enrolment.Status.CONFIRMED


def test_an_organiser_may_still_add_an_unplaced_person(session):
    organiser, signed_up = UserFactory(is_trainer=True), UserFactory(unit=None)
    assert enrolment_create(session=session, person=signed_up, by=organiser).status == Enrolment.Status.CONFIRMED


def test_the_course_page_says_so(client, session):
    assert "This course is for the network's staff." in client.get("/en" + session.course.url).content.decode()


def test_the_api_refuses_with_the_code(client, session):
    from people.api_tokens import token_create

    signed_up = UserFactory(unit=None)
    _token, key = token_create(user=signed_up, name="t")
    address = f"/api/v1/sessions/{session.pk}/enrolments"
    response = client.post(address, headers={"Authorization": f"Bearer {key}"}, content_type="application/json")
    assert response.status_code == 409 and response.json()["code"] == "not_placed"
