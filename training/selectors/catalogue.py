"""Reads for the catalogue: a programme's courses, filtered, and a course page's upcoming sessions.

The programme page (``TrainingProgrammePage.get_context``) owns the filter form and the
pagination; the reads here take plain keyword arguments.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, TextField
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from wagtail.models import Page

from people.models import ProfessionalGroup, User

from ..models import ACTIVE_STATUSES, CoursePage, Enrolment, Session, TrainingProgrammePage
from .enrolments import attach_cancellable, attach_queue_positions, seats_left, sessions_with_counts


def courses_in(programme: TrainingProgrammePage) -> QuerySet[CoursePage]:
    """Live courses of a programme with what a catalogue card shows, in one query (plus one prefetch).

    Every course appears in every language: a course without a live translation in the
    programme's language is listed in its original (the site's default language), so the
    Swedish and English catalogues list the same courses as the Finnish one.
    """
    programmes = Page.objects.filter(translation_key=programme.translation_key)
    default = settings.LANGUAGE_CODE
    in_language = CoursePage.objects.live().filter(locale_id=programme.locale_id)
    here = Q(locale_id=programme.locale_id) & Q(path__startswith=programme.path)
    originals = (
        Q(locale__language_code=default)
        & Q(path__startswith=programmes.filter(locale__language_code=default).values("path")[:1])
        & ~Q(translation_key__in=in_language.values("translation_key"))
    )
    return (
        CoursePage.objects.live()
        .public()
        .filter(depth=programme.depth + 1)
        .filter(here | originals)
        .select_related("organiser", "locale")
        .prefetch_related(Prefetch("target_groups", queryset=ProfessionalGroup.objects.order_by("sort_order")))
        .order_by("title")
    )


SORTS = ("title", "next")


def _sessions_of_course() -> QuerySet[Session]:
    """A course's upcoming sessions, in any of its languages, for subqueries on ``CoursePage``."""
    return Session.objects.upcoming().filter(course__translation_key=OuterRef("translation_key"))


def filtered_courses(
    *,
    programme: TrainingProgrammePage,
    q: str = "",
    kind: str = "",
    level: str = "",
    group: ProfessionalGroup | None = None,
    competence: str = "",
    starts_from: datetime.date | None = None,
    starts_until: datetime.date | None = None,
    place: str = "",
    online: bool = False,
    has_places: bool = False,
    sort: str = "title",
) -> QuerySet[CoursePage]:
    """The programme's courses narrowed by kind, level, target group, competence developed, a
    search, and by their upcoming sessions (period, place, online, free places: one session must
    meet them all), each ignored when empty; by title, or by the next session's start."""
    courses = courses_in(programme)
    if kind:
        courses = courses.filter(kind=kind)
    if level:
        courses = courses.filter(level=level)
    if group:
        courses = courses.filter(target_groups=group)
    if competence:
        # Translations share the original's tags through their translation key.
        tagged = CoursePage.develops_competences.through.objects.filter(competence__code=competence)
        courses = courses.filter(translation_key__in=tagged.values("coursepage__translation_key"))
    if starts_from or starts_until or place or online or has_places:
        sessions = _sessions_of_course()
        if starts_from:
            sessions = sessions.filter(starts_at__date__gte=starts_from)
        if starts_until:
            sessions = sessions.filter(starts_at__date__lte=starts_until)
        if place:
            sessions = sessions.filter(Q(place_name__icontains=place) | Q(place_address__icontains=place))
        if online:
            sessions = sessions.exclude(online_url="")
        if has_places:
            confirmed = (
                Enrolment.objects.filter(session_id=OuterRef("pk"), status=Enrolment.Status.CONFIRMED)
                .order_by()
                .values("session_id")
                .annotate(n=Count("pk"))
                .values("n")
            )
            sessions = sessions.annotate(
                confirmed=Coalesce(Subquery(confirmed, output_field=IntegerField()), 0)
            ).filter(capacity__gt=F("confirmed"))
        courses = courses.filter(Exists(sessions))
    if q:
        courses = search_courses(courses, q)
    if sort == "next":
        next_start = _sessions_of_course().order_by("starts_at").values("starts_at")[:1]
        courses = courses.annotate(next_starts_at=Subquery(next_start)).order_by(
            F("next_starts_at").asc(nulls_last=True), "title"
        )
    return courses


