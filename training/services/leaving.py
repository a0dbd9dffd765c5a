"""When a person leaves (``people.signals.person_deactivated``): their future enrolments end.

Each active enrolment (a seat, a place in line or a request awaiting approval) of a session that
has not started is cancelled through ``enrolment_cancel``, so each freed seat goes to the first
person in line in the same transaction and everyone is told as usual. Past enrolments, attendance,
certificates and the participation facts stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from people.models import User

from ..models import ACTIVE_STATUSES, Enrolment
from .enrolments import enrolment_cancel


def future_enrolments(people: Iterable[User]):
    """Active enrolments of ``people`` in sessions that have not started, in a fixed (lock) order."""
    now = timezone.now()
    return (
        Enrolment.objects.filter(person__in=list(people), status__in=ACTIVE_STATUSES)
        .filter(Q(session__starts_at__gt=now) | Q(session__starts_at__isnull=True))
        .order_by("session_id", "pk")
    )


@transaction.atomic
def enrolments_cancel_for_leavers(*, people: Iterable[User], by: User | None = None) -> list[Enrolment]:
    """Cancel the future enrolments of people who have left; returns the cancelled enrolments."""
    reason = gettext("The person has left the organisation.")
    return [enrolment_cancel(enrolment=enrolment, by=by, reason=reason) for enrolment in future_enrolments(people)]


def on_person_deactivated(sender, *, users, by=None, **kwargs) -> None:
    enrolments_cancel_for_leavers(people=users, by=by)
