"""The catalogue in the API: courses and sessions, public (a token or session that is sent is used)."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from wagtail.models import Locale

from core.api import Count, Id, errors
from core.urls import absolute_url
from people.api_tokens import api_language
from people.models import User

from .. import selectors
from ..models import CoursePage, Enrolment, Session
from .common import (
    PUBLIC,
    PUBLIC_SECURITY,
    CourseKindChoice,
    LocalDateTime,
    Pagination,
    ServiceLevelChoice,
    SessionLanguage,
    SessionState,
    SessionStatus,
)

router = Router()


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
    state: SessionState = Field(
        description="Where the session stands now by the clock (open, enrolment closed, in progress, ended, ...); "
        "`status` is what is stored, and the closing job marks a session completed only some time after its last day."
    )
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


class CourseFilters(Schema):
    kind: CourseKindChoice | None = None
    level: ServiceLevelChoice | None = None


class SessionFilters(Schema):
    upcoming: bool = Field(True, description="Only sessions that have not ended and are not cancelled.")
    course: Id | None = Field(None, description="A course id (any language version of the course).")
    kind: CourseKindChoice | None = None
    level: ServiceLevelChoice | None = None


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


# Endpoints
# ------------------------------------------------------------------------------


@router.get(
    "/courses",
    response={200: list[CourseListOut], **errors(422)},
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
    tags=["catalogue"],
    operation_id="training_api_list_courses",
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
    operation_id="training_api_list_sessions",
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
    operation_id="training_api_get_session",
)
def get_session(request: HttpRequest, session_id: Id) -> Session:
    """One session with its days. ``online_url`` is null unless you may see the meeting link."""
    session = get_object_or_404(published_sessions().prefetch_related("days"), pk=session_id)
    session.shows_online_url = bool(session.online_url) and may_see_online_url(request.auth, session)
    return session
