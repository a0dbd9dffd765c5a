"""Fixtures of the reporting tests: places (units, organisations, municipalities), a manager, staff, and the
statistics tests' world."""

import copy

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.conftest import module_transaction
from tests.factories import ProgrammePageFactory, UserFactory, make_site
from tests.reporting.factories import network
from tests.reporting.factories_statistics import World, build_world


@pytest.fixture
def places(db):
    """(area, unit_a, unit_b, ngo_unit): units a and b lie below the area, the NGO's unit elsewhere."""
    return network()


@pytest.fixture
def manager(places):
    """Manages the area, and so units a and b below it."""
    person = UserFactory(unit=places[0], first_name="Maija", last_name="Manageri")
    places[0].managers.add(person)
    return person


@pytest.fixture
def coordinator(db):
    person = UserFactory(is_coordinator=True, unit=None, professional_group=None)
    TOTP.activate(person, generate_totp_secret())
    return person


@pytest.fixture
def staff(places):
    return UserFactory(unit=places[1])


@pytest.fixture(scope="module")
def statistics_world_of_the_module(django_db_setup, django_db_blocker) -> World:
    """The statistics tests' world (``build_world``), built once for a module; each test runs in a savepoint."""
    with module_transaction(django_db_blocker):
        yield build_world(ProgrammePageFactory.create(make_site()))


@pytest.fixture
def world(statistics_world_of_the_module, db) -> World:
    """The statistics tests' world, as a copy: a test may change its objects, never the next test's. A test adds
    its own courses to ``world.programme``."""
    return copy.deepcopy(statistics_world_of_the_module)
