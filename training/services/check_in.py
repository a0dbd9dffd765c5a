"""Self check-in: a trainer opens a short code for a session day; participants who enter it are marked present.

A code works from ``CHECK_IN_OPENS_BEFORE`` before the day starts until ``CHECK_IN_CLOSES_AFTER``
after it ends. Codes use capital letters and digits that cannot be mistaken for each other.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import formats, timezone

from people.models import User

from ..errors import TrainingError
from ..models import Attendance, CheckIn, Enrolment, SessionDay
from ..models.attendance import CHECK_IN_CLOSES_AFTER, CHECK_IN_OPENS_BEFORE
from .attendance import _update_outcomes, _write, check_not_cancelled

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
CODE_LENGTH = 6


def current_time() -> datetime:
    """The current time (a function of its own, so that tests can move the clock)."""
    return timezone.now()


def normalise_code(code: str) -> str:
    return "".join(char for char in code.upper() if char.isalnum())


def check_in_window(day: SessionDay) -> tuple[datetime, datetime]:
    return day.starts_at - CHECK_IN_OPENS_BEFORE, day.ends_at + CHECK_IN_CLOSES_AFTER


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def check_in_open(*, day: SessionDay, opened_by: User | None = None) -> CheckIn:
    """The day's check-in, created with a fresh code the first time. The same code serves the whole day.

    TrainingError ``session_cancelled`` for a day of a cancelled session.
    """
    check_not_cancelled(day.session)
    existing = CheckIn.objects.filter(day=day).first()
    if existing is not None:
        return existing
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return CheckIn.objects.create(day=day, code=_new_code(), opened_by=opened_by)
        except IntegrityError:
            if (existing := CheckIn.objects.filter(day=day).first()) is not None:
                return existing  # opened at the same moment by another trainer
    raise RuntimeError("Could not find a free check-in code")


def get_check_in(code: str) -> CheckIn:
    """The check-in with ``code`` (case, spaces and dashes do not matter), else TrainingError ``check_in_unknown``."""
    normalised = normalise_code(code)
    if len(normalised) != CODE_LENGTH:
        raise TrainingError("check_in_unknown")
    try:
        return CheckIn.objects.select_related("day__session__course").get(code=normalised)
    except CheckIn.DoesNotExist:
        raise TrainingError("check_in_unknown") from None


def _time(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def check_in_refusal(check_in: CheckIn, person: User, now: datetime | None = None) -> TrainingError | None:
    """Why ``person`` cannot check in with ``check_in`` now, or None."""
    now = now or current_time()
    day = check_in.day
    if day.session.is_cancelled:
        return TrainingError("session_cancelled")
    opens, closes = check_in_window(day)
    if not opens <= now <= closes:
        day_date = timezone.localdate(day.starts_at)
        if day_date != timezone.localdate(now):
            return TrainingError("check_in_wrong_day", date=formats.date_format(day_date, "SHORT_DATE_FORMAT"))
        if now < opens:
            return TrainingError("check_in_not_open_yet", time=_time(opens))
        return TrainingError("check_in_closed", time=_time(closes))
    if not Enrolment.objects.filter(
        session_id=day.session_id, person=person, status=Enrolment.Status.CONFIRMED
    ).exists():
        return TrainingError("check_in_not_enrolled")
    return None


def is_present(check_in: CheckIn, person: User) -> bool:
    """Whether ``person`` is already marked present on the check-in's day (checked in, or by the trainer)."""
    return Attendance.objects.filter(
        day_id=check_in.day_id, enrolment__person=person, status=Attendance.Status.PRESENT
    ).exists()


def _replaceable(existing: Attendance, day: SessionDay) -> bool:
    """Whether checking in may replace an earlier mark: only "absent" recorded before the day started
    (reported ill the day before, then came after all). Marks the trainer recorded on the day, and
    every partly present mark, stay."""
    return existing.status == Attendance.Status.ABSENT and existing.recorded_at < day.starts_at


@transaction.atomic
def check_in_complete(*, code: str, person: User, now: datetime | None = None) -> tuple[Attendance, bool]:
    """Mark ``person`` present on the code's day: the day's mark, and whether this check-in wrote it
    (False: they were already present, checked in before or marked by the trainer, and stay as they were).

    A check-in never overrides the trainer: it creates the day's mark, or replaces an "absent"
    recorded before the day started; any other mark stays (TrainingError ``check_in_already_recorded``).
    TrainingError ``check_in_unknown``, ``check_in_wrong_day``, ``check_in_not_open_yet``,
    ``check_in_closed``, ``check_in_not_enrolled`` or ``session_cancelled``; nothing is recorded then.
    """
    check_in = get_check_in(code)
    if error := check_in_refusal(check_in, person, now):
        raise error
    day = check_in.day
    enrolment = Enrolment.objects.select_for_update().get(
        session_id=day.session_id, person=person, status=Enrolment.Status.CONFIRMED
    )
    existing = Attendance.objects.filter(enrolment=enrolment, day=day).first()
    if existing is not None:
        if existing.status == Attendance.Status.PRESENT:
            return existing, False
        if not _replaceable(existing, day):
            raise TrainingError("check_in_already_recorded")
    (row,) = _write(day, [(enrolment, Attendance.Status.PRESENT, None)], Attendance.Source.CHECK_IN, person)
    _update_outcomes(day.session, [enrolment])
    return row, True
