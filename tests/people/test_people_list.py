"""The people list of managers and coordinators: search by name and email, filters, pages, constant queries."""

import pytest
from django.urls import reverse

from tests.factories import OrgUnitFactory, ProfessionalGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    county = OrgUnitFactory(name="Hyvinvointialue")
    area = OrgUnitFactory(name="Alue A", parent=county)
    clinic = OrgUnitFactory(name="Neuvola A1", parent=area)
    family_work = OrgUnitFactory(name="Perhetyö A2", parent=area)
    elsewhere = OrgUnitFactory(name="Neuvola B1", parent=county)
    nurse = ProfessionalGroupFactory(code="terveydenhoitaja", name_fi="Terveydenhoitaja")
    social = ProfessionalGroupFactory(code="sosiaaliohjaaja", name_fi="Sosiaaliohjaaja")
    # Fixed names: a random Finnish surname can contain the "aalto" the tests search for.
    manager = UserFactory(unit=area, first_name="Eero", last_name="Esihenkilö", email="esihenkilo@example.fi")
    area.managers.add(manager)
    people = {
        "anna": UserFactory(
            unit=clinic, first_name="Anna", last_name="Aalto", email="anna.aalto@kuopio.fi", professional_group=nurse
        ),
        "aaro": UserFactory(
            unit=family_work,
            first_name="Aaro",
            last_name="Berg",
            email="aaro@siilinjarvi.fi",
            professional_group=social,
        ),
        "bea": UserFactory(unit=elsewhere, first_name="Bea", last_name="Aalto", email="bea@iisalmi.fi"),
    }
    return {"manager": manager, "clinic": clinic, "elsewhere": elsewhere, "nurse": nurse, "social": social, **people}


def listed(client, **params) -> list[str]:
    response = client.get(reverse("people:team"), params)
    assert response.status_code == 200
    return [person.first_name for person in response.context["people"]]


def test_search_finds_names_and_email_addresses_within_reach(client, network):
    client.force_login(network["manager"])
    assert listed(client, q="aalto") == ["Anna"]  # Bea Aalto is outside the manager's units
    assert listed(client, q="siilinjarvi") == ["Aaro"]
    assert listed(client, q="anna kuopio") == ["Anna"]
    assert listed(client, q="anna siilinjarvi") == []


def test_filters_by_unit_and_professional_group(client, network):
    client.force_login(network["manager"])
    assert listed(client, unit=network["clinic"].pk) == ["Anna"]
    assert listed(client, group=network["social"].pk) == ["Aaro"]


def test_a_unit_outside_reach_is_not_a_choice(client, network):
    client.force_login(network["manager"])
    response = client.get(reverse("people:team"), {"unit": network["elsewhere"].pk})
    assert response.status_code == 400
    assert "bea@iisalmi.fi" not in response.content.decode()


def test_a_coordinator_searches_the_whole_network(client, network):
    from tests.competencies.helpers import coordinator

    searcher = coordinator()
    searcher.first_name, searcher.last_name = "Kaisa", "Koordinaattori"
    searcher.save(update_fields=["first_name", "last_name"])
    client.force_login(searcher)
    assert sorted(listed(client, q="aalto")) == ["Anna", "Bea"]


def test_the_pages_keep_the_filters(client, network):
    from people import views

    for number in range(views.PEOPLE_PER_PAGE + 1):
        UserFactory(unit=network["clinic"], first_name=f"Henkilö{number}", professional_group=network["nurse"])
    client.force_login(network["manager"])
    response = client.get(reverse("people:team"), {"group": network["nurse"].pk})
    assert response.context["page_obj"].paginator.num_pages == 2
    assert f'href="?group={network["nurse"].pk}&amp;page=2"' in response.content.decode()
    second = client.get(reverse("people:team"), {"group": network["nurse"].pk, "page": 2})
    assert len(second.context["people"]) == 2


def test_an_empty_result_offers_to_clear_the_filters(client, network):
    client.force_login(network["manager"])
    response = client.get(reverse("people:team"), {"q": "nobody-like-this"})
    assert f'<a href="{reverse("people:team")}">' in response.content.decode()


@pytest.mark.parametrize("params", [{}, {"q": "a"}, {"group": "nurse"}])
def test_the_query_count_does_not_grow_with_people(client, network, django_assert_max_num_queries, params):
    if "group" in params:
        params = {"group": network["nurse"].pk}
    client.force_login(network["manager"])
    for number in range(5):
        UserFactory(unit=network["clinic"], professional_group=network["nurse"], first_name=f"Aino{number}")
    client.get(reverse("people:team"), params)
    with django_assert_max_num_queries(14) as small:
        client.get(reverse("people:team"), params)
    for number in range(40):
        UserFactory(unit=network["clinic"], professional_group=network["nurse"], first_name=f"Aapo{number}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("people:team"), params)
    assert len(response.context["people"]) >= 40
