"""Signals people sends when a person's place in the network changes.

``person_deactivated`` goes out inside the transaction that deactivated the people (the HR import,
an end date reached), with ``users``: the ``User`` objects, already ``is_active=False``. Receivers
that act on it (cancelling future enrolments, withdrawing approvals) do so in the same transaction,
so a failing receiver undoes the deactivation too.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.dispatch import Signal

person_deactivated = Signal()


def send_person_deactivated(users: Iterable) -> None:
    """Tell the receivers that ``users`` were deactivated; nothing is sent for none."""
    users = list(users)
    if users:
        from .models import User

        person_deactivated.send(sender=User, users=users)
