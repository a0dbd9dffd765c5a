from __future__ import annotations

from datetime import datetime, timedelta

from django.core.paginator import Paginator
from django.db.models import (
    BooleanField,
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import get_language, get_supported_language_variant

from people.models import ProfessionalGroup, User

from .errors import TrainingError
from .forms import CatalogueFilterForm
from .models import ACTIVE_STATUSES, CoursePage, Enrolment, Session, TrainingProgrammePage


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
    return with_queue_position(Enrolment.objects.filter(pk=enrolment.pk)).values_list("queue_position", flat=True)[0]


def sessions_organised_by(user) -> QuerySet[Session]:
    """Sessions whose participants ``user`` manages: coordinators and administrators all, trainers their own."""
    from people.access import access_for

    sessions = Session.objects.select_related("course")
    if not user.is_authenticated:
        return sessions.none()
    if access_for(user).sees_whole_network:
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
    from people.access import access_for

    access = access_for(user)
    if not access.managed_unit_paths:
        return Enrolment.objects.none()
    return (
        Enrolment.objects.filter(status=Enrolment.Status.AWAITING_APPROVAL)
        .filter(person__unit__in=access.units().values("pk"))
        .exclude(person=user)
        .select_related("person__unit", "person__professional_group", "session__course")
        .order_by("created_at", "pk")
    )


# Staff: the course page's sessions, enrolling, My trainings, approvals
# ------------------------------------------------------------------------------

RECENT_CLOSED_DAYS = 180
RECENT_CLOSED_LIMIT = 20


def sessions_with_counts() -> QuerySet[Session]:
    """Sessions with ``confirmed_count`` and ``waiting_count`` (requests awaiting approval hold no seat)."""
    status = Enrolment.Status
    return Session.objects.select_related("course").annotate(
        confirmed_count=Count("enrolments", filter=Q(enrolments__status=status.CONFIRMED), distinct=True),
        waiting_count=Count("enrolments", filter=Q(enrolments__status=status.WAITING), distinct=True),
    )


def with_queue_position(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Annotate ``queue_position`` (1 = first in line, None when not waiting) in the same query.

    First come, first served: the subquery counts those ahead in the same session's waiting
    list, with an earlier (queued_at, pk).
    """
    waiting = Enrolment.Status.WAITING
    ahead = (
        Enrolment.objects.filter(session_id=OuterRef("session_id"), status=waiting)
        .filter(Q(queued_at__lt=OuterRef("queued_at")) | Q(queued_at=OuterRef("queued_at"), pk__lt=OuterRef("pk")))
        .order_by()
        .values("session_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return enrolments.annotate(
        queue_position=Case(
            When(status=waiting, then=Coalesce(Subquery(ahead, output_field=IntegerField()), 0) + 1),
            default=None,
            output_field=IntegerField(),
        )
    )


def _seats_left(session: Session) -> int:
    return max(session.capacity - session.confirmed_count, 0)


def upcoming_sessions_for_course(course: CoursePage, person: User | None = None) -> list[Session]:
    """The course's sessions that have not ended and are not cancelled, by start, for the course page.

    Each session carries ``days``, ``confirmed_count``, ``waiting_count``, ``seats_left``,
    ``refusal_code`` ('' when open for enrolment) and ``own_enrolment``: the signed-in person's
    active enrolment with its ``queue_position`` and ``cancellable``, or None. Three queries
    whatever the number of sessions (two for anonymous visitors). Translations of a course share
    its sessions.
    """
    now = timezone.now()
    sessions = (
        sessions_with_counts()
        .filter(course__translation_key=course.translation_key)
        .upcoming()
        .prefetch_related("days")
        .order_by("starts_at", "pk")
    )
    signed_in = person is not None
    if signed_in:
        own = with_cancellable(
            with_queue_position(Enrolment.objects.filter(person=person, status__in=ACTIVE_STATUSES)), now=now
        )
        sessions = sessions.prefetch_related(Prefetch("enrolments", queryset=own, to_attr="own_enrolments"))
    result = list(sessions)
    for session in result:
        session.seats_left = _seats_left(session)
        session.refusal_code = session.enrolment_refusal(now)
        session.own_enrolment = session.own_enrolments[0] if signed_in and session.own_enrolments else None
    return result


def with_cancellable(enrolments: QuerySet[Enrolment], *, now: datetime | None = None) -> QuerySet[Enrolment]:
    """Annotate ``cancellable``: the person may still cancel (no deadline, or it has not passed)."""
    now = now or timezone.now()
    open_deadline = Q(session__cancellation_deadline__isnull=True) | Q(session__cancellation_deadline__gte=now)
    return enrolments.annotate(
        cancellable=Case(When(open_deadline, then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def get_session_for_enrolment(pk: int) -> Session:
    """A session of a live course with its counts and days, else 404. Whether it takes enrolments is for the service."""
    try:
        session = sessions_with_counts().filter(course__live=True).prefetch_related("days").get(pk=pk)
    except Session.DoesNotExist:
        raise Http404 from None
    session.seats_left = _seats_left(session)
    return session


def enrolment_refusal(session: Session, person: User) -> TrainingError | None:
    """The error ``enrolment_create`` would raise for ``person`` enrolling themself, if one is already certain."""
    code = session.enrolment_refusal()
    if not code and Enrolment.objects.filter(session=session, person=person, status__in=ACTIVE_STATUSES).exists():
        code = "already_enrolled"
    return TrainingError(code) if code else None


def get_enrolment_of_person(person: User, pk: int) -> Enrolment:
    """One of ``person``'s own enrolments, else 404: someone else's enrolment does not exist for them."""
    try:
        return (
            with_cancellable(with_queue_position(Enrolment.objects.filter(person=person)))
            .select_related("session__course")
            .get(pk=pk)
        )
    except Enrolment.DoesNotExist:
        raise Http404 from None


def cancellation_refusal(enrolment: Enrolment) -> TrainingError | None:
    """The error ``enrolment_cancel`` would raise for the person themself (needs ``with_cancellable``)."""
    if not enrolment.is_active:
        return TrainingError("not_active")
    if not enrolment.cancellable:
        return TrainingError("cancellation_deadline_passed")
    return None


def attach_courses_in_active_language(enrolments: list[Enrolment]) -> None:
    """Set ``enrolment.course`` to the course page in the active language when translated (one query)."""
    if not enrolments:
        return
    keys = {enrolment.session.course.translation_key for enrolment in enrolments}
    try:
        language = get_supported_language_variant(get_language() or "")
    except LookupError:
        language = None
    translations: dict = {}
    if language:
        translations = {
            page.translation_key: page
            for page in CoursePage.objects.live().filter(translation_key__in=keys, locale__language_code=language)
        }
    for enrolment in enrolments:
        course = enrolment.session.course
        enrolment.course = translations.get(course.translation_key, course)


def my_trainings(person: User) -> dict[str, list[Enrolment]]:
    """The person's enrolments by section, in four queries whatever their number.

    upcoming: confirmed, not ended; waiting: on a waiting list, with ``queue_position``;
    awaiting_approval; past: confirmed and ended; closed: cancelled, declined or moved recently.
    """
    status = Enrolment.Status
    now = timezone.now()
    enrolments = with_cancellable(
        with_queue_position(Enrolment.objects.filter(person=person).select_related("session__course")), now=now
    )
    current = list(
        enrolments.filter(status__in=ACTIVE_STATUSES)
        .filter(Q(session__ends_at__gte=now) | Q(session__ends_at__isnull=True))
        .order_by("session__starts_at", "pk")
    )
    past = list(
        enrolments.filter(status=status.CONFIRMED, session__ends_at__lt=now).order_by("-session__starts_at", "-pk")
    )
    closed = list(
        enrolments.filter(
            status__in=[status.CANCELLED, status.DECLINED, status.MOVED],
            updated_at__gte=now - timedelta(days=RECENT_CLOSED_DAYS),
        ).order_by("-updated_at", "-pk")[:RECENT_CLOSED_LIMIT]
    )
    attach_courses_in_active_language(current + past + closed)
    return {
        "upcoming": [enrolment for enrolment in current if enrolment.status == status.CONFIRMED],
        "waiting": [enrolment for enrolment in current if enrolment.status == status.WAITING],
        "awaiting_approval": [enrolment for enrolment in current if enrolment.status == status.AWAITING_APPROVAL],
        "past": past,
        "closed": closed,
    }


def get_enrolment_awaiting_approval_by(user: User, pk: int) -> Enrolment:
    """A request ``user`` decides, else 404 (another unit's request does not exist for them)."""
    try:
        return enrolments_awaiting_approval_by(user).get(pk=pk)
    except Enrolment.DoesNotExist:
        raise Http404 from None


def session_with_counts(pk: int) -> Session:
    """A session with its counts, ``seats_left`` and days; for views that reached it through a scoped object."""
    session = sessions_with_counts().prefetch_related("days").get(pk=pk)
    session.seats_left = _seats_left(session)
    return session


# Organiser pages and exports
# ------------------------------------------------------------------------------


class Roster:
    """The active enrolments of one session: seats, the waiting list (``position`` 1..n) and open requests."""

    def __init__(self) -> None:
        self.confirmed: list[Enrolment] = []
        self.waiting: list[Enrolment] = []
        self.awaiting_approval: list[Enrolment] = []


def organiser_session_list(user) -> QuerySet[Session]:
    """The sessions ``user`` organises with their seat counts: upcoming ones soonest first, then past ones latest first.

    The counts are annotations, so a page of the list costs the same number of queries whatever its length.
    """
    from django.db.models import Case, Count, F, When
    from django.utils import timezone

    now = timezone.now()
    upcoming = Q(ends_at__gte=now) | Q(ends_at__isnull=True)
    return (
        sessions_organised_by(user)
        .annotate(
            confirmed_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.CONFIRMED)),
            waiting_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITING)),
            upcoming_start=Case(When(upcoming, then=F("starts_at"))),
            past_start=Case(When(ends_at__lt=now, then=F("starts_at"))),
        )
        .order_by(F("upcoming_start").asc(nulls_last=True), F("past_start").desc(nulls_last=True), "pk")
    )


