"""One answer per person even when the same person sends the form many times at once (PostgreSQL).

The check before writing sees no receipt in every parallel transaction; the receipt's unique
constraint lets exactly one of them through, and the others roll back their answers with it.
Released answers never share a transaction (``xmin``) with a receipt.
"""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from tests.conftest import skip_or_fail
from tests.factories import make_course
from tests.training.factories_feedback import VALID_ANSWERS, attendee, past_session
from tests.training.test_concurrency import run_together
from training.errors import TrainingError
from training.models import Enrolment, FeedbackAnswer, FeedbackPending, FeedbackReceipt, FeedbackResponse, Session
from training.services import feedback as feedback_services
from training.services.feedback import feedback_release_pending, feedback_requests_send, feedback_submit

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PARALLEL = 10


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        skip_or_fail("concurrency tests need PostgreSQL: run with DATABASE_URL=postgres://...")


@pytest.fixture
def session(home):
    from tests.factories import ProgrammePageFactory

    return past_session(make_course(ProgrammePageFactory.create(home), "Perhekeskus tutuksi"))


def test_parallel_submissions_of_one_person_store_one_answer(session, monkeypatch):
    enrolment = attendee(session)
    # Hold every submission after its check until all have checked, so that they truly race.
    barrier = threading.Barrier(PARALLEL)
    original = feedback_services.feedback_refusal

    def refusal_then_wait(*args, **kwargs):
        code = original(*args, **kwargs)
        barrier.wait(timeout=30)
        return code

    monkeypatch.setattr(feedback_services, "feedback_refusal", refusal_then_wait)

    results = run_together([lambda: feedback_submit(enrolment=enrolment, answers=VALID_ANSWERS)] * PARALLEL)

    stored = [result for result in results if isinstance(result, FeedbackPending)]
    refused = [result for result in results if isinstance(result, TrainingError)]
    assert len(stored) == 1
    assert [error.code for error in refused] == ["feedback_already_given"] * (PARALLEL - 1)
    assert FeedbackReceipt.objects.count() == FeedbackPending.objects.count() == 1
    feedback_release_pending(force=True)
    assert FeedbackResponse.objects.count() == 1
    assert FeedbackAnswer.objects.count() == len(VALID_ANSWERS)


def xmins(model) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text FROM {model._meta.db_table}")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def test_released_answers_share_no_transaction_with_a_receipt(session):
    for _ in range(7):
        feedback_submit(enrolment=attendee(session), answers=VALID_ANSWERS)  # commits; the fifth releases five

    assert FeedbackResponse.objects.count() == 5
    assert FeedbackPending.objects.count() == 2
    receipts = set(xmins(FeedbackReceipt))
    assert len(receipts) == 7  # each answer in a transaction of its own
    assert len(set(xmins(FeedbackResponse))) == 1  # the five released together
    assert not set(xmins(FeedbackResponse)) & receipts
    assert not set(xmins(FeedbackAnswer)) & receipts

    feedback_release_pending(force=True)

    assert len(set(xmins(FeedbackResponse))) == 2
    assert not set(xmins(FeedbackResponse)) & receipts
    assert not set(xmins(FeedbackAnswer)) & receipts


def test_parallel_releases_release_each_answer_once(session, monkeypatch):
    monkeypatch.setattr(feedback_services, "min_answers", lambda: 99)  # keep the answers waiting
    for _ in range(12):
        feedback_submit(enrolment=attendee(session), answers=VALID_ANSWERS)

    counts = run_together([lambda: feedback_release_pending(force=True)] * 4)

    assert sum(counts) == 12
    assert FeedbackResponse.objects.count() == 12
    assert not FeedbackPending.objects.exists()


def test_parallel_request_runs_ask_each_attendee_once(session):
    people = [attendee(session) for _ in range(30)]
    now = timezone.now()

    counts = run_together([lambda: feedback_requests_send(now=now, batch_size=3)] * 4)

    assert sum(counts) == len(people)
    assert not Enrolment.objects.filter(session=session, feedback_requested_at__isnull=True).exists()
    assert Session.objects.count() == 1
