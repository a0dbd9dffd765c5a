"""Reminders before a session: every confirmed participant is reminded once, ``REMINDER_HOURS`` ahead."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from .. import notifications
from ..models import Enrolment, Session
from .batches import send_in_batches

Status = Enrolment.Status

REMINDER_HOURS = 48


def send_due_reminders(*, hours: int = REMINDER_HOURS, now: datetime | None = None, batch_size: int = 100) -> int:
    """Remind every confirmed participant whose session starts within ``hours``, once.

    Claimed batch by batch (``send_in_batches``), so concurrent runs share the work and a second
    run finds nothing left to send.
    """
    now = now or timezone.now()
    due = (
        Enrolment.objects.filter(
            status=Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            session__starts_at__gt=now,
            session__starts_at__lte=now + timedelta(hours=hours),
        )
        .exclude(session__status=Session.Status.CANCELLED)
        .order_by("pk")
    )
    return send_in_batches(
        due,
        mark={"reminder_sent_at": now},
        related=("person__unit", "session__course"),
        send=lambda enrolment: notifications.enqueue_all("reminder", enrolment),
        batch_size=batch_size,
    )
