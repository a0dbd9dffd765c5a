"""The statistics engine (reporting.selectors.statistics) on its own: activities counted as totals."""

import datetime

import pytest
from django.utils import timezone

from reporting.models import Activity
from reporting.selectors.statistics import Scope, participation_statistics

pytestmark = pytest.mark.django_db


def test_participants_counted_only_as_a_number_are_not_recorded_by_a_person_dimension():
    today = timezone.localdate()
    Activity.objects.create(kind="working_group", title="Yhteiskehittäminen", starts_on=today, participant_count=12)
    Activity.objects.create(kind="pilot", title="Kokeilu", starts_on=today, participant_count=8, event_count=3)

    result = participation_statistics(
        scope=Scope(), date_from=today - datetime.timedelta(days=1), date_to=today, by=["sector", "month"]
    )

    assert [(cell.codes[0], cell.participations, cell.events) for cell in result.rows] == [(None, 20, 4)]
    assert result.totals.participations == 20


def test_levels_are_listed_basic_first_and_unknown_last():
    today = timezone.localdate()
    for level in ("erityistaso", "", "perustaso"):
        Activity.objects.create(
            kind="pilot", title=f"Kokeilu {level}", starts_on=today, level=level, participant_count=9
        )

    stats = participation_statistics(scope=Scope(), date_from=today, date_to=today, by=["level"])

    assert [cell.codes for cell in stats.rows] == [("perustaso",), ("erityistaso",), ("",)]