def session_roster(session: Session) -> Roster:
    """Everyone holding or waiting for a seat in ``session``, in one query.

    Confirmed participants are in name order (lists and sign-in sheets); the waiting list is in
    queue order (queued_at, pk), numbered from 1 like ``waiting_position``.
    """
    from .models import ACTIVE_STATUSES

    enrolments = (
        Enrolment.objects.filter(session_id=session.pk, status__in=ACTIVE_STATUSES)
        .select_related("person__unit__organisation", "person__professional_group")
        .order_by("queued_at", "pk")
    )
    roster = Roster()
    for enrolment in enrolments:
        if enrolment.status == Enrolment.Status.CONFIRMED:
            roster.confirmed.append(enrolment)
        elif enrolment.status == Enrolment.Status.WAITING:
            enrolment.position = len(roster.waiting) + 1
            roster.waiting.append(enrolment)
        else:
            roster.awaiting_approval.append(enrolment)
    roster.confirmed.sort(key=lambda e: (e.person.last_name.casefold(), e.person.first_name.casefold(), e.person.email))
    return roster


def get_enrolment_in_session(session: Session, pk: int) -> Enrolment:
    """An enrolment of ``session`` (already scoped to the organiser), else 404."""
    from django.http import Http404

    try:
        return Enrolment.objects.select_related("person", "session__course").get(session_id=session.pk, pk=pk)
    except Enrolment.DoesNotExist:
        raise Http404 from None


