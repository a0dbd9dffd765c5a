"""My trainings in the API: my enrolments with their queue positions, and my calendar feed's address."""

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from core.api import errors
from core.urls import absolute_url

from .. import selectors
from ..models import ACTIVE_STATUSES, Enrolment
from ..services.calendar import calendar_feed_get_or_create
from .common import Pagination
from .enrolments import EnrolmentOut

router = Router()


class CalendarOut(Schema):
    url: str = Field(description="The secret address of the personal calendar feed (iCalendar).")


class MyEnrolmentFilters(Schema):
    active: bool = Field(False, description="Only confirmed, waiting and awaiting-approval enrolments.")
    upcoming: bool = Field(False, description="Only sessions that have not ended.")


@router.get(
    "/me/enrolments",
    response={200: list[EnrolmentOut], **errors(422)},
    tags=["me"],
    operation_id="training_api_my_enrolments",
)
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


@router.get(
    "/me/calendar", response={200: CalendarOut, **errors()}, tags=["me"], operation_id="training_api_my_calendar"
)
def my_calendar(request: HttpRequest) -> dict[str, str]:
    """The secret address of your calendar feed: subscribe to it in a calendar program. Keep it to yourself."""
    feed = calendar_feed_get_or_create(person=request.auth)
    path = reverse("calendar:feed", kwargs={"token": feed.token})
    return {"url": absolute_url(path)}
