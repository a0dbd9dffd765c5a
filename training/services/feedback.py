"""Writes for anonymous feedback: answering, releasing answers, asking attendees to answer, copying a form.

An answer is written as a ``FeedbackPending`` row, which names the session and nothing about the
person; the ``FeedbackReceipt`` written in the same transaction records only that the person
answered. Its unique constraint keeps it to one answer per person and session even when two
submissions race.

Rows written in one transaction can be matched with each other (on PostgreSQL they share
``xmin``; anywhere the insertion order gives them away), so the answers are released to the
results only in batches: ``feedback_release_pending`` turns the waiting answers of a session
into ``FeedbackResponse`` and ``FeedbackAnswer`` rows once at least
``settings.FEEDBACK_MIN_ANSWERS`` are waiting, or whatever their number once the feedback period
has closed (``FEEDBACK_OPEN_DAYS`` after the last day; the scheduled ``release_feedback`` does
that, never the submission itself). A batch is shuffled and written in one transaction of its
own, so its rows share that transaction and carry no order.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation

from core.urls import absolute_url
from people.tasks import send_email

from .. import notifications
from ..documents.calendar import HELSINKI, course_url
from ..errors import TrainingError
from ..models import (
    Enrolment,
    FeedbackAnswer,
    FeedbackForm,
    FeedbackPending,
    FeedbackQuestion,
    FeedbackReceipt,
    FeedbackResponse,
    Session,
)
from ..selectors.courses import course_in_language
from ..selectors.feedback import FEEDBACK_OPEN_DAYS, attendees, feedback_form_for, feedback_refusal, min_answers
from ..signals import send_participations_changed
from .batches import send_in_batches

Kind = FeedbackQuestion.Kind
MAX_TEXT_LENGTH = 4000
# Attendees are asked once, within this many days after the last day (`send_feedback_requests --days`).
REQUEST_WITHIN_DAYS = 30
# Shuffles each released batch; a module attribute so that tests can replace it.
_random = random.SystemRandom()


def _value(question: FeedbackQuestion, raw: object) -> tuple[int | None, str] | None:
    """The stored (value, text) of one answer, None for no answer; TrainingError for a bad one."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if question.kind == Kind.TEXT:
        if not isinstance(raw, str) or len(raw) > MAX_TEXT_LENGTH:
            raise TrainingError("feedback_invalid", question=question.key)
        return None, raw.strip()
    if isinstance(raw, bool):
        if question.kind != Kind.YES_NO:
            raise TrainingError("feedback_invalid", question=question.key)
        return int(raw), ""
    if isinstance(raw, str) and raw.strip().isdigit():
        raw = int(raw.strip())
    allowed = range(1, 6) if question.kind == Kind.SCALE else (0, 1)
    if not isinstance(raw, int) or raw not in allowed:
        raise TrainingError("feedback_invalid", question=question.key)
    return raw, ""


def _answer_rows(form: FeedbackForm, answers: dict[str, object]) -> list[list[object]]:
    """The checked answers as ``[question id, value, text]``, as ``FeedbackPending.answers`` keeps them."""
    questions = {question.key: question for question in form.questions.all()}
    if unknown := set(answers) - set(questions):
        raise TrainingError("feedback_invalid", question=sorted(unknown)[0])
    rows = []
    for key, question in questions.items():
        value = _value(question, answers.get(key))
        if value is None:
            if question.required:
                raise TrainingError("feedback_invalid", question=key)
            continue
        rows.append([question.pk, value[0], value[1]])
    return rows


@transaction.atomic
def feedback_submit(
    *, enrolment: Enrolment, answers: dict[str, object], now: datetime | None = None
) -> FeedbackPending:
    """Store the person's anonymous answers to the session's form, once, to be released with others.

    ``answers`` maps question keys to values: 1-5 for a scale, True/False (or 1/0) for yes/no,
    text for a free-text question; optional questions may be left out. Codes:
    ``feedback_too_early`` before the last day has ended, ``feedback_not_attended`` for someone
    who was not there, ``feedback_already_given`` for a second answer, ``feedback_invalid`` for
    a missing required answer, an unknown question or a value out of range. Once the transaction
    has committed, the session's waiting answers are released if there are enough of them.
    """
    enrolment = Enrolment.objects.select_related("session__course").get(pk=enrolment.pk)
    session = enrolment.session
    answered = FeedbackReceipt.objects.filter(session=session, person_id=enrolment.person_id).exists()
    if code := feedback_refusal(enrolment, answered=answered, now=now):
        raise TrainingError(code)
    form = feedback_form_for(session)
    if form is None:
        raise TrainingError("feedback_unavailable")
    rows = _answer_rows(form, answers)
    try:
        with transaction.atomic():
            FeedbackReceipt.objects.create(session=session, person_id=enrolment.person_id)
    except IntegrityError:
        raise TrainingError("feedback_already_given") from None
    pending = FeedbackPending.objects.create(session=session, form=form, answers=rows)
    send_participations_changed([enrolment.pk])
    # After the commit, in a transaction of its own, and only a full batch: what is left when the
    # period closes goes with the scheduled run. Should this fail, the scheduled run releases them.
    transaction.on_commit(lambda: _release_session(session.pk, force=False, now=None, closed=False), robust=True)
    return pending


