"""What the training API's routers share: pagination, public access, local times, choices as schema components."""

from datetime import datetime
from typing import Annotated, Any

from django.utils import timezone
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator

from core.api import Count, api_enum, free_text
from core.ids import ID_MAX
from people.api_tokens import optional_auth
from people.models import ServiceLevel

from ..models import CourseKind, Enrolment, Session

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
SessionState = api_enum(Session.State)
SessionLanguage = api_enum(Session.Language)
EnrolmentStatus = api_enum(Enrolment.Status)
CancelReason = free_text(1000)
