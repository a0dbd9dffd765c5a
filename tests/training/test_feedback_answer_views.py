"""The answer form: the person's own, after the last day, for attendees, once; and "Give feedback" on My trainings."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import UserFactory, make_course, make_session
from tests.training.factories_feedback import answer, attendee, past_session
from training.models import Enrolment, FeedbackPending, FeedbackReceipt, FeedbackResponse
from training.services.feedback import feedback_release_pending

pytestmark = pytest.mark.django_db
Outcome = Enrolment.Outcome

GOOD = {"overall": "4", "usefulness": "5", "trainers": "3", "recommend": "1", "most_useful": "Harjoitukset"}


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"training:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def course(programme):
    return make_course(programme, "Perhekeskus tutuksi")


@pytest.fixture
def person():
    return UserFactory()


@pytest.fixture
def enrolment(course, person):
    return attendee(past_session(course), person)


@pytest.fixture
def signed_in(client, person):
    client.force_login(person)
    return client


def in_english(message: str) -> str:
    with translation.override("en"):
        return gettext(message)


class TestAnswerForm:
    def test_the_form_groups_each_scale_in_a_fieldset_with_a_legend(self, signed_in, enrolment):
        response = signed_in.get(url("feedback_answer", enrolment.pk))

        assert response.status_code == 200
        page = text(response)
        assert page.count("<fieldset") == 4  # three scales and yes/no
        assert page.count("<legend>") == 4
        assert page.count('type="radio"') == 3 * 5 + 2
        assert page.count("<textarea") == 2
        assert "Kokonaisarvio koulutuksesta" not in page  # English page: the English question
        assert "Overall, how would you rate the training?" in page

    def test_answering_thanks_the_person_and_the_form_is_gone(self, signed_in, enrolment):
        response = signed_in.post(url("feedback_answer", enrolment.pk), GOOD, follow=True)

        assert response.redirect_chain == [(url("feedback_answer", enrolment.pk), 302)]
        assert in_english("Thank you for your feedback!") in shown_messages(response)
        assert '<form method="post" class="form"' not in text(response)
        assert in_english("You have given feedback on this session. Thank you!") in text(response)
        assert FeedbackPending.objects.count() == 1
        feedback_release_pending(force=True)
        response = FeedbackResponse.objects.get()
        assert dict(response.answers.values_list("question__key", "value")) == {
            "overall": 4,
            "usefulness": 5,
            "trainers": 3,
            "recommend": 1,
            "most_useful": None,
        }
        assert FeedbackReceipt.objects.filter(person=enrolment.person).count() == 1

    def test_missing_required_answers_redisplay_the_form_with_the_input_kept(self, signed_in, enrolment):
        data = {**GOOD, "trainers": "", "improve": "Enemmän aikaa keskustelulle"}

        response = signed_in.post(url("feedback_answer", enrolment.pk), data)

        assert response.status_code == 200
        page = text(response)
        assert 'role="alert"' in page
        assert 'href="#id_trainers_0"' in page  # the summary links to the question's first button
        assert re.search(r'value="4" id="id_overall_3" checked', page)
        assert re.search(r'value="5" id="id_usefulness_4" checked', page)
        assert "Enemmän aikaa keskustelulle</textarea>" in page
        assert not FeedbackPending.objects.exists()
        assert not FeedbackReceipt.objects.exists()

    def test_a_value_out_of_range_is_refused_with_the_form_again(self, signed_in, enrolment):
        response = signed_in.post(url("feedback_answer", enrolment.pk), {**GOOD, "overall": "7"})

        assert response.status_code == 200
        assert response.context["form"].errors["overall"]
        assert not FeedbackPending.objects.exists()

    def test_a_second_answer_is_refused(self, signed_in, enrolment):
        answer(enrolment)

        response = signed_in.post(url("feedback_answer", enrolment.pk), GOOD)

        assert response.status_code == 200
        assert in_english("You have given feedback on this session. Thank you!") in text(response)
        assert FeedbackPending.objects.count() == 1

    def test_before_the_last_day_has_ended_there_is_no_form(self, signed_in, course, person):
        enrolment = attendee(make_session(course, starts_in_days=-1, days=3), person)  # ends tomorrow

        response = signed_in.post(url("feedback_answer", enrolment.pk), GOOD)

        assert response.status_code == 200
        assert in_english("Feedback opens when the last day of the session has ended.") in text(response)
        assert response.context["form"] is None
        assert not FeedbackPending.objects.exists()

    def test_someone_who_did_not_attend_gets_no_form(self, signed_in, course, person):
        enrolment = attendee(past_session(course), person, outcome=Outcome.NO_SHOW)

        response = signed_in.post(url("feedback_answer", enrolment.pk), GOOD)

        assert in_english("Only participants who attended the session can give feedback on it.") in text(response)
        assert not FeedbackPending.objects.exists()

    def test_another_persons_enrolment_is_404(self, client, enrolment):
        client.force_login(UserFactory())

        assert client.get(url("feedback_answer", enrolment.pk)).status_code == 404
        assert client.post(url("feedback_answer", enrolment.pk), GOOD).status_code == 404
        assert not FeedbackPending.objects.exists()

    def test_an_unknown_enrolment_is_404(self, signed_in):
        assert signed_in.get(url("feedback_answer", 987654)).status_code == 404

    def test_anonymous_visitor_is_sent_to_sign_in(self, client, enrolment):
        response = client.get(url("feedback_answer", enrolment.pk))

        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


class TestMyTrainings:
    def test_attendees_who_have_not_answered_see_give_feedback(self, signed_in, course, person, enrolment):
        no_show = attendee(past_session(course, days_ago=5), person, outcome=Outcome.NO_SHOW)
        answered = attendee(past_session(course, days_ago=6), person)
        answer(answered)

        page = text(signed_in.get(url("my_trainings")))

        assert url("feedback_answer", enrolment.pk) in page
        assert url("feedback_answer", no_show.pk) not in page
        assert url("feedback_answer", answered.pk) not in page

    def test_after_answering_the_link_is_gone(self, signed_in, enrolment):
        signed_in.post(url("feedback_answer", enrolment.pk), GOOD)

        assert url("feedback_answer", enrolment.pk) not in text(signed_in.get(url("my_trainings")))

    def test_nothing_due_shows_no_feedback_section(self, signed_in):
        assert 'id="feedback-heading"' not in text(signed_in.get(url("my_trainings")))

    def test_query_count_does_not_grow_with_the_sessions_due(self, signed_in, course, person):
        attendee(past_session(course, days_ago=1), person)
        signed_in.get(url("my_trainings"))  # warm the caches

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                response = signed_in.get(url("my_trainings"))
            assert response.status_code == 200
            return len(queries)

        one = count()
        for days_ago in range(2, 22):
            enrolment = attendee(past_session(course, days_ago=days_ago), person)
            if days_ago % 3 == 0:
                answer(enrolment)
        many = count()

        assert many == one
        assert text(signed_in.get(url("my_trainings"))).count(in_english("Give feedback")) > 10
