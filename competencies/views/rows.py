"""The competences of an assessment page, grouped by area, with the values the form shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from people.models import User

from ..errors import CompetenceError
from ..forms import TRAINING_NEEDS, clean_comment, parse_int
from ..models import Assessment, CompetenceArea, Evidence, ProficiencyLevel, Rating, Requirement, SurveyRound
from ..selectors import evidence_by_competence_code, evidence_of, requirements_for


@dataclass
class Row:
    requirement: Requirement
    rating: Rating | None
    evidence: list[Evidence]
    level: str = ""
    need: str = ""
    comment: str = ""
    manager_level: str = ""
    manager_comment: str = ""
    error: str = ""
    # What is wrong with the comment the page edits (the person's own, or the manager's).
    comment_error: str = ""

    @property
    def competence(self):
        return self.requirement.competence

    @property
    def pk(self) -> int:
        return self.requirement.competence_id


@dataclass
class AreaRows:
    area: CompetenceArea
    rows: list[Row] = field(default_factory=list)
    # Whether the self-assessment shows the area unfolded: the one the person works on, or one with errors.
    open: bool = False

    @property
    def answered(self) -> int:
        return sum(1 for row in self.rows if row.level)

    @property
    def has_errors(self) -> bool:
        return any(row.error or row.comment_error for row in self.rows)


@dataclass
class Page:
    levels: list[ProficiencyLevel]
    areas: list[AreaRows]
    rows: list[Row]

    @property
    def level_names(self) -> dict[int, str]:
        return {level.value: level.name for level in self.levels}

    @property
    def has_errors(self) -> bool:
        return any(row.error or row.comment_error for row in self.rows)

    @property
    def answered(self) -> int:
        return sum(1 for row in self.rows if row.level)

    @property
    def errors(self) -> list[Row]:
        return [row for row in self.rows if row.error or row.comment_error]

    def unfold(self, area_pk: str = "") -> None:
        """Unfold the areas with errors, else the one asked for, else the first with unanswered competences."""
        wanted = [group for group in self.areas if group.has_errors]
        if not wanted:
            wanted = [group for group in self.areas if str(group.area.pk) == area_pk]
        if not wanted:
            wanted = [group for group in self.areas if group.answered < len(group.rows)][:1]
        for group in wanted:
            group.open = True

    def mark_missing_levels(self) -> None:
        for row in self.rows:
            if not row.level and not row.error:
                row.error = _("Choose your level in this competence before submitting.")


def build_page(round: SurveyRound, person: User, assessment: Assessment | None) -> Page:
    """Rows for every competence that applies to the person in the round's version (four queries)."""
    levels = list(round.version.scale.levels.all())
    ratings = {rating.competence_id: rating for rating in assessment.ratings.all()} if assessment else {}
    evidence = evidence_by_competence_code(list(evidence_of(person)))
    areas: dict[int, AreaRows] = {}
    rows = []
    for requirement in requirements_for(person, round.version).values():
        rating = ratings.get(requirement.competence_id)
        row = Row(requirement=requirement, rating=rating, evidence=evidence.get(requirement.competence.code, []))
        if rating is not None:
            row.level = "" if rating.self_level is None else str(rating.self_level)
            row.need = "" if rating.training_need is None else str(rating.training_need)
            row.comment = rating.comment
            row.manager_level = "" if rating.manager_level is None else str(rating.manager_level)
            row.manager_comment = rating.manager_comment
        area = requirement.competence.area
        areas.setdefault(area.pk, AreaRows(area)).rows.append(row)
        rows.append(row)
    return Page(levels=levels, areas=list(areas.values()), rows=rows)


def _level_error(level: int | None, ok: bool, values: list[int]) -> str:
    if not ok:
        return _("Choose a level on the scale.")
    if level is not None and level not in values:
        return CompetenceError("level_out_of_scale", level=level, min=values[0], max=values[-1]).message
    return ""


def read_self_ratings(page: Page, data) -> dict[int, dict]:
    """The posted answers, kept on the rows for re-display; a row with bad input gets an error."""
    values = [level.value for level in page.levels]
    ratings = {}
    for row in page.rows:
        row.level = (data.get(f"level-{row.pk}") or "").strip()
        row.need = (data.get(f"need-{row.pk}") or "").strip()
        row.comment, row.comment_error = clean_comment(data.get(f"comment-{row.pk}"))
        level, level_ok = parse_int(row.level)
        need, need_ok = parse_int(row.need)
        row.error = _level_error(level, level_ok, values)
        if not row.error and (not need_ok or (need is not None and need not in dict(TRAINING_NEEDS))):
            row.error = CompetenceError("need_out_of_range").message
        ratings[row.pk] = {"level": level, "need": need, "comment": row.comment}
    return ratings


def read_manager_ratings(page: Page, data) -> dict[int, dict]:
    values = [level.value for level in page.levels]
    ratings = {}
    for row in page.rows:
        row.manager_level = (data.get(f"manager-level-{row.pk}") or "").strip()
        row.manager_comment, row.comment_error = clean_comment(data.get(f"manager-comment-{row.pk}"))
        level, ok = parse_int(row.manager_level)
        row.error = _level_error(level, ok, values)
        ratings[row.pk] = {"level": level, "comment": row.manager_comment}
    return ratings
