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
"""

from django.dispatch import Signal

enrolments_completed = Signal()
enrolments_uncompleted = Signal()
