"""Writing activities beyond trainings (surveys, working groups, pilots, events, earlier totals): every save
goes through ``activity_save``, which checks the rules, saves the activity with its list of people and
then brings the participation facts in step (``participations_refresh_activity``).

The rules: participants are a count or a list of people, never both; a list belongs to a single event
(``event_count`` 1); an activity does not end before it starts. A survey activity that mirrors a
competence survey round is kept by the round: only its project may change here.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from people.models import User

from ..models import Activity, ActivityParticipant
from .participations import participations_refresh_activity

# The fields a survey activity takes from its round; the rest of its fields but the project stay as set then.
SURVEY_LOCKED_FIELDS = (
    "kind", "title", "description", "level", "starts_on", "ends_on", "organiser_id", "course_id", "language",
    "delivery", "event_count", "participant_count", "meeting_count", "hours",
)  # fmt: skip


class ActivityError(DomainError):
    """An activity rule said no; ``field`` names the form field the message belongs to."""

    messages = {
        "count_and_list": _("Give either the number of participants or a list of people, not both."),
        "list_needs_single_event": _("A list of people is for a single event: set the number of events to 1."),
        "ends_before_start": _("The activity cannot end before it starts."),
        "survey_read_only": _("This survey follows its competence survey round: only its project can be changed here."),
    }
    fields = {
        "count_and_list": "participant_count",
        "list_needs_single_event": "event_count",
        "ends_before_start": "ends_on",
        "survey_read_only": None,
    }

    @property
    def field(self) -> str | None:
        return self.fields[self.code]


def activity_problems(activity: Activity, *, listed: int) -> list[ActivityError]:
    """Every rule ``activity`` breaks with ``listed`` people on its list (empty when it may be saved)."""
    problems = []
    if listed and activity.participant_count is not None:
        problems.append(ActivityError("count_and_list"))
    if listed and activity.event_count != 1:
        problems.append(ActivityError("list_needs_single_event"))
    if activity.starts_on and activity.ends_on and activity.ends_on < activity.starts_on:
        problems.append(ActivityError("ends_before_start"))
    return problems


def _listed(activity: Activity) -> int:
    # The in-memory list of a ClusterableModel: what a form or a caller set, else what is stored.
    return sum(1 for listing in activity.participants.all() if listing.person_id is not None)


def _check_survey(activity: Activity) -> None:
    if activity.pk is None or activity.survey_round_id is None:
        return
    stored = Activity.objects.filter(pk=activity.pk).values(*SURVEY_LOCKED_FIELDS).first()
    if stored and any(getattr(activity, name) != value for name, value in stored.items()):
        raise ActivityError("survey_read_only")


@transaction.atomic
def activity_save(*, activity: Activity) -> Activity:
    """Save ``activity`` with its list of people as it is in memory (an admin form's ``save(commit=False)``),
    then refresh its participation facts: people taken off the list lose theirs."""
    problems = activity_problems(activity, listed=_listed(activity))
    if problems:
        raise problems[0]
    _check_survey(activity)
    activity.save()  # a ClusterableModel commits its list of people with it
    participations_refresh_activity(activity=activity)
    return activity


@transaction.atomic
def activity_create(*, people: Iterable[User | int] = (), **fields) -> Activity:
    """A new activity from its field values (``kind``, ``title``, ``starts_on``, ...) and, for a single
    event, the people who took part (users or their ids): the entry point of imports."""
    activity = Activity(**fields)
    person_ids = dict.fromkeys(person if isinstance(person, int) else person.pk for person in people)
    activity.participants = [ActivityParticipant(person_id=person_id) for person_id in person_ids]
    return activity_save(activity=activity)
