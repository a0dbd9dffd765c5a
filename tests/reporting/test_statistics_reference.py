"""Every measure of the statistics against a plain-Python recomputation on random data (see reference.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from people.access import access_for
from people.models import OrgUnit
from reporting.selectors.statistics import Scope, participation_statistics
from reporting.selectors.suppression import MIN_PEOPLE
from reporting.services.participations import participations_rebuild
from tests.factories import UserFactory
from tests.reporting import reference
from tests.reporting.factories import facts

pytestmark = pytest.mark.django_db
MEASURES = (
    "events", "participations", "unique_participants", "completed", "no_shows", "cancellations", "waiting", "minutes",
    "certificates",
)  # fmt: skip
CUTS = [
    [],
    ["activity_kind"],
    ["sector"],
    ["professional_group"],
    ["area"],
    ["municipality"],
    ["level", "language"],
    ["month", "delivery"],
    ["organisation", "activity_kind"],
]


def period():
    today = timezone.localdate()
    return today - timedelta(days=90), today + timedelta(days=60)


def measured(scope: Scope, by: list[str]) -> dict[tuple, dict]:
    date_from, date_to = period()
    stats = participation_statistics(scope=scope, date_from=date_from, date_to=date_to, by=by, suppress=False)
    cells = {cell.codes: {name: getattr(cell, name) for name in MEASURES} for cell in stats.rows}
    if not by:
        cells = {(): {name: getattr(stats.totals, name) for name in MEASURES}}
    return cells


def normalised(cells: dict[tuple, dict]) -> dict[tuple, dict]:
    """Unknown values as None, and no cell without a figure."""
    return {
        tuple(None if code == "" else code for code in key): {name: cell.get(name, 0) for name in MEASURES}
        for key, cell in cells.items()
        if any(cell.get(name) for name in MEASURES)
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_measure_matches_the_reference(programme, seed):
    world = reference.build(seed, programme)
    reference.play(world, seed)

    for by in CUTS:
        assert normalised(measured(Scope(), by)) == normalised(reference.expected(world, by)), by
    before = facts()
    participations_rebuild()
    assert facts() == before

    area = OrgUnit.objects.get(name="Alue 1")
    manager = UserFactory(unit=area)
    area.managers.add(manager)
    scope = Scope.for_access(access_for(manager))
    units = set(OrgUnit.objects.subtree_of([area]).values_list("pk", flat=True))
    for by in [[], ["sector"], ["professional_group", "month"], ["activity_kind"]]:
        assert normalised(measured(scope, by)) == normalised(reference.expected(world, by, units=units)), by

    for by in [["sector", "activity_kind"], ["professional_group", "month"], ["area", "level"]]:
        no_hidden_cell_follows_from_the_totals(by)


def test_coordinators_and_administrators_see_the_network(db):
    coordinator = UserFactory(is_coordinator=True)
    administrator = UserFactory(is_superuser=True)
    assert Scope.for_access(access_for(coordinator)).is_network
    assert Scope.for_access(access_for(administrator)).is_network


def no_hidden_cell_follows_from_the_totals(by):
    """In a cross-tab, a line (row or column) with hidden cells has at least two of them, or a hidden total,
    so no hidden figure equals its total less the shown cells."""
    date_from, date_to = period()
    stats = participation_statistics(scope=Scope(), date_from=date_from, date_to=date_to, by=by)
    assert stats.suppressed
    for index, margin in enumerate(stats.margins):
        for total in margin:
            line = [cell for cell in stats.rows if cell.codes[index] == total.codes[0]]
            hidden = [cell for cell in line if cell.suppressed]
            assert total.suppressed or len(hidden) != 1, (index, total.names)
        hidden_margins = [cell for cell in margin if cell.suppressed]
        assert stats.totals.suppressed or len(hidden_margins) != 1
    for cell in stats.rows:
        if cell.suppressed:
            assert cell.participations is None and cell.unique_participants is None
        else:
            assert not 0 < cell.unique_participants < MIN_PEOPLE
