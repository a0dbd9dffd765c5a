"""Which language version of a course a reader gets: every such choice in the app goes through here.

A course and its translations share a ``translation_key``; a course without a live translation
in the asked language stays as it is (the Finnish original).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db.models import Q
from django.utils import translation
from django.utils.translation import get_language, get_supported_language_variant
from wagtail.models import Page

from ..models import CoursePage


def course_translations(
    translation_keys: Iterable, languages: Iterable[str] | None = None, *, public: bool = False
) -> dict[tuple, CoursePage]:
    """The live course pages with these translation keys (in ``languages``, else in any language),
    by (translation_key, language code). One query."""
    pages = CoursePage.objects.live().filter(translation_key__in=set(translation_keys))
    if public:
        pages = pages.public()
    if languages is not None:
        pages = pages.filter(locale__language_code__in=set(languages))
    return {(page.translation_key, page.locale.language_code): page for page in pages.select_related("locale")}


def courses_in_language(courses: Iterable[CoursePage], language: str | None) -> dict[int, CoursePage]:
    """Each course's live translation in ``language``, keyed by the given course's pk, in one query."""
    courses = list(courses)
    if not courses or not language:
        return {course.pk: course for course in courses}
    translations = course_translations({course.translation_key for course in courses}, [language])
    return {course.pk: translations.get((course.translation_key, language), course) for course in courses}


def courses_by_pk_in_language(course_ids: Iterable[int], language: str | None) -> dict[int, CoursePage]:
    """The courses with these pks, each as its live translation in ``language`` where there is one (as
    ``courses_in_language``), by the given pk, for rows that carry only a course's pk: one query, or none
    when the shared cache has the same courses under the current content version (course pages are the
    same for every reader, and publishing, unpublishing or moving one bumps the version)."""
    from core.cache import content_version, versioned_get, versioned_set

    course_ids = set(course_ids)
    if not course_ids:
        return {}
    listed = hashlib.sha256(",".join(map(str, sorted(course_ids))).encode()).hexdigest()
    key = f"courses-in-language:{content_version()}:{language}:{listed}"
    if (courses := versioned_get(key)) is None:
        wanted = Q(pk__in=course_ids)
        if language:
            keys = Page.objects.filter(pk__in=course_ids).values("translation_key")
            wanted |= Q(live=True, locale__language_code=language, translation_key__in=keys)
        pages = list(CoursePage.objects.filter(wanted).select_related("locale"))
        in_language = {
            page.translation_key: page for page in pages if page.live and page.locale.language_code == language
        }
        courses = {page.pk: in_language.get(page.translation_key, page) for page in pages if page.pk in course_ids}
        versioned_set(key, courses, 300)
    return courses


def course_in_language(course: CoursePage, language: str) -> CoursePage:
    return courses_in_language([course], language)[course.pk]


def active_language() -> str | None:
    """The active language as one of the site's languages, or None outside them."""
    try:
        return get_supported_language_variant(get_language() or "")
    except LookupError:
        return None


def urls_in_language(courses: Iterable[CoursePage], language: str | None) -> dict[int, str]:
    """Where each course in another language than ``language`` is read, by pk: under the programme's
    translation (``TrainingProgrammePage.route``), so the reader keeps their interface language.
    Courses in ``language`` are left out (their own URL serves). Two queries when any course is in
    another language, none otherwise."""
    courses = list(courses)
    urls: dict[int, str] = {}
    others = [course for course in courses if language and course.locale.language_code != language]
    if not others:
        return urls
    step = Page.steplen
    parents = dict(
        Page.objects.filter(path__in={c.path[:-step] for c in others}).values_list("path", "translation_key")
    )
    programmes = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(translation_key__in=set(parents.values()), locale__language_code=language)
        .select_related("locale")
    }
    for course in others:
        programme = programmes.get(parents.get(course.path[:-step]))
        if programme is not None:
            with translation.override(language):
                urls[course.pk] = f"{programme.url}{course.slug}/"
    return urls
