"""Signals other parts of the project listen to.

``enrolment_completed`` is sent (with ``sender=Enrolment``, ``enrolment=...``) inside the
transaction that records a completion, once per enrolment that becomes completed: certificates
are issued automatically and competence evidence is recorded from it.
"""

from django.dispatch import Signal

enrolment_completed = Signal()
