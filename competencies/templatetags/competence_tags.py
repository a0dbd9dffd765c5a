from django import template
from django.utils import timezone

from ..selectors import open_rounds_for

register = template.Library()


@register.inclusion_tag("competencies/includes/open_rounds.html", takes_context=True)
def open_competence_surveys(context) -> dict:
    """The open survey rounds that wait for the signed-in person's self-assessment (nothing when signed out)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"rounds": []}
    return {"rounds": list(open_rounds_for(user, timezone.localdate()).select_related("version__framework"))}
