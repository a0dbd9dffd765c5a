"""The network is managed in the Wagtail admin."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from people.models import OrgUnit, ProfessionalGroup, User
from tests.factories import OrganisationFactory, OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home):
    admin = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return client


@pytest.mark.parametrize("section", ["organisations", "units", "professional-groups", "municipalities"])
def test_administrator_lists_the_network_models(admin_client, section):
    response = admin_client.get(f"/admin/network/{section}/")
    assert response.status_code == 200


def test_administrator_adds_a_unit_under_an_area(admin_client):
    area = OrgUnitFactory(kind=OrgUnit.Kind.AREA)
    response = admin_client.post(
        "/admin/network/units/new/",
        {"name": "Kiuruveden neuvola", "kind": "unit", "organisation": area.organisation_id, "parent": area.pk},
    )
    assert response.status_code == 302
    unit = OrgUnit.objects.get(name="Kiuruveden neuvola")
    assert unit.path.startswith(area.path)


def test_administrator_adds_a_professional_group(admin_client):
    admin_client.post(
        "/admin/network/professional-groups/new/",
        {"code": "kätilö", "name_fi": "Kätilö", "name_sv": "Barnmorska", "name_en": "Midwife", "sort_order": 2},
    )
    assert not ProfessionalGroup.objects.filter(name_fi="Kätilö").exists()  # slug must be ASCII
    admin_client.post(
        "/admin/network/professional-groups/new/",
        {"code": "katilo", "name_fi": "Kätilö", "name_sv": "Barnmorska", "name_en": "Midwife", "sort_order": 2},
    )
    assert ProfessionalGroup.objects.get(code="katilo").name_sv == "Barnmorska"


def test_administrator_edits_a_persons_unit_and_roles(admin_client):
    person = UserFactory()
    unit = OrgUnitFactory(organisation=OrganisationFactory())
    response = admin_client.get(f"/admin/users/edit/{person.pk}/")
    assert response.status_code == 200
    assert 'name="professional_group"' in response.content.decode()
    response = admin_client.post(
        f"/admin/users/edit/{person.pk}/",
        {
            "email": person.email,
            "first_name": "Tiina",
            "last_name": "Terveydenhoitaja",
            "unit": unit.pk,
            "professional_group": person.professional_group_id,
            "service_level": "erityistaso",
            "preferred_language": "sv",
            "is_trainer": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert (person.unit, person.service_level, person.is_trainer) == (unit, "erityistaso", True)


def test_staff_member_cannot_open_the_admin(client, home):
    client.force_login(UserFactory())
    response = client.get("/admin/network/organisations/")
    assert response.status_code in (302, 403)
    assert User.objects.count() == 1
