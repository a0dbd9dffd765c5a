"""Reads for enrolling: a session's counts and seats, the waiting-list position, My trainings, approvals."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.db.models import BooleanField, Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from people.models import User

from ..errors import TrainingError
from ..models import ACTIVE_STATUSES, Enrolment, Session
from .courses import active_language, courses_by_pk_in_language
from .feedback import feedback_due_among

RECENT_CLOSED_DAYS = 180
RECENT_CLOSED_LIMIT = 20


def waiting_position(enrolment: Enrolment) -> int | None:
    """1 for the first in line; None when not on the waiting list."""
    if enrolment.status != Enrolment.Status.WAITING:
        return None
    return with_queue_position(Enrolment.objects.filter(pk=enrolment.pk)).values_list("queue_position", flat=True)[0]


def enrolments_awaiting_approval_by(user) -> QuerySet[Enrolment]:
    """Requests the user decides: those of people in the units they manage (and below)."""
    from people.access import access_for

    access = access_for(user)
    if not access.managed_unit_paths:
        return Enrolment.objects.none()
    return (
        Enrolment.objects.filter(status=Enrolment.Status.AWAITING_APPROVAL)
        .filter(person__unit__in=access.units().values("pk"))
        .exclude(person=user)
        .select_related("person__unit", "person__professional_group", "session__course")
        .order_by("created_at", "pk")
    )


def sessions_with_counts() -> QuerySet[Session]:
    """Sessions with ``confirmed_count`` and ``waiting_count`` (requests awaiting approval hold no seat)."""
    status = Enrolment.Status
    return Session.objects.select_related("course").annotate(
        confirmed_count=Count("enrolments", filter=Q(enrolments__status=status.CONFIRMED), distinct=True),
        waiting_count=Count("enrolments", filter=Q(enrolments__status=status.WAITING), distinct=True),
    )


def with_queue_position(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Annotate ``queue_position`` (1 = first in line, None when not waiting) in the same query.

    First come, first served: the subquery counts those ahead in the same session's waiting
    list, with an earlier (queued_at, pk).
    """
    waiting = Enrolment.Status.WAITING
    ahead = (
        Enrolment.objects.filter(session_id=OuterRef("session_id"), status=waiting)
        .filter(Q(queued_at__lt=OuterRef("queued_at")) | Q(queued_at=OuterRef("queued_at"), pk__lt=OuterRef("pk")))
        .order_by()
        .values("session_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return enrolments.annotate(
        queue_position=Case(
            When(status=waiting, then=Coalesce(Subquery(ahead, output_field=IntegerField()), 0) + 1),
            default=None,
            output_field=IntegerField(),
        )
    )


def seats_left(session: Session) -> int:
    return max(session.capacity - session.confirmed_count, 0)


def with_cancellable(enrolments: QuerySet[Enrolment], *, now: datetime | None = None) -> QuerySet[Enrolment]:
    """Annotate ``cancellable``: the person may still cancel (no deadline, or it has not passed)."""
    now = now or timezone.now()
    open_deadline = Q(session__cancellation_deadline__isnull=True) | Q(session__cancellation_deadline__gte=now)
    return enrolments.annotate(
        cancellable=Case(When(open_deadline, then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def attach_queue_positions(enrolments: list[Enrolment]) -> None:
    """Set ``queue_position`` on each of ``enrolments`` as ``with_queue_position`` annotates it, for rows
    already read: one query reading the waiting lists they are on, none when none of them waits."""
    waiting = Enrolment.Status.WAITING
    on_lists = [enrolment for enrolment in enrolments if enrolment.status == waiting]
    for enrolment in enrolments:
        enrolment.queue_position = None
    if not on_lists:
        return
    lines = (
        Enrolment.objects.filter(session_id__in={enrolment.session_id for enrolment in on_lists}, status=waiting)
        .order_by("session_id", "queued_at", "pk")
        .values_list("session_id", "pk")
    )
    positions, ahead = {}, defaultdict(int)
    for session_id, pk in lines:
        ahead[session_id] += 1
        positions[pk] = ahead[session_id]
    for enrolment in on_lists:
        enrolment.queue_position = positions.get(enrolment.pk)


def attach_cancellable(enrolments: list[Enrolment], *, now: datetime) -> None:
    """Set ``cancellable`` as ``with_cancellable`` annotates it (``Session.cancellation_open``), from each
    enrolment's loaded session."""
    for enrolment in enrolments:
        enrolment.cancellable = enrolment.session.cancellation_open(now)


def get_session_for_enrolment(pk: int) -> Session:
    """A session of a live course with its counts and days, else 404. Whether it takes enrolments is for the service."""
    try:
        session = sessions_with_counts().filter(course__live=True).prefetch_related("days").get(pk=pk)
    except Session.DoesNotExist:
        raise Http404 from None
    session.seats_left = seats_left(session)
    return session


def get_live_session(pk: int) -> Session:
    """A session of a live course, else 404: what the API checks before the service locks and counts."""
    try:
        return Session.objects.filter(course__live=True).get(pk=pk)
    except Session.DoesNotExist:
        raise Http404 from None


def enrolment_refusal(session: Session, person: User) -> TrainingError | None:
    """The error ``enrolment_create`` would raise for ``person`` enrolling themself, if one is already certain."""
    code = session.enrolment_refusal()
    if not code and Enrolment.objects.filter(session=session, person=person, status__in=ACTIVE_STATUSES).exists():
        code = "already_enrolled"
    return TrainingError(code) if code else None


def get_enrolment_of_person(person: User, pk: int) -> Enrolment:
    """One of ``person``'s own enrolments, else 404: someone else's enrolment does not exist for them."""
    try:
        return (
            with_cancellable(with_queue_position(Enrolment.objects.filter(person=person)))
            .select_related("session__course")
            .get(pk=pk)
        )
    except Enrolment.DoesNotExist:
        raise Http404 from None


def cancellation_refusal(enrolment: Enrolment) -> TrainingError | None:
    """The error ``enrolment_cancel`` would raise for the person themself (needs ``with_cancellable``)."""
    if not enrolment.is_active:
        return TrainingError("not_active")
    if not enrolment.cancellable:
        return TrainingError("cancellation_deadline_passed")
    return None


def attach_courses_in_active_language(enrolments: list[Enrolment]) -> None:
    """Set ``enrolment.course`` to the course page in the active language when translated, else the session's
    own course (one query; the session's course need not be loaded)."""
    course_ids = {enrolment.session.course_id for enrolment in enrolments}
    in_language = courses_by_pk_in_language(course_ids, active_language())
    for enrolment in enrolments:
        enrolment.course = in_language[enrolment.session.course_id]


def my_trainings(person: User) -> dict[str, list[Enrolment]]:
    """The person's enrolments by section: two queries whatever their number (the enrolments with their
    sessions, then their courses in the active language), one more when the person waits for a place and
    one when a training awaits their feedback.

    upcoming: confirmed, not ended; waiting: on a waiting list, with ``queue_position``;
    awaiting_approval; past: confirmed and ended; closed: cancelled, declined or moved recently (the latest
    ``RECENT_CLOSED_LIMIT``); feedback_due: past sessions the person attended and has not answered yet.
    Active ones carry ``cancellable``.
    """
    status = Enrolment.Status
    now = timezone.now()
    closed_statuses = (status.CANCELLED, status.DECLINED, status.MOVED)
    recently_closed = Q(status__in=closed_statuses, updated_at__gte=now - timedelta(days=RECENT_CLOSED_DAYS))
    enrolments = list(
        Enrolment.objects.filter(person=person)
        .filter(Q(status__in=ACTIVE_STATUSES) | recently_closed)
        .select_related("session")
    )
    attach_queue_positions(enrolments)
    attach_cancellable(enrolments, now=now)
    attach_courses_in_active_language(enrolments)

    def has_ended(enrolment: Enrolment) -> bool:
        return enrolment.session.ends_at is not None and enrolment.session.ends_at < now

    current = sorted(
        (e for e in enrolments if e.status in ACTIVE_STATUSES and not has_ended(e)),
        key=lambda e: (e.session.starts_at is None, e.session.starts_at or now, e.pk),
    )
    past = sorted(
        (e for e in enrolments if e.status == status.CONFIRMED and has_ended(e)),
        key=lambda e: (e.session.starts_at, e.pk),
        reverse=True,
    )
    closed = sorted(
        (e for e in enrolments if e.status in closed_statuses), key=lambda e: (e.updated_at, e.pk), reverse=True
    )
    return {
        "upcoming": [enrolment for enrolment in current if enrolment.status == status.CONFIRMED],
        "waiting": [enrolment for enrolment in current if enrolment.status == status.WAITING],
        "awaiting_approval": [enrolment for enrolment in current if enrolment.status == status.AWAITING_APPROVAL],
        "past": past,
        "closed": closed[:RECENT_CLOSED_LIMIT],
        "feedback_due": feedback_due_among(person, past, now=now),
    }


def get_enrolment_awaiting_approval_by(user: User, pk: int) -> Enrolment:
    """A request ``user`` decides, else 404 (another unit's request does not exist for them)."""
    try:
        return enrolments_awaiting_approval_by(user).get(pk=pk)
    except Enrolment.DoesNotExist:
        raise Http404 from None


def session_with_counts(pk: int) -> Session:
    """A session with its counts, ``seats_left`` and days; for views that reached it through a scoped object."""
    session = sessions_with_counts().prefetch_related("days").get(pk=pk)
    session.seats_left = seats_left(session)
    return session
