"""``{% session_attendance session %}``: the attendance and outcomes section of the organiser's session page."""

from django import template

from ..selectors.attendance import attendance_grid

register = template.Library()


@register.inclusion_tag("training/attendance/includes/session_attendance.html")
def session_attendance(session) -> dict:
    return {"session": session, "grid": attendance_grid(session)}


@register.filter
def hours(minutes: int | None) -> str:
    """Minutes as hours with one decimal, in the active language's format (``330`` -> "5,5")."""
    from django.utils.formats import number_format

    return number_format(round((minutes or 0) / 60, 1), decimal_pos=1)
