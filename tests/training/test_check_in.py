"""Self check-in: a participant types the code or scans the QR code and is marked present, or told why not."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from wagtail.models import Locale

from tests.factories import UserFactory, make_course
from tests.training.factories_attendance import moment, past_session, seat, session_today
from training.errors import TrainingError
from training.models import Attendance, CheckIn, Enrolment
from training.services import check_in as check_in_service
from training.services import check_in_complete, check_in_open
from training.services.check_in import CODE_ALPHABET, CODE_LENGTH
from training.views.check_in import FAILURE_LIMIT

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"training:{name}", args=args)


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi")


@pytest.fixture
def session(course):
    # 00:00-23:59 today, so that "now" is inside the check-in window whenever the tests run.
    return session_today(course, start=time(0, 0), end=time(23, 59))


@pytest.fixture
def day(session):
    return session.days.get()


@pytest.fixture
def code(day):
    return check_in_open(day=day).code


@pytest.fixture
def participant(session):
    return seat(session).person


def messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _day_facts(day) -> dict[str, str]:
    return {
        "course": "Lapset puheeksi",
        "date": formats.date_format(timezone.localtime(day.starts_at), "SHORT_DATE_FORMAT"),
    }


def welcome(day) -> str:
    with translation.override("en"):  # the language of url()
        return gettext("You are checked in to %(course)s on %(date)s. Welcome!") % _day_facts(day)


def already_present(day) -> str:
    with translation.override("en"):
        return gettext("You are already marked present for %(course)s on %(date)s.") % _day_facts(day)


def refusal(code: str, person, now=None) -> str:
    with pytest.raises(TrainingError) as error:
        check_in_complete(code=code, person=person, now=now)
    return error.value.code


class TestService:
    def test_a_code_is_short_and_unambiguous(self, code):
        assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)

    def test_checking_in_marks_present(self, code, participant):
        row, recorded = check_in_complete(code=code, person=participant)
        assert (row.status, row.source, row.recorded_by) == (Attendance.Status.PRESENT, "check_in", participant)
        assert recorded

    def test_case_spaces_and_dashes_do_not_matter(self, code, participant):
        typed = f" {code[:3].lower()}-{code[3:]} "
        row, _recorded = check_in_complete(code=typed, person=participant)
        assert row.status == Attendance.Status.PRESENT

    def test_checking_in_twice_keeps_one_row_and_says_nothing_was_written(self, code, participant):
        first, _recorded = check_in_complete(code=code, person=participant)
        again, recorded = check_in_complete(code=code, person=participant)
        assert again.pk == first.pk and not recorded
        assert Attendance.objects.count() == 1

    def test_a_participant_marked_absent_before_the_day_started_becomes_present(self, code, participant, day):
        # e.g. reported ill the day before, then came after all
        enrolment = Enrolment.objects.get(person=participant)
        row = Attendance.objects.create(enrolment=enrolment, day=day, status=Attendance.Status.ABSENT)
        Attendance.objects.filter(pk=row.pk).update(recorded_at=day.starts_at - timedelta(hours=12))
        check_in_complete(code=code, person=participant)
        assert Attendance.objects.get().status == Attendance.Status.PRESENT

    @pytest.mark.parametrize("source", [Attendance.Source.SHEET, Attendance.Source.IMPORT])
    def test_an_absent_mark_the_trainer_recorded_during_the_day_stays(self, code, participant, day, source):
        enrolment = Enrolment.objects.get(person=participant)
        row = Attendance.objects.create(enrolment=enrolment, day=day, status=Attendance.Status.ABSENT, source=source)
        Attendance.objects.filter(pk=row.pk).update(recorded_at=day.starts_at + timedelta(minutes=5))
        assert refusal(code, participant) == "check_in_already_recorded"
        assert Attendance.objects.get().status == Attendance.Status.ABSENT

    def test_a_partial_mark_stays_even_from_before_the_day(self, code, participant, day):
        enrolment = Enrolment.objects.get(person=participant)
        row = Attendance.objects.create(enrolment=enrolment, day=day, status=Attendance.Status.PARTIAL, minutes=30)
        Attendance.objects.filter(pk=row.pk).update(recorded_at=day.starts_at - timedelta(hours=1))
        assert refusal(code, participant) == "check_in_already_recorded"
        assert Attendance.objects.values_list("status", "minutes").get() == (Attendance.Status.PARTIAL, 30)

    def test_someone_the_trainer_marked_present_is_simply_checked_in(self, code, participant, day):
        enrolment = Enrolment.objects.get(person=participant)
        row = Attendance.objects.create(enrolment=enrolment, day=day, status=Attendance.Status.PRESENT)
        assert check_in_complete(code=code, person=participant) == (row, False)
        assert Attendance.objects.get().source == Attendance.Source.SHEET

    def test_a_wrong_code(self, code, participant):
        wrong = next(c for c in ("AAAAAA", "BBBBBB") if c != code)
        assert refusal(wrong, participant) == "check_in_unknown"
        assert refusal("X", participant) == "check_in_unknown"
        assert not Attendance.objects.exists()

    def test_someone_not_enrolled(self, code, session):
        waiting = Enrolment.objects.create(session=session, person=UserFactory(), status=Enrolment.Status.WAITING)
        assert refusal(code, UserFactory()) == "check_in_not_enrolled"
        assert refusal(code, waiting.person) == "check_in_not_enrolled"
        assert not Attendance.objects.exists()

    def test_before_the_window_opens(self, course):
        session = session_today(course, start=time(10), end=time(12))
        day, person = session.days.get(), seat(session).person
        code = check_in_open(day=day).code
        assert refusal(code, person, now=moment(day, minutes=-61)) == "check_in_not_open_yet"
        assert not Attendance.objects.exists()

    def test_the_window_opens_an_hour_before_and_closes_an_hour_after(self, code, participant, day):
        assert check_in_complete(code=code, person=participant, now=moment(day, minutes=-60))
        closes = day.ends_at + timedelta(hours=1)
        assert check_in_complete(code=code, person=participant, now=closes)

    def test_after_the_window_closes(self, course):
        session = session_today(course, start=time(0, 0), end=time(1, 0))
        day = session.days.get()
        person = seat(session).person
        code = check_in_open(day=day).code
        assert refusal(code, person, now=day.ends_at + timedelta(hours=1, seconds=1)) == "check_in_closed"

    def test_the_code_of_another_day(self, course):
        session = past_session(course, days_ago=3)
        person = seat(session).person
        code = check_in_open(day=session.days.get()).code
        assert refusal(code, person) == "check_in_wrong_day"
        assert not Attendance.objects.exists()

    def test_each_refusal_has_a_clear_message(self):
        codes = ["check_in_unknown", "check_in_not_enrolled", "check_in_too_many_attempts"]
        for code in codes:
            assert TrainingError(code).message
        assert "12.3.2026" in TrainingError("check_in_wrong_day", date="12.3.2026").message


class TestTypingTheCode:
    def test_a_signed_in_participant_types_the_code(self, client, code, participant):
        client.force_login(participant)
        response = client.post(url("check_in"), {"code": code.lower()})
        assert response.status_code == 302 and response["Location"] == url("my_trainings")
        assert Attendance.objects.filter(enrolment__person=participant, status="present").exists()

    def test_checking_in_again_says_so_instead_of_welcoming_again(self, client, code, participant, day):
        client.force_login(participant)
        first = client.post(url("check_in"), {"code": code}, follow=True)
        assert messages(first) == [welcome(day)]
        again = client.post(url("check_in"), {"code": code}, follow=True)
        assert messages(again) == [already_present(day)]
        assert Attendance.objects.count() == 1

    def test_a_wrong_code_is_explained_and_the_input_kept(self, client, code, participant):
        client.force_login(participant)
        response = client.post(url("check_in"), {"code": "ZZZZZ9"})
        assert response.status_code == 200
        assert response.context["form"].errors["code"] == [TrainingError("check_in_unknown").message]
        assert 'value="ZZZZZ9"' in response.content.decode()
        assert not Attendance.objects.exists()

    def test_not_enrolled_is_explained(self, client, code):
        client.force_login(UserFactory())
        response = client.post(url("check_in"), {"code": code})
        assert response.context["form"].errors["code"] == [TrainingError("check_in_not_enrolled").message]
        assert not Attendance.objects.exists()

    def test_a_mark_by_the_trainer_is_explained(self, client, code, participant, day):
        enrolment = Enrolment.objects.get(person=participant)
        Attendance.objects.create(enrolment=enrolment, day=day, status=Attendance.Status.PARTIAL, minutes=30)
        client.force_login(participant)
        response = client.post(url("check_in"), {"code": code})
        assert response.context["form"].errors["code"] == [
            gettext(
                "The trainer has already recorded your attendance for this day, so checking in does not change it. "
                "Ask the trainer if it is not right."
            )
        ]
        assert Attendance.objects.get().status == Attendance.Status.PARTIAL

    def test_guessing_codes_is_stopped(self, client, code, participant):
        client.force_login(participant)
        for _ in range(FAILURE_LIMIT):
            client.post(url("check_in"), {"code": "ZZZZZ9"})
        response = client.post(url("check_in"), {"code": code})
        assert response.context["form"].errors["code"] == [TrainingError("check_in_too_many_attempts").message]
        assert not Attendance.objects.exists()

    def test_the_page_needs_sign_in(self, client):
        response = client.get(url("check_in"))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


class TestScanningTheQrCode:
    def test_not_signed_in_signs_in_lands_back_and_checks_in_with_one_press(self, client, code, participant):
        target = url("check_in_code", code)
        response = client.get(target)
        assert response.status_code == 302
        login = response["Location"]
        assert login.endswith(f"/accounts/login/?next={target}")

        response = client.post(login, {"login": participant.email, "password": "correct-horse-battery"})
        assert response.status_code == 302 and response["Location"] == target

        page = client.get(target)
        assert page.status_code == 200 and page.context["refusal"] is None
        assert not Attendance.objects.exists()  # a GET records nothing
        response = client.post(target)
        assert response.status_code == 302
        assert Attendance.objects.get().enrolment.person == participant

    def test_scanning_again_after_the_trainer_marked_present_says_so(self, client, code, participant, day):
        enrolment = Enrolment.objects.get(person=participant)
        Attendance.objects.create(enrolment=enrolment, day=day, status=Attendance.Status.PRESENT)
        client.force_login(participant)
        response = client.post(url("check_in_code", code), follow=True)
        assert messages(response) == [already_present(day)]

    def test_someone_already_present_is_told_so_and_offered_no_button(self, client, code, participant):
        client.force_login(participant)
        client.post(url("check_in_code", code))
        page = client.get(url("check_in_code", code))
        content = page.content.decode()
        assert page.context["present"]
        with translation.override("en"):
            assert gettext("You are already marked present for this day.") in content
        assert 'method="post"' not in content.split("<main", 1)[1]

    def test_the_course_is_named_in_the_language_of_the_page(self, client, course, code, participant):
        swedish = Locale.objects.get_or_create(language_code="sv")[0]
        translated = course.copy_for_translation(swedish, copy_parents=True)
        translated.title = "Barnen på tal"
        translated.save_revision().publish()
        client.force_login(participant)
        with translation.override("sv"):
            target = reverse("training:check_in_code", args=[code])
        assert "Barnen på tal" in client.get(target).content.decode()
        response = client.post(target, follow=True)
        (message,) = messages(response)
        assert "Barnen på tal" in message

    def test_an_unknown_code_says_so(self, client, participant, code):
        client.force_login(participant)
        response = client.get(url("check_in_code", "ZZZZZ9"))
        assert response.context["refusal"].code == "check_in_unknown"
        assert TrainingError("check_in_unknown").message in response.content.decode()
        client.post(url("check_in_code", "ZZZZZ9"))
        assert not Attendance.objects.exists()

    def test_someone_not_enrolled_cannot_check_in(self, client, code):
        client.force_login(UserFactory())
        response = client.post(url("check_in_code", code))
        assert response.status_code == 200
        assert response.context["refusal"].code == "check_in_not_enrolled"
        assert not Attendance.objects.exists()

    def test_the_code_of_another_day_is_refused(self, client, course):
        session = past_session(course, days_ago=2)
        person = seat(session).person
        code = check_in_open(day=session.days.get()).code
        client.force_login(person)
        response = client.post(url("check_in_code", code))
        assert response.context["refusal"].code == "check_in_wrong_day"
        assert not Attendance.objects.exists()

    def test_outside_the_window_is_refused(self, client, course, monkeypatch):
        session = session_today(course, start=time(0, 0), end=time(1, 0))
        day, person = session.days.get(), seat(session).person
        code = check_in_open(day=day).code
        monkeypatch.setattr(check_in_service, "current_time", lambda: day.ends_at + timedelta(hours=1, minutes=1))
        client.force_login(person)
        response = client.post(url("check_in_code", code))
        assert response.context["refusal"].code == "check_in_closed"
        assert not Attendance.objects.exists()
        assert CheckIn.objects.count() == 1
