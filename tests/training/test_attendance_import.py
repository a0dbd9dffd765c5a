"""Importing attendance from a CSV sign-in sheet or a Teams attendance report: a dry run, then all or nothing."""

import pytest
from django.utils.translation import gettext

from tests.factories import UserFactory, make_course
from tests.training.factories_attendance import past_session, seat
from training.errors import TrainingError
from training.models import Attendance, Enrolment
from training.services import attendance_import, attendance_record
from training.services.attendance_import import parse_duration_minutes

pytestmark = pytest.mark.django_db
Present, Partial, Absent = Attendance.Status.PRESENT, Attendance.Status.PARTIAL, Attendance.Status.ABSENT


@pytest.fixture
def session(programme):
    return past_session(make_course(programme, "Lapset puheeksi"))  # one day of 360 minutes


@pytest.fixture
def maija(session):
    return seat(session, UserFactory(first_name="Maija", last_name="Virtanen", email="maija.virtanen@kuopio.fi"))


@pytest.fixture
def pekka(session):
    return seat(session, UserFactory(first_name="Pekka", last_name="Korhonen", email="pekka.korhonen@iisalmi.fi"))


def run(session, text: str | bytes, *, dry_run=True, encoding="utf-8"):
    data = text if isinstance(text, bytes) else text.encode(encoding)
    return attendance_import(session=session, data=data, dry_run=dry_run)


def statuses(report) -> dict[int, tuple[str, int | None]]:
    return {match.enrolment.pk: (match.status, match.minutes) for match in report.matches}


def error_code(session, data) -> str:
    with pytest.raises(TrainingError) as error:
        run(session, data)
    return error.value.code


class TestFormats:
    def test_semicolons_from_finnish_excel_with_a_status_column(self, session, maija, pekka):
        text = "Nimi;Sähköposti;Läsnäolo;Minuutit\r\nMaija Virtanen;maija.virtanen@kuopio.fi;läsnä;\r\n"
        text += "Pekka Korhonen;PEKKA.KORHONEN@iisalmi.fi;osittain;120\r\n"
        report = run(session, text)
        assert statuses(report) == {maija.pk: (Present, None), pekka.pk: (Partial, 120)}
        assert report.delimiter == ";"

    def test_utf8_with_a_byte_order_mark(self, session, maija):
        report = run(session, "\ufeffSähköposti,Läsnäolo\nmaija.virtanen@kuopio.fi,poissa\n")
        assert statuses(report) == {maija.pk: (Absent, None)}
        assert report.delimiter == ","

    def test_a_plain_list_of_emails_means_present(self, session, maija, pekka):
        report = run(session, "Email\nmaija.virtanen@kuopio.fi\n")
        assert statuses(report) == {maija.pk: (Present, None)}
        assert report.missing == [pekka]

    def test_a_teams_attendance_report_in_utf16_with_tabs(self, session, maija, pekka):
        text = (
            "1. Summary\n"
            "Meeting title\tLapset puheeksi\n"
            "Attended participants\t3\n"
            "\n"
            "2. Participants\n"
            "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
            "Virtanen Maija\t1/3/25, 8:58:01 AM\t1/3/25, 3:00:00 PM\t6h 2m\t\t\tAttendee\n"
            "Pekka Korhonen (Iisalmi)\t1/3/25, 9:00:00 AM\t1/3/25, 11:00:00 AM\t2h\t"
            "pekka.korhonen@iisalmi.fi\t\tAttendee\n"
            "Vieras Henkilö (Guest)\t1/3/25, 9:00:00 AM\t1/3/25, 9:30:00 AM\t30m\t\t\tAttendee\n"
            "\n"
            "3. In-Meeting Activities\n"
            "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"
            "Virtanen Maija\t1/3/25, 8:58:01 AM\t1/3/25, 3:00:00 PM\t6h 2m\t\tAttendee\n"
        )
        report = run(session, text.encode("utf-16"))
        assert statuses(report) == {maija.pk: (Present, None), pekka.pk: (Partial, 120)}
        assert [(row.line, row.name) for row in report.unmatched] == [(9, "Vieras Henkilö (Guest)")]
        assert report.rows == 3  # the activities section is not counted twice

    def test_a_finnish_teams_report_adds_up_rejoins(self, session, maija):
        text = "Nimi\tKesto\tSähköposti\nMaija Virtanen\t1 t 30 min\t\nMaija Virtanen\t2 t\t\n"
        report = run(session, text.encode("utf-16-le"))  # no byte order mark
        assert statuses(report) == {maija.pk: (Partial, 210)}

    @pytest.mark.parametrize(
        ("value", "minutes"),
        [("6h 2m", 362), ("1 t 5 min", 65), ("01:30:40", 91), ("1:30", 90), ("45", 45), ("2h 0m 30s", 120)],
    )
    def test_durations(self, value, minutes):
        assert parse_duration_minutes(value) == minutes

    @pytest.mark.parametrize("value", ["soon", "5 parsecs", "1h and a bit"])
    def test_unreadable_durations(self, value):
        assert parse_duration_minutes(value) is None

    def test_names_as_last_comma_first(self, session, maija):
        report = run(session, 'Name,Status\n"Virtanen, Maija",present\n')
        assert statuses(report) == {maija.pk: (Present, None)}

    def test_separate_first_and_last_name_columns(self, session, pekka):
        report = run(session, "Etunimi;Sukunimi;Läsnäolo\nPekka;Korhonen;x\n")
        assert statuses(report) == {pekka.pk: (Present, None)}


