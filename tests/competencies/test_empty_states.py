"""An empty list says where the person can act: a link, not a dead end."""

import pytest
from django.urls import reverse

from tests.competencies.helpers import coordinator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def link_in_empty_state(client, user, page: str, target: str) -> bool:
    client.force_login(user)
    html = client.get(reverse(page)).content.decode()
    empty = html[html.index('class="empty"') :]
    empty = empty[: empty.index("</p>")]
    return f'href="{reverse(target)}"' in empty


def test_no_evidence_links_to_adding_some(client, db):
    assert link_in_empty_state(client, UserFactory(), "competencies:evidence", "competencies:evidence_create")


def test_no_open_survey_links_to_my_competences(client, db):
    assert link_in_empty_state(client, UserFactory(), "competencies:my_surveys", "competencies:my_competences")


def test_no_rounds_links_to_opening_one(client, db):
    assert link_in_empty_state(client, coordinator(), "competencies:rounds", "competencies:round_create")
