"""Attendance per session day, and the completion that follows from it.

Every write of attendance recomputes the outcome of the enrolments it touches
(``enrolment_outcome_update``): ``outcome`` stays empty until every day of the session has
ended; then it is ``completed`` by the course's rule (present on every day, or present for
``completion_share`` per cent of the hours), ``no_show`` when the person was not there on any
day, else ``incomplete``. ``training.signals.enrolments_completed`` is sent once, when an
enrolment becomes completed, and ``enrolments_uncompleted`` when a correction makes a completed
enrolment no longer completed.

Minutes count as follows: a present day counts its whole length, a partly present day its
recorded minutes, an absent or unmarked day nothing. A partly present day does not satisfy
"present on every day" unless its minutes cover the whole day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from people.models import User

from ..errors import TrainingError
from ..models import Attendance, CompletionRule, CoursePage, Enrolment, Session, SessionDay
from ..signals import enrolments_completed, enrolments_uncompleted, send_participations_changed
from .attendance_import import ImportReport, parse_attendance_file

Status = Attendance.Status
Outcome = Enrolment.Outcome


def day_minutes(day: SessionDay) -> int:
    return int((day.ends_at - day.starts_at).total_seconds() // 60)


# Completion
# ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeResult:
    outcome: str
    completed_on: date | None
    attended_minutes: int


def _counted_minutes(day: SessionDay, attendance: Attendance | None) -> int:
    if attendance is None or attendance.status == Status.ABSENT:
        return 0
    if attendance.status == Status.PRESENT:
        return day_minutes(day)
    return min(attendance.minutes or 0, day_minutes(day))


def compute_outcome(
    *,
    course: CoursePage | CompletionRuleOf,
    days: list[SessionDay],
    attendances: Mapping[int, Attendance],
    now: datetime,
) -> OutcomeResult:
    """The outcome for one enrolment from its attendance rows by day id (pure: no queries)."""
    minutes = sum(_counted_minutes(day, attendances.get(day.pk)) for day in days)
    if not days or any(day.ends_at > now for day in days):
        return OutcomeResult("", None, minutes)
    if minutes == 0:
        return OutcomeResult(Outcome.NO_SHOW, None, 0)
    if course.completion_rule == CompletionRule.SHARE_OF_HOURS:
        total = sum(day_minutes(day) for day in days)
        completed = minutes * 100 >= course.completion_share * total
    else:
        completed = all(_counted_minutes(day, attendances.get(day.pk)) >= day_minutes(day) for day in days)
    if not completed:
        return OutcomeResult(Outcome.INCOMPLETE, None, minutes)
    last_day = max(days, key=lambda day: day.ends_at)
    return OutcomeResult(Outcome.COMPLETED, timezone.localdate(last_day.ends_at), minutes)


def _apply_outcome(enrolment: Enrolment, result: OutcomeResult) -> bool:
    """Set the fields; True when something changed. The caller saves and signals."""
    changed = (enrolment.outcome, enrolment.completed_on, enrolment.attended_minutes) != (
        result.outcome,
        result.completed_on,
        result.attended_minutes,
    )
    enrolment.outcome, enrolment.completed_on, enrolment.attended_minutes = (
        result.outcome,
        result.completed_on,
        result.attended_minutes,
    )
    return changed


OUTCOME_FIELDS = ["outcome", "completed_on", "attended_minutes", "updated_at"]


@dataclass(frozen=True)
class CompletionRuleOf:
    completion_rule: str
    completion_share: int


def _completion_rule(session: Session) -> CoursePage | CompletionRuleOf:
    """The course's rule: from the course when already loaded, else two fields (a page is costly to load)."""
    if Session.course.is_cached(session):
        return session.course
    fields = CoursePage.objects.filter(pk=session.course_id).values("completion_rule", "completion_share").get()
    return CompletionRuleOf(**fields)


def _update_outcomes(session: Session, enrolments: list[Enrolment], now: datetime | None = None) -> list[Enrolment]:
    """Recompute as of ``now`` (default: the clock), save the changed ones in one query, and signal the new
    completions."""
    if not enrolments:
        return []
    course = _completion_rule(session)
    days = list(SessionDay.objects.filter(session_id=session.pk))
    rows: dict[int, dict[int, Attendance]] = {enrolment.pk: {} for enrolment in enrolments}
    for attendance in Attendance.objects.filter(enrolment__in=[e.pk for e in enrolments]):
        rows[attendance.enrolment_id][attendance.day_id] = attendance
    # Whether each was completed before, from the database: an enrolment object may be stale.
    completed_before = set(
        Enrolment.objects.filter(pk__in=rows, outcome=Outcome.COMPLETED).values_list("pk", flat=True)
    )
    now = now or timezone.now()
    changed, newly_completed, no_longer_completed = [], [], []
    for enrolment in enrolments:
        was_completed = enrolment.pk in completed_before
        result = compute_outcome(course=course, days=days, attendances=rows[enrolment.pk], now=now)
        if _apply_outcome(enrolment, result):
            enrolment.updated_at = now
            changed.append(enrolment)
            if result.outcome == Outcome.COMPLETED and not was_completed:
                newly_completed.append(enrolment)
            elif result.outcome != Outcome.COMPLETED and was_completed:
                no_longer_completed.append(enrolment)
    Enrolment.objects.bulk_update(changed, OUTCOME_FIELDS)
    if no_longer_completed:
        enrolments_uncompleted.send(sender=Enrolment, session=session, enrolments=no_longer_completed)
    if newly_completed:
        enrolments_completed.send(sender=Enrolment, session=session, enrolments=newly_completed)
    # After the receivers above: the facts see the certificates they issued or revoked.
    send_participations_changed(enrolment.pk for enrolment in changed)
    return enrolments


