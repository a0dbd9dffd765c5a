"""Erasing a person: their personal data removed or replaced, every figure the same afterwards.

``person_erase`` first deactivates the person (``people_deactivate``: future seats go to the first in
line, open assessments are withdrawn), then runs every eraser of the register
(``people.personal_data``) in one transaction, and last replaces the user row's own data: no name,
an address at ``erased.invalid``, no password, no roles. The row itself stays, so the enrolments,
attendance, certificates, feedback receipts and participation facts that hang on it keep counting:
only their link to a person is gone. Its unit, professional group and service level stay too: they
are what past and reported figures are cut by, and name no one.

``people_erase_inactive`` erases people deactivated and inactive for longer than
``PERSONAL_DATA_RETENTION_MONTHS`` (default 24): no sign-in, no joining and no change to an
enrolment since. ``manage.py erase_inactive_people`` runs it among the periodic jobs.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from ..models import User
from ..personal_data import entries
from .leaving import people_deactivate

logger = logging.getLogger(__name__)

ERASED_DOMAIN = "erased.invalid"
DEFAULT_RETENTION_MONTHS = 24


def erased_email(pk: int) -> str:
    return f"erased-{pk}@{ERASED_DOMAIN}"


def is_erased(person: User) -> bool:
    return person.email == erased_email(person.pk)


@transaction.atomic
def person_erase(*, person: User, by: User | None = None) -> dict[str, int]:
    """Erase ``person``; returns the rows each register entry touched. Erasing again does nothing."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if is_erased(person):
        return {}
    people_deactivate(people=[person], by=by)
    counts = {}
    for entry in entries():
        if entry.erase is not None:
            counts[entry.name] = entry.erase(person) or 0
    person.first_name = ""
    person.last_name = ""
    person.email = erased_email(person.pk)
    person.set_unusable_password()
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.is_trainer = False
    person.is_coordinator = False
    person.last_login = None
    person.preferred_language = User.Language.FI
    person.save()
    return counts


def retention_months() -> int:
    return int(getattr(settings, "PERSONAL_DATA_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS))


def retention_cutoff(now: datetime.datetime | None = None, months: int | None = None) -> datetime.datetime:
    now = now or timezone.now()
    months = retention_months() if months is None else months
    return now - datetime.timedelta(days=round(months * 365.25 / 12))


def inactive_people(*, cutoff: datetime.datetime):
    """Deactivated people, not yet erased, with no sign-in, joining or enrolment change after ``cutoff``."""
    last_seen = Greatest(
        Coalesce("last_login", "date_joined"),
        Coalesce(Max("enrolments__updated_at"), "date_joined"),
    )
    return (
        User.objects.filter(is_active=False)
        .exclude(email__endswith=f"@{ERASED_DOMAIN}")
        .annotate(last_seen=last_seen)
        .filter(Q(last_seen__lt=cutoff))
        .order_by("pk")
    )


def people_erase_inactive(*, now: datetime.datetime | None = None, months: int | None = None) -> Counter:
    """Erase everyone inactive longer than the retention period, one transaction each.

    Returns (and logs) the number of people and of rows per register entry; no names, addresses or ids.
    """
    cutoff = retention_cutoff(now, months)
    totals: Counter = Counter()
    for person in inactive_people(cutoff=cutoff).iterator():
        totals.update(person_erase(person=person))
        totals["people"] += 1
    logger.info(
        "Erased %d people inactive since before %s",
        totals["people"],
        cutoff.date().isoformat(),
        extra={"erased": dict(totals)},
    )
    return totals
