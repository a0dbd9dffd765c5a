"""Answering feedback: once, after the last day, only by attendees, with valid values; the default form."""

import pytest
from django.db import transaction
from django.utils import translation

from tests.factories import UserFactory, make_course, make_session
from tests.training.factories_feedback import VALID_ANSWERS, answer, attendee, default_form, past_session
from training.errors import TrainingError
from training.models import (
    Enrolment,
    FeedbackAnswer,
    FeedbackForm,
    FeedbackPending,
    FeedbackQuestion,
    FeedbackReceipt,
    FeedbackResponse,
)
from training.services import feedback as feedback_services
from training.services.feedback import feedback_form_copy, feedback_release_pending, feedback_submit

pytestmark = pytest.mark.django_db
Outcome = Enrolment.Outcome


@pytest.fixture
def course(programme):
    return make_course(programme, "Perhekeskus tutuksi")


@pytest.fixture
def session(course):
    return past_session(course)


def refused(code: str, enrolment, answers=None) -> None:
    with pytest.raises(TrainingError) as caught:
        feedback_submit(enrolment=enrolment, answers=VALID_ANSWERS if answers is None else answers)
    assert caught.value.code == code
    assert caught.value.message  # every code has a message for people


def nothing_stored() -> bool:
    return not (
        FeedbackResponse.objects.exists()
        or FeedbackAnswer.objects.exists()
        or FeedbackReceipt.objects.exists()
        or FeedbackPending.objects.exists()
    )


def released(*_submitted) -> FeedbackResponse:
    """The one answer given, released however few are waiting."""
    feedback_release_pending(force=True)
    return FeedbackResponse.objects.get()


# The default form
# ------------------------------------------------------------------------------


def test_the_default_form_asks_the_six_questions_in_three_languages():
    form = default_form()
    questions = list(form.questions.all())

    assert [(q.key, q.kind, q.required) for q in questions] == [
        ("overall", "scale", True),
        ("usefulness", "scale", True),
        ("trainers", "scale", True),
        ("recommend", "yes_no", True),
        ("most_useful", "text", False),
        ("improve", "text", False),
    ]
    assert all(q.text_fi and q.text_sv and q.text_en for q in questions)
    assert len({q.text_fi for q in questions} | {q.text_sv for q in questions} | {q.text_en for q in questions}) == 18
    usefulness = questions[1]
    with translation.override("en"):
        assert "work" in usefulness.text
    with translation.override("sv"):
        assert usefulness.text == usefulness.text_sv


def test_a_copy_of_a_form_has_the_same_questions_and_is_not_the_default():
    copy = feedback_form_copy(form=default_form(), name="Lapset puheeksi -palaute")

    assert not copy.is_default
    assert [q.key for q in copy.questions.all()] == [q.key for q in default_form().questions.all()]
    assert FeedbackForm.objects.filter(is_default=True).count() == 1


# Answering
# ------------------------------------------------------------------------------


def test_an_attendee_answers_and_the_answers_are_stored_with_a_separate_receipt(session):
    enrolment = attendee(session)

    response = released(answer(enrolment, most_useful="Käytännön harjoitukset", improve=""))

    assert response.session == session
    assert response.form == default_form()
    stored = {a.question.key: (a.value, a.text) for a in response.answers.select_related("question")}
    assert stored == {
        "overall": (4, ""),
        "usefulness": (5, ""),
        "trainers": (4, ""),
        "recommend": (1, ""),
        "most_useful": (None, "Käytännön harjoitukset"),
    }
    assert list(FeedbackReceipt.objects.values_list("session", "person")) == [(session.pk, enrolment.person_id)]


def test_someone_who_attended_part_of_the_session_can_answer(session):
    response = released(answer(attendee(session, outcome=Outcome.INCOMPLETE), recommend=False))

    assert response.answers.get(question__key="recommend").value == 0