@transaction.atomic
def enrolment_outcome_update(*, enrolment: Enrolment) -> Enrolment:
    """Recompute ``outcome``, ``completed_on`` and ``attended_minutes`` of one enrolment from its attendance."""
    _update_outcomes(enrolment.session, [enrolment])
    return enrolment


@transaction.atomic
def session_outcomes_update(*, session: Session, now: datetime | None = None) -> list[Enrolment]:
    """Recompute the outcomes of every confirmed enrolment of ``session`` as of ``now`` (default: the clock),
    e.g. after its last day ended."""
    enrolments = list(Enrolment.objects.filter(session_id=session.pk, status=Enrolment.Status.CONFIRMED))
    return _update_outcomes(session, enrolments, now)


# Recording attendance
# ------------------------------------------------------------------------------


def check_not_cancelled(session: Session) -> None:
    """TrainingError ``session_cancelled``: nothing is recorded for a cancelled session."""
    if session.is_cancelled:
        raise TrainingError("session_cancelled")


def _validated(enrolment: Enrolment, day: SessionDay, status: str, minutes: int | None) -> int | None:
    """The minutes to store, or a TrainingError for a mark that cannot be recorded."""
    if enrolment.status != Enrolment.Status.CONFIRMED or day.session_id != enrolment.session_id:
        raise TrainingError("not_enrolled")
    if status not in Status.values:
        raise TrainingError("attendance_status_invalid")
    if status != Status.PARTIAL:
        return None
    if minutes is None:
        raise TrainingError("minutes_required")
    if not 1 <= minutes <= day_minutes(day):
        raise TrainingError("minutes_invalid", max=day_minutes(day))
    return minutes


def _write(
    day: SessionDay, marks: Iterable[tuple[Enrolment, str, int | None]], source: str, recorded_by: User | None
) -> list[Attendance]:
    """Insert or update the rows of ``day`` in two queries (plus one for the existing rows)."""
    marks = list(marks)
    existing = {
        row.enrolment_id: row
        for row in Attendance.objects.filter(day_id=day.pk, enrolment__in=[enrolment.pk for enrolment, *_ in marks])
    }
    now = timezone.now()
    created, updated, result = [], [], []
    for enrolment, status, minutes in marks:
        row = existing.get(enrolment.pk)
        if row is None:
            row = Attendance(enrolment=enrolment, day=day)
            created.append(row)
        elif (row.status, row.minutes) == (status, minutes):
            result.append(row)
            continue
        else:
            updated.append(row)
        row.status, row.minutes, row.source, row.recorded_by, row.recorded_at = (
            status,
            minutes,
            source,
            recorded_by,
            now,
        )
        result.append(row)
    Attendance.objects.bulk_create(created)
    Attendance.objects.bulk_update(updated, ["status", "minutes", "source", "recorded_by", "recorded_at"])
    return result


@transaction.atomic
def attendance_record(
    *,
    enrolment: Enrolment,
    day: SessionDay,
    status: str,
    minutes: int | None = None,
    source: str = Attendance.Source.SHEET,
    recorded_by: User | None = None,
) -> Attendance:
    """Mark one participant on one day; the enrolment's outcome follows.

    TrainingError ``not_enrolled`` unless the enrolment is confirmed and the day is its session's,
    ``minutes_required``/``minutes_invalid`` for partial attendance without or with impossible minutes.
    """
    minutes = _validated(enrolment, day, status, minutes)
    (row,) = _write(day, [(enrolment, status, minutes)], source, recorded_by)
    enrolment_outcome_update(enrolment=enrolment)
    return row


@dataclass(frozen=True)
class Mark:
    status: str
    minutes: int | None = None


