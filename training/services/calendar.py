"""Writes for the personal calendar feed (/calendar/<token>.ics)."""

from __future__ import annotations

from django.db import transaction

from people.models import User

from ..models import CalendarFeed


def calendar_feed_get_or_create(*, person: User) -> CalendarFeed:
    """The person's feed, created with a fresh secret token the first time it is asked for."""
    feed, _created = CalendarFeed.objects.get_or_create(person=person)
    return feed


@transaction.atomic
def calendar_feed_regenerate(*, person: User) -> CalendarFeed:
    """Give the person a new secret address; the old one stops working at once (404)."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(person=person)
    if not created:
        feed.regenerate()
    return feed
