"""Writes that touch seats: every one locks the session row first.

Confirmed enrolments never exceed the capacity because each seat-changing write runs in one
transaction that first takes ``SELECT ... FOR UPDATE`` on the session (on SQLite, whose
transactions are IMMEDIATE here, the write lock serialises them), counts, and decides. The
partial unique constraint ``one_active_enrolment_per_person_and_session`` backs the rest.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from people.access import is_placed
from people.models import User

from .. import notifications
from ..errors import TrainingError
from ..models import ACTIVE_STATUSES, Enrolment, Session
from ..signals import send_participations_changed
from .reminders import REMINDER_HOURS

Status = Enrolment.Status

# Tests of the concurrency harness switch the row lock off to show that they catch the race.
USE_ROW_LOCK = True


def _lock_session(session_id: int) -> Session:
    sessions = Session.objects.select_related("course")
    if USE_ROW_LOCK:
        sessions = sessions.select_for_update(of=("self",))
    return sessions.get(pk=session_id)


def _confirmed_count(session: Session) -> int:
    return session.enrolments.filter(status=Status.CONFIRMED).count()


def _check_bookable(session: Session) -> None:
    if code := session.enrolment_refusal():
        raise TrainingError(code)


def _check_not_ended(session: Session) -> None:
    """After the session's last day the organiser records attendance and outcomes; seats no longer change."""
    if session.has_ended:
        raise TrainingError("session_ended")


def _seat_or_queue(session: Session) -> str:
    return Status.CONFIRMED if _confirmed_count(session) < session.capacity else Status.WAITING


def _fill_free_seats(session: Session) -> list[Enrolment]:
    """Promote the first people in line into free seats; the session row must be locked."""
    free = session.capacity - _confirmed_count(session)
    if free <= 0:
        return []
    promoted = list(session.enrolments.filter(status=Status.WAITING).order_by("queued_at", "pk")[:free])
    for enrolment in promoted:
        enrolment.status = Status.CONFIRMED
        enrolment.calendar_sequence += 1
        enrolment.save(update_fields=["status", "calendar_sequence", "updated_at"])
        notifications.on_commit("promoted", enrolment)
    return promoted


def _with_queue_position(enrolment: Enrolment) -> Enrolment:
    """Set ``queue_position`` (1 = first in line, None when not waiting), decided here once for the caller.

    The session row is locked, so nobody joins or leaves the line between the write and this count.
    """
    enrolment.queue_position = None
    if enrolment.status == Status.WAITING:
        ahead = Enrolment.objects.filter(session_id=enrolment.session_id, status=Status.WAITING).filter(
            Q(queued_at__lt=enrolment.queued_at) | Q(queued_at=enrolment.queued_at, pk__lt=enrolment.pk)
        )
        enrolment.queue_position = ahead.count() + 1
    return enrolment


def _insert(session: Session, person: User, status: str) -> Enrolment:
    try:
        with transaction.atomic():
            return Enrolment.objects.create(session=session, person=person, status=status)
    except IntegrityError:
        raise TrainingError("already_enrolled") from None


@transaction.atomic
def enrolment_create(*, session: Session, person: User, by: User | None = None) -> Enrolment:
    """Enrol ``person``: a seat, the waiting list, or a request to the manager when the course asks.

    An organiser adding someone (``by`` is not the person) skips approval and the enrolment window,
    but never the capacity.
    """
    session = _lock_session(session.pk)
    by_organiser = by is not None and by.pk != person.pk
    if by_organiser:
        if session.status == Session.Status.CANCELLED:
            raise TrainingError("session_cancelled")
        _check_not_ended(session)
    else:
        _check_bookable(session)
        if session.course.staff_only and not is_placed(person):
            raise TrainingError("not_placed")
    if Enrolment.objects.filter(session=session, person=person, status__in=ACTIVE_STATUSES).exists():
        raise TrainingError("already_enrolled")
    if session.course.requires_manager_approval and not by_organiser:
        enrolment = _insert(session, person, Status.AWAITING_APPROVAL)
        notifications.on_commit("approval_requested", enrolment)
    else:
        enrolment = _insert(session, person, _seat_or_queue(session))
        notifications.on_commit("confirmed" if enrolment.status == Status.CONFIRMED else "waiting", enrolment)
    send_participations_changed([enrolment.pk])
    return _with_queue_position(enrolment)


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, by: User | None, reason: str = "") -> Enrolment:
    """Cancel an active enrolment; a freed seat goes to the first person in line.

    The person may cancel until the session's cancellation deadline; organisers until the session
    has ended, and the system (``by=None``: the person has left) at any time.
    """
    session = _lock_session(enrolment.session_id)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.status not in ACTIVE_STATUSES:
        raise TrainingError("not_active")
    if by is not None:
        _check_not_ended(session)
    by_person = by is not None and by.pk == enrolment.person_id
    if by_person and not session.cancellation_open():
        raise TrainingError("cancellation_deadline_passed")
    held_seat = enrolment.status == Status.CONFIRMED
    enrolment.status = Status.CANCELLED
    enrolment.decided_by = by
    enrolment.decision_reason = reason
    enrolment.calendar_sequence += 1
    enrolment.save()
    notifications.on_commit("cancelled", enrolment)
    promoted = _fill_free_seats(session) if held_seat else []
    send_participations_changed([enrolment.pk, *(other.pk for other in promoted)])
    return enrolment