@transaction.atomic
def attendance_sheet_save(
    *, day: SessionDay, marks: Mapping[int, Mark], recorded_by: User | None = None
) -> list[Attendance]:
    """Record a whole day at once (the attendance sheet): ``marks`` by enrolment id. All or nothing.

    Raises the first TrainingError of any mark (``not_enrolled`` for an enrolment id that is not a
    confirmed participant of the day's session), ``session_cancelled`` for a cancelled session.
    Unchanged rows are left as they are.
    """
    check_not_cancelled(day.session)
    enrolments = {
        enrolment.pk: enrolment for enrolment in Enrolment.objects.filter(pk__in=list(marks), session_id=day.session_id)
    }
    validated = []
    for enrolment_id, mark in marks.items():
        enrolment = enrolments.get(enrolment_id)
        if enrolment is None:
            raise TrainingError("not_enrolled")
        validated.append((enrolment, mark.status, _validated(enrolment, day, mark.status, mark.minutes)))
    rows = _write(day, validated, Attendance.Source.SHEET, recorded_by)
    _update_outcomes(day.session, list(enrolments.values()))
    return rows


@transaction.atomic
def attendance_mark_all_present(*, day: SessionDay, recorded_by: User | None = None) -> int:
    """Mark present every confirmed participant of the day who has no mark for it yet.

    Marks already recorded (present, partly present or absent, from any source) are left as they
    are. Returns how many participants were marked. TrainingError ``session_cancelled`` for a
    cancelled session.
    """
    check_not_cancelled(day.session)
    enrolments = list(Enrolment.objects.filter(session_id=day.session_id, status=Enrolment.Status.CONFIRMED))
    marked = set(Attendance.objects.filter(day_id=day.pk).values_list("enrolment_id", flat=True))
    marks = [(enrolment, Status.PRESENT, None) for enrolment in enrolments if enrolment.pk not in marked]
    _write(day, marks, Attendance.Source.SHEET, recorded_by)
    _update_outcomes(day.session, [enrolment for enrolment, *_ in marks])
    return len(marks)


# Importing a file
# ------------------------------------------------------------------------------


def _import_day(session: Session, day: SessionDay | None) -> SessionDay:
    if day is not None:
        if day.session_id != session.pk:
            raise TrainingError("import_day_required")
        return day
    days = list(session.days.all())
    if len(days) != 1:
        raise TrainingError("import_day_required")
    return days[0]


def attendance_import(
    *,
    session: Session,
    data: bytes,
    day: SessionDay | None = None,
    dry_run: bool = True,
    recorded_by: User | None = None,
) -> ImportReport:
    """Read an attendance file (a sign-in sheet as CSV, or a Teams attendance report) for one day.

    A dry run only reports. Otherwise every matched row is recorded in one transaction, or none
    is: a file with unreadable rows raises TrainingError ``import_invalid`` and records nothing.
    Rows that match no confirmed participant (guests, the trainer) are reported and skipped;
    participants missing from the file are left as they are. The file's problems raise
    ``import_encoding``, ``import_columns``, ``import_empty`` or ``import_too_large``; a cancelled
    session ``session_cancelled``.
    """
    check_not_cancelled(session)
    day = _import_day(session, day)
    participants = list(
        Enrolment.objects.filter(session_id=session.pk, status=Enrolment.Status.CONFIRMED).select_related("person")
    )
    report = parse_attendance_file(data, participants=participants, day=day, day_minutes=day_minutes(day))
    report.day = day
    if dry_run:
        return report
    if report.invalid:
        raise TrainingError("import_invalid")
    with transaction.atomic():
        _write(
            day,
            [(match.enrolment, match.status, match.minutes) for match in report.matches],
            Attendance.Source.IMPORT,
            recorded_by,
        )
        _update_outcomes(session, participants)
    report.applied = True
    return report


# Sessions that have ended
# ------------------------------------------------------------------------------


def sessions_close_ended(*, now: datetime | None = None) -> int:
    """Settle the outcomes of sessions whose last day has ended, and mark them completed.

    Marks recorded during a session (self check-in, the sheet on the day) leave the outcome empty
    until the last day ends; this computes it then (no-shows included) and sends the completions.
    A session without any attendance yet is left open: "did not attend" for everyone would only be
    the trainer not having marked the sheet. Each session in its own transaction, locked with SKIP
    LOCKED, so that concurrent runs share the work. Returns the number of sessions closed.
    """
    now = now or timezone.now()
    ended = Session.objects.filter(ends_at__lte=now, status__in=[Session.Status.OPEN, Session.Status.PLANNED]).filter(
        Exists(Attendance.objects.filter(day__session=OuterRef("pk")))
    )
    closed = 0
    for session_id in ended.values_list("pk", flat=True):
        with transaction.atomic():
            session = (
                Session.objects.select_for_update(skip_locked=True)
                .filter(pk=session_id, status__in=[Session.Status.OPEN, Session.Status.PLANNED])
                .first()
            )
            if session is None:
                continue
            session_outcomes_update(session=session, now=now)
            Session.objects.filter(pk=session.pk).update(status=Session.Status.COMPLETED, updated_at=now)
            closed += 1
    return closed
