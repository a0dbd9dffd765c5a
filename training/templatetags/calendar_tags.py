"""Template helpers for calendars: a person's subscription address on the profile and My trainings."""

from __future__ import annotations

from django import template

from ..documents.calendar import feed_url
from ..services.calendar import calendar_feed_get_or_create

register = template.Library()


@register.inclusion_tag("training/calendar/subscription.html", takes_context=True)
def calendar_subscription(context) -> dict:
    """The signed-in person's secret feed address (https and webcal://), created the first time it is shown."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"feed_address": ""}
    address = feed_url(calendar_feed_get_or_create(person=user))
    _scheme, _sep, rest = address.partition("://")
    return {"feed_address": address, "webcal_address": f"webcal://{rest}", "request": request}
