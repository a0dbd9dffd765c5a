"""Network figures filtered by unit must not reveal the rest of the network by subtraction.

With suppression on (network scope), the heatmap of the whole network and that of one unit are
both shown. A cell of the unit with 5 people beside a network cell of 8 reveals the other 3:
so a unit's cell is suppressed too when the rest of the scope (the same filters without the
chosen unit) has 1 to ``MIN_GROUP_SIZE - 1`` people in it, and the totals leave such cells out.
"""

from __future__ import annotations

from django.db.models import QuerySet

from people.models import ProfessionalGroup, User

from ..models import SurveyRound
from .gaps import MIN_GROUP_SIZE, CompetenceShare, Heatmap, heatmap


def _small(people: int | None) -> bool:
    return people is not None and 0 < people < MIN_GROUP_SIZE


def suppress_small_rest(
    result: Heatmap,
    *,
    rest: QuerySet[User],
    round: SurveyRound | None = None,
    group: ProfessionalGroup | None = None,
    compare: SurveyRound | None = None,
) -> Heatmap:
    """Suppress the cells of ``result`` whose counterpart among the ``rest`` people is small (changes
    ``result`` in place and returns it). Four more queries (six when comparing)."""
    others = heatmap(people=rest, round=round, group=group, compare=compare, suppress=False)
    removed: dict[str, list[int]] = {}
    for key, cell in result.cells.items():
        other = others.cells.get(key)
        if other is None:
            continue
        if not cell.suppressed and cell.people and _small(other.people):
            removed.setdefault(cell.code, [0, 0])
            removed[cell.code][0] += cell.people
            removed[cell.code][1] += cell.below or 0
            cell.suppressed = cell.rest_too_small = True
            cell.mean = cell.below = None
        if not cell.compare_suppressed and cell.compare_people and _small(other.compare_people):
            cell.compare_suppressed = True
            cell.compare_mean = cell.compare_below = None
    result.totals = [_without(total, removed.get(total.column.code)) for total in result.totals]
    return result


def _without(total: CompetenceShare, removed: list[int] | None) -> CompetenceShare:
    if not removed or total.suppressed:
        return total
    people = total.people - removed[0]
    below = (total.below or 0) - removed[1]
    hidden = people < MIN_GROUP_SIZE
    return CompetenceShare(column=total.column, people=people, below=None if hidden else below, suppressed=hidden)