def test_the_course_own_form_is_used_when_it_has_one(course, session):
    own = FeedbackForm.objects.create(name="Oma lomake")
    FeedbackQuestion.objects.create(form=own, key="overall", kind="scale", text_fi="Arvosana", sort_order=0)
    course.feedback_form = own
    course.save()

    response = released(feedback_submit(enrolment=attendee(session), answers={"overall": 3}))

    assert response.form == own
    assert response.answers.get().question.form == own


def test_a_second_answer_is_refused_and_nothing_more_is_stored(session):
    enrolment = attendee(session)
    answer(enrolment)

    refused("feedback_already_given", enrolment)

    assert FeedbackPending.objects.count() == 1
    assert len(released().answers.all()) == 4


def test_the_receipt_constraint_refuses_a_racing_second_answer(session, monkeypatch):
    """Two submissions that both passed the check: the receipt's unique constraint lets only one through."""
    enrolment = attendee(session)
    answer(enrolment)
    monkeypatch.setattr(feedback_services, "feedback_refusal", lambda *args, **kwargs: "")

    with transaction.atomic():
        refused("feedback_already_given", enrolment)

    assert FeedbackPending.objects.count() == FeedbackReceipt.objects.count() == 1


def test_feedback_before_the_last_day_has_ended_is_refused(course):
    running = make_session(course, starts_in_days=-1, days=3)  # the last day is tomorrow
    refused("feedback_too_early", attendee(running))
    refused("feedback_too_early", attendee(make_session(course, starts_in_days=7)))
    assert nothing_stored()


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (Enrolment.Status.CONFIRMED, Outcome.NO_SHOW),
        (Enrolment.Status.CONFIRMED, ""),
        (Enrolment.Status.CANCELLED, ""),
        (Enrolment.Status.CANCELLED, Outcome.COMPLETED),
        (Enrolment.Status.WAITING, ""),
        (Enrolment.Status.MOVED, ""),
    ],
)
def test_someone_who_did_not_attend_cannot_answer(session, status, outcome):
    refused("feedback_not_attended", attendee(session, status=status, outcome=outcome))
    assert nothing_stored()


@pytest.mark.parametrize(
    "bad",
    [
        {"overall": 0},
        {"overall": 6},
        {"overall": -1},
        {"overall": 4.5},
        {"overall": "hyvä"},
        {"overall": True},
        {"recommend": 2},
        {"recommend": "kyllä"},
        {"overall": None},
        {"improve": "x" * 4001},
        {"improve": 5},
        {"unknown_question": 3},
    ],
    ids=lambda bad: repr(bad)[:30],
)
def test_values_out_of_range_or_of_the_wrong_kind_are_refused(session, bad):
    enrolment = attendee(session)

    refused("feedback_invalid", enrolment, {**VALID_ANSWERS, **bad})

    assert nothing_stored()


def test_a_missing_required_answer_is_refused_and_names_the_question(session):
    answers = {key: value for key, value in VALID_ANSWERS.items() if key != "trainers"}

    with pytest.raises(TrainingError) as caught:
        feedback_submit(enrolment=attendee(session), answers=answers)

    assert caught.value.code == "feedback_invalid"
    assert caught.value.params == {"question": "trainers"}
    assert nothing_stored()


def test_scale_values_given_as_digits_and_blank_optional_texts_are_accepted(session):
    response = released(
        feedback_submit(
            enrolment=attendee(session),
            answers={"overall": "5", "usefulness": 1, "trainers": 3, "recommend": 0, "improve": "   "},
        )
    )

    values = dict(response.answers.values_list("question__key", "value"))
    assert values == {"overall": 5, "usefulness": 1, "trainers": 3, "recommend": 0}


def test_answers_of_different_people_do_not_interfere(session):
    first, second = attendee(session), attendee(session, UserFactory())
    answer(first)
    answer(second, overall=2)

    assert FeedbackPending.objects.filter(session=session).count() == 2
    assert FeedbackReceipt.objects.filter(session=session).count() == 2
