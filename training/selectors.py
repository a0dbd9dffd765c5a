from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import QueryDict

from people.models import ProfessionalGroup

from .forms import CatalogueFilterForm
from .models import CoursePage, Enrolment, TrainingProgrammePage


def courses_in(programme: TrainingProgrammePage) -> QuerySet[CoursePage]:
    """Live courses of a programme with what a catalogue card shows, in one query (plus one prefetch)."""
    return (
        CoursePage.objects.live()
        .public()
        .child_of(programme)
        .select_related("organiser")
        .prefetch_related(Prefetch("target_groups", queryset=ProfessionalGroup.objects.order_by("sort_order")))
        .order_by("title")
    )


def filtered_courses(*, programme: TrainingProgrammePage, form: CatalogueFilterForm) -> QuerySet[CoursePage]:
    courses = courses_in(programme)
    if not form.is_valid():
        return courses
    data = form.cleaned_data
    if data["kind"]:
        courses = courses.filter(kind=data["kind"])
    if data["level"]:
        courses = courses.filter(level=data["level"])
    if data["group"]:
        courses = courses.filter(target_groups=data["group"])
    if data["q"]:
        # Wagtail search (PostgreSQL full-text in production) finds the matches; the
        # relational filters above stay in the ORM, where the many-to-many one works.
        matches = CoursePage.objects.live().child_of(programme).search(data["q"], operator="and")
        courses = courses.filter(pk__in=[page.pk for page in matches])
    return courses


def catalogue_page(*, programme: TrainingProgrammePage, params: QueryDict, per_page: int) -> dict:
    form = CatalogueFilterForm(params or None)
    courses = filtered_courses(programme=programme, form=form)
    paginator = Paginator(courses, per_page)
    page_obj = paginator.get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "courses": page_obj.object_list,
        "page_obj": page_obj,
        "paginator": paginator,
        "filter_query": query.urlencode(),
        "is_filtered": any(params.get(key) for key in ("q", "kind", "level", "group")),
    }


def waiting_position(enrolment: Enrolment) -> int | None:
    """1 for the first in line; None when not on the waiting list."""
    if enrolment.status != Enrolment.Status.WAITING:
        return None
    return Enrolment.objects.filter(waiting_position_q(enrolment)).count() + 1


def waiting_position_q(enrolment: Enrolment) -> Q:
    """Those ahead of ``enrolment`` in its session's waiting list (first come, first served)."""
    return Q(session_id=enrolment.session_id, status=Enrolment.Status.WAITING) & (
        Q(queued_at__lt=enrolment.queued_at) | Q(queued_at=enrolment.queued_at, pk__lt=enrolment.pk)
    )
