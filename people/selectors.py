"""Reads of people for the lists managers and coordinators use: search, filters, a stable order."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import OrgUnit, ProfessionalGroup, User


def people_list(
    *,
    people: QuerySet[User],
    search: str = "",
    unit: OrgUnit | None = None,
    group: ProfessionalGroup | None = None,
) -> QuerySet[User]:
    """``people`` (already scoped to the one who asks) narrowed by a search of names and email addresses (every
    word must match one of them), a unit and the units below it, and a professional group; ordered by unit
    and name. The caller pages the result: the number of queries does not grow with the number of people."""
    for word in search.split():
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word))
    if unit is not None:
        people = people.filter(unit__in=OrgUnit.objects.below_paths([unit.path]).values("pk"))
    if group is not None:
        people = people.filter(professional_group=group)
    return people.select_related("unit__organisation", "professional_group").order_by(
        "unit__path", "last_name", "first_name", "pk"
    )
