"""Hiding small cells and the cells that would give them away (reporting.selectors.suppression)."""

import pytest

from reporting.selectors.statistics import Cell
from reporting.selectors.suppression import suppress_cells

pytestmark = pytest.mark.django_db


def cell(codes: tuple, people: int) -> Cell:
    return Cell(codes, participations=people, unique_participants=people)


def hidden(cells: list[Cell]) -> list[tuple]:
    return [cell.codes for cell in cells if cell.suppressed]


def test_a_line_left_with_one_hidden_cell_and_nothing_else_hides_its_total():
    """intro x county 3 (small), intro x NGO 6, marak x county 8. The intro row hides intro x NGO beside the small
    cell, but that is the NGO column's only cell: were the NGO total shown, it would be intro x NGO, and the
    small cell would follow as the intro total less it."""
    rows = [cell(("intro", "county"), 3), cell(("intro", "ngo"), 6), cell(("marak", "county"), 8)]
    courses = [cell(("intro",), 9), cell(("marak",), 8)]
    sectors = [cell(("county",), 11), cell(("ngo",), 6)]
    totals = cell((), 17)

    suppress_cells(rows, [courses, sectors], totals)

    assert hidden(rows) == [("intro", "county"), ("intro", "ngo"), ("marak", "county")]
    # No line with a shown total has exactly one hidden cell, so none can be worked out by subtraction.
    for index, margin in enumerate((courses, sectors)):
        for total in margin:
            line = [row for row in rows if row.codes[index] == total.codes[0]]
            assert total.suppressed or len(hidden(line)) != 1, total.codes
        assert totals.suppressed or len(hidden(margin)) != 1


def test_a_small_cell_of_a_one_way_table_hides_the_next_smallest():
    rows = [cell(("a",), 12), cell(("b",), 7), cell(("c",), 2)]
    totals = cell((), 21)

    suppress_cells(rows, [], totals)

    assert hidden(rows) == [("b",), ("c",)]
    assert rows[1].participations is None and rows[0].participations == 12
