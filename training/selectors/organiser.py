"""Reads for the organiser's pages and exports: the sessions one organises, a session's roster, move targets."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ..models import ACTIVE_STATUSES, Enrolment, Session


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


class Roster:
    """The active enrolments of one session: seats, the waiting list (``position`` 1..n) and open requests."""

    def __init__(self) -> None:
        self.confirmed: list[Enrolment] = []
        self.waiting: list[Enrolment] = []
        self.awaiting_approval: list[Enrolment] = []


ONLINE = "online"


def organiser_session_filter_choices(user) -> tuple[list[tuple[int, str]], list[str]]:
    """The courses and place names of the sessions ``user`` organises, for the list's filters (two queries)."""
    from ..models import CoursePage

    sessions = sessions_organised_by(user)
    courses = list(
        CoursePage.objects.filter(pk__in=sessions.values("course_id")).order_by("title").values_list("pk", "title")
    )
    places = list(
        sessions.exclude(place_name="").order_by("place_name").values_list("place_name", flat=True).distinct()
    )
    return courses, places


def organiser_session_list(
    user,
    *,
    course_id: int | None = None,
    starts_from=None,
    starts_until=None,
    status: str = "",
    place: str = "",
) -> QuerySet[Session]:
    """The sessions ``user`` organises with their seat counts: upcoming ones soonest first, then past ones latest first.

    Filters: a course, a period of start dates (Helsinki days, inclusive), where the session stands
    (``upcoming``, ``in_progress``, ``ended`` (ended or completed) or ``cancelled``) and a place name
    or ``online``. The counts are annotations, so a page of the list costs the same number of queries
    whatever its length.
    """
    from datetime import datetime, time, timedelta

    from django.db.models import Case, Count, F, When
    from django.utils import timezone

    now = timezone.now()
    sessions = sessions_organised_by(user)
    if course_id:
        sessions = sessions.filter(course_id=course_id)
    zone = timezone.get_default_timezone()
    if starts_from:
        sessions = sessions.filter(starts_at__gte=datetime.combine(starts_from, time(), zone))
    if starts_until:
        sessions = sessions.filter(starts_at__lt=datetime.combine(starts_until + timedelta(days=1), time(), zone))
    live = ~Q(status__in=[Session.Status.CANCELLED, Session.Status.COMPLETED])
    if status == "upcoming":
        sessions = sessions.filter(live & (Q(starts_at__gt=now) | Q(starts_at__isnull=True)))
    elif status == "in_progress":
        sessions = sessions.filter(live & Q(starts_at__lte=now, ends_at__gt=now))
    elif status == "ended":
        sessions = sessions.filter((live & Q(ends_at__lte=now)) | Q(status=Session.Status.COMPLETED))
    elif status == "cancelled":
        sessions = sessions.filter(status=Session.Status.CANCELLED)
    if place == ONLINE:
        sessions = sessions.exclude(online_url="")
    elif place:
        sessions = sessions.filter(place_name=place)
    upcoming = Q(ends_at__gte=now) | Q(ends_at__isnull=True)
    return sessions.annotate(
        confirmed_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.CONFIRMED)),
        waiting_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITING)),
        upcoming_start=Case(When(upcoming, then=F("starts_at"))),
        past_start=Case(When(ends_at__lt=now, then=F("starts_at"))),
    ).order_by(F("upcoming_start").asc(nulls_last=True), F("past_start").desc(nulls_last=True), "pk")


def session_roster(session: Session) -> Roster:
    """Everyone holding or waiting for a seat in ``session``, in one query.

    Confirmed participants are in name order (lists and sign-in sheets); the waiting list is in
    queue order (queued_at, pk), numbered from 1 like ``waiting_position``.
    """
    enrolments = (
        Enrolment.objects.filter(session_id=session.pk, status__in=ACTIVE_STATUSES)
        .select_related("person__unit__organisation__municipality", "person__professional_group")
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
    seat counts: only sessions ``organiser`` organises, as for the session the participant leaves, and
    none that has ended."""
    from django.db.models import Count
    from django.utils import timezone

    return (
        sessions_organised_by(organiser)
        .filter(course_id=session.course_id)
        .exclude(pk=session.pk)
        .exclude(status__in=[Session.Status.CANCELLED, Session.Status.COMPLETED])
        .exclude(ends_at__lte=timezone.now())
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


def organiser_session_totals(sessions: QuerySet[Session]) -> dict[str, int]:
    """How many sessions, confirmed participants and seats a (filtered) session list holds, in one query."""
    from django.db.models import Count, Sum

    totals = sessions.order_by().aggregate(
        sessions=Count("pk", distinct=True), confirmed=Sum("confirmed_count"), capacity=Sum("capacity")
    )
    return {key: value or 0 for key, value in totals.items()}


def export_roster(session: Session) -> Roster:
    """``session_roster`` with what the participant export adds: each enrolment's ``municipality`` (the
    nearest unit up the tree that names one, else the organisation's) and, for confirmed participants,
    ``days_present`` of ``days_total`` (present or partly present). Four queries whatever the size."""
    from people.models import OrgUnit

    from ..models import Attendance, SessionDay

    roster = session_roster(session)
    enrolments = [*roster.confirmed, *roster.waiting, *roster.awaiting_approval]
    paths = {enrolment.person.unit.path for enrolment in enrolments if enrolment.person.unit_id}
    ancestor_ids = {int(part) for path in paths for part in path.split("/") if part}
    unit_municipalities = {
        unit.pk: unit.municipality
        for unit in OrgUnit.objects.filter(pk__in=ancestor_ids, municipality__isnull=False).select_related(
            "municipality"
        )
    }
    for enrolment in enrolments:
        unit = enrolment.person.unit
        enrolment.municipality = None
        if unit is not None:
            nearest_first = reversed([int(part) for part in unit.path.split("/") if part])
            enrolment.municipality = next(
                (unit_municipalities[pk] for pk in nearest_first if pk in unit_municipalities),
                unit.organisation.municipality,
            )
    days_total = SessionDay.objects.filter(session_id=session.pk).count()
    present: dict[int, int] = {}
    for enrolment_id in Attendance.objects.filter(
        day__session_id=session.pk,
        enrolment__status=Enrolment.Status.CONFIRMED,
        status__in=[Attendance.Status.PRESENT, Attendance.Status.PARTIAL],
    ).values_list("enrolment_id", flat=True):
        present[enrolment_id] = present.get(enrolment_id, 0) + 1
    for enrolment in roster.confirmed:
        enrolment.days_total = days_total
        enrolment.days_present = present.get(enrolment.pk, 0)
    return roster
