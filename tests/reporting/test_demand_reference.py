"""Training demand against a straightforward computation in Python, on small random data sets.

The data mixes what the aggregation has to get right: two frameworks sharing codes, two versions
of one of them (a code moving to another area), rounds opening on the same day, drafts, people
without a group or inactive, service-level requirements, competences some groups do not need,
manager's levels over own ones, unpublished courses and completions (and other outcomes).
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta

import pytest
from django.utils import timezone

from competencies.models import Assessment, Competence, CompetenceArea, Rating, Requirement
from people.models import ServiceLevel, User
from reporting.selectors.demand import training_demand
from tests.competencies.factories import make_gap_framework, make_gap_round, make_scale, make_unit_tree
from tests.factories import ProfessionalGroupFactory, UserFactory, make_course, make_session
from training.models import CoursePage, Enrolment

pytestmark = pytest.mark.django_db


def build_world(seed: int, programme):
    rng = random.Random(seed)
    groups = [ProfessionalGroupFactory(code=f"ref-{seed}-{n}", sort_order=n) for n in range(3)]
    scale = make_scale(numbered=True)
    old = make_gap_framework(groups, codes=("A1", "A2", "B1", "B2", "C1"), code=f"ref-{seed}", scale=scale)
    new = make_gap_framework(
        groups, codes=("A1", "A2", "B1", "B2", "C1", "C2"), framework=old.version.framework, number=2, scale=scale
    )
    # B2 moves to area C in the newer version.
    # Published content is frozen for the models' save(): the test data is shaped with queryset updates.
    Competence.objects.filter(pk=new["B2"].pk).update(area=CompetenceArea.objects.get(version=new.version, code="C"))
    other = make_gap_framework(groups, codes=("A1", "B1"), code=f"ref-other-{seed}", scale=scale)
    competences = [*old.competences.values(), *new.competences.values(), *other.competences.values()]
    for requirement in Requirement.objects.filter(competence__in=competences):
        if rng.random() < 0.15:
            Requirement.objects.filter(pk=requirement.pk).delete()
            continue
        Requirement.objects.filter(pk=requirement.pk).update(required_level=rng.randint(1, 5))
        if rng.random() < 0.3:
            Requirement.objects.bulk_create(
                [
                    Requirement(
                        competence=requirement.competence,
                        professional_group=requirement.professional_group,
                        service_level=ServiceLevel.SPECIAL,
                        required_level=rng.randint(1, 5),
                    )
                ]
            )
    today = timezone.localdate()
    rounds = [
        make_gap_round(old.version, opens_on=today - timedelta(days=400)),
        make_gap_round(new.version, opens_on=today - timedelta(days=30)),
        make_gap_round(new.version, opens_on=today - timedelta(days=30), name="Toinen"),
        make_gap_round(other.version, opens_on=today - timedelta(days=200)),
    ]
    _area, child, elsewhere = make_unit_tree()
    people = []
    for _ in range(40):
        people.append(
            UserFactory(
                unit=rng.choice([child, elsewhere]),
                professional_group=rng.choice([*groups, None]),
                service_level=rng.choice(["", ServiceLevel.BASIC, ServiceLevel.SPECIAL]),
                is_active=rng.random() < 0.9,
            )
        )
    for person in people:
        for survey_round in rounds:
            if rng.random() < 0.35:
                continue
            submitted = rng.random() < 0.8
            assessment = Assessment.objects.create(
                round=survey_round,
                person=person,
                status=Assessment.Status.SUBMITTED if submitted else Assessment.Status.DRAFT,
                submitted_at=timezone.now() if submitted else None,
            )
            version_competences = [c for c in competences if c.version_id == survey_round.version_id]
            Rating.objects.bulk_create(
                Rating(
                    assessment=assessment,
                    competence=competence,
                    self_level=rng.choice([None, 1, 2, 3, 4, 5]),
                    manager_level=rng.choice([None, None, 1, 2, 3, 4, 5]),
                )
                for competence in version_competences
                if rng.random() < 0.8
            )
    courses = []
    for n in range(6):
        course = make_course(programme, f"Viitekurssi {seed}-{n}")
        course.develops_competences.set(rng.sample(competences, rng.randint(1, 4)))
        course.save_revision().publish()
        courses.append(course)
    courses[-1].unpublish()
    for course in courses:
        session = make_session(course, capacity=rng.choice([5, 10]), starts_in_days=rng.choice([-30, 20]))
        for person in rng.sample(people, 8):
            Enrolment.objects.create(
                session=session,
                person=person,
                status=Enrolment.Status.CONFIRMED,
                outcome=rng.choice([Enrolment.Outcome.COMPLETED, Enrolment.Outcome.INCOMPLETE, ""]),
            )
    return {"rounds": rounds, "child": child}


def reference(people, survey_round=None):
    """course key -> (people, {(area code, group id): people}), rating by rating."""
    required = {
        (r.competence_id, r.professional_group_id, r.service_level): r.required_level for r in Requirement.objects.all()
    }
    tags = defaultdict(set)  # (framework, code) -> live course keys
    for course in CoursePage.objects.filter(live=True).prefetch_related("develops_competences__version"):
        for competence in course.develops_competences.all():
            tags[(competence.version.framework_id, competence.code)].add(course.translation_key)
    completed = {
        (e.person_id, e.session.course.translation_key)
        for e in Enrolment.objects.filter(outcome=Enrolment.Outcome.COMPLETED).select_related("session__course")
    }
    totals = defaultdict(set)
    cells = defaultdict(set)
    for person in people:
        if person.professional_group_id is None:
            continue
        assessments = [
            a
            for a in Assessment.objects.filter(person=person, status=Assessment.Status.SUBMITTED).select_related(
                "round"
            )
            if survey_round is None or a.round_id == survey_round.pk
        ]
        if not assessments:
            continue
        latest = max(assessments, key=lambda a: (a.round.opens_on, a.round_id))
        for rating in latest.ratings.select_related("competence__version", "competence__area"):
            current = rating.manager_level if rating.manager_level is not None else rating.self_level
            competence = rating.competence
            level = required.get((competence.pk, person.professional_group_id, person.service_level))
            if level is None:
                level = required.get((competence.pk, person.professional_group_id, ""))
            if current is None or level is None or current >= level:
                continue
            for key in tags[(competence.version.framework_id, competence.code)]:
                if (person.pk, key) in completed:
                    continue
                totals[key].add(person.pk)
                cells[(key, competence.area.code, person.professional_group_id)].add(person.pk)
    return {
        key: (
            len(members),
            {(area, group): len(ids) for (k, area, group), ids in cells.items() if k == key},
        )
        for key, members in totals.items()
    }


def computed(rows):
    assert all(type(value) is int for row in rows for value in (row.people, *(c.people for c in row.breakdown)))
    return {
        row.course.translation_key: (row.people, {(c.area_code, c.group.pk): c.people for c in row.breakdown})
        for row in rows
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_training_demand_matches_a_rating_by_rating_computation(programme, seed):
    world = build_world(seed, programme)
    everyone = User.objects.filter(is_active=True)
    some = everyone.filter(unit=world["child"])

    expected = reference(list(everyone))
    assert expected  # the data set has demand to compare
    assert computed(training_demand(people=everyone, suppress=False)) == expected
    assert computed(training_demand(people=some, suppress=False)) == reference(list(some))
    for survey_round in world["rounds"]:
        assert computed(training_demand(people=everyone, round=survey_round, suppress=False)) == reference(
            list(everyone), survey_round
        )


def test_the_breakdown_is_ordered_by_area_then_group(programme):
    build_world(4, programme)

    for row in training_demand(people=User.objects.filter(is_active=True), suppress=False):
        keys = [(cell.area_code, cell.group.sort_order) for cell in row.breakdown]
        assert keys == sorted(keys)


def test_several_mask_columns_and_selects_give_the_same_counts(programme, monkeypatch):
    """Many competences, courses or areas need several mask columns and SELECTs: small limits force that here."""
    build_world(5, programme)
    everyone = User.objects.filter(is_active=True)
    monkeypatch.setattr("reporting.selectors.demand_counts.MASK_BITS", 2)
    monkeypatch.setattr("reporting.selectors.demand_counts.TARGETS_PER_SELECT", 3)

    assert computed(training_demand(people=everyone, suppress=False)) == reference(list(everyone))
