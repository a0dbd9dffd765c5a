"""When a person leaves (``people.signals.person_deactivated``): their open assessments are withdrawn.

A draft assessment (not submitted) of a survey round is deleted with its ratings: it counts in no
figure (only submitted assessments are respondents). Submitted assessments, evidence and the
figures stay.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from people.models import User

from ..models import Assessment


@transaction.atomic
def assessments_withdraw_for_leavers(*, people: Iterable[User]) -> int:
    """Delete the draft assessments of people who have left; returns how many."""
    drafts = Assessment.objects.filter(person__in=list(people), status=Assessment.Status.DRAFT)
    return drafts.count() and drafts.delete()[1].get(Assessment._meta.label, 0)


def on_person_deactivated(sender, *, users, **kwargs) -> None:
    assessments_withdraw_for_leavers(people=users)
