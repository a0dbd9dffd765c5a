"""Deactivating people: they can no longer sign in, and the other apps end what they were taking part in.

``people_deactivate`` is the one way to do it (the HR import, the admin's user form and its bulk
action, the erasure): it sets ``is_active`` off and sends ``people.signals.person_deactivated`` in
the same transaction, so a freed seat and the cancellation are one change.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from ..models import User
from ..signals import send_person_deactivated


@transaction.atomic
def people_deactivate(*, people: Iterable[User], by: User | None = None) -> list[User]:
    """Deactivate ``people`` (those still active are saved) and tell the other apps about all of them."""
    people = list(people)
    for person in people:
        if person.is_active:
            person.is_active = False
            person.save(update_fields=["is_active"])
    send_person_deactivated(people, by=by)
    return people


def people_deactivate_ended(*, today=None) -> int:
    """Deactivate the active people whose employment ended before ``today`` (the periodic job
    ``deactivate_leavers``): the end date from the HR import takes effect without a new import. Returns
    how many."""
    today = today or timezone.localdate()
    with transaction.atomic():
        leavers = list(
            User.objects.select_for_update().filter(is_active=True, employment_ends_on__lt=today).order_by("pk")
        )
        if leavers:
            people_deactivate(people=leavers)
    return len(leavers)
