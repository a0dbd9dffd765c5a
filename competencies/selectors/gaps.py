"""Gap analysis: required against current competence levels, per person and aggregated.

Everything here is computed by the database (annotations and aggregates), so the number of
queries does not grow with the number of people or ratings.

Rules (shared with the surveys):

- The *current level* of a rating is the manager's level when given, else the person's own.
- The *requirement* that applies to a person is the one for their professional group and
  service level, else the one for their group with no service level; a person without a
  group has none.
- A person's *latest assessment* is their submitted assessment in the latest round (by opening
  date) that they submitted one in; choosing a round looks at that round only. Drafts never count.
- Aggregates seen across the whole network hide cells of fewer than ``MIN_GROUP_SIZE`` people.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from people.models import ProfessionalGroup, User

from ..models import Assessment, Competence, FrameworkVersion, Rating, Requirement, SurveyRound

# Cells (and any other aggregate seen across the network) with fewer people are not shown.
MIN_GROUP_SIZE = 5


# Building blocks
# ------------------------------------------------------------------------------


def latest_assessments(round: SurveyRound | None = None) -> QuerySet[Assessment]:
    """Submitted assessments that count: those of ``round``, or each person's latest one."""
    submitted = Assessment.objects.filter(status=Assessment.Status.SUBMITTED)
    if round is not None:
        return submitted.filter(round=round)
    later = Assessment.objects.filter(person=OuterRef("person"), status=Assessment.Status.SUBMITTED).filter(
        Q(round__opens_on__gt=OuterRef("round__opens_on"))
        | Q(round__opens_on=OuterRef("round__opens_on"), round_id__gt=OuterRef("round_id"))
    )
    return submitted.filter(~Exists(later))


def latest_ratings(
    *, people: QuerySet[User], round: SurveyRound | None = None, group: ProfessionalGroup | None = None
) -> QuerySet[Rating]:
    """The ratings of the latest submitted assessments of ``people`` (or of ``round``).

    Filtered on the rating's own joins (an anti-join for "no later submitted round") rather
    than through a list of assessments, which lets the database scan the ratings once.
    """
    ratings = Rating.objects.filter(
        assessment__status=Assessment.Status.SUBMITTED, assessment__person__in=people.order_by().values("pk")
    )
    if round is not None:
        ratings = ratings.filter(assessment__round=round)
    else:
        later = Assessment.objects.filter(
            person=OuterRef("assessment__person"), status=Assessment.Status.SUBMITTED
        ).filter(
            Q(round__opens_on__gt=OuterRef("assessment__round__opens_on"))
            | Q(round__opens_on=OuterRef("assessment__round__opens_on"), round_id__gt=OuterRef("assessment__round_id"))
        )
        ratings = ratings.filter(~Exists(later))
    if group is not None:
        ratings = ratings.filter(assessment__person__professional_group=group)
    return ratings


def current_level() -> Coalesce:
    return Coalesce("manager_level", "self_level", output_field=IntegerField())


def with_required(ratings: QuerySet[Rating]) -> QuerySet[Rating]:
    """Annotate ``required``: the level the person's work requires in the competence, else None.

    Two left joins to the (small) requirements table, at the person's service level and at any
    level, the first one winning: the database hashes each once rather than testing every rating.
    """
    requirement = "competence__requirements"
    return (
        ratings.alias(
            person_group=F("assessment__person__professional_group"),
            person_service_level=F("assessment__person__service_level"),
        )
        .alias(
            exact_requirement=FilteredRelation(
                requirement,
                condition=Q(
                    competence__requirements__professional_group=F("person_group"),
                    competence__requirements__service_level=F("person_service_level"),
                ),
            ),
            any_level_requirement=FilteredRelation(
                requirement,
                condition=Q(
                    competence__requirements__professional_group=F("person_group"),
                    competence__requirements__service_level="",
                ),
            ),
        )
        .annotate(
            required=Coalesce(
                "exact_requirement__required_level",
                "any_level_requirement__required_level",
                output_field=IntegerField(),
            )
        )
    )


def with_levels(ratings: QuerySet[Rating]) -> QuerySet[Rating]:
    """Keep the ratings of competences the person's work requires; annotate ``current`` and ``required``."""
    return with_required(ratings).filter(required__isnull=False).annotate(current=current_level())


