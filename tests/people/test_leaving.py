"""Leaving (people.services.leaving and its receivers): future enrolments end, the line moves up, history stays."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model

from competencies.models import Assessment
from people.services.leaving import people_deactivate
from people.signals import send_person_deactivated
from tests.factories import UserFactory, enrol, make_course, make_session
from tests.training.factories_certificates import completed
from tests.training.factories_certificates import past_session as finished_session
from training.models import Certificate, Enrolment

pytestmark = pytest.mark.django_db

Status = Enrolment.Status


def test_it_cancels_future_enrolments_and_promotes_the_first_in_line(programme):
    course = make_course(programme, "Lapset puheeksi")
    session = make_session(course, capacity=1)
    leaver, first, second = UserFactory(), UserFactory(), UserFactory()
    seat = enrol(session, leaver)
    waiting_first, waiting_second = enrol(session, first), enrol(session, second)

    people_deactivate(people=[leaver])

    seat.refresh_from_db(), waiting_first.refresh_from_db(), waiting_second.refresh_from_db()
    assert seat.status == Status.CANCELLED
    assert (waiting_first.status, waiting_second.status) == (Status.CONFIRMED, Status.WAITING)
    leaver.refresh_from_db()
    assert not leaver.is_active


def test_it_withdraws_requests_awaiting_approval_and_places_in_line(programme):
    approval = make_session(make_course(programme, "MARAK", requires_manager_approval=True))
    full = make_session(make_course(programme, "Neuvokas perhe"), capacity=1)
    enrol(full)
    leaver = UserFactory()
    request, queued = enrol(approval, leaver), enrol(full, leaver)
    assert (request.status, queued.status) == (Status.AWAITING_APPROVAL, Status.WAITING)

    send_person_deactivated([leaver])

    assert set(Enrolment.objects.filter(person=leaver).values_list("status", flat=True)) == {Status.CANCELLED}


def test_past_enrolments_and_certificates_stay(programme):
    course = make_course(programme, "Vahvuutta vanhemmuuteen")
    done = completed(finished_session(course))
    Certificate.objects.create(
        enrolment=done,
        person=done.person,
        session=done.session,
        holder_name="Aino",
        course_title="V",
        completed_on=done.completed_on,
    )

    people_deactivate(people=[done.person])

    done.refresh_from_db()
    assert (done.status, done.outcome) == (Status.CONFIRMED, Enrolment.Outcome.COMPLETED)
    assert Certificate.objects.get(person=done.person).revoked_at is None


def test_it_withdraws_open_assessments_but_keeps_submitted_ones(db):
    from tests.competencies.factories import make_setting

    setting = make_setting()
    draft = Assessment.objects.create(round=setting.round, person=setting.person)
    submitted = Assessment.objects.create(round=setting.round, person=setting.colleague, status="submitted")

    people_deactivate(people=[setting.person, setting.colleague])

    assert not Assessment.objects.filter(pk=draft.pk).exists()
    assert Assessment.objects.filter(pk=submitted.pk).exists()


def test_switching_active_off_in_the_admin_cancels_future_enrolments(admin_client, programme):
    session = make_session(make_course(programme, "Eroauttaminen"), capacity=1)
    leaver = UserFactory()
    seat, next_in_line = enrol(session, leaver), enrol(session)
    url = f"/admin/users/edit/{leaver.pk}/"
    form = admin_client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name != "groups"}
    data.update({"email": leaver.email, "first_name": leaver.first_name, "last_name": leaver.last_name})
    data.pop("is_active", None)  # unchecked
    data.update({"unit": leaver.unit_id, "professional_group": leaver.professional_group_id})
    data = {key: value for key, value in data.items() if key not in ("password1", "password2")}

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert not get_user_model().objects.get(pk=leaver.pk).is_active
    seat.refresh_from_db(), next_in_line.refresh_from_db()
    assert (seat.status, next_in_line.status) == (Status.CANCELLED, Status.CONFIRMED)


def test_an_end_date_reached_deactivates_by_the_periodic_job(programme):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from training.management.commands.run_schedule import JOBS

    today = timezone.localdate()
    session = make_session(make_course(programme, "Lapset puheeksi"), capacity=1)
    leaver = UserFactory(employment_ends_on=today - timedelta(days=1))
    staying = UserFactory(employment_ends_on=today)  # the last day of work is still a working day
    seat, waiting = enrol(session, leaver), enrol(session, staying)

    call_command("deactivate_leavers", stdout=StringIO())

    leaver.refresh_from_db(), staying.refresh_from_db(), seat.refresh_from_db(), waiting.refresh_from_db()
    assert (leaver.is_active, staying.is_active) == (False, True)
    assert (seat.status, waiting.status) == (Status.CANCELLED, Status.CONFIRMED)
    assert "deactivate_leavers" in JOBS
