"""Reads for attendance: the sheet of one day, a session's attendance grid, and outcomes.

Each function costs a fixed number of queries whatever the number of participants.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from ..models import Attendance, CheckIn, Enrolment, Session, SessionDay

ATTENDEE_OUTCOMES = (Enrolment.Outcome.COMPLETED, Enrolment.Outcome.INCOMPLETE)


def is_attendee(enrolment: Enrolment) -> bool:
    """Was there at least partly: a confirmed enrolment whose outcome is completed or incomplete."""
    return enrolment.status == Enrolment.Status.CONFIRMED and enrolment.outcome in ATTENDEE_OUTCOMES


def attendees(session: Session):
    """The session's attendees (see ``is_attendee``) as a queryset."""
    return Enrolment.objects.filter(
        session_id=session.pk, status=Enrolment.Status.CONFIRMED, outcome__in=ATTENDEE_OUTCOMES
    )


def get_day_of_session(session: Session, day_pk: int) -> SessionDay:
    """A day of ``session`` (already scoped to the user), else 404."""
    try:
        return SessionDay.objects.get(session_id=session.pk, pk=day_pk)
    except SessionDay.DoesNotExist:
        raise Http404 from None


def _name_order(enrolment: Enrolment) -> tuple[str, str, str]:
    person = enrolment.person
    return person.last_name.casefold(), person.first_name.casefold(), person.email


def confirmed_participants(session: Session) -> list[Enrolment]:
    """Confirmed enrolments with their people, in name order (one query)."""
    enrolments = Enrolment.objects.filter(session_id=session.pk, status=Enrolment.Status.CONFIRMED).select_related(
        "person__unit", "person__professional_group"
    )
    return sorted(enrolments, key=_name_order)


def attendance_sheet_rows(session: Session, day: SessionDay) -> list[Enrolment]:
    """Confirmed participants, each with ``attendance`` (the day's row or None). Two queries."""
    rows = confirmed_participants(session)
    marks = {row.enrolment_id: row for row in Attendance.objects.filter(day_id=day.pk)}
    for enrolment in rows:
        enrolment.attendance = marks.get(enrolment.pk)
    return rows


@dataclass
class AttendanceGrid:
    days: list[SessionDay]
    participants: list[Enrolment]  # each with ``marks``: the Attendance (or None) of every day, in day order
    check_ins: dict[int, CheckIn]

    @property
    def outcome_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Enrolment.Outcome.values, 0)
        for enrolment in self.participants:
            if enrolment.outcome:
                counts[enrolment.outcome] += 1
        return counts


def attendance_grid(session: Session) -> AttendanceGrid:
    """The session's days, confirmed participants with their marks and outcomes, and the days' check-ins.

    Four queries whatever the size of the session.
    """
    days = list(SessionDay.objects.filter(session_id=session.pk))
    participants = confirmed_participants(session)
    rows: dict[tuple[int, int], Attendance] = {
        (row.enrolment_id, row.day_id): row
        for row in Attendance.objects.filter(day__session_id=session.pk, enrolment__status=Enrolment.Status.CONFIRMED)
    }
    for enrolment in participants:
        enrolment.marks = [rows.get((enrolment.pk, day.pk)) for day in days]
    check_ins = {check_in.day_id: check_in for check_in in CheckIn.objects.filter(day__session_id=session.pk)}
    return AttendanceGrid(days=days, participants=participants, check_ins=check_ins)
