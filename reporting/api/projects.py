"""``/projects``: the projects the statistics can be narrowed to (``/stats/participation?project=``)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from core.api import Id, errors
from people.access import access_for
from people.api_tokens import api_language
from training.api.common import Pagination

from ..models import Project
from .statistics import reader_scope

router = Router()


class ProjectOut(Schema):
    id: Id
    name: str = Field(description="In your language, else in Finnish.")
    starts_on: datetime.date = Field(description="First day of the project's period.")
    ends_on: datetime.date = Field(description="Last day of the project's period.")

    @staticmethod
    def resolve_name(obj: Project, context: dict) -> str:
        with translation.override(api_language(context["request"])):
            return obj.name


@router.get("/projects", response={200: list[ProjectOut], **errors(403, 422)}, summary="Projects", tags=["stats"])
@paginate(Pagination)
def list_projects(request: HttpRequest) -> QuerySet[Project]:
    """Every project of the network, the latest first (managers and coordinators alike: the figures are scoped,
    the projects are shared)."""
    reader_scope(access_for(request.auth))
    return Project.objects.order_by("-starts_on", "name_fi", "pk")
