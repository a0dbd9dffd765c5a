"""Reads for feedback: which form a session uses, who may answer, and what is due on My trainings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from ..models import CoursePage, Enrolment, FeedbackForm, FeedbackReceipt, FeedbackResponse, Session
from .organiser import sessions_organised_by

ATTENDED = (Enrolment.Outcome.COMPLETED, Enrolment.Outcome.INCOMPLETE)
# "Give feedback" stays on My trainings this long after the last day.
FEEDBACK_OPEN_DAYS = 90


def min_answers() -> int:
    """Fewer answers than this are not shown per session."""
    return getattr(settings, "FEEDBACK_MIN_ANSWERS", 5)


def attendees() -> QuerySet[Enrolment]:
    """Enrolments of people who were there, at least partly."""
    return Enrolment.objects.filter(status=Enrolment.Status.CONFIRMED, outcome__in=ATTENDED)


def with_answered(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Annotate ``answered``: the person has a receipt for the enrolment's session."""
    receipts = FeedbackReceipt.objects.filter(session_id=OuterRef("session_id"), person_id=OuterRef("person_id"))
    return enrolments.annotate(answered=Exists(receipts))


def feedback_form_for(session: Session) -> FeedbackForm | None:
    """The course's own form, else the default one, with its questions in order (two queries)."""
    forms = FeedbackForm.objects.prefetch_related("questions")
    form_id = session.course.feedback_form_id
    form = forms.filter(pk=form_id).first() if form_id else None
    return form or forms.filter(is_default=True).first()


def feedback_refusal(enrolment: Enrolment, *, answered: bool, now: datetime | None = None) -> str:
    """Why the person cannot answer now, as a TrainingError code; '' when they can."""
    now = now or timezone.now()
    session = enrolment.session
    if session.ends_at is None or session.ends_at > now:
        return "feedback_too_early"
    if enrolment.status != Enrolment.Status.CONFIRMED or enrolment.outcome not in ATTENDED:
        return "feedback_not_attended"
    if answered:
        return "feedback_already_given"
    return ""


def get_enrolment_for_feedback(person, pk: int) -> Enrolment:
    """One of ``person``'s own enrolments with ``answered``, else 404 (someone else's does not exist for them)."""
    try:
        return with_answered(Enrolment.objects.filter(person=person)).select_related("session__course").get(pk=pk)
    except Enrolment.DoesNotExist:
        raise Http404 from None


def feedback_due_among(person, enrolments: Iterable[Enrolment], *, now: datetime | None = None) -> list[Enrolment]:
    """Of ``person``'s ``enrolments`` (their sessions loaded), those they attended that ended in the last
    ``FEEDBACK_OPEN_DAYS`` and that they have not given feedback on, the latest first: one query for the
    receipts, none when no enrolment is recent enough."""
    now = now or timezone.now()
    opened = now - timedelta(days=FEEDBACK_OPEN_DAYS)
    recent = [
        enrolment
        for enrolment in enrolments
        if not feedback_refusal(enrolment, answered=False, now=now) and enrolment.session.ends_at >= opened
    ]
    if not recent:
        return []
    answered = set(
        FeedbackReceipt.objects.filter(
            person=person, session_id__in={enrolment.session_id for enrolment in recent}
        ).values_list("session_id", flat=True)
    )
    due = [enrolment for enrolment in recent if enrolment.session_id not in answered]
    return sorted(due, key=lambda enrolment: (enrolment.session.ends_at, enrolment.pk), reverse=True)


# Results: who sees which sessions
# ------------------------------------------------------------------------------


def _count(queryset: QuerySet) -> Subquery:
    return Subquery(
        queryset.order_by().values("session_id").annotate(n=Count("pk")).values("n"), output_field=IntegerField()
    )


def with_feedback_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Annotate ``answer_count`` and ``attendee_count`` per session, in the same query."""
    return sessions.annotate(
        answer_count=Coalesce(_count(FeedbackResponse.objects.filter(session_id=OuterRef("pk"))), 0),
        attendee_count=Coalesce(_count(attendees().filter(session_id=OuterRef("pk"))), 0),
    )


def get_course_for_results(user, pk: int) -> tuple[CoursePage, QuerySet[Session]]:
    """The course and its sessions whose feedback ``user`` may read, else 404.

    Coordinators and administrators read every session of the course (in any of its
    translations); a trainer the sessions they trained. A course with none of those is 404.
    """
    course = CoursePage.objects.filter(pk=pk).first()
    if course is None:
        raise Http404
    sessions = sessions_organised_by(user).filter(course__translation_key=course.translation_key)
    if not sessions.exists():
        raise Http404
    return course, sessions


def in_period(sessions: QuerySet[Session], start: date | None, end: date | None) -> QuerySet[Session]:
    """Sessions whose first day falls within [start, end] (Helsinki dates), either end open."""
    if start:
        sessions = sessions.filter(starts_at__date__gte=start)
    if end:
        sessions = sessions.filter(starts_at__date__lte=end)
    return sessions
