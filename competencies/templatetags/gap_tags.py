"""Formatting for the gap analysis pages: the heatmap's colour class, shares and changes as text."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()

# Upper bounds (exclusive) of the share below requirement for the colour classes heat-0 .. heat-4.
HEAT_STEPS = (0.0001, 0.25, 0.5, 0.75)


@register.filter
def heat_class(share: float | None) -> str:
    if share is None:
        return "heat-suppressed"
    for index, bound in enumerate(HEAT_STEPS):
        if share < bound:
            return f"heat-{index}"
    return f"heat-{len(HEAT_STEPS)}"


@register.filter
def percent(share: float | None) -> str:
    """0.5 -> "50 %" (no decimals); None -> a dash."""
    if share is None:
        return "–"
    return f"{floatformat(share * 100, 0)} %"


@register.filter
def signed(value: float | None, decimals: int = 1) -> str:
    """A change with its sign (a minus sign, not a hyphen), localised decimals."""
    if value is None:
        return "–"
    if abs(value) < 10 ** -(decimals + 1):
        return "±0"
    text = floatformat(abs(value), decimals)
    return f"+{text}" if value > 0 else f"−{text}"


@register.filter
def points(share_change: float | None) -> str:
    """A change of share as signed percentage points."""
    return "–" if share_change is None else signed(share_change * 100, 0)


@register.filter
def percent_number(share: float | None) -> str:
    """0.5 -> "50": the number of a compact heatmap cell, whose caption says it is a percentage."""
    if share is None:
        return "–"
    return floatformat(share * 100, 0)


@register.inclusion_tag("competencies/includes/person_competence_summary.html", takes_context=True)
def person_competence_summary(context, person) -> dict:
    """The person's required and current levels, gaps first, for a manager of the person's unit (else nothing)."""
    from people.models import OrgUnit

    from ..selectors.gaps import person_competences

    request = context.get("request")
    paths = request.access.managed_unit_paths if request is not None and request.user.is_authenticated else ()
    if not paths or not OrgUnit.objects.below_paths(paths).filter(pk=person.unit_id).exists():
        return {"shown": False}
    assessment, rows = person_competences(person)
    return {
        "shown": True,
        "person": person,
        "assessment": assessment,
        "rows": rows,
        "gap_count": sum(1 for row in rows if row.has_gap),
        "hide_evidence": True,  # the evidence is on the competence page the summary links to
    }
