"""Scoping: every view asks people.access; allowed, read-only and outsider users are tested."""

import pytest
from django.urls import reverse

from people.access import Access, Role, get_person_for_user
from tests.factories import OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    """county → area A (units a1, a2) and area B (unit b1), with a manager for area A and one for b1."""
    county = OrgUnitFactory(name="Hyvinvointialue")
    area_a = OrgUnitFactory(name="Alue A", parent=county)
    area_b = OrgUnitFactory(name="Alue B", parent=county)
    a1 = OrgUnitFactory(name="Neuvola A1", parent=area_a)
    a2 = OrgUnitFactory(name="Perhetyö A2", parent=area_a)
    b1 = OrgUnitFactory(name="Neuvola B1", parent=area_b)
    alice = UserFactory(unit=area_a, email="alice@example.fi")  # manager of area A
    area_a.managers.add(alice)
    bob = UserFactory(unit=b1, email="bob@example.fi")  # manager of b1
    b1.managers.add(bob)
    return {
        "alice": alice,
        "bob": bob,
        "anna": UserFactory(unit=a1, email="anna@example.fi"),
        "aaro": UserFactory(unit=a2, email="aaro@example.fi"),
        "bea": UserFactory(unit=b1, email="bea@example.fi"),
        "coordinator": UserFactory(unit=county, is_coordinator=True),
        "a1": a1,
    }


def test_everyone_signed_in_is_staff(network):
    assert Access(network["anna"]).roles == {Role.STAFF}


def test_roles_follow_the_users_fields(network):
    trainer = UserFactory(is_trainer=True)
    admin = UserFactory(is_superuser=True)
    assert Access(network["alice"]).roles == {Role.STAFF, Role.MANAGER}
    assert Role.TRAINER in Access(trainer).roles
    assert Role.COORDINATOR in Access(network["coordinator"]).roles
    assert Role.ADMINISTRATOR in Access(admin).roles


def test_manager_sees_their_units_and_the_units_below(network):
    visible = set(Access(network["alice"]).people())
    assert visible == {network["alice"], network["anna"], network["aaro"]}


def test_manager_of_a_leaf_unit_does_not_see_the_sibling_area(network):
    visible = set(Access(network["bob"]).people())
    assert visible == {network["bob"], network["bea"]}


def test_staff_member_sees_only_themself(network):
    assert list(Access(network["anna"]).people()) == [network["anna"]]
    assert not Access(network["anna"]).units().exists()


def test_coordinator_sees_the_whole_network(network):
    everyone = {u for k, u in network.items() if k != "a1"}
    assert everyone <= set(Access(network["coordinator"]).people())


def test_people_outside_reach_are_not_found(network):
    from django.http import Http404

    assert get_person_for_user(network["alice"], network["anna"].pk) == network["anna"]
    with pytest.raises(Http404):
        get_person_for_user(network["bob"], network["anna"].pk)


def test_people_query_count_does_not_grow_with_managed_units(network, django_assert_num_queries):
    for _ in range(5):
        network["alice"].managed_units.add(OrgUnitFactory())
    access = Access(network["alice"])
    with django_assert_num_queries(2):  # managed unit ids, then the people
        list(access.people())


class TestPersonDetailView:
    def url(self, person):
        return reverse("people:person_detail", args=[person.pk])

    def test_manager_sees_a_person_of_their_unit(self, client, network):
        client.force_login(network["alice"])
        response = client.get(self.url(network["anna"]))
        assert response.status_code == 200
        assert network["anna"].email in response.content.decode()

    def test_staff_member_cannot_see_a_colleague(self, client, network):
        client.force_login(network["aaro"])
        assert client.get(self.url(network["anna"])).status_code == 404

    def test_manager_of_another_unit_gets_404(self, client, network):
        client.force_login(network["bob"])
        assert client.get(self.url(network["anna"])).status_code == 404

    def test_anonymous_is_sent_to_sign_in(self, client, network):
        response = client.get(self.url(network["anna"]))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


class TestTeamView:
    def test_manager_lists_their_people(self, client, network):
        client.force_login(network["alice"])
        response = client.get(reverse("people:team"))
        content = response.content.decode()
        assert response.status_code == 200
        assert str(network["anna"]) in content and str(network["bea"]) not in content

    def test_staff_member_gets_403(self, client, network):
        client.force_login(network["anna"])
        assert client.get(reverse("people:team")).status_code == 403

    def test_query_count_is_constant(self, client, network, django_assert_max_num_queries):
        client.force_login(network["alice"])
        client.get(reverse("people:team"))
        for _ in range(20):
            UserFactory(unit=network["a1"])
        with django_assert_max_num_queries(14):  # the filters' unit and group choices are two of them
            response = client.get(reverse("people:team"))
        assert response.status_code == 200


def test_profile_saves_the_preferred_language(client, network):
    anna = network["anna"]
    client.force_login(anna)
    response = client.post(
        reverse("people:profile"), {"first_name": "Anna", "last_name": "Aalto", "preferred_language": "sv"}
    )
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.preferred_language == "sv"


def test_profile_keeps_input_on_error(client, network):
    client.force_login(network["anna"])
    response = client.post(
        reverse("people:profile"), {"first_name": "Anna", "last_name": "Aalto", "preferred_language": "xx"}
    )
    assert response.status_code == 200
    assert 'value="Aalto"' in response.content.decode()
