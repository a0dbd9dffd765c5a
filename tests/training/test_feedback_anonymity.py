"""Feedback is anonymous: nothing in the database leads from an answer to the person who gave it.

The checks read the models' fields, so a field added later (a person, a creation time, an
auto-increment id) makes them fail. An answer names its session, which every attendee shares
(and whose results are shown only from five answers on); beyond the session, foreign keys lead
to course pages and their editors, never to the one who answered. The same holds for an answer
waiting to be released (``FeedbackPending``).
"""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, models

from tests.factories import make_course
from tests.training.factories_feedback import answer, attendee, past_session
from training.models import (
    Enrolment,
    FeedbackAnswer,
    FeedbackForm,
    FeedbackPending,
    FeedbackQuestion,
    FeedbackReceipt,
    FeedbackResponse,
    Session,
)

ANSWER_MODELS = (FeedbackResponse, FeedbackAnswer, FeedbackPending)
# What an answer may point to: the session (the course run) and the form with its questions.
ALLOWED_TARGETS = {Session, FeedbackForm, FeedbackQuestion, FeedbackResponse}


def concrete_fields(model):
    return [field for field in model._meta.get_fields() if field.concrete]


def relations_out(model):
    """Forward relations stored on ``model``: foreign keys, one-to-ones and many-to-manys."""
    return [
        field
        for field in model._meta.get_fields()
        if field.is_relation
        and (field.many_to_one or field.one_to_one or field.many_to_many or field.related_model is None)
        and not field.auto_created
    ]


@pytest.mark.parametrize("model", ANSWER_MODELS, ids=lambda model: model.__name__)
def test_an_answer_points_only_to_its_session_form_and_questions(model):
    targets = {field.related_model for field in relations_out(model)}

    assert targets <= ALLOWED_TARGETS
    assert get_user_model() not in targets
    assert Enrolment not in targets
    assert FeedbackReceipt not in targets


class AnyModel:
    """Stands for the target of a generic foreign key, which could be anything, a person included."""


def reachable_models(start, *, stop_at=frozenset()) -> set:
    """Every model reachable from ``start`` by stored relations (foreign keys, one-to-ones, many-to-manys)."""
    seen, stack = set(), [start]
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        if model in stop_at or model is AnyModel:
            continue
        for field in relations_out(model):
            stack.append(field.related_model or AnyModel)
    return seen


@pytest.mark.parametrize("model", ANSWER_MODELS, ids=lambda model: model.__name__)
def test_no_chain_of_relations_leads_from_an_answer_to_a_person(model):
    """Short of the session (shared by every attendee), no relation reaches a user, an enrolment or a receipt."""
    reached = reachable_models(model, stop_at={Session})

    assert reached <= {*ALLOWED_TARGETS, model}
    assert get_user_model() not in reached
    assert AnyModel not in reached
    assert Enrolment not in reached
    assert FeedbackReceipt not in reached


def test_the_session_names_no_participant():
    """From the session on, relations reach the course, its pages and the trainers, never an enrolment or a receipt."""
    reached = reachable_models(Session)

    assert Enrolment not in reached
    assert FeedbackReceipt not in reached
    user_relations = [f.name for f in relations_out(Session) if f.related_model is get_user_model()]
    assert user_relations == ["trainers"]


@pytest.mark.parametrize("model", ANSWER_MODELS, ids=lambda model: model.__name__)
def test_an_answer_has_no_timestamp_and_a_random_key(model):
    fields = concrete_fields(model)

    assert not [f.name for f in fields if isinstance(f, models.DateField | models.DateTimeField | models.TimeField)]
    assert isinstance(model._meta.pk, models.UUIDField)
    assert model._meta.pk.default is uuid.uuid4  # random, not ordered like an auto-increment id or uuid1
    assert model._meta.ordering in ([], None) or "pk" not in str(model._meta.ordering)


def test_the_receipt_holds_only_the_session_and_the_person():
    names = {field.name for field in concrete_fields(FeedbackReceipt)}

    assert names == {"id", "session", "person"}
    targets = {field.related_model for field in relations_out(FeedbackReceipt)}
    assert targets == {Session, get_user_model()}
    reached = reachable_models(FeedbackReceipt)
    assert FeedbackResponse not in reached
    assert FeedbackAnswer not in reached
    assert FeedbackPending not in reached
    assert AnyModel not in reachable_models(FeedbackReceipt, stop_at={Session, get_user_model()})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "columns"),
    [
        (FeedbackResponse, {"id", "session_id", "form_id"}),
        (FeedbackAnswer, {"id", "response_id", "question_id", "value", "text"}),
        (FeedbackReceipt, {"id", "session_id", "person_id"}),
        (FeedbackPending, {"id", "session_id", "form_id", "answers"}),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_the_database_tables_have_only_these_columns(model, columns):
    """The migrated tables themselves, not only the models: no column was added behind the models' back."""
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, model._meta.db_table)

    assert {column.name for column in described} == columns


@pytest.mark.django_db
def test_an_answer_and_its_receipt_share_only_the_session(programme):
    enrolment = attendee(past_session(make_course(programme, "Perhekeskus tutuksi")))

    pending = answer(enrolment, most_useful="Hyvä päivä")

    receipt = FeedbackReceipt.objects.get(person=enrolment.person)
    assert receipt.session_id == pending.session_id
    assert not FeedbackResponse.objects.exists()  # one answer alone is never released with its receipt
    assert len(pending.answers) == 5  # the four answers and the free text, no more


@pytest.mark.django_db
def test_a_released_answer_keeps_nothing_of_its_waiting_row(programme):
    """A new random key: the pending row's key (seen next to the receipt's transaction) leads nowhere."""
    session = past_session(make_course(programme, "Perhekeskus tutuksi"))
    waiting = [answer(attendee(session)).pk for _ in range(4)]
    waiting.append(answer(attendee(session)).pk)  # the fifth releases them

    released = set(FeedbackResponse.objects.values_list("pk", flat=True))
    assert len(released) == 5
    assert not released & set(waiting)
    assert not set(FeedbackAnswer.objects.values_list("pk", flat=True)) & set(waiting)
