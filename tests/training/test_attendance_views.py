"""The organiser's attendance pages: the sheet of a day, mark all present, the file import, the check-in screen."""

import base64

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tests.factories import UserFactory, make_course
from tests.training.factories_attendance import past_session, seat
from training.errors import TrainingError
from training.models import Attendance, Certificate, CheckIn, Enrolment

pytestmark = pytest.mark.django_db
Present, Partial, Absent = Attendance.Status.PRESENT, Attendance.Status.PARTIAL, Attendance.Status.ABSENT


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"training:{name}", args=args)


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi")


@pytest.fixture
def trainer():
    return UserFactory(is_trainer=True)


@pytest.fixture
def session(course, trainer):
    session = past_session(course, capacity=50)
    session.trainers.add(trainer)
    return session


@pytest.fixture
def day(session):
    return session.days.get()


@pytest.fixture
def coordinator():
    user = UserFactory(is_coordinator=True)
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def as_trainer(client, trainer):
    client.force_login(trainer)
    return client


def sheet_post(enrolments, **marks) -> dict:
    """Form data: ``marks`` maps "e<index>" to a status or (status, minutes)."""
    data = {}
    for index, enrolment in enumerate(enrolments):
        mark = marks.get(f"e{index}")
        if mark is None:
            continue
        status, minutes = mark if isinstance(mark, tuple) else (mark, "")
        data[f"status_{enrolment.pk}"] = status
        data[f"minutes_{enrolment.pk}"] = minutes
    return data


class TestSheetAccess:
    def test_the_sessions_trainer_sees_the_participants(self, as_trainer, session, day):
        a = seat(session, UserFactory(first_name="Aino", last_name="Aalto"))
        seat(session, status=Enrolment.Status.WAITING)
        response = as_trainer.get(url("attendance_sheet", session.pk, day.pk))
        assert response.status_code == 200
        assert [enrolment for enrolment, *_ in response.context["form"].rows] == [a]
        assert "Aino Aalto" in response.content.decode()

    def test_a_coordinator_may_open_any_sheet(self, client, coordinator, session, day):
        client.force_login(coordinator)
        assert client.get(url("attendance_sheet", session.pk, day.pk)).status_code == 200

    def test_a_trainer_of_another_session_gets_404(self, client, session, day):
        client.force_login(UserFactory(is_trainer=True))
        assert client.get(url("attendance_sheet", session.pk, day.pk)).status_code == 404
        assert client.post(url("attendance_mark_all", session.pk, day.pk)).status_code == 404

    def test_a_participant_gets_404_and_records_nothing(self, client, session, day):
        enrolment = seat(session)
        client.force_login(enrolment.person)
        assert client.get(url("attendance_sheet", session.pk, day.pk)).status_code == 404
        response = client.post(url("attendance_sheet", session.pk, day.pk), {f"status_{enrolment.pk}": Present})
        assert response.status_code == 404
        assert not Attendance.objects.exists()

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, session, day):
        response = client.get(url("attendance_sheet", session.pk, day.pk))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_a_day_of_another_session_is_404(self, as_trainer, session, course):
        other = past_session(course, days_ago=30)
        assert as_trainer.get(url("attendance_sheet", session.pk, other.days.get().pk)).status_code == 404


