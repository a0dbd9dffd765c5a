"""Fixtures of the reporting tests: places (units, organisations, municipalities), a manager, staff."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.factories import UserFactory
from tests.reporting.factories import network


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
