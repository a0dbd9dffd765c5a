"""Feedback in the statistics: only sessions with five answers count, and no person's dimension cuts it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reporting.selectors.statistics import Scope, participation_statistics
from reporting.services.participations import participations_rebuild
from tests.factories import make_course
from tests.training.factories_feedback import answer, attendee, past_session

pytestmark = pytest.mark.django_db
FIVE = [(5, True), (4, True), (4, False), (3, True), (5, True)]


def answered(course, answers, *, silent=0):
    session = past_session(course)
    for overall, recommend in answers:
        answer(attendee(session), overall=overall, recommend=recommend)
    for _ in range(silent):
        attendee(session)
    return session


def statistics(by):
    today = timezone.localdate()
    return participation_statistics(scope=Scope(), date_from=today - timedelta(days=30), date_to=today, by=by)


def test_feedback_counts_only_sessions_with_five_answers(programme):
    course = make_course(programme, "Lapset puheeksi", kind="method")
    answered(course, FIVE, silent=1)
    answered(course, [(1, False), (1, False), (1, False)])  # too few: left out of every figure
    participations_rebuild()

    cell = statistics(["course_kind"]).rows[0]
    assert (cell.feedback_mean, cell.recommend_share) == (4.2, 0.8)
    assert cell.response_rate == pytest.approx(5 / 6)
    assert cell.participations == 9


def test_feedback_is_not_cut_by_a_persons_dimension(programme):
    answered(make_course(programme, "Lapset puheeksi"), FIVE)
    participations_rebuild()

    stats = statistics(["sector"])
    assert not stats.feedback
    assert all(cell.feedback_mean is None for cell in stats.rows)
    assert statistics([]).totals.feedback_mean == 4.2
