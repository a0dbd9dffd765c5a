"""The gap analysis tables as plain rows for the CSV and XLSX downloads (same figures as the pages)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from people.models import ProfessionalGroup

from ..exports import Table
from ..models import Rating
from ..selectors.gaps import MIN_GROUP_SIZE, Cell, Heatmap, PersonCompetence


def fewer_than() -> str:
    return _("fewer than %(count)s") % {"count": MIN_GROUP_SIZE}


def rest_too_small() -> str:
    return _("hidden (the rest of the network has fewer than %(count)s people)") % {"count": MIN_GROUP_SIZE}


def _share(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _required(cell: Cell) -> int | str | None:
    """The required level as a number; a range as on the page when the group's people need different levels."""
    if cell.required_min is None:
        return None
    return cell.required_min if cell.required_min == cell.required_max else cell.required_label


def _cell_values(cell: Cell, *, comparing: bool) -> list[object]:
    if cell.rest_too_small:
        values: list[object] = [rest_too_small()] * 4
    elif cell.suppressed:
        values = [fewer_than(), fewer_than(), fewer_than(), fewer_than()]
    else:
        values = [cell.people, cell.mean, cell.below, _share(cell.share_below)]
    if comparing:
        if cell.compare_people is None:
            values += [None, None, None, None, None]
        elif cell.compare_suppressed:
            values += [fewer_than(), fewer_than(), fewer_than(), None, None]
        else:
            values += [
                cell.compare_people,
                cell.compare_mean,
                _share(cell.compare_share_below),
                cell.mean_change,
                _share(cell.share_below_change),
            ]
    return values


def heatmap_table(result: Heatmap) -> Table:
    headers = [
        _("Professional group"),
        _("Area"),
        _("Competence code"),
        _("Competence"),
        _("Required level"),
        _("People assessed"),
        _("Mean level"),
        _("Below the required level"),
        _("Share below (%)"),
    ]
    if result.comparing:
        headers += [
            _("People assessed (comparison round)"),
            _("Mean level (comparison round)"),
            _("Share below (%) (comparison round)"),
            _("Change in mean level"),
            _("Change in share below (percentage points)"),
        ]
    rows = []
    for row in result.rows:
        for column, cell in zip(result.columns, row.cells, strict=True):
            if cell is None:
                continue
            rows.append(
                [
                    row.group.name,
                    column.area_name,
                    column.code,
                    column.name,
                    _required(cell),
                    *_cell_values(cell, comparing=result.comparing),
                ]
            )
    return Table(title=_("Heatmap"), headers=headers, rows=rows)


def totals_table(result: Heatmap) -> Table:
    headers = [
        _("Competence code"),
        _("Competence"),
        _("People assessed"),
        _("Below the required level"),
        _("Share below (%)"),
    ]
    rows = [
        [total.column.code, total.column.name, fewer_than(), fewer_than(), fewer_than()]
        if total.suppressed
        else [total.column.code, total.column.name, total.people, total.below, _share(total.share_below)]
        for total in result.totals
    ]
    return Table(title=_("Per competence"), headers=headers, rows=rows)


def cell_people_table(ratings: list[Rating], *, group: ProfessionalGroup, code: str) -> Table:
    headers = [
        _("Last name"),
        _("First name"),
        _("Unit"),
        _("Survey round"),
        _("Own assessment"),
        _("Manager's assessment"),
        _("Current level"),
        _("Required level"),
        _("Gap"),
    ]
    rows = []
    for rating in ratings:
        person = rating.assessment.person
        rows.append(
            [
                person.last_name,
                person.first_name,
                person.unit.name if person.unit else "",
                rating.assessment.round.name,
                rating.self_level,
                rating.manager_level,
                rating.current,
                rating.required,
                max(rating.gap, 0),
            ]
        )
    return Table(title=f"{group.name} {code}", headers=headers, rows=rows)


def person_table(person, rows: list[PersonCompetence]) -> Table:
    """One person's required and current level per competence, as on their page (evidence by title)."""
    headers = [
        _("Competence code"),
        _("Competence"),
        _("Area"),
        _("Required level"),
        _("Current level"),
        _("Own assessment"),
        _("Manager's assessment"),
        _("Gap"),
        _("Evidence"),
    ]
    body = [
        [
            row.code,
            row.competence.name,
            row.competence.area.name,
            row.required,
            row.current,
            row.self_level,
            row.manager_level,
            row.gap,
            ", ".join(item.title for item in getattr(row, "evidence", [])),
        ]
        for row in rows
    ]
    return Table(title=person.get_full_name() or _("Competences"), headers=headers, rows=body)