SEARCHED_FIELDS = ("title", "summary", "learning_outcomes", "body")
# Case and possessive endings cut from a search word on SQLite, longest first, so that a word
# finds its inflected forms ("lapsiperheiden" → "lapsiperhe", "vauva" → "vauv" finds "Vauvaperheen").
FINNISH_ENDINGS = (
    "itten", "iden", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "een", "ien",
    "jen", "ne", "en", "an", "än", "in", "n", "t", "a", "ä", "e", "i", "o", "ö", "u", "y",
)  # fmt: skip
MIN_STEM = 4


def search_words(q: str) -> list[str]:
    return re.findall(r"\w+", q.lower())[:10]


def finnish_stem(word: str) -> str:
    """The word without one common Finnish ending, keeping at least ``MIN_STEM`` letters."""
    for ending in FINNISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def search_courses(courses: QuerySet[CoursePage], q: str) -> QuerySet[CoursePage]:
    """Courses whose title, summary, outcomes or body contain every word of ``q`` in any form.

    PostgreSQL: full-text search with the 'finnish' configuration, each word a prefix
    (``to_tsquery('finnish', 'vauva:* & perhe:*')``), so compounds and inflections match without
    an extension. SQLite: each word's stem (``finnish_stem``) anywhere in the text, ignoring case.
    """
    words = search_words(q)
    if not words:
        return courses
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector(*(Cast(name, TextField()) for name in SEARCHED_FIELDS), config="finnish")
        query = SearchQuery(" & ".join(f"{word}:*" for word in words), search_type="raw", config="finnish")
        return courses.annotate(search=vector).filter(search=query)
    for word in words:
        stem = finnish_stem(word)
        match = Q()
        for name in SEARCHED_FIELDS:
            match |= Q(**{f"{name}__icontains": stem})
        courses = courses.filter(match)
    return courses


def attach_next_sessions(courses: Iterable[CoursePage]) -> None:
    """Give each course ``next_session``: its first upcoming session in any language (or None),
    with ``seats_left`` and ``waiting_count``. One query whatever the number of courses."""
    courses = list(courses)
    keys = {course.translation_key for course in courses}
    first: dict = {}
    for session in (
        sessions_with_counts().filter(course__translation_key__in=keys).upcoming().order_by("-starts_at", "-pk")
    ):
        first[session.course.translation_key] = session  # the earliest comes last
    for course in courses:
        session = first.get(course.translation_key)
        if session is not None:
            session.seats_left = seats_left(session)
        course.next_session = session


def upcoming_sessions_for_course(course: CoursePage, person: User | None = None) -> list[Session]:
    """The course's sessions that have not ended and are not cancelled, by start, for the course page.

    Each session carries ``days``, ``confirmed_count``, ``waiting_count``, ``seats_left``,
    ``refusal_code`` ('' when open for enrolment) and ``own_enrolment``: the signed-in person's
    active enrolment with its ``queue_position`` and ``cancellable``, or None. The sessions, the same
    for every reader, come from the shared cache under the places version (``course_sessions``); the
    person's own enrolments are one query (two when they wait for a place). Translations of a course
    share its sessions.
    """
    now = timezone.now()
    sessions = course_sessions(course)
    own = {}
    if person is not None and sessions:
        by_pk = {session.pk: session for session in sessions}
        enrolments = list(Enrolment.objects.filter(person=person, status__in=ACTIVE_STATUSES, session_id__in=by_pk))
        for enrolment in enrolments:
            enrolment.session = by_pk[enrolment.session_id]
        attach_queue_positions(enrolments)
        attach_cancellable(enrolments, now=now)
        own = {enrolment.session_id: enrolment for enrolment in enrolments}
    for session in sessions:
        session.seats_left = seats_left(session)
        session.refusal_code = session.enrolment_refusal(now)
        session.own_enrolment = own.get(session.pk)
    return sessions


def course_sessions(course: CoursePage) -> list[Session]:
    """The course's upcoming sessions with their days and counts: two queries, or none when the shared cache
    has them under the current places version (bumped when an enrolment or a session changes, so seats are
    never older than that; at most ``ANONYMOUS_PAGE_SECONDS`` in any case)."""
    from core.cache import ANONYMOUS_PAGE_SECONDS, places_version, versioned_get, versioned_set

    key = f"course-sessions:{places_version()}:{course.translation_key}"
    sessions = versioned_get(key)
    if sessions is None:
        sessions = list(
            sessions_with_counts()
            .filter(course__translation_key=course.translation_key)
            .upcoming()
            .prefetch_related("days")
            .order_by("starts_at", "pk")
        )
        versioned_set(key, sessions, ANONYMOUS_PAGE_SECONDS)
    return sessions
