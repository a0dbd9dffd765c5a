"""The reporting benchmark's data generator: rows written with their own ids start after the rows already there."""

import pytest

from reporting.models import Activity, ActivityParticipant
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_ids_start_after_the_rows_already_there():
    from bench.reporting import _next_id

    assert _next_id(ActivityParticipant) == 1
    activity = Activity.objects.create(kind="workshop", title="Työpaja", starts_on="2026-03-01")
    listed = ActivityParticipant.objects.create(activity=activity, person=UserFactory())
    assert _next_id(ActivityParticipant) == listed.pk + 1
