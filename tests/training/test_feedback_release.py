"""Answers wait until enough have come, then are released together: shuffled, in one transaction of their own."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from tests.factories import UserFactory, make_course
from tests.training.factories_feedback import answer, attendee, past_session
from training.management.commands.run_schedule import JOBS
from training.models import (
    FeedbackAnswer,
    FeedbackPending,
    FeedbackQuestion,
    FeedbackReceipt,
    FeedbackResponse,
    Session,
)
from training.selectors.feedback import FEEDBACK_OPEN_DAYS
from training.selectors.feedback_results import feedback_results
from training.services import feedback as feedback_services
from training.services.feedback import feedback_release_pending

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(programme):
    return make_course(programme, "Perhekeskus tutuksi")


@pytest.fixture
def session(course):
    return past_session(course)


def answers_from(session, count: int, *, start: int = 0) -> None:
    """``count`` attendees answer in turn; the nth (from ``start``) rates the trainers n % 5 + 1."""
    for number in range(start, start + count):
        answer(attendee(session), trainers=number % 5 + 1)


def test_two_answers_wait_and_the_results_show_nothing(client, session):
    trainer = UserFactory(is_trainer=True)
    session.trainers.add(trainer)
    answers_from(session, 2)

    assert not FeedbackResponse.objects.exists()
    assert not FeedbackAnswer.objects.exists()
    assert FeedbackPending.objects.filter(session=session).count() == FeedbackReceipt.objects.count() == 2
    results = feedback_results(Session.objects.filter(pk=session.pk))
    assert (results.responses, results.answered, results.pending, results.shown) == (0, 2, 2, False)
    client.force_login(trainer)
    with translation.override("en"):
        page = client.get(reverse("training:feedback_session", args=[session.pk])).content.decode()
        waiting = ngettext(
            "%(counter)s answer is waiting to be released. Answers are added to the results together, at least "
            "%(minimum)s at a time, so that no answer can be linked to the person who gave it.",
            "%(counter)s answers are waiting to be released. Answers are added to the results together, at least "
            "%(minimum)s at a time, so that no answer can be linked to the person who gave it.",
            2,
        ) % {"counter": 2, "minimum": 5}
    assert waiting in page
    assert "<svg" not in page


def test_the_fifth_answer_releases_all_five_together(session):
    answers_from(session, 4)
    assert not FeedbackResponse.objects.exists()

    answers_from(session, 1, start=4)

    assert not FeedbackPending.objects.exists()
    assert FeedbackResponse.objects.filter(session=session).count() == 5
    assert sorted(FeedbackAnswer.objects.filter(question__key="trainers").values_list("value", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
    ]
    assert feedback_results(Session.objects.filter(pk=session.pk)).shown


def test_later_answers_wait_for_a_batch_of_their_own(session):
    answers_from(session, 5)
    answers_from(session, 3, start=5)

    assert FeedbackResponse.objects.count() == 5
    assert FeedbackPending.objects.count() == 3
    results = feedback_results(Session.objects.filter(pk=session.pk))
    assert (results.responses, results.answered, results.pending) == (5, 8, 3)


def test_a_release_that_fails_half_way_releases_nothing(session, monkeypatch):
    answers_from(session, 4)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(FeedbackAnswer.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        feedback_release_pending(session=session, force=True)

    assert not FeedbackResponse.objects.exists()
    assert FeedbackPending.objects.count() == 4


def test_a_failing_release_does_not_lose_the_answer(session, monkeypatch):
    """The release after the commit is robust: the answer and its receipt stay, the next run releases them."""
    answers_from(session, 4)
    monkeypatch.setattr(FeedbackAnswer.objects, "bulk_create", lambda *args, **kwargs: 1 / 0)

    answers_from(session, 1, start=4)

    assert FeedbackPending.objects.count() == FeedbackReceipt.objects.count() == 5
    monkeypatch.undo()
    assert feedback_release_pending() == 5


def insertion_order(model) -> list:
    column = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {model._meta.db_table} ORDER BY {column}")  # noqa: S608
        return [model._meta.pk.to_python(row[0]) for row in cursor.fetchall()]


class Reverse:
    def shuffle(self, items: list) -> None:
        items.reverse()


def test_the_released_rows_are_written_in_the_shuffled_order(session, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(feedback_services, "min_answers", lambda: 99)  # keep them waiting
        answers_from(session, 5)
    trainers = FeedbackQuestion.objects.get(form__is_default=True, key="trainers").pk
    given = [
        next(value for question, value, _text in answers if question == trainers)
        for answers in FeedbackPending.objects.values_list("answers", flat=True)
    ]
    monkeypatch.setattr(feedback_services, "_random", Reverse())

    assert feedback_release_pending(session=session) == 5

    values = dict(FeedbackAnswer.objects.filter(question_id=trainers).values_list("response_id", "value"))
    released = [values[pk] for pk in insertion_order(FeedbackResponse)]
    assert sorted(given) == [1, 2, 3, 4, 5]
    assert released == list(reversed(given))


def test_the_shuffle_is_from_the_system_random_source():
    import random

    assert isinstance(feedback_services._random, random.SystemRandom)


def test_few_answers_are_released_once_the_feedback_period_has_closed(course):
    closed = past_session(course, days_ago=FEEDBACK_OPEN_DAYS + 1)
    open_ = past_session(course, days_ago=FEEDBACK_OPEN_DAYS - 5)
    answers_from(closed, 2)
    answers_from(open_, 2)
    assert not FeedbackResponse.objects.exists()

    assert feedback_release_pending() == 2

    assert FeedbackResponse.objects.filter(session=closed).count() == 2
    assert FeedbackPending.objects.filter(session=open_).count() == 2


def test_an_answer_after_the_period_has_closed_waits_for_the_scheduled_run(course):
    """Released right after its receipt, a late answer would be the one released next to it: it waits."""
    closed = past_session(course, days_ago=FEEDBACK_OPEN_DAYS + 1)

    answers_from(closed, 1)

    assert FeedbackPending.objects.count() == 1
    assert feedback_release_pending() == 1


def test_force_releases_every_waiting_answer(course):
    first, second = past_session(course), past_session(course, days_ago=10)
    answers_from(first, 1)
    answers_from(second, 3)

    assert feedback_release_pending(force=True) == 4

    assert not FeedbackPending.objects.exists()
    assert FeedbackResponse.objects.count() == 4


def test_a_question_removed_while_answers_waited_is_left_out(session):
    answers_from(session, 1)
    FeedbackQuestion.objects.filter(key="trainers").delete()

    feedback_release_pending(force=True)

    response = FeedbackResponse.objects.get()
    assert sorted(response.answers.values_list("question__key", flat=True)) == ["overall", "recommend", "usefulness"]


def test_the_command_releases_and_reports(course):
    answers_from(past_session(course), 2)
    out = StringIO()

    call_command("release_feedback", stdout=out)
    assert out.getvalue().strip() == "Released 0 feedback answers."
    call_command("release_feedback", "--all", stdout=out)

    assert "Released 2 feedback answers." in out.getvalue()
    assert FeedbackResponse.objects.count() == 2


def test_the_schedule_releases_feedback_after_the_other_jobs():
    assert JOBS[:4] == ("close_sessions", "send_reminders", "send_feedback_requests", "release_feedback")
