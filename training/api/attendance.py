"""``GET /api/v1/sessions/{id}/attendance``: a session's attendance and outcomes, for its organisers.

Only the session's trainers, coordinators and administrators: someone without an organiser role
gets 403, a trainer of other sessions 404 (as on the organiser pages).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from pydantic import AfterValidator

from people.access import access_for

from ..models import Attendance, CompletionRule, Enrolment
from ..selectors import get_session_for_organiser
from ..selectors_attendance import attendance_grid
from ..services.attendance import day_minutes

router = Router(tags=["attendance"])

LocalDateTime = Annotated[datetime, AfterValidator(timezone.localtime)]


class AttendanceDayOut(Schema):
    id: int
    starts_at: LocalDateTime
    ends_at: LocalDateTime
    minutes: int = Field(description="The length of the day in minutes.")


class AttendancePersonOut(Schema):
    id: int
    name: str
    email: str


class AttendanceMarkOut(Schema):
    day_id: int
    status: Attendance.Status | None = Field(description="Null when the day has not been marked.")
    minutes: int | None = Field(description="Minutes counted for the day: all of it when present.")
    source: Attendance.Source | None


class AttendanceParticipantOut(Schema):
    enrolment_id: int
    person: AttendancePersonOut
    attendance: list[AttendanceMarkOut] = Field(description="One entry per day, in the order of `days`.")
    outcome: Enrolment.Outcome | None = Field(description="Null until every day of the session has ended.")
    completed_on: date | None
    attended_minutes: int


class SessionAttendanceOut(Schema):
    session_id: int
    course: str
    completion_rule: CompletionRule
    completion_share: int | None = Field(description="Per cent of the hours, when a share of the hours completes.")
    days: list[AttendanceDayOut]
    participants: list[AttendanceParticipantOut] = Field(description="Confirmed participants in name order.")


def _mark(day, row: Attendance | None) -> dict:
    if row is None:
        return {"day_id": day.pk, "status": None, "minutes": None, "source": None}
    minutes = {"present": day_minutes(day), "partial": row.minutes, "absent": 0}[row.status]
    return {"day_id": day.pk, "status": row.status, "minutes": minutes, "source": row.source}


@router.get("/sessions/{session_id}/attendance", response=SessionAttendanceOut)
def session_attendance(request: HttpRequest, session_id: int) -> dict:
    """Each confirmed participant's attendance per day and outcome. For the session's trainers and organisers."""
    user = request.auth
    if not access_for(user).organises_sessions:
        raise PermissionDenied
    session = get_session_for_organiser(user, session_id)
    grid = attendance_grid(session)
    course = session.course
    return {
        "session_id": session.pk,
        "course": course.title,
        "completion_rule": course.completion_rule,
        "completion_share": course.completion_share
        if course.completion_rule == CompletionRule.SHARE_OF_HOURS
        else None,
        "days": [
            {"id": day.pk, "starts_at": day.starts_at, "ends_at": day.ends_at, "minutes": day_minutes(day)}
            for day in grid.days
        ],
        "participants": [
            {
                "enrolment_id": enrolment.pk,
                "person": {
                    "id": enrolment.person.pk,
                    "name": enrolment.person.get_full_name(),
                    "email": enrolment.person.email,
                },
                "attendance": [_mark(day, row) for day, row in zip(grid.days, enrolment.marks, strict=True)],
                "outcome": enrolment.outcome or None,
                "completed_on": enrolment.completed_on,
                "attended_minutes": enrolment.attended_minutes,
            }
            for enrolment in grid.participants
        ],
    }