class TestSheet:
    def test_one_post_saves_every_mark_and_the_outcomes(self, as_trainer, session, day):
        people = [seat(session) for _ in range(3)]
        data = sheet_post(people, e0=Present, e1=(Partial, "90"), e2=Absent)
        response = as_trainer.post(url("attendance_sheet", session.pk, day.pk), data)
        assert response.status_code == 302
        rows = {row.enrolment_id: (row.status, row.minutes) for row in Attendance.objects.all()}
        assert rows == {people[0].pk: (Present, None), people[1].pk: (Partial, 90), people[2].pk: (Absent, None)}
        assert list(Enrolment.objects.order_by("pk").values_list("outcome", flat=True)) == [
            "completed",
            "incomplete",
            "no_show",
        ]

    def test_recorded_marks_are_preselected(self, as_trainer, session, day):
        enrolment = seat(session)
        Attendance.objects.create(enrolment=enrolment, day=day, status=Partial, minutes=45)
        response = as_trainer.get(url("attendance_sheet", session.pk, day.pk))
        html = response.content.decode()
        assert 'value="partial" required' not in html
        assert f'name="status_{enrolment.pk}" value="partial"' in html and "checked" in html
        assert f'name="minutes_{enrolment.pk}" value="45"' in html

    def test_partial_without_minutes_redisplays_the_input_and_saves_nothing(self, as_trainer, session, day):
        a, b = seat(session), seat(session)
        response = as_trainer.post(
            url("attendance_sheet", session.pk, day.pk), sheet_post([a, b], e0=Present, e1=Partial)
        )
        assert response.status_code == 200
        assert response.context["form"].errors[f"minutes_{b.pk}"] == [TrainingError("minutes_required").message]
        html = response.content.decode()
        assert f'name="status_{a.pk}" value="present"' in html
        assert 'role="alert"' in html
        assert not Attendance.objects.exists()

    def test_minutes_longer_than_the_day_are_refused(self, as_trainer, session, day):
        a = seat(session)
        response = as_trainer.post(url("attendance_sheet", session.pk, day.pk), sheet_post([a], e0=(Partial, "999")))
        assert response.status_code == 200
        assert f"minutes_{a.pk}" in response.context["form"].errors
        assert not Attendance.objects.exists()

    def test_a_forged_status_is_refused(self, as_trainer, session, day):
        a = seat(session)
        response = as_trainer.post(url("attendance_sheet", session.pk, day.pk), {f"status_{a.pk}": "teleported"})
        assert response.status_code == 200
        assert not Attendance.objects.exists()

    def test_mark_all_present(self, as_trainer, session, day):
        people = [seat(session) for _ in range(3)]
        response = as_trainer.post(url("attendance_mark_all", session.pk, day.pk))
        assert response.status_code == 302
        assert Attendance.objects.filter(status=Present).count() == len(people)

    def test_mark_all_present_leaves_partial_and_absent_marks(self, as_trainer, session, day):
        partial, absent, unmarked = seat(session), seat(session), seat(session)
        Attendance.objects.create(enrolment=partial, day=day, status=Partial, minutes=90)
        Attendance.objects.create(enrolment=absent, day=day, status=Absent)
        response = as_trainer.post(url("attendance_mark_all", session.pk, day.pk), follow=True)
        marks = {row[0]: row[1:] for row in Attendance.objects.values_list("enrolment", "status", "minutes")}
        assert marks == {partial.pk: (Partial, 90), absent.pk: (Absent, None), unmarked.pk: (Present, None)}
        shown = [str(message) for message in response.context["messages"]]
        assert shown == [
            ngettext(
                "%(count)s participant not yet marked was marked present.",
                "%(count)s participants not yet marked were marked present.",
                1,
            )
            % {"count": 1}
        ]

    def test_the_button_says_it_marks_only_those_not_yet_marked(self, as_trainer, session, day):
        seat(session)
        response = as_trainer.get(url("attendance_sheet", session.pk, day.pk))
        assert gettext("Mark everyone not yet marked as present") in response.content.decode()

    def test_mark_all_present_is_post_only(self, as_trainer, session, day):
        assert as_trainer.get(url("attendance_mark_all", session.pk, day.pk)).status_code == 405

    @pytest.mark.parametrize("size", [3, 30])
    def test_the_sheet_costs_a_constant_number_of_queries(
        self, as_trainer, session, day, size, django_assert_max_num_queries
    ):
        for index in range(size):
            enrolment = seat(session)
            if index % 2:
                Attendance.objects.create(enrolment=enrolment, day=day, status=Present)
        as_trainer.get(url("attendance_sheet", session.pk, day.pk))  # warm the session and caches
        with django_assert_max_num_queries(17):  # 5 for the sheet, the rest the site chrome
            response = as_trainer.get(url("attendance_sheet", session.pk, day.pk))
        assert len(response.context["form"].rows) == size

    @pytest.mark.parametrize("size", [3, 30])
    def test_saving_the_sheet_costs_a_constant_number_of_queries(
        self, as_trainer, session, day, size, django_assert_max_num_queries
    ):
        people = [seat(session) for _ in range(size)]
        data = sheet_post(people, **{f"e{index}": Present for index in range(size)})
        # Completing everyone also issues their certificates, records evidence and writes the participation
        # facts, in bulk.
        with django_assert_max_num_queries(32):
            response = as_trainer.post(url("attendance_sheet", session.pk, day.pk), data)
        assert response.status_code == 302
        assert Attendance.objects.count() == size
        assert Certificate.objects.filter(session=session).count() == size


