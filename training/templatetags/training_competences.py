"""Template tags for pages outside training that show courses: ``{% recommended_courses codes as courses %}``."""

from django import template

from ..selectors.recommendations import courses_developing

register = template.Library()


@register.simple_tag
def recommended_courses(competence_codes):
    """Live courses in the active language developing any of ``competence_codes``, with upcoming sessions."""
    return courses_developing(competence_codes or [])
