"""Survey rounds (osaamiskartoitus), self-assessments and the manager's rating."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils import timezone

from people.models import OrgUnit, ProfessionalGroup, User

from ..errors import CompetenceError
from ..models import Assessment, FrameworkVersion, Rating, SurveyRound
from ..notifications import round_opened_emails
from ..selectors.surveys import is_targeted, requirements_for, round_targets

Status = Assessment.Status
TRAINING_NEED_RANGE = range(1, 6)


@transaction.atomic
def survey_round_create(
    *,
    name_fi: str,
    version: FrameworkVersion,
    opens_on: datetime.date,
    closes_on: datetime.date,
    target_units: Iterable[OrgUnit],
    target_groups: Iterable[ProfessionalGroup] = (),
    name_sv: str = "",
    name_en: str = "",
    created_by: User | None = None,
) -> SurveyRound:
    """Open a survey round on a published framework version for the target units (and the units below)."""
    if version.status != FrameworkVersion.Status.PUBLISHED:
        raise CompetenceError("version_not_published")
    if closes_on < opens_on:
        raise CompetenceError("dates_invalid")
    target_units = list(target_units)
    if not target_units:
        raise CompetenceError("targets_missing")
    survey = SurveyRound.objects.create(
        name_fi=name_fi,
        name_sv=name_sv,
        name_en=name_en,
        version=version,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=created_by,
    )
    survey.target_units.set(target_units)
    survey.target_groups.set(list(target_groups))
    return survey


@transaction.atomic
def survey_round_notify(*, round: SurveyRound) -> int:
    """Email every targeted person, in their own language, once the transaction commits; returns how many.
    Sent once per round: after that, ``survey_round_remind``."""
    round = SurveyRound.objects.select_for_update().get(pk=round.pk)
    if round.notified_at is not None:
        raise CompetenceError("already_notified")
    round.notified_at = timezone.now()
    round.save(update_fields=["notified_at"])
    recipients = list(round_targets(round).exclude(email="").order_by("pk").values_list("pk", flat=True))
    transaction.on_commit(lambda: round_opened_emails(round.pk, recipients))
    return len(recipients)


@transaction.atomic
def survey_round_remind(*, round: SurveyRound) -> int:
    """Remind the targeted people who have not submitted their assessment (at most once a day, after the
    first notice and while the round has not closed); returns how many."""
    round = SurveyRound.objects.select_for_update().get(pk=round.pk)
    now = timezone.now()
    if round.notified_at is None:
        raise CompetenceError("not_notified")
    if round.is_closed(timezone.localdate(now)):
        raise CompetenceError("round_closed")
    if round.reminded_at is not None and timezone.localdate(round.reminded_at) == timezone.localdate(now):
        raise CompetenceError("reminded_today")
    round.reminded_at = now
    round.save(update_fields=["reminded_at"])
    submitted = Assessment.objects.filter(round=round, status=Status.SUBMITTED).values("person_id")
    recipients = list(
        round_targets(round).exclude(email="").exclude(pk__in=submitted).order_by("pk").values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: round_opened_emails(round.pk, recipients, reminder=True))
    return len(recipients)


def _check_open(round: SurveyRound, today: datetime.date) -> None:
    if round.is_closed(today):
        raise CompetenceError("round_closed")
    if not round.is_open(today):
        raise CompetenceError("round_not_open")


def _scale_values(round: SurveyRound) -> list[int]:
    return sorted(level.value for level in round.version.scale.levels.all())


def _check_level(level: int | None, values: list[int]) -> None:
    if level is None:
        return
    if not values:
        raise CompetenceError("scale_empty")
    if level not in values:
        raise CompetenceError("level_out_of_scale", level=level, min=values[0], max=values[-1])


@transaction.atomic
def assessment_save(
    *,
    round: SurveyRound,
    person: User,
    ratings: Mapping[int, Mapping],
    submit: bool = False,
    today: datetime.date | None = None,
) -> Assessment:
    """Save the person's own ratings as a draft, or submit them (once).

    ``ratings`` maps a competence id to ``{"level": int | None, "need": int | None, "comment": str}``.
    Every competence must be one whose requirement applies to the person; levels must be on the
    round's scale, needs 1-5. Submitting needs a level in every competence that applies.
    """
    today = today or timezone.localdate()
    _check_open(round, today)
    if not is_targeted(round, person):
        raise CompetenceError("not_targeted")
    assessment, _created = Assessment.objects.get_or_create(round=round, person=person)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_submitted:
        raise CompetenceError("already_submitted")
    required = requirements_for(person, round.version)
    values = _scale_values(round)
    cleaned: dict[int, tuple[int | None, int | None, str]] = {}
    for competence_id, answer in ratings.items():
        if competence_id not in required:
            raise CompetenceError("competence_not_required")
        level, need = answer.get("level"), answer.get("need")
        _check_level(level, values)
        if need is not None and need not in TRAINING_NEED_RANGE:
            raise CompetenceError("need_out_of_range")
        cleaned[competence_id] = (level, need, (answer.get("comment") or "").strip())
    existing = {rating.competence_id: rating for rating in assessment.ratings.all()}
    new, changed = [], []
    for competence_id, (level, need, comment) in cleaned.items():
        rating = existing.get(competence_id)
        if rating is None:
            rating = Rating(assessment=assessment, competence_id=competence_id)
            new.append(rating)
            existing[competence_id] = rating
        else:
            changed.append(rating)
        rating.self_level, rating.training_need, rating.comment = level, need, comment
    Rating.objects.bulk_create(new)
    Rating.objects.bulk_update(changed, ["self_level", "training_need", "comment"])
    if submit:
        missing = [pk for pk in required if existing.get(pk) is None or existing[pk].self_level is None]
        if missing:
            raise CompetenceError("levels_missing", count=len(missing))
        assessment.status = Status.SUBMITTED
        assessment.submitted_at = timezone.now()
    assessment.save()
    return assessment


@transaction.atomic
def assessment_manager_rate(
    *,
    assessment: Assessment,
    manager: User,
    ratings: Mapping[int, Mapping],
    discussed: bool = False,
) -> Assessment:
    """The manager's own level and comment per competence in the development discussion.

    ``ratings`` maps a competence id to ``{"level": int | None, "comment": str}``. The person's own
    ratings stay as they are; ``discussed`` records that the development discussion was held.
    Scoping (only the manager's own units) is the caller's: see ``get_assessment_for_manager``.
    """
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("round__version__scale", "person")
        .get(pk=assessment.pk)
    )
    if not assessment.is_submitted:
        raise CompetenceError("not_submitted")
    required = requirements_for(assessment.person, assessment.round.version)
    existing = {rating.competence_id: rating for rating in assessment.ratings.all()}
    values = _scale_values(assessment.round)
    new, changed = [], []
    for competence_id, answer in ratings.items():
        if competence_id not in required and competence_id not in existing:
            raise CompetenceError("competence_not_required")
        level = answer.get("level")
        _check_level(level, values)
        rating = existing.get(competence_id)
        if rating is None:
            rating = Rating(assessment=assessment, competence_id=competence_id)
            new.append(rating)
        else:
            changed.append(rating)
        rating.manager_level = level
        rating.manager_comment = (answer.get("comment") or "").strip()
    Rating.objects.bulk_create(new)
    Rating.objects.bulk_update(changed, ["manager_level", "manager_comment"])
    assessment.manager = manager
    if discussed and assessment.discussed_at is None:
        assessment.discussed_at = timezone.now()
    assessment.save()
    return assessment
