"""The gap analysis workbooks as a spreadsheet reads them: levels, counts and shares are number cells."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from tests.spreadsheets import column, figures_as_text, is_number, workbook

pytestmark = pytest.mark.django_db


def xlsx(client, name: str, *args, **params):
    response = client.get(reverse(f"competencies:{name}", args=[*args, "xlsx"]), params)
    assert response.status_code == 200
    return workbook(response.content)


def numbers(sheet, header: str) -> list:
    cells = [cell for cell in column(sheet, header) if cell.value not in (None, "")]
    assert cells, header
    assert all(is_number(cell) for cell in cells), [(cell.coordinate, cell.value) for cell in cells]
    return [cell.value for cell in cells]


def test_the_team_heatmap_has_the_required_level_as_a_number(client, world):
    client.force_login(world.manager)

    book = xlsx(client, "team_export")

    heatmap = book.worksheets[0]
    assert set(numbers(heatmap, gettext("Required level"))) == {3}
    assert numbers(heatmap, gettext("People assessed"))
    assert numbers(heatmap, gettext("Mean level"))
    assert numbers(heatmap, gettext("Share below (%)"))
    assert figures_as_text(book) == []


def test_the_network_heatmap_keeps_numbers_and_says_where_groups_are_too_small(client, world, coordinator):
    client.force_login(coordinator)

    book = xlsx(client, "network_export")

    heatmap = book.worksheets[0]
    assert set(numbers(heatmap, gettext("Required level"))) == {3}
    assert figures_as_text(book) == []


def test_a_required_level_that_differs_within_a_group_is_a_range_and_the_rest_stay_numbers(client, world):
    from competencies.models import Requirement
    from people.models import ServiceLevel

    nurse = world.nurses[0]
    nurse.service_level = ServiceLevel.SPECIAL
    nurse.save()
    # Set up as if the version had been published with it (a published version refuses new rows).
    Requirement.objects.bulk_create(
        [
            Requirement(
                competence=world.framework["A1"],
                professional_group=world.nurse,
                service_level=ServiceLevel.SPECIAL,
                required_level=4,
            )
        ]
    )
    client.force_login(world.manager)

    heatmap = xlsx(client, "team_export").worksheets[0]

    levels = {row[2].value: row[4].value for row in heatmap.iter_rows(min_row=2) if row[0].value == "Terveydenhoitaja"}
    assert levels["A1"] == "3–4"
    assert levels["A2"] == 3


def test_the_drill_down_and_a_persons_competences_are_numbers(client, world):
    client.force_login(world.manager)

    people = xlsx(client, "team_cell_export", world.nurse.pk, "A1").worksheets[0]
    person = xlsx(client, "team_person_export", world.nurses[0].pk).worksheets[0]

    for header in ("Own assessment", "Current level", "Required level", "Gap"):
        assert numbers(people, gettext(header))
    for header in ("Required level", "Current level", "Own assessment", "Gap"):
        assert numbers(person, gettext(header))
    assert figures_as_text(people.parent) == [] and figures_as_text(person.parent) == []
