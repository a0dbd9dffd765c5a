"""Emails about enrolments, sent through the task queue after the transaction commits."""

from __future__ import annotations

from django.db import transaction


def on_commit(event: str, enrolment) -> None:
    """Tell the person (and whoever else the event concerns) once the change is committed."""
    transaction.on_commit(lambda: send(event, enrolment.pk))


def send(event: str, enrolment_id: int) -> None:
    """Placeholder until the notification templates land."""


def session_changed(session) -> None:
    """The time or place of ``session`` changed: everyone confirmed gets an updated calendar event."""
