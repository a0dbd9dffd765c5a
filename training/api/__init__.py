"""The training API (mounted at /api/v1/ by config/api.py): the catalogue, enrolling and cancelling, my trainings.

The catalogue (courses and sessions) is public; everything else needs a personal API token or the
web session. Writes go through the same services as the web pages, and objects are fetched through
the same selectors, so the rules and the 404s are the same.
"""

from datetime import datetime
from typing import Annotated, Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import AfterValidator, ConfigDict
from wagtail.models import Locale

from core.api import Count, Id, api_enum, errors, free_text
from core.ids import ID_MAX
from core.urls import absolute_url
from people.api_tokens import api_language, optional_auth
from people.models import ServiceLevel, User

from .. import selectors
from ..models import ACTIVE_STATUSES, CourseKind, CoursePage, Enrolment, Session
from ..services import enrolment_cancel, enrolment_create
from ..services.calendar import calendar_feed_get_or_create

router = Router()

PAGE_SIZE_MAX = 100
# Public endpoints: anyone, but a token or session that is sent is used (and a wrong token is a 401).
PUBLIC = optional_auth()
# ninja lists the token and the session; `{}` adds "or nothing" (AllowAnonymous has no schema).
PUBLIC_SECURITY = {"security": [{}]}


class Pagination(LimitOffsetPagination):
    """``?limit=`` (1-100, default 100) and ``?offset=``; answers ``{"items": [...], "count": total}``."""

    class Input(Schema):
        limit: int = Field(PAGE_SIZE_MAX, ge=1, le=PAGE_SIZE_MAX, description="Items per page (at most 100).")
        offset: int = Field(0, ge=0, le=ID_MAX, description="Items to skip.")

    class Output(Schema):
        items: list[Any]
        count: Count = Field(description="All items, on every page.")


# Times are Europe/Helsinki with their UTC offset, e.g. 2025-03-04T09:00:00+02:00.
LocalDateTime = Annotated[datetime, AfterValidator(timezone.localtime)]

# Choices, each its own schema component (CourseKind, ServiceLevel, SessionStatus, ...).
CourseKindChoice = api_enum(CourseKind)
ServiceLevelChoice = api_enum(ServiceLevel)
SessionStatus = api_enum(Session.Status)
SessionLanguage = api_enum(Session.Language)
EnrolmentStatus = api_enum(Enrolment.Status)
CancelReason = free_text(1000)


# Schemas
# ------------------------------------------------------------------------------


class CourseOut(Schema):
    id: Id
    title: str
    url: str | None = Field(description="The course page.")
    kind: CourseKindChoice
    level: ServiceLevelChoice

    @staticmethod
    def resolve_url(obj: CoursePage, context: dict) -> str | None:
        # The request keeps Wagtail's site root paths between the courses of one answer.
        parts = obj.get_url_parts(context["request"])
        return absolute_url(parts[2]) if parts else None


class CourseListOut(CourseOut):
    summary: str
    duration_hours: float
    requires_manager_approval: bool = Field(description="Enrolments wait for the manager's approval.")
    language: str = Field(description="The language of this version of the page.")

    @staticmethod
    def resolve_language(obj: CoursePage) -> str:
        return obj.locale.language_code


class PlaceOut(Schema):
    name: str
    address: str


class SessionOut(Schema):
    id: Id
    course: CourseOut
    starts_at: LocalDateTime | None = Field(description="Start of the first day (Europe/Helsinki, ISO 8601).")
    ends_at: LocalDateTime | None = Field(description="End of the last day.")
    status: SessionStatus
    language: SessionLanguage
    place: PlaceOut
    capacity: Count
    seats_left: Count = Field(description="Free seats: capacity minus confirmed enrolments, never below 0.")
    waiting_list_length: Count = Field(description="People on the waiting list.")
    enrolment_opens_at: LocalDateTime | None
    enrolment_closes_at: LocalDateTime | None
    cancellation_deadline: LocalDateTime | None = Field(description="Participants may cancel until then.")

    @staticmethod
    def resolve_place(obj: Session) -> dict[str, str]:
        return {"name": obj.place_name, "address": obj.place_address}

    @staticmethod
    def resolve_seats_left(obj: Session) -> int:
        return max(obj.capacity - obj.confirmed_count, 0)

    @staticmethod
    def resolve_waiting_list_length(obj: Session) -> int:
        return obj.waiting_count


class DayOut(Schema):
    starts_at: LocalDateTime
    ends_at: LocalDateTime


class SessionDetailOut(SessionOut):
    days: list[DayOut]
    online_url: str | None = Field(
        description="The meeting link: only for confirmed participants, the session's trainers and coordinators."
    )
    cancellation_reason: str

    @staticmethod
    def resolve_online_url(obj: Session) -> str | None:
        return (obj.online_url or None) if obj.shows_online_url else None


class EnrolmentSessionOut(Schema):
    id: Id
    course: CourseOut
    starts_at: LocalDateTime | None
    ends_at: LocalDateTime | None
    status: SessionStatus
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
        if hasattr(obj, "queue_position"):  # annotated by selectors.with_queue_position
            return obj.queue_position
        return selectors.waiting_position(obj)


class CalendarOut(Schema):
    url: str = Field(description="The secret address of the personal calendar feed (iCalendar).")


class EnrolmentIn(Schema):
    """No fields: one enrols oneself. Unknown fields are refused rather than ignored."""

    model_config = ConfigDict(extra="forbid")


class CancelIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: CancelReason = Field("", description="Optional; kept with the cancelled enrolment.")


class CourseFilters(Schema):
    kind: CourseKindChoice | None = None
    level: ServiceLevelChoice | None = None


