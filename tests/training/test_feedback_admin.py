"""Feedback forms in the Wagtail admin: questions inline, a copy to adapt per course, answered questions kept."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import UserFactory, make_course
from tests.training.factories_feedback import answer, attendee, default_form, past_session
from training.models import FeedbackForm, FeedbackPending, FeedbackQuestion
from training.services.feedback import feedback_release_pending

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/snippets/training/feedbackform/"


def edit_url(form) -> str:
    return f"{INDEX_URL}edit/{form.pk}/"


def copy_url(form) -> str:
    return f"{INDEX_URL}copy/{form.pk}/"


@pytest.fixture
def admin_client(client, home):
    admin = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return client


def question_rows(form) -> list[dict]:
    return [
        {
            "id": q.pk,
            "key": q.key,
            "kind": q.kind,
            "required": "on" if q.required else "",
            "text_fi": q.text_fi,
            "text_sv": q.text_sv,
            "text_en": q.text_en,
            "ORDER": str(index),
        }
        for index, q in enumerate(form.questions.all())
    ]


def form_data(name: str, questions: list[dict], *, initial: int = 0, is_default: bool = False) -> dict:
    data = {"name": name}
    if is_default:
        data["is_default"] = "on"
    data.update(nested_form_data({"questions": inline_formset(questions, initial=initial)}))
    return data


def test_the_default_form_is_listed_under_snippets(admin_client):
    response = admin_client.get(INDEX_URL)

    assert response.status_code == 200
    assert default_form().name in response.content.decode()


def test_an_editor_creates_a_form_with_its_questions(admin_client):
    questions = [
        {"key": "overall", "kind": "scale", "required": "on", "text_fi": "Arvosana", "ORDER": "0"},
        {"key": "method", "kind": "yes_no", "required": "on", "text_fi": "Aiotko käyttää menetelmää?", "ORDER": "1"},
    ]

    response = admin_client.post(f"{INDEX_URL}add/", form_data("Lapset puheeksi -palaute", questions))

    assert response.status_code == 302
    form = FeedbackForm.objects.get(name="Lapset puheeksi -palaute")
    assert not form.is_default
    assert [(q.key, q.kind) for q in form.questions.all()] == [("overall", "scale"), ("method", "yes_no")]


def test_copying_the_default_form_makes_new_questions_and_leaves_the_original(admin_client):
    original = default_form()
    before = list(original.questions.values_list("pk", "text_fi"))
    page = admin_client.get(copy_url(original))
    assert page.status_code == 200
    assert "Kokonaisarvio koulutuksesta" in page.content.decode()
    rows = [{**row, "id": ""} for row in question_rows(original)]
    rows[0]["text_fi"] = "Kokonaisarvio menetelmäkoulutuksesta"

    response = admin_client.post(copy_url(original), form_data("Menetelmäkoulutusten palaute", rows))

    assert response.status_code == 302
    copy = FeedbackForm.objects.get(name="Menetelmäkoulutusten palaute")
    assert copy.pk != original.pk and not copy.is_default
    assert copy.questions.count() == 6
    assert copy.questions.first().text_fi == "Kokonaisarvio menetelmäkoulutuksesta"
    assert list(original.questions.values_list("pk", "text_fi")) == before


def test_a_second_default_form_is_refused(admin_client):
    rows = [{"key": "overall", "kind": "scale", "required": "on", "text_fi": "Arvosana", "ORDER": "0"}]

    response = admin_client.post(f"{INDEX_URL}add/", form_data("Toinen oletus", rows, is_default=True))

    assert response.status_code == 200
    assert FeedbackForm.objects.filter(is_default=True).count() == 1


@pytest.mark.parametrize("released", [False, True], ids=["waiting", "released"])
def test_a_question_with_answers_cannot_be_removed_or_change_kind(admin_client, programme, released):
    form = default_form()
    answer(attendee(past_session(make_course(programme, "Perhekeskus tutuksi"))))
    if released:
        feedback_release_pending(force=True)
    assert FeedbackPending.objects.exists() is not released
    rows = question_rows(form)
    rows[0]["DELETE"] = "on"

    response = admin_client.post(edit_url(form), form_data(form.name, rows, initial=6, is_default=True))
    assert response.status_code == 200
    assert form.questions.count() == 6

    rows = question_rows(form)
    rows[3]["kind"] = "scale"
    response = admin_client.post(edit_url(form), form_data(form.name, rows, initial=6, is_default=True))
    assert response.status_code == 200
    assert FeedbackQuestion.objects.get(form=form, key="recommend").kind == "yes_no"

    rows = question_rows(form)
    rows[0]["text_en"] = "All in all, how was the training?"
    response = admin_client.post(edit_url(form), form_data(form.name, rows, initial=6, is_default=True))
    assert response.status_code == 302
    assert FeedbackQuestion.objects.get(form=form, key="overall").text_en == "All in all, how was the training?"


def test_duplicate_keys_are_refused(admin_client):
    rows = [
        {"key": "overall", "kind": "scale", "required": "on", "text_fi": "Arvosana", "ORDER": "0"},
        {"key": "overall", "kind": "scale", "required": "on", "text_fi": "Arvosana taas", "ORDER": "1"},
    ]

    response = admin_client.post(f"{INDEX_URL}add/", form_data("Tuplat", rows))

    assert response.status_code == 200
    assert not FeedbackForm.objects.filter(name="Tuplat").exists()
