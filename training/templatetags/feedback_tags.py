"""Template helpers for feedback: what is due on My trainings, and shares as percentages."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from ..selectors.feedback import feedback_due_for

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_due(context) -> list:
    """The signed-in person's sessions awaiting their feedback (two queries, whatever their number)."""
    request = context.get("request")
    return feedback_due_for(request.user) if request is not None else []


@register.filter
def percent(share: float | None) -> str:
    """0.8 -> "80 %" in the active language's number format; a dash when there is nothing to divide."""
    if share is None:
        return "–"
    return f"{number_format(share * 100, decimal_pos=0)} %"
