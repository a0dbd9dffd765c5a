"""One answer per person even when the same person sends the form many times at once (PostgreSQL).

The check before writing sees no receipt in every parallel transaction; the receipt's unique
constraint lets exactly one of them through, and the others roll back their answers with it.
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
from training.models import Enrolment, FeedbackAnswer, FeedbackReceipt, FeedbackResponse, Session
from training.services import feedback as feedback_services
from training.services.feedback import feedback_requests_send, feedback_submit

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

    stored = [result for result in results if isinstance(result, FeedbackResponse)]
    refused = [result for result in results if isinstance(result, TrainingError)]
    assert len(stored) == 1
    assert [error.code for error in refused] == ["feedback_already_given"] * (PARALLEL - 1)
    assert FeedbackReceipt.objects.count() == FeedbackResponse.objects.count() == 1
    assert FeedbackAnswer.objects.count() == len(VALID_ANSWERS)


def test_parallel_request_runs_ask_each_attendee_once(session):
    people = [attendee(session) for _ in range(30)]
    now = timezone.now()

    counts = run_together([lambda: feedback_requests_send(now=now, batch_size=3)] * 4)

    assert sum(counts) == len(people)
    assert not Enrolment.objects.filter(session=session, feedback_requested_at__isnull=True).exists()
    assert Session.objects.count() == 1
