"""Sending to the enrolments that are due, batch by batch, so that concurrent runs share the work.

Each batch is claimed with ``SELECT … FOR UPDATE SKIP LOCKED`` and marked in the same transaction
that enqueues its emails: concurrent runs take different batches, and a second run finds nothing
left. Reminders and feedback requests both go this way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from ..models import Enrolment


def send_in_batches(
    due: QuerySet[Enrolment],
    *,
    mark: dict[str, Any],
    send: Callable[[Enrolment], int],
    related: Iterable[str] = (),
    batch_size: int = 100,
) -> int:
    """Claim ``due`` (ordered) ``batch_size`` at a time, ``mark`` each batch (field values) and ``send``
    each of its enrolments; returns the sum of what ``send`` returned."""
    sent = 0
    while True:
        with transaction.atomic():
            batch = list(
                due.select_for_update(skip_locked=True, of=("self",))
                .select_related(*related)
                .prefetch_related("session__days")[:batch_size]
            )
            if not batch:
                return sent
            Enrolment.objects.filter(pk__in=[enrolment.pk for enrolment in batch]).update(**mark)
            for enrolment in batch:
                sent += send(enrolment)
