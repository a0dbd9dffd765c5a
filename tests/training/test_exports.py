"""Participant lists (CSV, XLSX) and sign-in sheets (PDF) of a session."""

import csv
import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from tests.factories import OrgUnitFactory, ProfessionalGroupFactory, UserFactory, enrol, make_course, make_session
from tests.training.pdfs import tagging, texts
from training.documents import participants as exports
from training.documents import pdf
from training.selectors import session_roster

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"training:{name}", args=args)


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi")


@pytest.fixture
def trainer():
    return UserFactory(is_trainer=True, first_name="Tiina", last_name="Kouluttaja")


@pytest.fixture
def session(course, trainer):
    session = make_session(course, capacity=2, days=2)
    session.trainers.add(trainer)
    return session


@pytest.fixture
def as_trainer(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def participants(session):
    """Two seats taken (listed by name), two people in line."""
    unit = OrgUnitFactory(name="Neuvola Kuopio")
    nurse = ProfessionalGroupFactory(code="terveydenhoitaja", name_en="Public health nurse")
    virtanen = enrol(
        session, UserFactory(first_name="Ville", last_name="Virtanen", unit=unit, professional_group=nurse)
    )
    aalto = enrol(session, UserFactory(first_name="Anna", last_name="Äälto", unit=unit, professional_group=nurse))
    first = enrol(session, UserFactory(first_name="Eero", last_name="Esimerkki"))
    second = enrol(session, UserFactory(first_name="Outi", last_name="Odottaja"))
    return {"confirmed": [virtanen, aalto], "waiting": [first, second]}


def csv_rows(response) -> list[list[str]]:
    content = response.content
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


class TestCsv:
    def test_it_lists_confirmed_participants_then_the_waiting_list_with_positions(
        self, as_trainer, session, participants
    ):
        response = as_trainer.get(url("organiser_participants_csv", session.pk))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = csv_rows(response)
        assert rows[0] == [
            "Last name",
            "First name",
            "Email",
            "Organisation",
            "Sector",
            "Municipality",
            "Unit",
            "Professional group",
            "Status",
            "Position on the waiting list",
            "Enrolled at",
            "Days attended",
            "Outcome",
        ]
        body = [(row[0], row[8], row[9]) for row in rows[1:]]
        assert body == [
            ("Virtanen", "Confirmed", ""),
            ("Äälto", "Confirmed", ""),
            ("Esimerkki", "On the waiting list", "1"),
            ("Odottaja", "On the waiting list", "2"),
        ]
        virtanen = rows[1]
        assert virtanen[2] == participants["confirmed"][0].person.email
        assert (virtanen[6], virtanen[7]) == ("Neuvola Kuopio", "Public health nurse")
        assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", virtanen[10])

    def test_it_is_named_after_the_course_and_the_date(self, as_trainer, session):
        response = as_trainer.get(url("organiser_participants_csv", session.pk))
        date = timezone.localtime(session.starts_at).strftime("%Y-%m-%d")
        assert response["Content-Disposition"] == f'attachment; filename="osallistujat-lapset-puheeksi-{date}.csv"'
        assert "no-store" in response["Cache-Control"]

    def test_a_name_that_looks_like_a_formula_stays_text(self, as_trainer, session):
        enrol(session, UserFactory(first_name="=HYPERLINK(1)", last_name="+Plus"))
        rows = csv_rows(as_trainer.get(url("organiser_participants_csv", session.pk)))
        assert rows[1][:2] == ["'+Plus", "'=HYPERLINK(1)"]

    def test_the_query_count_does_not_grow_with_the_participants(
        self, as_trainer, session, django_assert_max_num_queries
    ):
        session.capacity = 60
        session.save()
        enrol(session)
        as_trainer.get(url("organiser_participants_csv", session.pk))
        with django_assert_max_num_queries(9) as one:
            as_trainer.get(url("organiser_participants_csv", session.pk))
        for _ in range(49):
            enrol(session, UserFactory(unit=OrgUnitFactory(), professional_group=ProfessionalGroupFactory()))
        with django_assert_max_num_queries(len(one.captured_queries)):
            response = as_trainer.get(url("organiser_participants_csv", session.pk))
        assert len(csv_rows(response)) == 51


class TestXlsx:
    def test_it_has_the_participants_and_the_waiting_list_on_two_sheets(self, as_trainer, session, participants):
        response = as_trainer.get(url("organiser_participants_xlsx", session.pk))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        assert response["Content-Disposition"].endswith('.xlsx"')
        assert "osallistujat-lapset-puheeksi-" in response["Content-Disposition"]
        workbook = load_workbook(io.BytesIO(response.content))
        assert workbook.sheetnames == ["Participants", "Waiting list"]
        confirmed, waiting = workbook["Participants"], workbook["Waiting list"]
        header = [cell.value for cell in confirmed[1]]
        assert header[:3] == ["Last name", "First name", "Email"]
        assert all(cell.font.bold for cell in confirmed[1])
        assert [row[0] for row in confirmed.iter_rows(min_row=2, values_only=True)] == ["Virtanen", "Äälto"]
        assert [row[:2] for row in waiting.iter_rows(min_row=2, values_only=True)] == [
            (1, "Esimerkki"),
            (2, "Odottaja"),
        ]
        assert confirmed.column_dimensions["C"].width > len("Email")
        enrolled_at = confirmed.cell(row=2, column=header.index("Enrolled at") + 1).value
        assert enrolled_at.tzinfo is None
        expected = timezone.make_naive(participants["confirmed"][0].created_at)
        assert abs((enrolled_at - expected).total_seconds()) < 1

    def test_a_formula_is_written_as_text(self, session):
        enrol(session, UserFactory(last_name="=1+1"))
        workbook = load_workbook(io.BytesIO(exports.participants_xlsx(session_roster(session))))
        # Outside a request the sheets are named in the default language.
        with translation.override(settings.LANGUAGE_CODE):
            participants_sheet = gettext("Participants")
        cell = workbook[participants_sheet]["A2"]
        assert (cell.value, cell.data_type) == ("=1+1", "s")


class TestSigninSheet:
    def test_it_is_a_pdf_for_one_day(self, as_trainer, session, participants):
        day = session.days.last()
        response = as_trainer.get(url("organiser_signin_sheet", session.pk, day.pk))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        date = timezone.localtime(day.starts_at).strftime("%Y-%m-%d")
        assert response["Content-Disposition"] == f'inline; filename="allekirjoituslista-lapset-puheeksi-{date}.pdf"'

    def test_a_day_of_another_session_is_not_found(self, as_trainer, session, course):
        other_day = make_session(course).days.get()
        assert as_trainer.get(url("organiser_signin_sheet", session.pk, other_day.pk)).status_code == 404

    def test_it_lists_the_confirmed_participants_and_nothing_external(self, session, participants, trainer):
        days = list(session.days.all())
        with translation.override("en"):
            html = exports.signin_sheet_html(
                session=session, day=days[1], days=days, roster=session_roster(session), trainers=[trainer]
            )
        assert "Virtanen, Ville" in html and "Äälto, Anna" in html
        assert "Esimerkki" not in html  # the waiting list does not sign in
        assert "Neuvola Kuopio" in html and str(trainer) in html
        assert session.place_name in html and "day 2 of 2" in html
        assert not re.search(r"(src|href)=|url\(|@import|https?://", html)
        document = pdf.document(html).render()
        assert len(document.pages) == 1

    def test_it_is_tagged_and_reads_back_in_the_pages_language(self, as_trainer, session, participants):
        day = session.days.first()

        content = as_trainer.get(url("organiser_signin_sheet", session.pk, day.pk)).content  # the English pages

        tags = tagging(content)
        assert (tags["marked"], tags["structure"], tags["pdfua"]) == (True, True, True)
        assert tags["lang"] == "en"
        assert tags["title"].endswith(session.course.title)
        for extractor, text in texts(content).items():
            assert "Virtanen, Ville" in text and "Äälto, Anna" in text, extractor

    def test_a_long_list_runs_over_pages(self, session, trainer):
        session.capacity = 60
        session.save()
        for _ in range(60):
            enrol(session)
        days = list(session.days.all())
        html = exports.signin_sheet_html(
            session=session, day=days[0], days=days, roster=session_roster(session), trainers=[trainer]
        )
        assert len(pdf.document(html).render().pages) >= 2


class TestAttendanceOutcomeAndWhere:
    def test_each_participant_has_municipality_sector_days_attended_and_outcome(self, as_trainer, session):
        from people.models import Municipality, Organisation
        from training.models import Attendance, Enrolment

        def municipality(code, name):  # the factory's sequence of codes may have reached this one in this process
            return Municipality.objects.update_or_create(code=code, defaults={"name_fi": name, "name_sv": name})[0]

        kuopio, siilinjarvi = municipality("297", "Kuopio"), municipality("749", "Siilinjärvi")
        organisation = Organisation.objects.create(
            name="Pohjois-Savon hyvinvointialue", sector="hyvinvointialue", municipality=kuopio
        )
        area = OrgUnitFactory(name="Siilinjärven alue", organisation=organisation, municipality=siilinjarvi)
        clinic = OrgUnitFactory(name="Neuvola Siilinjärvi", organisation=organisation, parent=area)
        central = OrgUnitFactory(name="Neuvola Kuopio", organisation=organisation)
        inherited = enrol(session, UserFactory(last_name="Alue", unit=clinic))
        organisations = enrol(session, UserFactory(last_name="Keskus", unit=central))
        first, second = session.days.all()
        Attendance.objects.create(enrolment=inherited, day=first, status=Attendance.Status.PRESENT)
        Attendance.objects.create(enrolment=inherited, day=second, status=Attendance.Status.PARTIAL, minutes=60)
        Attendance.objects.create(enrolment=organisations, day=first, status=Attendance.Status.ABSENT)
        Enrolment.objects.filter(pk=inherited.pk).update(outcome=Enrolment.Outcome.COMPLETED)

        rows = csv_rows(as_trainer.get(url("organiser_participants_csv", session.pk)))
        header = rows[0]
        by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}

        assert by_name["Alue"]["Municipality"] == "Siilinjärvi"  # the nearest unit that names one
        assert by_name["Keskus"]["Municipality"] == "Kuopio"  # else the organisation's
        assert by_name["Alue"]["Sector"] == organisation.get_sector_display()
        assert (by_name["Alue"]["Days attended"], by_name["Keskus"]["Days attended"]) == ("2 / 2", "0 / 2")
        assert by_name["Alue"]["Outcome"] == str(Enrolment.Outcome.COMPLETED.label)
        assert by_name["Keskus"]["Outcome"] == ""

        workbook = load_workbook(io.BytesIO(as_trainer.get(url("organiser_participants_xlsx", session.pk)).content))
        sheet_header = [cell.value for cell in workbook["Participants"][1]]
        assert {"Sector", "Municipality", "Days attended", "Outcome"} <= set(sheet_header)
