"""Enrolling and cancelling in the API: the services of the web pages, and the waiting-list position they decide."""

from django.http import HttpRequest
from ninja import Body, Field, Router, Schema, Status
from pydantic import ConfigDict

from core.api import Count, Id, errors

from .. import selectors
from ..models import Enrolment
from ..services import enrolment_cancel, enrolment_create
from .catalogue import CourseOut, PlaceOut, SessionOut
from .common import CancelReason, EnrolmentStatus, LocalDateTime, SessionState, SessionStatus

router = Router()


class EnrolmentSessionOut(Schema):
    id: Id
    course: CourseOut
    starts_at: LocalDateTime | None
    ends_at: LocalDateTime | None
    status: SessionStatus
    state: SessionState = Field(
        description="Where the session stands now by the clock (open, enrolment closed, in progress, ended, ...); "
        "`status` is what is stored, and the closing job marks a session completed only some time after its last day."
    )
    place: PlaceOut

    resolve_place = staticmethod(SessionOut.resolve_place)


class EnrolmentOut(Schema):
    id: Id
    status: EnrolmentStatus
    waiting_list_position: Count | None = Field(description="1 for the first in line; null when not waiting.")
    session: EnrolmentSessionOut
    created_at: LocalDateTime

    @staticmethod
    def resolve_waiting_list_position(obj: Enrolment) -> int | None:
        # Decided by the service that wrote the enrolment, or annotated by selectors.with_queue_position.
        return getattr(obj, "queue_position", None)


class EnrolmentIn(Schema):
    """No fields: one enrols oneself. Unknown fields are refused rather than ignored."""

    model_config = ConfigDict(extra="forbid")


class CancelIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: CancelReason = Field("", description="Optional; kept with the cancelled enrolment.")


@router.post(
    "/sessions/{session_id}/enrolments",
    response={201: EnrolmentOut, **errors(403, 404, 409, 422)},
    tags=["enrolments"],
    operation_id="training_api_create_enrolment",
)
def create_enrolment(
    request: HttpRequest, session_id: Id, payload: Body[EnrolmentIn | None] = None
) -> Status[Enrolment]:
    """Enrol yourself: `confirmed` (a seat), `waiting` (the session is full) or `awaiting_approval`
    (the course needs your manager's approval; no seat is held until then). The body may be empty."""
    user = request.auth
    session = selectors.get_live_session(session_id)
    enrolment = enrolment_create(session=session, person=user, by=user)
    return Status(201, enrolment)


@router.post(
    "/enrolments/{enrolment_id}/cancel",
    response={200: EnrolmentOut, **errors(403, 404, 409, 422)},
    tags=["enrolments"],
    operation_id="training_api_cancel_enrolment",
)
def cancel_enrolment(request: HttpRequest, enrolment_id: Id, payload: Body[CancelIn | None] = None) -> Enrolment:
    """Cancel your own enrolment (or leave the waiting list) before the session's cancellation deadline.

    A freed seat goes to the first person in line. Another person's enrolment is a 404."""
    user = request.auth
    enrolment = selectors.get_enrolment_of_person(user, enrolment_id)
    reason = payload.reason if payload else ""
    cancelled = enrolment_cancel(enrolment=enrolment, by=user, reason=reason.strip())
    cancelled.session = enrolment.session  # already fetched with its course
    return cancelled
