"""Coverage of a course: how many of the current staff have completed it, and who has not yet.

Current staff are the active people with a unit, within the asker's reach (a manager's units and
the units below, or the whole network). A person has completed the course when a participation
fact of theirs, in any language version of it, is completed, or when they are listed on an
activity recorded for the course (its earlier sessions). The breakdowns count people, so a share
is "completed / staff" per unit, professional group or organisation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from people.models import User
from training.models import CoursePage

from ..models import Participation

BREAKDOWNS = {
    "unit": ("unit_id", "unit__name"),
    "professional_group": ("professional_group_id", "professional_group__name_fi"),
    "organisation": ("unit__organisation_id", "unit__organisation__name"),
}


@dataclass
class CoverageRow:
    code: int | None
    name: str
    staff: int
    completed: int

    @property
    def share(self) -> float | None:
        return self.completed / self.staff if self.staff else None

    @property
    def remaining(self) -> int:
        return self.staff - self.completed


@dataclass
class Coverage:
    course: CoursePage
    breakdown: str
    rows: list[CoverageRow]
    total: CoverageRow


def course_family(course: CoursePage) -> QuerySet[CoursePage]:
    """Every language version of ``course``: sessions and activities may hang on any of them."""
    return CoursePage.objects.filter(translation_key=course.translation_key)


def with_completion(people: QuerySet[User], course: CoursePage) -> QuerySet[User]:
    """``people`` annotated with ``completed`` (True when they have completed ``course``)."""
    done = Participation.objects.filter(
        Q(outcome="completed") | Q(source=Participation.Source.LISTING),
        person_key=OuterRef("pk"),
        course_id__in=course_family(course).values("pk"),
    )
    return people.annotate(completed=Exists(done))


def course_coverage(*, people: QuerySet[User], course: CoursePage, breakdown: str = "unit") -> Coverage:
    """Staff and completions of ``course`` among ``people`` (current staff: active, with a unit), per
    ``breakdown`` (one of ``BREAKDOWNS``), in two queries."""
    code, name = BREAKDOWNS[breakdown]
    staff = with_completion(people.filter(is_active=True, unit__isnull=False), course)
    rows = [
        CoverageRow(row[code], row[name] if breakdown != "professional_group" else "", row["staff"], row["done"])
        for row in staff.order_by()
        .values(code, name)
        .annotate(staff=Count("pk"), done=Count("pk", filter=Q(completed=True)))
    ]
    if breakdown == "professional_group":
        _translate_groups(rows)
    rows.sort(key=lambda row: (row.code is None, row.name.lower()))
    total = CoverageRow(None, "", sum(row.staff for row in rows), sum(row.completed for row in rows))
    return Coverage(course=course, breakdown=breakdown, rows=rows, total=total)


def _translate_groups(rows: Iterable[CoverageRow]) -> None:
    from people.models import ProfessionalGroup

    rows = list(rows)
    groups = {group.pk: group.name for group in ProfessionalGroup.objects.filter(pk__in=[row.code for row in rows])}
    for row in rows:
        row.name = groups.get(row.code, "")


def not_completed(*, people: QuerySet[User], course: CoursePage) -> QuerySet[User]:
    """The current staff among ``people`` who have not completed ``course``, by unit and name."""
    staff = with_completion(people.filter(is_active=True, unit__isnull=False), course)
    return (
        staff.filter(completed=False)
        .select_related("unit__organisation", "professional_group")
        .order_by("unit__name", "last_name", "first_name", "pk")
    )