class SessionFilters(Schema):
    upcoming: bool = Field(True, description="Only sessions that have not ended and are not cancelled.")
    course: Id | None = Field(None, description="A course id (any language version of the course).")
    kind: CourseKindChoice | None = None
    level: ServiceLevelChoice | None = None


class MyEnrolmentFilters(Schema):
    active: bool = Field(False, description="Only confirmed, waiting and awaiting-approval enrolments.")
    upcoming: bool = Field(False, description="Only sessions that have not ended.")


# Reads specific to the API
# ------------------------------------------------------------------------------


def published_courses() -> QuerySet[CoursePage]:
    return CoursePage.objects.live().public()


def published_sessions() -> QuerySet[Session]:
    """Sessions of live, public courses with ``confirmed_count`` and ``waiting_count``, by start."""
    return (
        selectors.sessions_with_counts().filter(course__in=published_courses().values("pk")).order_by("starts_at", "pk")
    )


def may_see_online_url(user: User | AnonymousUser, session: Session) -> bool:
    """The meeting link is for confirmed participants and the session's organisers (as in emails and the feed)."""
    if not user.is_authenticated:
        return False
    return (
        session.enrolments.filter(person=user, status=Enrolment.Status.CONFIRMED).exists()
        or selectors.sessions_organised_by(user).filter(pk=session.pk).exists()
    )


# Catalogue
# ------------------------------------------------------------------------------


@router.get(
    "/courses",
    response={200: list[CourseListOut], **errors(422)},
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
    tags=["catalogue"],
)
@paginate(Pagination)
def list_courses(request: HttpRequest, filters: Query[CourseFilters]) -> QuerySet[CoursePage]:
    """Published courses in your language (preferred language or Accept-Language; else Finnish), by title."""
    with translation.override(api_language(request)):
        locale = Locale.get_active()
    courses = published_courses().filter(locale=locale).select_related("locale").order_by("title", "pk")
    if filters.kind:
        courses = courses.filter(kind=filters.kind)
    if filters.level:
        courses = courses.filter(level=filters.level)
    return courses


@router.get(
    "/sessions",
    response={200: list[SessionOut], **errors(422)},
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
    tags=["catalogue"],
)
@paginate(Pagination)
def list_sessions(request: HttpRequest, filters: Query[SessionFilters]) -> QuerySet[Session]:
    """Sessions of published courses by start time; by default only those still to come."""
    sessions = published_sessions()
    if filters.upcoming:
        sessions = sessions.upcoming()
    if filters.course is not None:
        # Translations of a course share its sessions, so any language version's id finds them.
        sessions = sessions.filter(
            course__translation_key__in=CoursePage.objects.filter(pk=filters.course).values("translation_key")
        )
    if filters.kind:
        sessions = sessions.filter(course__kind=filters.kind)
    if filters.level:
        sessions = sessions.filter(course__level=filters.level)
    return sessions


@router.get(
    "/sessions/{session_id}",
    response={200: SessionDetailOut, **errors(404, 422)},
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
    tags=["catalogue"],
)
def get_session(request: HttpRequest, session_id: Id) -> Session:
    """One session with its days. ``online_url`` is null unless you may see the meeting link."""
    session = get_object_or_404(published_sessions().prefetch_related("days"), pk=session_id)
    session.shows_online_url = bool(session.online_url) and may_see_online_url(request.auth, session)
    return session


# Enrolments
# ------------------------------------------------------------------------------


@router.post(
    "/sessions/{session_id}/enrolments", response={201: EnrolmentOut, **errors(403, 404, 409, 422)}, tags=["enrolments"]
)
def create_enrolment(
    request: HttpRequest, session_id: Id, payload: Body[EnrolmentIn | None] = None
) -> Status[Enrolment]:
    """Enrol yourself: `confirmed` (a seat), `waiting` (the session is full) or `awaiting_approval`
    (the course needs your manager's approval; no seat is held until then). The body may be empty."""
    user = request.auth
    session = selectors.get_session_for_enrolment(session_id)
    enrolment = enrolment_create(session=session, person=user, by=user)
    return Status(201, enrolment)


@router.post(
    "/enrolments/{enrolment_id}/cancel", response={200: EnrolmentOut, **errors(403, 404, 409, 422)}, tags=["enrolments"]
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


# Me
# ------------------------------------------------------------------------------


@router.get("/me/enrolments", response={200: list[EnrolmentOut], **errors(422)}, tags=["me"])
@paginate(Pagination)
def my_enrolments(request: HttpRequest, filters: Query[MyEnrolmentFilters]) -> QuerySet[Enrolment]:
    """Your enrolments in every state, by session start."""
    enrolments = selectors.with_queue_position(
        Enrolment.objects.filter(person=request.auth).select_related("session__course")
    ).order_by("session__starts_at", "pk")
    if filters.active:
        enrolments = enrolments.filter(status__in=ACTIVE_STATUSES)
    if filters.upcoming:
        enrolments = enrolments.filter(Q(session__ends_at__gte=timezone.now()) | Q(session__ends_at__isnull=True))
    return enrolments


@router.get("/me/calendar", response={200: CalendarOut, **errors()}, tags=["me"])
def my_calendar(request: HttpRequest) -> dict[str, str]:
    """The secret address of your calendar feed: subscribe to it in a calendar program. Keep it to yourself."""
    feed = calendar_feed_get_or_create(person=request.auth)
    path = reverse("calendar:feed", kwargs={"token": feed.token})
    return {"url": absolute_url(path)}


from . import attendance, certificates  # noqa: E402

router.add_router("", attendance.router)
router.add_router("", certificates.router)
