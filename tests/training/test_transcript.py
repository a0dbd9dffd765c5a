"""The training transcript (koulutusote): every completed training with dates and hours, totals per year."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tests.factories import UserFactory, make_course
from tests.training.factories_certificates import completed, past_session
from training.models import Enrolment
from training.selectors.certificates import transcript
from training.services.certificates import certificate_issue, certificate_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return UserFactory(first_name="Aino", last_name="Äijälä")


@pytest.fixture
def courses(programme):
    return (
        make_course(programme, "Lapset puheeksi", duration_hours=Decimal("6")),
        make_course(programme, "=MARAK", duration_hours=Decimal("3.5")),
        make_course(programme, "Työpaja", duration_hours=0),
    )


def finish(course, person, completed_on: date, minutes: int = 0) -> Enrolment:
    enrolment = completed(past_session(course, days_ago=(date.today() - completed_on).days), person, minutes=minutes)
    enrolment.completed_on = completed_on
    enrolment.save()
    return enrolment


@pytest.fixture
def history(courses, person):
    first, second, third = courses
    year = date.today().year
    a = finish(first, person, date(year - 1, 3, 4))
    b = finish(second, person, date(year - 1, 11, 20))
    c = finish(third, person, date(year, 1, 15), minutes=150)
    certificate_issue(enrolment=a)
    revoked = certificate_issue(enrolment=b)
    certificate_revoke(certificate=revoked, reason="Virhe", revoked_by=None)
    completed(past_session(first, days_ago=30), person, outcome=Enrolment.Outcome.INCOMPLETE)
    completed(past_session(first, days_ago=30))  # someone else
    return a, b, c


def test_it_groups_completed_trainings_by_year_with_hours(person, history):
    a, b, c = history
    result = transcript(person)

    assert [year.year for year in result.years] == [c.completed_on.year, a.completed_on.year]
    assert [row.pk for row in result.years[1].rows] == [b.pk, a.pk]
    assert result.years[1].hours == Decimal("9.5")
    assert result.years[0].hours == Decimal("2.5")  # no course hours: the hours attended
    assert result.total_hours == Decimal("12")
    assert result.count == 3
    assert result.years[1].rows[1].valid_certificate.enrolment_id == a.pk
    assert result.years[1].rows[0].valid_certificate is None  # revoked


def test_the_csv_is_for_finnish_excel(client, person, history):
    client.force_login(person)
    response = client.get(reverse("training:transcript_csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="koulutusote-aino-aijala-')
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:2] == [gettext("Year"), gettext("Course")]
    assert any(";'=MARAK;" in line for line in lines)  # a formula stays text
    assert any(line.endswith(";9,5") for line in lines)
    assert lines[-1] == f"{gettext('Total')};3;12"


def test_the_pdf_downloads(client, person, history):
    client.force_login(person)
    response = client.get(reverse("training:transcript_pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_pdf_shows_every_training_and_the_totals(person, history):
    from training.documents.transcript import transcript_html

    with translation.override("en"):
        html = transcript_html(transcript(person))
    for shown in ("Lapset puheeksi", "=MARAK", "Työpaja", "Aino Äijälä", "9.5", "In all 3 trainings, 12 hours."):
        assert shown in html


def test_an_empty_transcript(client):
    client.force_login(UserFactory())
    assert client.get(reverse("training:transcript_pdf")).status_code == 200
    assert client.get(reverse("training:transcript_csv")).status_code == 200


def test_signing_in_comes_first(client):
    assert client.get(reverse("training:transcript_csv")).status_code == 302


def test_the_query_count_does_not_grow_with_the_trainings(client, person, courses):
    client.force_login(person)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("training:transcript_csv")).status_code == 200
        return len(queries)

    finish(courses[0], person, date(2024, 5, 5))
    count()  # the courses in the reader's language are in the shared cache after a first read
    few = count()
    for month in range(1, 9):
        certificate_issue(enrolment=finish(courses[month % 2], person, date(2023, month, 10)))
    count()
    assert count() == few


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_pdf_counts_the_trainings_of_each_year(person, history, language):
    from tests.training.pdfs import texts
    from training.documents.transcript import transcript_pdf

    a, _b, c = history
    with translation.override(language):
        content = transcript_pdf(transcript(person))
        per_year = [
            ngettext("%(year)s: %(counter)s training", "%(year)s: %(counter)s trainings", count)
            % {"year": year, "counter": count}
            for year, count in ((a.completed_on.year, 2), (c.completed_on.year, 1))
        ]
    for extractor, text in texts(content).items():
        flat = " ".join(text.split())
        for line in per_year:
            assert line in flat, (extractor, line)
        assert ": 0 " not in flat, extractor


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_pdf_is_tagged_in_the_language_it_is_written_in(person, history, language):
    from tests.training.pdfs import tagging
    from training.documents.transcript import transcript_pdf

    with translation.override(language):
        content = transcript_pdf(transcript(person))
        title = f"{gettext('Training transcript')} – Aino Äijälä"
    tags = tagging(content)
    assert (tags["marked"], tags["structure"], tags["pdfua"]) == (True, True, True)
    assert (tags["lang"], tags["title"]) == (language, title)
