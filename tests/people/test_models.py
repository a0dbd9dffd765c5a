"""People's models: email sign-in, administrators, and the unit tree's paths."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from people.models import OrgUnit, User
from tests.factories import OrganisationFactory, OrgUnitFactory, ProfessionalGroupFactory

pytestmark = pytest.mark.django_db


def test_user_signs_in_by_email_without_username():
    user = User.objects.create_user("Tiina.Terveydenhoitaja@Example.FI", "salasana-123")
    assert user.email == "tiina.terveydenhoitaja@example.fi"
    assert User.USERNAME_FIELD == "email"
    assert not hasattr(user, "username") or user.username is None
    assert user.check_password("salasana-123")


def test_create_superuser_is_an_administrator():
    admin = User.objects.create_superuser("admin@example.fi", "salasana-123")
    assert admin.is_administrator and admin.is_staff


def test_unit_path_follows_the_tree():
    organisation = OrganisationFactory()
    county = OrgUnitFactory(organisation=organisation, kind=OrgUnit.Kind.COUNTY)
    area = OrgUnitFactory(organisation=organisation, parent=county, kind=OrgUnit.Kind.AREA)
    unit = OrgUnitFactory(organisation=organisation, parent=area)
    assert unit.path == f"{county.pk:06d}/{area.pk:06d}/{unit.pk:06d}/"
    assert unit.depth == 3


def test_moving_a_unit_moves_everything_below_it():
    county = OrgUnitFactory()
    area_a = OrgUnitFactory(parent=county)
    area_b = OrgUnitFactory(parent=county)
    unit = OrgUnitFactory(parent=area_a)
    leaf = OrgUnitFactory(parent=unit)

    unit.parent = area_b
    unit.save()

    leaf.refresh_from_db()
    assert leaf.path == f"{area_b.path}{unit.pk:06d}/{leaf.pk:06d}/"
    assert list(OrgUnit.objects.subtree_of([area_a])) == [area_a]
    assert set(OrgUnit.objects.subtree_of([area_b])) == {area_b, unit, leaf}


def test_a_unit_cannot_be_placed_below_itself():
    area = OrgUnitFactory()
    unit = OrgUnitFactory(parent=area)
    area.parent = unit
    with pytest.raises(ValidationError):
        area.full_clean()


def test_professional_group_name_follows_the_active_language():
    group = ProfessionalGroupFactory(name_fi="Terveydenhoitaja", name_sv="Hälsovårdare", name_en="Public health nurse")
    with translation.override("sv"):
        assert str(group) == "Hälsovårdare"
    with translation.override("en"):
        assert str(group) == "Public health nurse"
    with translation.override("fi"):
        assert str(group) == "Terveydenhoitaja"