def assessed_ratings(
    *, people: QuerySet[User], round: SurveyRound | None = None, group: ProfessionalGroup | None = None
) -> QuerySet[Rating]:
    """Ratings of the latest assessments of ``people`` that have both a current and a required level."""
    return with_levels(latest_ratings(people=people, round=round, group=group)).filter(current__isnull=False)


def gap_ratings(*, people: QuerySet[User], round: SurveyRound | None = None) -> QuerySet[Rating]:
    """The ratings below what the person's work requires (the training side builds its demand on these)."""
    return assessed_ratings(people=people, round=round).filter(current__lt=F("required"))


# The person
# ------------------------------------------------------------------------------


@dataclass
class PersonCompetence:
    competence: Competence
    required: int
    current: int | None
    self_level: int | None
    manager_level: int | None

    @property
    def code(self) -> str:
        return self.competence.code

    @property
    def gap(self) -> int | None:
        """How many levels short of the requirement (0 when met); None when not assessed."""
        if self.current is None:
            return None
        return max(self.required - self.current, 0)

    @property
    def has_gap(self) -> bool:
        return bool(self.gap)


def latest_assessment_of(person: User, round: SurveyRound | None = None) -> Assessment | None:
    return (
        latest_assessments(round)
        .filter(person=person)
        .select_related("round__version")
        .order_by("-round__opens_on", "-round_id")
        .first()
    )


def person_competences(
    person: User, *, round: SurveyRound | None = None
) -> tuple[Assessment | None, list[PersonCompetence]]:
    """What the person's work requires, per competence, against their current level: gaps first.

    The competences are those of the framework version of their latest assessment, or of the
    published versions when they have none. Two queries.
    """
    assessment = latest_assessment_of(person, round)
    if person.professional_group_id is None:
        return assessment, []
    if assessment is not None:
        competences = Competence.objects.filter(version_id=assessment.round.version_id)
    else:
        competences = Competence.objects.filter(version__status=FrameworkVersion.Status.PUBLISHED)
    requirements = Requirement.objects.filter(
        competence=OuterRef("pk"), professional_group_id=person.professional_group_id
    )
    rating = Rating.objects.filter(assessment=assessment, competence=OuterRef("pk")) if assessment else None
    competences = competences.annotate(
        required=Coalesce(
            Subquery(requirements.filter(service_level=person.service_level).values("required_level")[:1]),
            Subquery(requirements.filter(service_level="").values("required_level")[:1]),
            output_field=IntegerField(),
        )
    ).filter(required__isnull=False)
    if rating is not None:
        competences = competences.annotate(
            self_level=Subquery(rating.values("self_level")[:1]),
            manager_level=Subquery(rating.values("manager_level")[:1]),
        )
    rows = [
        PersonCompetence(
            competence=competence,
            required=competence.required,
            self_level=getattr(competence, "self_level", None),
            manager_level=getattr(competence, "manager_level", None),
            current=(
                competence.manager_level
                if getattr(competence, "manager_level", None) is not None
                else getattr(competence, "self_level", None)
            ),
        )
        for competence in competences.select_related("area").order_by("area__sort_order", "sort_order", "code")
    ]
    # Gaps first (largest first), then what has not been assessed, then what is met.
    rows.sort(key=lambda row: (0, -row.gap) if row.has_gap else (1, 0) if row.gap is None else (2, 0))
    return assessment, rows


# The heatmap: professional group by competence
# ------------------------------------------------------------------------------


@dataclass
class Column:
    code: str
    name: str
    area_code: str
    area_name: str


