"""Template helpers for feedback: shares as percentages."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(share: float | None) -> str:
    """0.8 -> "80 %" in the active language's number format; a dash when there is nothing to divide."""
    if share is None:
        return "–"
    return f"{number_format(share * 100, decimal_pos=0)} %"
