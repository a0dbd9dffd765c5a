"""Comments of the self-assessment and of the development discussion: no NUL characters, a stated length limit."""

import pytest
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.urls import reverse
from django.utils import translation

from competencies.forms import COMMENT_MAX_LENGTH
from competencies.models import Rating
from competencies.services import assessment_save
from tests.competencies.factories import answers
from tests.competencies.helpers import login, text
from tests.competencies.test_manager_rating import manager_data
from tests.competencies.test_self_assessment import form_data

pytestmark = pytest.mark.django_db


def too_long_message(length: int) -> str:
    """Django's own message for a text over the limit, as a form field gives it."""
    validator = MaxLengthValidator(COMMENT_MAX_LENGTH)
    return validator.message % {"limit_value": COMMENT_MAX_LENGTH, "show_value": length}


def nul_message() -> str:
    return str(ProhibitNullCharactersValidator.message)


def self_url(setting) -> str:
    return reverse("competencies:assessment", args=[setting.round.pk])


def discussion_url(assessment) -> str:
    return reverse("competencies:discussion", args=[assessment.pk])


def submitted(setting):
    return assessment_save(round=setting.round, person=setting.person, ratings=answers(setting.data), submit=True)


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ("Haluan\x00oppia", nul_message),
        ("x" * (COMMENT_MAX_LENGTH + 1), lambda: too_long_message(COMMENT_MAX_LENGTH + 1)),
    ],
)
def test_a_self_assessment_comment_is_refused_with_the_reason_and_nothing_is_saved(client, setting, comment, message):
    first = setting.data.competences[0]
    login(client, setting.person)

    with translation.override("fi"):
        response = client.post(self_url(setting), form_data(setting, **{f"comment-{first.pk}": comment}))
        expected = message()

    assert response.status_code == 400
    page = text(response)
    assert f'<p class="field__error" id="comment-{first.pk}-error">{expected}</p>' in page
    assert f'aria-describedby="comment-{first.pk}-error"' in page
    assert not Rating.objects.exists()


def test_a_self_assessment_comment_up_to_the_limit_is_kept_whole(client, setting):
    first = setting.data.competences[0]
    comment = "ä" * COMMENT_MAX_LENGTH
    login(client, setting.person)

    response = client.post(self_url(setting), form_data(setting, **{f"comment-{first.pk}": comment}))

    assert response.status_code == 302
    assert Rating.objects.get(competence=first).comment == comment


def test_the_comment_fields_say_their_limit(client, setting):
    login(client, setting.person)
    page = text(client.get(self_url(setting)))
    assert page.count(f'maxlength="{COMMENT_MAX_LENGTH}"') == len(setting.data.competences)

    assessment = submitted(setting)
    page = text(login(client, setting.manager).get(discussion_url(assessment)))
    assert page.count(f'maxlength="{COMMENT_MAX_LENGTH}"') == len(setting.data.competences)


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ("Hyvä\x00", nul_message),
        ("y" * (COMMENT_MAX_LENGTH + 5), lambda: too_long_message(COMMENT_MAX_LENGTH + 5)),
    ],
)
def test_a_managers_comment_is_refused_with_the_reason_and_nothing_is_saved(client, setting, comment, message):
    assessment = submitted(setting)
    first = setting.data.competences[0]
    data = manager_data(setting, comment="Hyvä")
    data[f"manager-comment-{first.pk}"] = comment

    with translation.override("fi"):
        response = login(client, setting.manager).post(discussion_url(assessment), data)
        expected = message()

    assert response.status_code == 400
    page = text(response)
    assert f'<p class="field__error" id="manager-comment-{first.pk}-error">{expected}</p>' in page
    assert f'aria-describedby="manager-comment-{first.pk}-error"' in page
    assert set(Rating.objects.values_list("manager_comment", "manager_level")) == {("", None)}
    assessment.refresh_from_db()
    assert assessment.discussed_at is None
