"""Hiding cells about fewer than five people, and the cells that would give them away by subtraction.

A cell is hidden when 1 to ``MIN_PEOPLE - 1`` people are behind it. Totals are shown, so a row of a
cross-tabulation with one hidden cell would give its value as the row total less the other cells:
another cell of that row (the smallest) is hidden too, or the row total where no other cell has anyone
in it, and likewise for columns and for the margins against the grand total, until no line with a shown
total has exactly one hidden cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

MIN_PEOPLE = 5


class Suppressible(Protocol):
    codes: tuple
    unique_participants: int | None
    participations: int | None
    suppressed: bool

    def hide(self) -> None: ...


def is_small(cell: Suppressible) -> bool:
    return 0 < (cell.unique_participants or 0) < MIN_PEOPLE


def _complement(line: list[Suppressible], total: Suppressible) -> bool:
    """Hide one more cell of ``line`` when exactly one is hidden and the line's total is shown; when no other
    cell has anyone in it, the hidden cell equals the total, so the total is hidden instead."""
    if total.suppressed:
        return False
    hidden = [cell for cell in line if cell.suppressed]
    shown = [cell for cell in line if not cell.suppressed and (cell.participations or cell.unique_participants)]
    if len(hidden) != 1:
        return False
    if shown:
        min(shown, key=lambda cell: (cell.participations or 0, cell.unique_participants or 0)).suppressed = True
    else:
        total.suppressed = True
    return True


def suppress_cells(rows: list, margins: list[list], totals) -> None:
    """Mark small cells and their complements as suppressed and clear their figures (in place)."""
    for cell in (*rows, *(cell for margin in margins for cell in margin), totals):
        cell.suppressed = is_small(cell)
    changed = True
    while changed:
        changed = False
        if margins:
            first, second = ({cell.codes[0]: cell for cell in margin} for margin in margins)
            for index, by_code in enumerate((first, second)):
                for code, margin in by_code.items():
                    line = [cell for cell in rows if cell.codes[index] == code]
                    changed |= _complement(line, margin)
            for margin in margins:
                changed |= _complement(margin, totals)
        else:
            changed |= _complement(rows, totals)
    for cell in _all(rows, margins, totals):
        if cell.suppressed:
            cell.hide()


def _all(rows: list, margins: list[list], totals) -> Iterable:
    yield from rows
    for margin in margins:
        yield from margin
    yield totals
