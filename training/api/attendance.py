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

from core.api import Count, Id, Percent, api_enum, errors
from people.access import access_for

from ..models import Attendance, CompletionRule, Enrolment
from ..selectors import get_session_for_organiser
from ..selectors.attendance import attendance_grid
from ..services.attendance import day_minutes

router = Router(tags=["attendance"])

LocalDateTime = Annotated[datetime, AfterValidator(timezone.localtime)]
AttendanceStatus = api_enum(Attendance.Status)
AttendanceSource = api_enum(Attendance.Source)
Outcome = api_enum(Enrolment.Outcome)
CompletionRuleChoice = api_enum(CompletionRule)


class AttendanceDayOut(Schema):
    id: Id
    starts_at: LocalDateTime
    ends_at: LocalDateTime
    minutes: Count = Field(description="The length of the day in minutes.")


class AttendancePersonOut(Schema):
    id: Id
    name: str
    email: str


class AttendanceMarkOut(Schema):
    day_id: Id
    status: AttendanceStatus | None = Field(description="Null when the day has not been marked.")
    minutes: Count | None = Field(description="Minutes counted for the day: all of it when present.")
    source: AttendanceSource | None


class AttendanceParticipantOut(Schema):
    enrolment_id: Id
    person: AttendancePersonOut
    attendance: list[AttendanceMarkOut] = Field(description="One entry per day, in the order of `days`.")
    outcome: Outcome | None = Field(description="Null until every day of the session has ended.")
    completed_on: date | None
    attended_minutes: Count


class SessionAttendanceOut(Schema):
    session_id: Id
    course: str
    completion_rule: CompletionRuleChoice
    completion_share: Percent | None = Field(description="Per cent of the hours, when a share of the hours completes.")
    days: list[AttendanceDayOut]
    participants: list[AttendanceParticipantOut] = Field(description="Confirmed participants in name order.")


def _mark(day, row: Attendance | None) -> dict:
    if row is None:
        return {"day_id": day.pk, "status": None, "minutes": None, "source": None}
    minutes = {"present": day_minutes(day), "partial": row.minutes, "absent": 0}[row.status]
    return {"day_id": day.pk, "status": row.status, "minutes": minutes, "source": row.source}


@router.get("/sessions/{session_id}/attendance", response={200: SessionAttendanceOut, **errors(403, 404, 422)})
def session_attendance(request: HttpRequest, session_id: Id) -> dict:
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
