"""The manager's compact heatmap: one number per cell chosen by a link toggle, the details on the drill-down."""

import re

import pytest
from django.urls import reverse

from tests.competencies.factories import assess

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"competencies:{name}", args=args)


def cell_text(html: str, group_pk: int, code: str) -> str:
    link = reverse("competencies:team_cell", args=[group_pk, code])
    match = re.search(rf'<a href="{re.escape(link)}[^"]*">(.*?)</a>', html, re.S)
    assert match, f"no cell link for {code}"
    return re.sub(r'<span class="visually-hidden">.*?</span>', "", match.group(1)).strip()


def test_a_cell_shows_the_share_below_by_default_and_the_mean_on_request(client, world):
    client.force_login(world.manager)

    share = client.get(url("team")).content.decode()
    mean = client.get(url("team"), {"show": "mean"}).content.decode()

    assert cell_text(share, world.nurse.pk, "A1") == "40"
    assert cell_text(mean, world.nurse.pk, "A1") == "3,0"


def test_the_toggle_is_a_pair_of_links_that_keeps_the_filters(client, world):
    client.force_login(world.manager)

    response = client.get(url("team"), {"group": world.nurse.pk, "show": "mean"})

    links = response.context["measure_links"]
    assert [link["current"] for link in links] == [False, True]
    assert links[0]["url"] == f"?group={world.nurse.pk}"
    assert links[1]["url"] == f"?group={world.nurse.pk}&show=mean"
    assert 'name="show" value="mean"' in response.content.decode()  # the filter form keeps the choice


def test_every_figure_stays_in_the_data_table(client, world):
    client.force_login(world.manager)
    html = client.get(url("team")).content.decode()
    assert "(2/5)" in html
    assert 'class="heatmap heatmap--data"' in html


def test_the_drill_down_gives_n_of_n_the_required_level_and_the_change(client, world):
    from datetime import timedelta

    from tests.competencies.factories import make_gap_round

    earlier = make_gap_round(world.framework.version, opens_on=world.round.opens_on - timedelta(days=365))
    for person in world.nurses:
        assess(person, earlier, {"A1": 1})
    client.force_login(world.manager)

    response = client.get(url("team_cell", world.nurse.pk, "A1"), {"round": world.round.pk, "compare": earlier.pk})

    cell = response.context["cell"]
    assert (cell.below, cell.people, cell.required_label) == (2, 5, "3")
    html = response.content.decode()
    assert "40 % (2/5)" in html
    assert "+2,0" in html
