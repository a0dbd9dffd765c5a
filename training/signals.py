"""Signals other parts of the project listen to.

``enrolments_completed`` is sent (``sender=Enrolment``, ``session=...``, ``enrolments=[...]``)
inside the transaction that records attendance, once per recording and with every enrolment of
the session that has just become completed (never again for one that already was). Receivers
handle the whole list at once, so recording a full attendance sheet costs the same number of
queries for 3 or 300 people: certificates are issued automatically and competence evidence is
recorded from it.

``enrolments_uncompleted`` is its counterpart, with the same arguments: sent when a correction of
the attendance makes enrolments that were completed no longer completed (present corrected to
absent). Their certificates are revoked with a system reason and the competence evidence of the
completion is removed; a later completion reinstates the same certificate.

``participations_changed`` (``sender=Enrolment``, ``enrolment_ids=[...]``) is sent by every service
that changes what an enrolment counts for: its status, outcome and minutes, its certificate, or
whether feedback was given. ``sessions_changed`` (``sender=Session``, ``session_ids=[...]``) when a
session's time, place, language, course or status changes. Both are sent inside the writing
transaction, once per write, so that receivers (the participation facts of ``reporting``) stay in
step in a fixed number of queries.
"""

from collections.abc import Iterable

from django.dispatch import Signal

from .models import Enrolment, Session

enrolments_completed = Signal()
enrolments_uncompleted = Signal()
participations_changed = Signal()
sessions_changed = Signal()


def send_participations_changed(enrolment_ids: Iterable[int]) -> None:
    if ids := [pk for pk in enrolment_ids if pk is not None]:
        participations_changed.send(sender=Enrolment, enrolment_ids=ids)


def send_sessions_changed(session_ids: Iterable[int]) -> None:
    if ids := list(session_ids):
        sessions_changed.send(sender=Session, session_ids=ids)
