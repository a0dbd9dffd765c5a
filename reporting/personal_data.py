"""Reporting's entries in the register of personal data (``people.personal_data``), imported by
``ReportingConfig.ready``.

The participation facts hold no relation to a person (only ``person_key``, a number that outlives
them), so they need no entry. A person listed on an activity stays listed, nameless once erased,
so that the activity's count stays.
"""

from __future__ import annotations

from people.personal_data import register

from .models import ActivityParticipant


def _listings(person) -> list[dict]:
    listings = ActivityParticipant.objects.filter(person=person).select_related("activity")
    return [
        {
            "activity": listing.activity.title,
            "starts_on": listing.activity.starts_on.isoformat() if listing.activity.starts_on else None,
        }
        for listing in listings
    ]


register(
    ActivityParticipant,
    name="activities",
    export=_listings,
    reason="Counted in the activity's participants; the listing names no one once the person is erased",
)
