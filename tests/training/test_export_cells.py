"""The training workbooks as a spreadsheet reads them: positions, counts and means are numbers, moments are dates."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import UserFactory, make_course
from tests.spreadsheets import column, figures_as_text, is_date, is_number, workbook
from tests.training import test_exports
from tests.training.test_feedback_results import FIVE, answered_session

pytestmark = pytest.mark.django_db
course, trainer, session, participants, as_trainer = (
    test_exports.course,
    test_exports.trainer,
    test_exports.session,
    test_exports.participants,
    test_exports.as_trainer,
)


def get_xlsx(client, name: str, *args):
    with translation.override("en"):
        response = client.get(reverse(f"training:{name}", args=args))
    assert response.status_code == 200
    return workbook(response.content)


def test_the_participant_list_has_positions_as_numbers_and_enrolment_times_as_dates(as_trainer, session, participants):
    book = get_xlsx(as_trainer, "organiser_participants_xlsx", session.pk)

    confirmed, waiting = book.worksheets
    assert [cell.value for cell in column(waiting, "Position on the waiting list")] == [1, 2]
    assert all(is_number(cell) for cell in column(waiting, "Position on the waiting list"))
    for sheet in (confirmed, waiting):
        moments = column(sheet, "Enrolled at")
        assert moments and all(is_date(cell) for cell in moments)
    assert figures_as_text(book) == []


def test_the_feedback_summary_has_counts_means_and_shares_as_numbers(client, programme):
    feedback_trainer = UserFactory(is_trainer=True)
    feedback_course = make_course(programme, "Lapset puheeksi")
    session = answered_session(feedback_course, FIVE, trainer=feedback_trainer, silent=1, days_ago=8)
    client.force_login(feedback_trainer)

    summary, _texts = get_xlsx(client, "feedback_session_export", session.pk, "xlsx").worksheets

    rows = {row[0].value: row for row in summary.iter_rows() if row[0].value}
    with translation.override("en"):
        for label in ("Answers", "Attendees", "Response rate (%)"):
            assert is_number(rows[gettext(label)][1]), label
    overall = rows["Overall, how would you rate the training?"]
    assert [cell.value for cell in overall[1:8]] == [5, 4.2, 0, 0, 1, 2, 2]
    assert all(is_number(cell) for cell in overall[1:8])
    recommend = rows["Would you recommend the training to a colleague?"]
    assert [cell.value for cell in recommend[8:11]] == [4, 1, 80.0]
    assert all(is_number(cell) for cell in recommend[8:11])
