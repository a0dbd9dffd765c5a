"""Importing attendance from a CSV sign-in sheet or a Teams attendance report: a dry run, then all or nothing."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import UserFactory, make_course
from tests.fixtures import file_bytes
from tests.training.factories_attendance import past_session, seat
from training.errors import TrainingError
from training.models import Attendance, Enrolment, Session, SessionDay
from training.services import attendance_import, attendance_record
from training.services.attendance_import import parse_duration_minutes

pytestmark = pytest.mark.django_db
Present, Partial, Absent = Attendance.Status.PRESENT, Attendance.Status.PARTIAL, Attendance.Status.ABSENT
HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.fixture
def session(programme):
    return past_session(make_course(programme, "Lapset puheeksi"))  # one day of 360 minutes


@pytest.fixture
def maija(session):
    return seat(session, UserFactory(first_name="Maija", last_name="Virtanen", email="maija.virtanen@kuopio.fi"))


@pytest.fixture
def pekka(session):
    return seat(session, UserFactory(first_name="Pekka", last_name="Korhonen", email="pekka.korhonen@iisalmi.fi"))


def session_on_report_day(course) -> Session:
    """A session of 180 minutes on the day of the Teams reports in tests/fixtures: 4.12.2026 from 9 to 12."""
    session = Session.objects.create(course=course, capacity=20)
    SessionDay.objects.create(
        session=session,
        starts_at=datetime(2026, 12, 4, 9, tzinfo=HELSINKI),
        ends_at=datetime(2026, 12, 4, 12, tzinfo=HELSINKI),
    )
    session.save()
    return session


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

    def test_bytes_windows_1252_leaves_undefined_are_not_guessed(self, session, maija):
        data = "Nimi;Läsnäolo\r\nMaija Virtanen;läsnä\r\n".encode("cp1252") + b"Pekka\x81\r\n"
        assert error_code(session, data) == "import_encoding"

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


class TestWindowsFiles:
    """Finnish Excel saves "CSV (puolipisteellä eroteltu)" in Windows-1252."""

    def test_a_finnish_excel_sign_in_sheet_reads_names_with_scandinavian_letters(self, session):
        aijala = seat(session, UserFactory(first_name="Sointu", last_name="Äijälä", email="sointu@kuopio.fi"))
        ohman = seat(session, UserFactory(first_name="Åsa", last_name="Öhman", email="asa.ohman@siilinjarvi.fi"))
        brannstrom = seat(session, UserFactory(first_name="Jörgen", last_name="Brännström"))

        report = run(session, file_bytes("sign_in_sheet_excel_fi.csv"))

        assert statuses(report) == {aijala.pk: (Present, None), ohman.pk: (Partial, 150), brannstrom.pk: (Absent, None)}
        assert (report.encoding, report.delimiter) == ("Windows-1252", ";")
        assert not report.invalid and not report.unmatched


class TestTeamsJoinAndLeave:
    """A Teams report without durations: join and leave times, one row per stay."""

    @pytest.fixture
    def day_session(self, programme):
        return session_on_report_day(make_course(programme, "Lapset puheeksi"))

    @pytest.fixture
    def people(self, day_session):
        return {
            name: seat(day_session, UserFactory(first_name=first, last_name=last, email=email))
            for name, first, last, email in [
                ("maija", "Maija", "Virtanen", "maija.virtanen@kuopio.fi"),
                ("pekka", "Pekka", "Korhonen", "pekka.korhonen@iisalmi.fi"),
                ("sointu", "Sointu", "Äijälä", "sointu.aijala@kuopio.fi"),
            ]
        }

    def test_stays_are_merged_and_clipped_to_the_day_and_give_partial_attendance(self, day_session, people):
        report = run(day_session, file_bytes("teams_join_leave_fi.csv"))

        assert statuses(report) == {
            people["maija"].pk: (Present, None),  # 8.57-10.41 and 10.39-12.04: the whole day
            people["pekka"].pk: (Partial, 20),  # 9.00-9.20
            people["sointu"].pk: (Partial, 120),  # 9.00-10.15 and 10.45-11.30
        }
        assert [(row.line, row.name) for row in report.unmatched] == [(13, "Vieras Henkilö (Guest)")]
        assert (report.encoding, report.delimiter) == ("UTF-16 LE", "\t")

    def test_applying_records_the_partial_minutes(self, day_session, people):
        run(day_session, file_bytes("teams_join_leave_fi.csv"), dry_run=False)

        rows = dict(Attendance.objects.values_list("enrolment", "minutes"))
        assert rows == {people["maija"].pk: None, people["pekka"].pk: 20, people["sointu"].pk: 120}

    def test_joined_and_left_rows_of_the_older_report(self, day_session, people):
        report = run(day_session, file_bytes("teams_user_actions_en.csv"))

        # Maija: 9.00-10.30 and 10.35-12.00 is 175 of 180 minutes.
        assert statuses(report) == {people["maija"].pk: (Present, None), people["pekka"].pk: (Partial, 20)}

    @pytest.mark.parametrize(
        ("leave", "duration", "expected"), [("11.42", "2h 42m", (Present, None)), ("11.41", "2h 41m", (Partial, 161))]
    )
    def test_durations_and_join_leave_times_agree_on_who_is_present(
        self, day_session, people, leave, duration, expected
    ):
        # 90 per cent of the day (162 of 180 minutes) is present, whichever way the report gives the time.
        pekka = people["pekka"].pk
        by_times = f"Name\tJoin time\tLeave time\nPekka Korhonen\t4.12.2026 9.00\t4.12.2026 {leave}\n"
        by_duration = f"Name\tDuration\nPekka Korhonen\t{duration}\n"

        assert statuses(run(day_session, by_times.encode("utf-16")))[pekka] == expected
        assert statuses(run(day_session, by_duration.encode("utf-16")))[pekka] == expected

    def test_unusable_times_make_invalid_rows(self, day_session, people):
        text = (
            "Name\tJoin time\tLeave time\n"
            "Maija Virtanen\t4.12.2026 10.00\t4.12.2026 9.00\n"
            "Pekka Korhonen\t3.12.2026 9.00\t3.12.2026 12.00\n"
            "Sointu Äijälä\t\t4.12.2026 12.00\n"
            "Maija Virtanen\tpian\t\n"
        )
        with translation.override("en"):
            report = run(day_session, text.encode("utf-16"))

        assert [(row.line, row.problem) for row in report.invalid] == [
            (2, "The leave time is before the join time."),
            (3, "The time “3.12.2026 9.00” is not on the session day (4.12.2026)."),
            (4, "The join time is missing."),
            (5, "The time “pian” could not be read."),
        ]
        assert not report.can_apply

    def test_a_stay_without_a_leave_time_lasts_to_the_end_of_the_day(self, day_session, people):
        text = "Name\tJoin time\tLeave time\nPekka Korhonen\t4.12.2026 11.00.00\t\n"

        assert statuses(run(day_session, text.encode("utf-16"))) == {people["pekka"].pk: (Partial, 60)}


class TestImportPages:
    @pytest.fixture
    def as_trainer(self, client):
        trainer = UserFactory(is_trainer=True)
        client.force_login(trainer)
        return client, trainer

    def upload(self, client, session, content: bytes):
        with translation.override("en"):
            url = reverse("training:attendance_import", args=[session.pk])
        file = SimpleUploadedFile("lasnaolo.csv", content)
        return client.post(url, {"day": session.days.get().pk, "file": file})

    def test_the_dry_run_page_says_how_the_file_was_read(self, as_trainer, session):
        client, trainer = as_trainer
        session.trainers.add(trainer)
        seat(session, UserFactory(first_name="Sointu", last_name="Äijälä"))

        response = self.upload(client, session, file_bytes("sign_in_sheet_excel_fi.csv"))

        html = response.content.decode()
        assert "Character encoding: Windows-1252; separator: semicolon" in html
        assert not Attendance.objects.exists()

    def test_confirming_a_teams_report_records_partial_minutes(self, as_trainer, programme):
        client, trainer = as_trainer
        session = session_on_report_day(make_course(programme, "Lapset puheeksi"))
        session.trainers.add(trainer)
        pekka = seat(session, UserFactory(first_name="Pekka", last_name="Korhonen", email="pekka.korhonen@iisalmi.fi"))
        response = self.upload(client, session, file_bytes("teams_join_leave_fi.csv"))
        assert "Character encoding: UTF-16 LE; separator: tab" in response.content.decode()

        with translation.override("en"):
            confirm_url = reverse("training:attendance_import_confirm", args=[session.pk])
        response = client.post(confirm_url, response.context["confirm_form"].initial)

        assert response.status_code == 302
        assert list(Attendance.objects.values_list("enrolment", "status", "minutes")) == [(pekka.pk, Partial, 20)]