@dataclass
class Cell:
    code: str
    people: int
    mean: Decimal | float | None
    below: int | None
    required_min: int | None
    required_max: int | None
    suppressed: bool = False
    # Suppressed although large enough: the rest of the network is small (see selectors/gap_privacy.py).
    rest_too_small: bool = False
    # The comparison round's figures, when comparing.
    compare_people: int | None = None
    compare_mean: float | None = None
    compare_below: int | None = None
    compare_suppressed: bool = False

    @property
    def share_below(self) -> float | None:
        if self.suppressed or not self.people or self.below is None:
            return None
        return self.below / self.people

    @property
    def compare_share_below(self) -> float | None:
        if self.compare_suppressed or not self.compare_people or self.compare_below is None:
            return None
        return self.compare_below / self.compare_people

    @property
    def mean_change(self) -> float | None:
        if self.mean is None or self.compare_mean is None:
            return None
        return float(self.mean) - float(self.compare_mean)

    @property
    def share_below_change(self) -> float | None:
        now, then = self.share_below, self.compare_share_below
        return None if now is None or then is None else now - then

    @property
    def required_label(self) -> str:
        if self.required_min is None:
            return ""
        if self.required_min == self.required_max:
            return str(self.required_min)
        return f"{self.required_min}–{self.required_max}"


@dataclass
class Row:
    group: ProfessionalGroup
    cells: list[Cell | None]


@dataclass
class CompetenceShare:
    column: Column
    people: int
    below: int | None
    suppressed: bool

    @property
    def share_below(self) -> float | None:
        if self.suppressed or not self.people or self.below is None:
            return None
        return self.below / self.people


@dataclass
class Heatmap:
    columns: list[Column]
    rows: list[Row]
    suppressed: bool
    comparing: bool = False
    cells: dict[tuple[int, str], Cell] = field(default_factory=dict)
    # Share below requirement per competence over the groups (the bar chart's data).
    totals: list[CompetenceShare] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.rows


def _cell_figures(
    *, people: QuerySet[User], round: SurveyRound | None, group: ProfessionalGroup | None
) -> dict[tuple[int, str], dict]:
    """Per (group, competence code): the people, mean level, how many are below the requirement, the requirement.

    Two queries. The database counts the ratings per (group, service level, competence, current
    level): a few thousand buckets whatever the number of people, without joining every rating
    to the requirements. The requirement that applies to each bucket is then looked up in the
    (small) requirements of those competences, and the buckets are summed into cells.
    """
    ratings = latest_ratings(people=people, round=round, group=group)
    buckets = list(
        ratings.annotate(level=current_level())
        .filter(level__isnull=False, assessment__person__professional_group__isnull=False)
        .values(
            "competence_id",
            "level",
            group_id=F("assessment__person__professional_group"),
            service_level=F("assessment__person__service_level"),
        )
        .annotate(count=Count("pk"))
        .order_by()
    )
    if not buckets:
        return {}
    required = {}
    codes = {}
    for row in Requirement.objects.filter(
        competence_id__in={bucket["competence_id"] for bucket in buckets},
        professional_group_id__in={bucket["group_id"] for bucket in buckets},
    ).values("competence_id", "competence__code", "professional_group_id", "service_level", "required_level"):
        required[(row["competence_id"], row["professional_group_id"], row["service_level"])] = row["required_level"]
        codes[row["competence_id"]] = row["competence__code"]
    cells: dict[tuple[int, str], dict] = {}
    for bucket in buckets:
        competence, group_id = bucket["competence_id"], bucket["group_id"]
        level_required = required.get((competence, group_id, bucket["service_level"]))
        if level_required is None:
            level_required = required.get((competence, group_id, ""))
        if level_required is None:
            continue  # not required of this group: not part of the gap analysis
        code = codes[competence]
        cell = cells.setdefault(
            (group_id, code),
            {"code": code, "people": 0, "total": 0, "below": 0, "required_min": None, "required_max": None},
        )
        count = bucket["count"]
        cell["people"] += count
        cell["total"] += bucket["level"] * count
        if bucket["level"] < level_required:
            cell["below"] += count
        cell["required_min"] = min(level_required, cell["required_min"] or level_required)
        cell["required_max"] = max(level_required, cell["required_max"] or level_required)
    for cell in cells.values():
        cell["mean"] = cell["total"] / cell["people"]
    return cells


def _make_cell(figures: dict, suppress: bool) -> Cell:
    hidden = suppress and figures["people"] < MIN_GROUP_SIZE
    return Cell(
        code=figures["code"],
        people=figures["people"],
        mean=None if hidden else figures["mean"],
        below=None if hidden else figures["below"],
        required_min=figures["required_min"],
        required_max=figures["required_max"],
        suppressed=hidden,
    )


