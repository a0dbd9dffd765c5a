"""Fixtures of the competence tests: a small setting, a world with gaps to find, a coordinator."""

from dataclasses import dataclass

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.competencies.factories import (
    assess,
    make_gap_framework,
    make_gap_round,
    make_people,
    make_setting,
    make_unit_tree,
)
from tests.factories import ProfessionalGroupFactory, UserFactory


@pytest.fixture
def setting(db):
    return make_setting()


@dataclass
class World:
    """A manager of an area (with a unit below it) and another unit elsewhere, assessed in one round.

    Child unit: five nurses at levels 1, 2, 3, 4, 5 in A1 (two below the required 3) and 3 in A2;
    two social workers at 1 in A1. Other unit: three nurses at 1 in A1.
    """

    framework: object
    round: object
    nurse: object
    social: object
    area: object
    child: object
    other: object
    manager: object
    nurses: list
    social_workers: list
    outsiders: list


@pytest.fixture
def world(db) -> World:
    nurse = ProfessionalGroupFactory(code="terveydenhoitaja", name_fi="Terveydenhoitaja", sort_order=1)
    social = ProfessionalGroupFactory(code="sosiaalityontekija", name_fi="Sosiaalityöntekijä", sort_order=2)
    framework = make_gap_framework([nurse, social], codes=("A1", "A2", "B1"), required=3)
    survey_round = make_gap_round(framework.version)
    area, child, other = make_unit_tree()
    manager = UserFactory(unit=area, professional_group=None, first_name="Eija", last_name="Esihenkilö")
    area.managers.add(manager)
    nurses = make_people(5, unit=child, group=nurse)
    for person, level in zip(nurses, [1, 2, 3, 4, 5], strict=True):
        assess(person, survey_round, {"A1": level, "A2": 3})
    social_workers = make_people(2, unit=child, group=social)
    for person in social_workers:
        assess(person, survey_round, {"A1": 1})
    outsiders = make_people(3, unit=other, group=nurse)
    for person in outsiders:
        assess(person, survey_round, {"A1": 1})
    return World(
        framework=framework,
        round=survey_round,
        nurse=nurse,
        social=social,
        area=area,
        child=child,
        other=other,
        manager=manager,
        nurses=nurses,
        social_workers=social_workers,
        outsiders=outsiders,
    )


@pytest.fixture
def coordinator(db):
    user = UserFactory(is_coordinator=True, professional_group=None)
    TOTP.activate(user, generate_totp_secret())
    return user
