"""Demo survey rounds with believable answers, for ``load_demo``.

Two finished autumn rounds a year apart and one round open now, each targeting most family-centre
areas (and so the units below them) and every professional group. Most targeted people answer:
their level sits around what their work requires, improves between the rounds, and their need
for training grows with the gap; some write a comment and some managers have added their own
rating in the development discussion. Everything is drawn from ``random.Random`` seeded per person
and round, so the demo is the same on every run, and written with bulk queries. Runs any number of
times: rounds are keyed by name and version, and only people without an answer get one.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone

from people.models import OrgUnit, User

from .models import Assessment, FrameworkVersion, Rating, Requirement, SurveyRound
from .selectors.surveys import round_targets

Status = Assessment.Status

COMMENTS = (
    "Haluaisin lisää koulutusta tähän.",
    "Käytän tätä päivittäin asiakastyössä.",
    "Tarvitsen vielä tukea ja työnohjausta.",
    "Kävin menetelmäkoulutuksen viime vuonna, osaaminen on vahvistunut.",
    "Tämä on uusi asia tiimissämme.",
    "Monialainen yhteistyö on sujunut hyvin.",
    "Olisi hyvä päästä seuraamaan kokeneemman kollegan työtä.",
)
STAFF_LOGIN = "tyontekija@pohjoissavo.example"
MANAGER_COMMENTS = (
    "Näkyy vahvasti arjen työssä.",
    "Sovittiin koulutuksesta ensi kaudelle.",
    "Osaaminen on kasvanut selvästi.",
    "Hyvä pohja, vahvistetaan perehdytyksellä.",
)


@dataclass(frozen=True)
class RoundPlan:
    name_fi: str
    name_sv: str
    name_en: str
    opens_on: datetime.date
    closes_on: datetime.date
    growth: float  # how much levels have grown since the first round
    submitted: float  # share of targeted people who submitted
    drafts: float  # share with a draft only
    discussed: float  # share of submitted assessments with the manager's rating


class Target(NamedTuple):
    pk: int
    email: str
    unit_id: int
    professional_group_id: int
    service_level: str


@dataclass
class SurveyRoundsResult:
    rounds: list[SurveyRound]
    assessments: int
    ratings: int


def round_plans(today: datetime.date) -> list[RoundPlan]:
    """Autumn rounds of the two years before this one, and a round open now (kevät/syksy by date)."""
    last_autumn = today.year - 1
    plans = []
    for year, growth in ((last_autumn - 1, 0.0), (last_autumn, 0.35)):
        plans.append(
            RoundPlan(
                name_fi=f"Osaamiskartoitus syksy {year}",
                name_sv=f"Kompetenskartläggning hösten {year}",
                name_en=f"Competence survey autumn {year}",
                opens_on=datetime.date(year, 9, 1),
                closes_on=datetime.date(year, 10, 31),
                growth=growth,
                submitted=0.82,
                drafts=0.06,
                discussed=0.45,
            )
        )
    season_fi, season_sv, season_en = (
        ("kevät", "våren", "spring") if today.month <= 6 else ("syksy", "hösten", "autumn")
    )
    plans.append(
        RoundPlan(
            name_fi=f"Osaamiskartoitus {season_fi} {today.year}",
            name_sv=f"Kompetenskartläggning {season_sv} {today.year}",
            name_en=f"Competence survey {season_en} {today.year}",
            opens_on=today - datetime.timedelta(days=10),
            closes_on=today + datetime.timedelta(days=35),
            growth=0.6,
            submitted=0.35,
            drafts=0.2,
            discussed=0.1,
        )
    )
    return plans


def _clip(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _default_targets() -> list[OrgUnit]:
    """Most family-centre areas: every one but the last."""
    areas = list(OrgUnit.objects.filter(kind=OrgUnit.Kind.AREA).order_by("path"))
    return areas[:-1] if len(areas) > 2 else areas


def _requirements(version: FrameworkVersion) -> dict[tuple[int, str], dict[int, int]]:
    """(group id, service level) → {competence id: required level}, the specific level winning over ""."""
    general: dict[int, dict[int, int]] = defaultdict(dict)
    specific: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
    for group_id, level, competence_id, required in Requirement.objects.filter(competence__version=version).values_list(
        "professional_group_id", "service_level", "competence_id", "required_level"
    ):
        if level:
            specific[(group_id, level)][competence_id] = required
        else:
            general[group_id][competence_id] = required
    table = {}
    for group_id, competences in general.items():
        for level in ("", "perustaso", "erityistaso"):
            table[(group_id, level)] = {**competences, **specific.get((group_id, level), {})}
    return table


def _managers_by_unit() -> dict[int, int]:
    """Unit id → a manager of it or of the nearest unit above it."""
    direct: dict[str, int] = {}
    for path, manager_id in OrgUnit.managers.through.objects.values_list("orgunit__path", "user_id").order_by(
        "orgunit__path", "user_id"
    ):
        direct.setdefault(path, manager_id)
    result = {}
    for pk, path in OrgUnit.objects.values_list("pk", "path"):
        parts = path.rstrip("/").split("/")
        for depth in range(len(parts), 0, -1):
            manager = direct.get("/".join(parts[:depth]) + "/")
            if manager is not None:
                result[pk] = manager
                break
    return result


@transaction.atomic
def build_survey_rounds(
    version: FrameworkVersion,
    target_units: Iterable[OrgUnit] | None = None,
    *,
    today: datetime.date | None = None,
    seed: int = 2024,
) -> SurveyRoundsResult:
    """The demo rounds on ``version`` (published) with answers; see the module docstring."""
    today = today or timezone.localdate()
    units = list(target_units) if target_units is not None else _default_targets()
    coordinator = User.objects.filter(is_coordinator=True).order_by("pk").first()
    requirements = _requirements(version)
    scale = sorted(version.scale.levels.values_list("value", flat=True))
    low, high = scale[0], scale[-1]
    managers = _managers_by_unit()
    rounds, assessments_made, ratings_made = [], 0, 0
    for index, plan in enumerate(round_plans(today)):
        survey = SurveyRound.objects.filter(version=version, name_fi=plan.name_fi).first()
        if survey is None:
            survey = SurveyRound.objects.create(
                version=version,
                name_fi=plan.name_fi,
                name_sv=plan.name_sv,
                name_en=plan.name_en,
                opens_on=plan.opens_on,
                closes_on=plan.closes_on,
                created_by=coordinator,
                notified_at=timezone.make_aware(datetime.datetime.combine(plan.opens_on, datetime.time(8))),
            )
            survey.target_units.set(units)
        rounds.append(survey)
        answered = set(survey.assessments.values_list("person_id", flat=True))
        # The demo staff login finds the open round waiting for them.
        keep_open = {STAFF_LOGIN} if survey.is_open(today) else set()
        targets = round_targets(survey).filter(is_superuser=False).select_related(None).order_by("pk")
        people = [
            Target(*row)
            for row in targets.values_list("pk", "email", "unit_id", "professional_group_id", "service_level")
            if row[0] not in answered and row[1] not in keep_open
        ]
        made, rated = _answer(survey, plan, index, people, requirements, managers, (low, high), seed)
        assessments_made += made
        ratings_made += rated
    return SurveyRoundsResult(rounds=rounds, assessments=assessments_made, ratings=ratings_made)


def _moment(day: datetime.date, hour: int):
    """A database value for ``day`` at ``hour`` Helsinki time (raw inserts skip the field conversions)."""
    aware = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    return connection.ops.adapt_datetimefield_value(aware)


def _answer(survey, plan, index, people, requirements, managers, bounds, seed) -> tuple[int, int]:
    low, high = bounds
    today = timezone.localdate()
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    window = max((min(plan.closes_on, today) - plan.opens_on).days, 1)
    assessments: list[tuple] = []
    answers: dict[int, list[tuple]] = {}
    for person in people:
        required = requirements.get((person.professional_group_id, person.service_level))
        if not required:
            continue
        rng = random.Random(f"{seed}:{person.pk}:{index}")  # noqa: S311 - demo data
        draw = rng.random()
        if draw >= plan.submitted + plan.drafts:
            continue
        # The person's own tendencies stay the same across rounds; the round decides the rest.
        person_rng = random.Random(f"{seed}:{person.pk}")  # noqa: S311 - demo data
        ability = person_rng.gauss(-0.3, 0.8)
        modesty = person_rng.choice((-1, 0, 0, 0, 1))
        submitted = draw < plan.submitted
        day = plan.opens_on + datetime.timedelta(days=rng.randrange(window))
        submitted_at = manager_id = discussed_at = None
        if submitted:
            submitted_at = _moment(day, 14)
            manager_id = managers.get(person.unit_id)
            if manager_id == person.pk or rng.random() >= plan.discussed:
                manager_id = None
            else:
                discussed_at = _moment(min(day + datetime.timedelta(days=rng.randrange(7, 40)), today), 10)
        status = Status.SUBMITTED if submitted else Status.DRAFT
        assessments.append((survey.pk, person.pk, status, submitted_at, manager_id, discussed_at, now, now))
        rows = answers[person.pk] = []
        for competence_id in sorted(required):
            bias = person_rng.random() * 1.6 - 0.8
            if not submitted and rng.random() < 0.4:
                continue  # a draft is only partly filled in
            need_level = required[competence_id]
            noise = rng.random() + rng.random() - 1.0
            level = _clip(need_level + ability + bias + plan.growth + noise * 0.6, low, high)
            need = _clip(2.5 + (need_level - level) * 0.9 + (rng.random() - 0.5) * 1.8, 1, 5)
            comment = rng.choice(COMMENTS) if rng.random() < 0.04 else ""
            manager_level, manager_comment = None, ""
            if discussed_at:
                manager_level = _clip(level - modesty + rng.choice((-1, 0, 0, 0, 0, 1)) * 0.6, low, high)
                manager_comment = rng.choice(MANAGER_COMMENTS) if rng.random() < 0.05 else ""
            rows.append((competence_id, level, need, comment, manager_level, manager_comment))
    columns = ["round_id", "person_id", "status", "submitted_at", "manager_id", "discussed_at", "created_at"]
    _insert(Assessment, [*columns, "updated_at"], assessments)
    ids = dict(Assessment.objects.filter(round=survey, person_id__in=list(answers)).values_list("person_id", "pk"))
    ratings = [(ids[person_id], *row) for person_id, rows in answers.items() for row in rows]
    columns = ["assessment_id", "competence_id", "self_level", "training_need", "comment", "manager_level"]
    _insert(Rating, [*columns, "manager_comment"], ratings)
    return len(assessments), len(ratings)


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Plain parameterised INSERTs: at demo scale 10 this is several times faster than ``bulk_create``."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608 - names from the model
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