def move_targets(session: Session, *, organiser) -> QuerySet[Session]:
    """Sessions of the same course a participant of ``session`` can be moved to by ``organiser``, with their
    seat counts: only sessions ``organiser`` organises, as for the session the participant leaves."""
    from django.db.models import Count

    return (
        sessions_organised_by(organiser)
        .filter(course_id=session.course_id)
        .exclude(pk=session.pk)
        .exclude(status__in=[Session.Status.CANCELLED, Session.Status.COMPLETED])
        .select_related("course")
        .annotate(confirmed_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.CONFIRMED)))
        .order_by("starts_at", "pk")
    )


def waiting_enrolment_ids(session: Session) -> set[int]:
    return set(session.enrolments.filter(status=Enrolment.Status.WAITING).values_list("pk", flat=True))


def promoted_among(enrolment_ids: set[int]) -> list[Enrolment]:
    """Those of ``enrolment_ids`` (taken from a waiting list before a change) that now hold a seat."""
    if not enrolment_ids:
        return []
    return list(
        Enrolment.objects.filter(pk__in=enrolment_ids, status=Enrolment.Status.CONFIRMED)
        .select_related("person")
        .order_by("queued_at", "pk")
    )


def active_person_with_email(email: str):
    """The active account with ``email`` (case-insensitive), or None."""
    from people.models import User

    return User.objects.filter(is_active=True, email__iexact=email.strip()).first()


def session_confirmed_count(session: Session) -> int:
    return session.enrolments.filter(status=Enrolment.Status.CONFIRMED).count()