# Releasing answers
# ------------------------------------------------------------------------------


def feedback_release_pending(
    *, session: Session | None = None, force: bool = False, now: datetime | None = None
) -> int:
    """Release the waiting answers of ``session`` (else of every session) in shuffled batches; returns how many.

    A session's answers are released once at least ``FEEDBACK_MIN_ANSWERS`` are waiting, or
    whatever their number when its feedback period has closed (``FEEDBACK_OPEN_DAYS`` after the
    last day) or with ``force``. Each session's batch is claimed with ``SELECT … FOR UPDATE SKIP
    LOCKED``, so concurrent runs never release an answer twice.
    """
    now = now or timezone.now()
    if session is not None:
        session_ids = [session.pk]
    else:
        session_ids = list(
            FeedbackPending.objects.order_by("session_id").values_list("session_id", flat=True).distinct()
        )
    return sum(_release_session(session_id, force=force, now=now, closed=True) for session_id in session_ids)


def _period_closed(session_id: int, now: datetime) -> bool:
    return Session.objects.filter(pk=session_id, ends_at__lte=now - timedelta(days=FEEDBACK_OPEN_DAYS)).exists()


@transaction.atomic
def _release_session(session_id: int, *, force: bool, now: datetime | None, closed: bool) -> int:
    """Release the session's waiting answers: enough of them, ``force``, or ``closed`` and the period has closed."""
    batch = list(FeedbackPending.objects.filter(session_id=session_id).select_for_update(skip_locked=True))
    if not batch:
        return 0
    if len(batch) < min_answers() and not force and not (closed and _period_closed(session_id, now or timezone.now())):
        return 0
    _random.shuffle(batch)
    asked = {question_id for pending in batch for question_id, _value, _text in pending.answers}
    # A question removed meanwhile (the admin refuses, but not every deletion goes through it) is left out.
    existing = set(FeedbackQuestion.objects.filter(pk__in=asked).values_list("pk", flat=True))
    responses, rows = [], []
    for pending in batch:
        response = FeedbackResponse(session_id=session_id, form_id=pending.form_id)
        responses.append(response)
        rows.extend(
            FeedbackAnswer(response=response, question_id=question_id, value=value, text=text)
            for question_id, value, text in pending.answers
            if question_id in existing
        )
    FeedbackResponse.objects.bulk_create(responses)
    FeedbackAnswer.objects.bulk_create(rows)
    FeedbackPending.objects.filter(pk__in=[pending.pk for pending in batch]).delete()
    return len(batch)


@transaction.atomic
def feedback_form_copy(*, form: FeedbackForm, name: str) -> FeedbackForm:
    """A new, non-default form with ``form``'s questions, for a course to adapt."""
    copy = FeedbackForm.objects.create(name=name, is_default=False)
    FeedbackQuestion.objects.bulk_create(question.unsaved_copy(form=copy) for question in form.questions.all())
    return copy


# Asking attendees
# ------------------------------------------------------------------------------


def feedback_requests_due(*, now: datetime, days: int = REQUEST_WITHIN_DAYS):
    """Attendees of sessions that ended within ``days`` who have been neither asked nor answered."""
    receipts = FeedbackReceipt.objects.filter(session_id=OuterRef("session_id"), person_id=OuterRef("person_id"))
    return (
        attendees()
        .filter(
            feedback_requested_at__isnull=True,
            session__ends_at__lte=now,
            session__ends_at__gte=now - timedelta(days=days),
        )
        .exclude(session__status=Session.Status.CANCELLED)
        .exclude(Exists(receipts))
        .order_by("pk")
    )


def feedback_requests_send(
    *, now: datetime | None = None, days: int = REQUEST_WITHIN_DAYS, batch_size: int = 100
) -> int:
    """Email each attendee of a recently ended session a request for feedback, once; returns how many were sent.

    Claimed batch by batch like the reminders (``send_in_batches``), so concurrent runs share the
    work and a second run finds nothing left.
    """
    now = now or timezone.now()
    due = feedback_requests_due(now=now, days=days)
    return send_in_batches(
        due,
        mark={"feedback_requested_at": now},
        related=("person", "session__course"),
        send=_request_feedback,
        batch_size=batch_size,
    )


def _request_feedback(enrolment: Enrolment) -> int:
    if not (enrolment.person.is_active and enrolment.person.email):
        return 0
    _enqueue_request(enrolment)
    return 1


def _enqueue_request(enrolment: Enrolment) -> None:
    person = enrolment.person
    language = person.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(HELSINKI):
        course = course_in_language(enrolment.session.course, language)
        context = {
            "recipient": person,
            "recipient_name": person.first_name or person.get_full_name(),
            "course_title": course.title,
            "course_url": course_url(course, fallback=enrolment.session.course),
            "days": notifications.day_lines(enrolment.session.days.all()),
            "feedback_url": absolute_url(reverse("training:feedback_answer", args=[enrolment.pk])),
            "my_trainings_url": notifications.site_url(notifications.MY_TRAININGS_VIEW),
        }
        subject, body = notifications.render_email("feedback_request", context)
    send_email.enqueue(subject=subject, body=body, to=[person.email])