@transaction.atomic
def enrolment_approve(*, enrolment: Enrolment, by: User) -> Enrolment:
    """The manager approves: a free seat if there is one, else the end of the waiting list."""
    session = _lock_session(enrolment.session_id)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.status != Status.AWAITING_APPROVAL:
        raise TrainingError("not_awaiting_approval")
    if session.status == Session.Status.CANCELLED:
        raise TrainingError("session_cancelled")
    if session.starts_at is None or session.starts_at <= timezone.now():
        raise TrainingError("session_started")
    enrolment.status = _seat_or_queue(session)
    enrolment.queued_at = timezone.now()
    enrolment.decided_by = by
    enrolment.save()
    notifications.on_commit("approved", enrolment)
    send_participations_changed([enrolment.pk])
    return _with_queue_position(enrolment)


@transaction.atomic
def enrolment_decline(*, enrolment: Enrolment, by: User, reason: str) -> Enrolment:
    if not reason.strip():
        raise TrainingError("reason_required")
    _lock_session(enrolment.session_id)  # decisions on one session run one at a time
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.status != Status.AWAITING_APPROVAL:
        raise TrainingError("not_awaiting_approval")
    enrolment.status = Status.DECLINED
    enrolment.decided_by = by
    enrolment.decision_reason = reason.strip()
    enrolment.save()
    notifications.on_commit("declined", enrolment)
    send_participations_changed([enrolment.pk])
    return enrolment


@transaction.atomic
def enrolment_move(*, enrolment: Enrolment, to_session: Session, by: User) -> Enrolment:
    """Move a participant to another session of the same course; their old seat goes to the next in line."""
    if to_session.pk == enrolment.session_id:
        raise TrainingError("same_session")
    # Lock both sessions in primary-key order so two opposite moves cannot deadlock.
    locked = {pk: _lock_session(pk) for pk in sorted({enrolment.session_id, to_session.pk})}
    source, target = locked[enrolment.session_id], locked[to_session.pk]
    if source.course_id != target.course_id:
        raise TrainingError("other_course")
    if target.status == Session.Status.CANCELLED:
        raise TrainingError("session_cancelled")
    _check_not_ended(source)
    _check_not_ended(target)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.status not in ACTIVE_STATUSES:
        raise TrainingError("not_active")
    if Enrolment.objects.filter(session=target, person_id=enrolment.person_id, status__in=ACTIVE_STATUSES).exists():
        raise TrainingError("already_enrolled")
    held_seat = enrolment.status == Status.CONFIRMED
    enrolment.status = Status.MOVED
    enrolment.decided_by = by
    enrolment.calendar_sequence += 1
    enrolment.save()
    notifications.on_commit("cancelled", enrolment)
    moved = _insert(target, enrolment.person, _seat_or_queue(target))
    notifications.on_commit("confirmed" if moved.status == Status.CONFIRMED else "waiting", moved)
    promoted = _fill_free_seats(source) if held_seat else []
    send_participations_changed([enrolment.pk, moved.pk, *(other.pk for other in promoted)])
    return moved


@transaction.atomic
def session_set_capacity(*, session: Session, capacity: int, by: User) -> Session:
    """Raise or lower the capacity; never below the confirmed count. A raise promotes people in line."""
    if capacity < 1:
        raise TrainingError("capacity_invalid")
    session = _lock_session(session.pk)
    if session.status == Session.Status.CANCELLED:
        raise TrainingError("session_cancelled")
    _check_not_ended(session)
    confirmed = _confirmed_count(session)
    if capacity < confirmed:
        raise TrainingError("capacity_below_confirmed", confirmed=confirmed)
    session.capacity = capacity
    session.save(update_fields=["capacity", "updated_at"])
    send_participations_changed(enrolment.pk for enrolment in _fill_free_seats(session))
    return session


@transaction.atomic
def session_cancel(*, session: Session, reason: str, by: User) -> Session:
    """Cancel the whole session: every active enrolment ends and everyone is told why."""
    if not reason.strip():
        raise TrainingError("reason_required")
    session = _lock_session(session.pk)
    if session.status == Session.Status.CANCELLED:
        raise TrainingError("session_cancelled")
    _check_not_ended(session)
    session.status = Session.Status.CANCELLED
    session.cancellation_reason = reason.strip()
    session.calendar_sequence += 1
    session.save(update_fields=["status", "cancellation_reason", "calendar_sequence", "updated_at"])
    cancelled = list(session.enrolments.filter(status__in=ACTIVE_STATUSES))
    for enrolment in cancelled:
        enrolment.status = Status.CANCELLED
        enrolment.decided_by = by
        enrolment.decision_reason = session.cancellation_reason
        enrolment.calendar_sequence += 1
        enrolment.save()
        notifications.on_commit("session_cancelled", enrolment)
    send_participations_changed(enrolment.pk for enrolment in cancelled)
    return session


@transaction.atomic
def session_changed(session: Session) -> list[Enrolment]:
    """The days, time or place of ``session`` changed: everyone confirmed gets an updated calendar event.

    Each confirmed enrolment's SEQUENCE grows by one (the services lock the session row the same
    way, so a promotion cannot slip in between), and so does that of the session's own calendar
    file. A session moved beyond the reminder window gets its reminders again before the new date.
    """
    session = Session.objects.select_for_update(of=("self",)).get(pk=session.pk)
    Session.objects.filter(pk=session.pk).update(calendar_sequence=F("calendar_sequence") + 1)
    reminder_again = session.starts_at is not None and session.starts_at > timezone.now() + timedelta(
        hours=REMINDER_HOURS
    )
    enrolments = list(session.enrolments.filter(status=Status.CONFIRMED).order_by("pk"))
    for enrolment in enrolments:
        enrolment.calendar_sequence += 1
        fields = ["calendar_sequence", "updated_at"]
        if reminder_again and enrolment.reminder_sent_at:
            enrolment.reminder_sent_at = None
            fields.append("reminder_sent_at")
        enrolment.save(update_fields=fields)
        notifications.on_commit("changed", enrolment)
    return enrolments
