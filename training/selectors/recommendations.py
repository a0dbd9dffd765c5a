"""Courses that develop given competences, with their upcoming sessions (for "My competences").

Courses are tagged with competences of a framework version; they are matched by competence
code, which stays the same across versions, so a course tagged with the current framework is
recommended for a gap found in a round on an older version too.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import get_language

from ..models import CoursePage
from .courses import course_translations, urls_in_language
from .enrolments import sessions_with_counts

SESSIONS_PER_COURSE = 3


def pages_in_active_language(translation_keys: Iterable) -> dict:
    """translation_key -> the live, public course page in the active language, else in the default
    language, else any live one. One query."""
    language = (get_language() or "").split("-")[0]
    default_language = settings.LANGUAGE_CODE.split("-")[0]
    ranked: dict = {}
    for (_key, code), page in course_translations(translation_keys, public=True).items():
        rank = 0 if code == language else 1 if code == default_language else 2
        if page.translation_key not in ranked or rank < ranked[page.translation_key][0]:
            ranked[page.translation_key] = (rank, page)
    return {key: page for key, (_rank, page) in ranked.items()}


def courses_developing(competence_codes: Iterable[str]) -> list[CoursePage]:
    """Live, public courses tagged with any of the codes, in the active language where translated.

    Each course gets ``matched_codes`` (the codes it develops among those asked for) and
    ``upcoming_sessions`` (up to three that are still to come and not cancelled, each with
    ``seats_left`` and ``refusal_code``). Three queries whatever the number of courses.
    """
    codes = {code for code in competence_codes if code}
    if not codes:
        return []
    tags = CoursePage.develops_competences.through.objects.filter(
        competence__code__in=codes, coursepage__live=True
    ).values_list("coursepage__translation_key", "competence__code")
    matched: dict = {}
    for key, code in tags:
        matched.setdefault(key, set()).add(code)
    if not matched:
        return []
    chosen = pages_in_active_language(matched)
    sessions_by_key: dict = {}
    for session in (
        sessions_with_counts().filter(course__translation_key__in=list(chosen)).upcoming().order_by("starts_at", "pk")
    ):
        sessions_by_key.setdefault(session.course.translation_key, []).append(session)
    courses = []
    for key, page in chosen.items():
        page.matched_codes = sorted(matched[key])
        page.upcoming_sessions = sessions_by_key.get(key, [])[:SESSIONS_PER_COURSE]
        for session in page.upcoming_sessions:
            session.seats_left = max(session.capacity - session.confirmed_count, 0)
            session.refusal_code = session.enrolment_refusal()
        courses.append(page)
    urls = urls_in_language(courses, language=(get_language() or "").split("-")[0] or None)
    for page in courses:
        page.url_here = urls.get(page.pk, "")
    # Most matching gaps first, then by title.
    courses.sort(key=lambda page: (-len(page.matched_codes), page.title))
    return courses