def competence_columns(codes: Iterable[str], round: SurveyRound | None = None) -> list[Column]:
    """Columns for the codes, named after the round's version (else the newest version with the code)."""
    codes = set(codes)
    if not codes:
        return []
    competences = Competence.objects.filter(code__in=codes).select_related("area", "version")
    if round is not None:
        competences = competences.filter(version_id=round.version_id)
    newest: dict[str, Competence] = {}
    for competence in competences.order_by("-version__number", "-version_id"):
        newest.setdefault(competence.code, competence)
    ordered = sorted(
        codes,
        key=lambda code: (
            (newest[code].area.sort_order, newest[code].area.code, newest[code].sort_order, code)
            if code in newest
            else (10**6, "", 0, code)
        ),
    )
    return [
        Column(
            code=code,
            name=newest[code].name if code in newest else code,
            area_code=newest[code].area.code if code in newest else "",
            area_name=newest[code].area.name if code in newest else "",
        )
        for code in ordered
    ]


def heatmap(
    *,
    people: QuerySet[User],
    round: SurveyRound | None = None,
    group: ProfessionalGroup | None = None,
    compare: SurveyRound | None = None,
    suppress: bool = False,
) -> Heatmap:
    """Professional group by competence for ``people`` (already scoped and filtered by unit).

    Each cell: the number of people assessed, their mean current level and how many are below
    the requirement. ``compare`` adds the same figures from another round. With ``suppress``,
    cells of fewer than ``MIN_GROUP_SIZE`` people show only that they are small. Four queries
    (at most six when comparing) whatever the number of people.
    """
    figures = _cell_figures(people=people, round=round, group=group)
    compared = _cell_figures(people=people, round=compare, group=group) if compare else {}
    cells: dict[tuple[int, str], Cell] = {}
    for key, values in figures.items():
        cells[key] = _make_cell(values, suppress)
    for key, values in compared.items():
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = Cell(
                code=key[1],
                people=0,
                mean=None,
                below=None,
                required_min=values["required_min"],
                required_max=values["required_max"],
            )
        hidden = suppress and values["people"] < MIN_GROUP_SIZE
        cell.compare_people = values["people"]
        cell.compare_mean = None if hidden else values["mean"]
        cell.compare_below = None if hidden else values["below"]
        cell.compare_suppressed = hidden
    columns = competence_columns({code for _group, code in cells}, round)
    group_ids = {group_id for group_id, _code in cells}
    groups = list(ProfessionalGroup.objects.filter(pk__in=group_ids).order_by("sort_order", "name_fi"))
    rows = [Row(group=g, cells=[cells.get((g.pk, column.code)) for column in columns]) for g in groups]
    return Heatmap(
        columns=columns,
        rows=rows,
        suppressed=suppress,
        comparing=compare is not None,
        cells=cells,
        totals=_totals(columns, figures, suppress),
    )


# Drill-down: the people of one cell
# ------------------------------------------------------------------------------


def cell_people(
    *, people: QuerySet[User], group: ProfessionalGroup, code: str, round: SurveyRound | None = None
) -> QuerySet[Rating]:
    """The ratings behind one heatmap cell, largest gap first, with the person and their unit (one query)."""
    return (
        assessed_ratings(people=people, round=round, group=group)
        .filter(competence__code=code)
        .annotate(gap=F("required") - F("current"))
        .select_related("assessment__person__unit", "assessment__round", "competence")
        .order_by("-gap", "assessment__person__last_name", "assessment__person__first_name", "pk")
    )


def _totals(columns: list[Column], figures: dict[tuple[int, str], dict], suppress: bool) -> list[CompetenceShare]:
    """Per competence over all groups. With suppression, small cells are left out of the totals too
    (else subtracting the shown cells from a total would reveal them), and small totals are hidden."""
    sums: dict[str, list[int]] = {}
    for (_group, code), values in figures.items():
        if suppress and values["people"] < MIN_GROUP_SIZE:
            continue
        total = sums.setdefault(code, [0, 0])
        total[0] += values["people"]
        total[1] += values["below"]
    shares = []
    for column in columns:
        if column.code not in sums:
            continue
        people, below = sums[column.code]
        hidden = suppress and people < MIN_GROUP_SIZE
        shares.append(CompetenceShare(column=column, people=people, below=None if hidden else below, suppressed=hidden))
    return shares
