from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import QueryDict

from people.models import ProfessionalGroup

from .forms import CatalogueFilterForm
from .models import CoursePage, Enrolment, Session, TrainingProgrammePage


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


def sessions_organised_by(user) -> QuerySet[Session]:
    """Sessions whose participants ``user`` manages: coordinators and administrators all, trainers their own."""
    from people.access import Access

    sessions = Session.objects.select_related("course")
    if not user.is_authenticated:
        return sessions.none()
    if Access(user).sees_whole_network:
        return sessions
    return sessions.filter(trainers=user)


def get_session_for_organiser(user, pk: int) -> Session:
    """The session if ``user`` organises it, else 404 (outsiders cannot tell it exists)."""
    from django.http import Http404

    try:
        return sessions_organised_by(user).get(pk=pk)
    except Session.DoesNotExist:
        raise Http404 from None


def enrolments_awaiting_approval_by(user) -> QuerySet[Enrolment]:
    """Requests the user decides: those of people in the units they manage (and below)."""
    from people.access import Access

    access = Access(user)
    if not access.managed_unit_paths:
        return Enrolment.objects.none()
    return (
        Enrolment.objects.filter(status=Enrolment.Status.AWAITING_APPROVAL)
        .filter(person__unit__in=access.units().values("pk"))
        .exclude(person=user)
        .select_related("person__unit", "person__professional_group", "session__course")
        .order_by("created_at", "pk")
    )
