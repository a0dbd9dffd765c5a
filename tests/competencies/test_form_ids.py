"""Forms that choose objects by id: an id no database integer holds is a form error, never a server error."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from competencies.forms import EvidenceForm, SurveyRoundForm
from tests.competencies.helpers import coordinator, login

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
HUGE = "9" * 20  # beyond a signed 64-bit integer
JUST_TOO_BIG = str(2**63)


def round_data(setting, **overrides) -> dict:
    data = {
        "name_fi": "Syksy",
        "version": setting.data.version.pk,
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + datetime.timedelta(days=20)).isoformat(),
        "target_units": [setting.area.pk],
        "target_groups": [setting.data.group.pk],
    }
    data.update(overrides)
    return data


def invalid_pk_message(value: str) -> str:
    with translation.override("en"):
        return f"“{value}” is not a valid value."


@pytest.mark.parametrize("field", ["target_units", "target_groups"])
@pytest.mark.parametrize("value", [HUGE, JUST_TOO_BIG, f"-{JUST_TOO_BIG}1"])
def test_the_round_form_refuses_an_id_beyond_64_bits(setting, field, value):
    form = SurveyRoundForm(data=round_data(setting, **{field: [value]}))
    with translation.override("en"):
        assert not form.is_valid()
        assert form.errors[field] == [invalid_pk_message(value)]


def test_the_round_form_still_takes_real_ids(setting):
    form = SurveyRoundForm(data=round_data(setting))
    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["target_units"]) == [setting.area]


def test_the_largest_64_bit_id_is_merely_not_a_choice(setting):
    form = SurveyRoundForm(data=round_data(setting, target_units=[str(2**63 - 1)]))
    with translation.override("en"):
        assert not form.is_valid()
        assert "not one of the available choices" in form.errors["target_units"][0]


@pytest.mark.parametrize("value", [HUGE, JUST_TOO_BIG])
def test_the_evidence_form_refuses_an_id_beyond_64_bits(setting, value):
    data = {
        "title": "Todistus",
        "achieved_on": TODAY.isoformat(),
        "competences": [setting.data.competences[0].pk, value],
    }
    form = EvidenceForm(data=data, person=setting.person)
    with translation.override("en"):
        assert not form.is_valid()
        assert form.errors["competences"] == [invalid_pk_message(value)]


def test_posting_a_huge_target_unit_redisplays_the_round_form(client, setting):
    login(client, coordinator())
    response = client.post(reverse("competencies:round_create"), round_data(setting, target_units=[HUGE]))
    assert response.status_code == 400  # the form again, with its errors
    assert response.context["form"].errors["target_units"]


def test_posting_a_huge_competence_redisplays_the_evidence_form(client, setting):
    login(client, setting.person)
    data = {"title": "Todistus", "achieved_on": TODAY.isoformat(), "competences": [HUGE]}
    response = client.post(reverse("competencies:evidence_create"), data)
    assert response.status_code == 400  # the form again, with its errors
    assert response.context["form"].errors["competences"]