class TestImport:
    TEXT = "Nimi;Sähköposti;Läsnäolo\nMaija Virtanen;maija@kuopio.fi;läsnä\nVieras;vieras@example.fi;läsnä\n"

    @pytest.fixture
    def maija(self, session):
        return seat(session, UserFactory(first_name="Maija", last_name="Virtanen", email="maija@kuopio.fi"))

    def upload(self, client, session, day, content: bytes, name="lasnaolo.csv"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return client.post(
            url("attendance_import", session.pk), {"day": day.pk, "file": SimpleUploadedFile(name, content)}
        )

    def test_upload_shows_a_dry_run_report_and_records_nothing(self, as_trainer, session, day, maija):
        response = self.upload(as_trainer, session, day, self.TEXT.encode("utf-8-sig"))
        assert response.status_code == 200
        report = response.context["report"]
        assert [match.enrolment for match in report.matches] == [maija]
        assert [row.email for row in report.unmatched] == ["vieras@example.fi"]
        assert "vieras@example.fi" in response.content.decode()
        assert not Attendance.objects.exists()

    def test_confirming_applies_exactly_the_reviewed_file(self, as_trainer, session, day, maija):
        response = self.upload(as_trainer, session, day, self.TEXT.encode())
        confirm = response.context["confirm_form"]
        response = as_trainer.post(url("attendance_import_confirm", session.pk), confirm.initial)
        assert response.status_code == 302
        assert response["Location"] == url("attendance_sheet", session.pk, day.pk)
        assert list(Attendance.objects.values_list("enrolment", "source")) == [(maija.pk, "import")]

    def test_a_different_file_cannot_be_slipped_into_the_confirmation(self, as_trainer, session, day, maija):
        other = seat(session, UserFactory(email="pekka@iisalmi.fi"))
        confirm = self.upload(as_trainer, session, day, self.TEXT.encode()).context["confirm_form"]
        forged = dict(confirm.initial, data=base64.b64encode(b"Email\npekka@iisalmi.fi\n").decode())
        response = as_trainer.post(url("attendance_import_confirm", session.pk), forged)
        assert response.status_code == 302
        assert response["Location"] == url("attendance_import", session.pk)
        assert not Attendance.objects.filter(enrolment=other).exists()
        assert not Attendance.objects.exists()

    def test_a_confirmation_for_another_session_is_refused(self, as_trainer, session, day, maija, course, trainer):
        other = past_session(course, days_ago=40)
        other.trainers.add(trainer)
        confirm = self.upload(as_trainer, session, day, self.TEXT.encode()).context["confirm_form"]
        as_trainer.post(url("attendance_import_confirm", other.pk), confirm.initial)
        assert not Attendance.objects.exists()

    def test_wrong_columns_are_explained_next_to_the_file_field(self, as_trainer, session, day, maija):
        response = self.upload(as_trainer, session, day, "Päivä;Huone\n1.1.;A\n".encode())
        assert response.status_code == 200
        assert response.context["form"].errors["file"] == [TrainingError("import_columns").message]

    def test_a_wrong_encoding_is_explained(self, as_trainer, session, day, maija):
        # An old Mac "CSV (Macintosh)": Mac Roman's Å is a byte Windows-1252 leaves undefined.
        response = self.upload(as_trainer, session, day, self.TEXT.replace("Vieras", "Åström").encode("mac_roman"))
        assert response.context["form"].errors["file"] == [TrainingError("import_encoding").message]

    def test_a_file_with_unreadable_rows_offers_no_confirmation(self, as_trainer, session, day, maija):
        response = self.upload(as_trainer, session, day, "Email;Status\nmaija@kuopio.fi;ehkä\n".encode())
        assert response.context["report"].invalid
        assert "attendance/import/confirm/" not in response.content.decode()

    def test_outsiders_get_404(self, client, session, day):
        client.force_login(UserFactory(is_trainer=True))
        assert client.get(url("attendance_import", session.pk)).status_code == 404
        assert client.post(url("attendance_import_confirm", session.pk), {}).status_code == 404


class TestCheckInScreen:
    def test_opening_shows_the_code_and_an_inline_svg_qr_code(self, as_trainer, session, day):
        assert as_trainer.post(url("check_in_screen", session.pk, day.pk)).status_code == 302
        check_in = CheckIn.objects.get(day=day)
        response = as_trainer.get(url("check_in_screen", session.pk, day.pk))
        html = response.content.decode()
        assert check_in.code in html
        assert '<svg role="img"' in html and "data:" not in html and "style=" not in html
        assert f"/check-in/{check_in.code}/" in response.context["url"]

    def test_opening_twice_keeps_the_code(self, as_trainer, session, day):
        as_trainer.post(url("check_in_screen", session.pk, day.pk))
        first = CheckIn.objects.get().code
        as_trainer.post(url("check_in_screen", session.pk, day.pk))
        assert list(CheckIn.objects.values_list("code", flat=True)) == [first]

    def test_before_opening_there_is_only_the_button(self, as_trainer, session, day):
        response = as_trainer.get(url("check_in_screen", session.pk, day.pk))
        assert response.status_code == 200 and "<svg" not in response.content.decode()
        assert not CheckIn.objects.exists()

    def test_outsiders_cannot_open_or_see_it(self, client, session, day):
        client.force_login(UserFactory())
        assert client.post(url("check_in_screen", session.pk, day.pk)).status_code == 404
        assert client.get(url("check_in_screen", session.pk, day.pk)).status_code == 404
        assert not CheckIn.objects.exists()


class TestOutcomesShown:
    def test_the_session_page_shows_attendance_and_outcomes(self, as_trainer, session, day):
        enrolment = seat(session, UserFactory(first_name="Aino", last_name="Aalto"))
        as_trainer.post(url("attendance_sheet", session.pk, day.pk), {f"status_{enrolment.pk}": Present})
        response = as_trainer.get(url("organiser_session", session.pk))
        html = response.content.decode()
        with translation.override("en"):
            assert url("attendance_sheet", session.pk, day.pk) in html
        assert str(Enrolment.Outcome.COMPLETED.label) in html

    @pytest.mark.parametrize("size", [2, 20])
    def test_the_session_page_stays_at_a_constant_query_count(
        self, as_trainer, session, day, size, django_assert_max_num_queries
    ):
        for _ in range(size):
            Attendance.objects.create(enrolment=seat(session), day=day, status=Present)
        as_trainer.get(url("organiser_session", session.pk))
        with django_assert_max_num_queries(23):
            as_trainer.get(url("organiser_session", session.pk))

    def test_my_trainings_shows_each_outcome(self, client, session, day):
        enrolment = seat(session)
        Attendance.objects.create(enrolment=enrolment, day=day, status=Absent)
        from training.services import session_outcomes_update

        session_outcomes_update(session=session)
        client.force_login(enrolment.person)
        response = client.get(url("my_trainings"))
        assert str(Enrolment.Outcome.NO_SHOW.label) in response.content.decode()
