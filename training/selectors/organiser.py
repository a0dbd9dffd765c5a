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
