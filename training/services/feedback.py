"""Writes for anonymous feedback: answering, asking attendees to answer, copying a form.

An answer is written as a ``FeedbackResponse`` with its ``FeedbackAnswer`` rows, which name the
session and nothing about the person; the ``FeedbackReceipt`` written in the same transaction
records only that the person answered. Its unique constraint keeps it to one answer per person
and session even when two submissions race.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation

from people.tasks import send_email

from .. import notifications
from ..calendar import HELSINKI, absolute_url, course_in_language, course_url
from ..errors import TrainingError
from ..feedback.selectors import attendees, feedback_form_for, feedback_refusal
from ..models import (
    Enrolment,
    FeedbackAnswer,
    FeedbackForm,
    FeedbackQuestion,
    FeedbackReceipt,
    FeedbackResponse,
    Session,
)

Kind = FeedbackQuestion.Kind
MAX_TEXT_LENGTH = 4000
# Attendees are asked once, within this many days after the last day (`send_feedback_requests --days`).
REQUEST_WITHIN_DAYS = 30


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


def _answer_rows(form: FeedbackForm, answers: dict[str, object]) -> list[FeedbackAnswer]:
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
        rows.append(FeedbackAnswer(question=question, value=value[0], text=value[1]))
    return rows


@transaction.atomic
def feedback_submit(
    *, enrolment: Enrolment, answers: dict[str, object], now: datetime | None = None
) -> FeedbackResponse:
    """Store the person's anonymous answers to the session's form, once.

    ``answers`` maps question keys to values: 1-5 for a scale, True/False (or 1/0) for yes/no,
    text for a free-text question; optional questions may be left out. Codes:
    ``feedback_too_early`` before the last day has ended, ``feedback_not_attended`` for someone
    who was not there, ``feedback_already_given`` for a second answer, ``feedback_invalid`` for
    a missing required answer, an unknown question or a value out of range.
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
    response = FeedbackResponse.objects.create(session=session, form=form)
    for row in rows:
        row.response = response
    FeedbackAnswer.objects.bulk_create(rows)
    return response


@transaction.atomic
def feedback_form_copy(*, form: FeedbackForm, name: str) -> FeedbackForm:
    """A new, non-default form with ``form``'s questions, for a course to adapt."""
    copy = FeedbackForm.objects.create(name=name, is_default=False)
    FeedbackQuestion.objects.bulk_create(
        FeedbackQuestion(
            form=copy,
            sort_order=question.sort_order,
            key=question.key,
            kind=question.kind,
            text_fi=question.text_fi,
            text_sv=question.text_sv,
            text_en=question.text_en,
            required=question.required,
        )
        for question in form.questions.all()
    )
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

    Like the reminders, each batch is claimed with ``SELECT … FOR UPDATE SKIP LOCKED`` and marked
    in the transaction that enqueues its emails, so concurrent runs share the work and a second
    run finds nothing left.
    """
    now = now or timezone.now()
    due = feedback_requests_due(now=now, days=days)
    sent = 0
    while True:
        with transaction.atomic():
            batch = list(
                due.select_for_update(skip_locked=True, of=("self",))
                .select_related("person", "session__course")
                .prefetch_related("session__days")[:batch_size]
            )
            if not batch:
                return sent
            Enrolment.objects.filter(pk__in=[enrolment.pk for enrolment in batch]).update(feedback_requested_at=now)
            for enrolment in batch:
                if enrolment.person.is_active and enrolment.person.email:
                    _enqueue_request(enrolment)
                    sent += 1


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
