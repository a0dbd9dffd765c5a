"""A cancelled session: its attendance pages show no forms, and every attempt to record is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import UserFactory, make_course
from tests.training.factories_attendance import past_session, seat
from training.errors import TrainingError
from training.models import Attendance, CheckIn, Session
from training.services import (
    attendance_import,
    attendance_mark_all_present,
    attendance_sheet_save,
    check_in_complete,
    check_in_open,
)
from training.services.attendance import Mark

pytestmark = pytest.mark.django_db
REFUSAL = "This session has been cancelled, so attendance cannot be recorded for it."


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"training:{name}", args=args)


@pytest.fixture
def trainer():
    return UserFactory(is_trainer=True)


@pytest.fixture
def session(programme, trainer):
    session = past_session(make_course(programme, "Lapset puheeksi"))
    session.trainers.add(trainer)
    return session


@pytest.fixture
def participant(session):
    """Confirmed before the cancellation (written directly, as a record kept from before it would be)."""
    return seat(session, UserFactory(email="maija@kuopio.fi"))


@pytest.fixture
def cancelled(session, participant):
    Session.objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED, cancellation_reason="Sairastuminen")
    session.refresh_from_db()
    return session


@pytest.fixture
def day(session):
    return session.days.get()


@pytest.fixture
def as_trainer(client, trainer):
    client.force_login(trainer)
    return client


def refused(action) -> str:
    with pytest.raises(TrainingError) as error:
        action()
    return error.value.code


class TestServices:
    def test_nothing_is_recorded_for_a_cancelled_session(self, cancelled, day, participant):
        assert refused(lambda: attendance_mark_all_present(day=day)) == "session_cancelled"
        assert refused(lambda: attendance_sheet_save(day=day, marks={participant.pk: Mark("present")})) == (
            "session_cancelled"
        )
        data = b"Email\nmaija@kuopio.fi\n"
        assert refused(lambda: attendance_import(session=cancelled, data=data, dry_run=False)) == "session_cancelled"
        assert refused(lambda: check_in_open(day=day)) == "session_cancelled"
        assert not Attendance.objects.exists() and not CheckIn.objects.exists()

    def test_a_code_opened_before_the_cancellation_checks_nobody_in(self, session, day, participant):
        code = check_in_open(day=day).code
        Session.objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED)
        assert refused(lambda: check_in_complete(code=code, person=participant.person)) == "session_cancelled"
        assert not Attendance.objects.exists()


class TestPages:
    def test_the_sheet_shows_why_and_no_forms(self, as_trainer, cancelled, day):
        response = as_trainer.get(url("attendance_sheet", cancelled.pk, day.pk))
        content = response.content.decode()
        assert response.status_code == 200
        assert gettext(REFUSAL) in content
        assert "<form" not in content.split("<main", 1)[1].split("</main>", 1)[0]
        assert gettext("Mark everyone not yet marked as present") not in content

    def test_the_check_in_screen_offers_no_code(self, as_trainer, cancelled, day):
        content = as_trainer.get(url("check_in_screen", cancelled.pk, day.pk)).content.decode()
        assert gettext(REFUSAL) in content
        assert gettext("Show the check-in code") not in content

    def test_the_import_page_offers_no_upload(self, as_trainer, cancelled, day):
        content = as_trainer.get(url("attendance_import", cancelled.pk)).content.decode()
        assert gettext(REFUSAL) in content
        assert 'type="file"' not in content

    @pytest.mark.parametrize(
        ("name", "with_day"),
        [
            ("attendance_sheet", True),
            ("attendance_mark_all", True),
            ("check_in_screen", True),
            ("attendance_import", False),
        ],
    )
    def test_posts_are_refused_with_a_message(self, as_trainer, cancelled, day, participant, name, with_day):
        args = (cancelled.pk, day.pk) if with_day else (cancelled.pk,)
        data = {f"status_{participant.pk}": "present", "day": day.pk, "file": SimpleUploadedFile("a.csv", b"Email\n")}
        response = as_trainer.post(url(name, *args), data, follow=True)
        assert response.status_code == 200
        assert [str(message) for message in response.context["messages"]] == [gettext(REFUSAL)]
        assert not Attendance.objects.exists() and not CheckIn.objects.exists()

    def test_the_import_confirmation_is_refused(self, as_trainer, cancelled, participant):
        response = as_trainer.post(url("attendance_import_confirm", cancelled.pk), {}, follow=True)
        assert [str(message) for message in response.context["messages"]] == [gettext(REFUSAL)]
        assert not Attendance.objects.exists()