class TestMatching:
    def test_someone_not_enrolled_is_reported_and_not_recorded(self, session, maija):
        stranger = UserFactory(email="ulkopuolinen@example.fi")
        waiting = Enrolment.objects.create(session=session, person=UserFactory(), status=Enrolment.Status.WAITING)
        text = "Email;Status\nmaija.virtanen@kuopio.fi;present\n"
        text += f"{stranger.email};present\n{waiting.person.email};present\n"
        report = run(session, text, dry_run=False)
        assert [row.line for row in report.unmatched] == [3, 4]
        assert report.applied
        assert list(Attendance.objects.values_list("enrolment", flat=True)) == [maija.pk]

    def test_two_participants_with_the_same_name_need_the_email(self, session):
        seat(session, UserFactory(first_name="Anna", last_name="Mäkinen"))
        seat(session, UserFactory(first_name="Anna", last_name="Mäkinen"))
        report = run(session, "Name\nAnna Mäkinen\n")
        assert report.matches == []
        assert report.unmatched[0].problem == gettext("More than one participant has this name; add the email address.")

    def test_an_email_that_matches_nobody_is_not_matched_by_the_name(self, session, maija):
        # A guest who shares a participant's name must not mark the participant present.
        text = "Name;Email\nMaija Virtanen;maija.virtanen@gmail.com\n"
        report = run(session, text)
        assert report.matches == []
        assert [(row.line, row.problem) for row in report.unmatched] == [
            (2, gettext("No confirmed participant has this email address."))
        ]

    def test_a_row_without_an_email_is_matched_by_the_name(self, session, maija, pekka):
        text = "Name;Email\nMaija Virtanen;\nPekka Korhonen;pekka.korhonen@iisalmi.fi\n"
        assert statuses(run(session, text)) == {maija.pk: (Present, None), pekka.pk: (Present, None)}


class TestAllOrNothing:
    def test_a_dry_run_records_nothing(self, session, maija):
        report = run(session, "Email\nmaija.virtanen@kuopio.fi\n")
        assert report.matches and not report.applied
        assert not Attendance.objects.exists()

    def test_applying_records_everyone_and_computes_outcomes(self, session, maija, pekka):
        run(session, "Email;Minutes\nmaija.virtanen@kuopio.fi;360\npekka.korhonen@iisalmi.fi;60\n", dry_run=False)
        rows = {row.enrolment_id: (row.status, row.minutes, row.source) for row in Attendance.objects.all()}
        assert rows == {maija.pk: (Present, None, "import"), pekka.pk: (Partial, 60, "import")}
        outcomes = dict(Enrolment.objects.values_list("pk", "outcome"))
        assert outcomes == {maija.pk: "completed", pekka.pk: "incomplete"}

    def test_one_unreadable_row_records_nothing(self, session, maija, pekka):
        attendance_record(enrolment=pekka, day=session.days.get(), status=Absent)
        text = "Email;Status\nmaija.virtanen@kuopio.fi;present\npekka.korhonen@iisalmi.fi;maybe\n"
        report = run(session, text)
        assert [(row.line, row.email) for row in report.invalid] == [(3, "pekka.korhonen@iisalmi.fi")]
        assert not report.can_apply
        with pytest.raises(TrainingError) as error:
            run(session, text, dry_run=False)
        assert error.value.code == "import_invalid"
        assert list(Attendance.objects.values_list("status", flat=True)) == [Absent]

    def test_partial_without_minutes_is_an_invalid_row(self, session, maija):
        report = run(session, "Email;Status\nmaija.virtanen@kuopio.fi;partial\n")
        assert len(report.invalid) == 1

    def test_participants_missing_from_the_file_are_left_as_they_were(self, session, maija, pekka):
        attendance_record(enrolment=pekka, day=session.days.get(), status=Partial, minutes=30)
        report = run(session, "Email\nmaija.virtanen@kuopio.fi\n", dry_run=False)
        assert report.missing == [pekka]
        assert Attendance.objects.get(enrolment=pekka).minutes == 30


class TestBadFiles:
    def test_wrong_columns(self, session, maija):
        assert error_code(session, "Päivä;Huone\n3.3.;Kallavesi\n") == "import_columns"

    def test_latin1_is_not_guessed(self, session, maija):
        assert error_code(session, "Nimi;Läsnäolo\nMaija Virtanen;läsnä\n".encode("latin-1")) == "import_encoding"

    def test_a_spreadsheet_instead_of_csv(self, session):
        assert error_code(session, b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00") == "import_encoding"

    def test_an_empty_file(self, session):
        assert error_code(session, b"") == "import_empty"

    def test_a_header_without_rows(self, session):
        assert error_code(session, "Email;Status\n") == "import_empty"

    def test_a_too_large_file(self, session):
        assert error_code(session, b"Email\n" + b"x@example.fi\n" * 100_000) == "import_too_large"

    def test_a_session_of_several_days_needs_the_day(self, programme):
        session = past_session(make_course(programme, "Kaksi päivää"), days=2)
        assert error_code(session, "Email\nx@example.fi\n") == "import_day_required"

    def test_the_day_must_belong_to_the_session(self, session, programme):
        other = past_session(make_course(programme, "Muu"))
        with pytest.raises(TrainingError) as error:
            attendance_import(session=session, data=b"Email\n", day=other.days.get())
        assert error.value.code == "import_day_required"
