"""Signals of the people app that other apps listen to.

``person_deactivated`` (``sender=User``, ``users=[...]``, ``by=<User or None>``) is sent inside the
transaction that deactivates people (``is_active`` set False): by the HR import, by an
administrator in the admin, and before an erasure. Receivers end what the person can no longer
take part in: training cancels their future enrolments (each freed seat goes to the first in
line in the same transaction) and withdraws pending approvals; competencies withdraws their
open assessments. History, certificates and figures stay. Receivers handle the whole list at
once and must be idempotent: a person may be deactivated again.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.dispatch import Signal

person_deactivated = Signal()


def send_person_deactivated(users: Iterable, by=None) -> None:
    """Tell the other apps that ``users`` have been deactivated (``by`` the person who did it, if any)."""
    from .models import User

    if people := [user for user in users if user is not None]:
        person_deactivated.send(sender=User, users=people, by=by)
