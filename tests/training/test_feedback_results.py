"""Feedback results for trainers, coordinators and administrators: per session (hidden below 5) and per course."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import UserFactory, make_course
from tests.training.factories_feedback import answer, attendee, past_session
from training.models import Enrolment, Session
from training.selectors.feedback_results import feedback_results
from training.services.feedback import feedback_release_pending

pytestmark = pytest.mark.django_db

# Five answers: overall 5, 4, 4, 3, 5 (mean 4.2); recommend yes 4 of 5.
FIVE = [
    {"overall": 5, "recommend": True, "most_useful": "Vertaiskeskustelut", "improve": "Enemmän taukoja"},
    {"overall": 4, "recommend": True, "most_useful": "Aineistot"},
    {"overall": 4, "recommend": False, "improve": '=HYPERLINK("x")'},
    {"overall": 3, "recommend": True},
    {"overall": 5, "recommend": True, "most_useful": "Case-esimerkit"},
]


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"training:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def in_english(message: str) -> str:
    with translation.override("en"):
        return gettext(message)


def answered_session(course, answers: list[dict], *, trainer=None, silent: int = 0, days_ago: int = 3) -> Session:
    """A past session with an attendee for each of ``answers`` (who answer) and ``silent`` who do not."""
    session = past_session(course, days_ago=days_ago)
    if trainer is not None:
        session.trainers.add(trainer)
    for values in answers:
        answer(attendee(session), **values)
    for _ in range(silent):
        attendee(session)
    attendee(session, outcome=Enrolment.Outcome.NO_SHOW)  # not an attendee: outside the response rate
    return session


def queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi")


@pytest.fixture
def trainer():
    return UserFactory(is_trainer=True)


@pytest.fixture
def coordinator():
    user = UserFactory(is_coordinator=True)
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def as_trainer(client, trainer):
    client.force_login(trainer)
    return client


class TestAggregation:
    def test_five_answers_give_means_distributions_shares_rate_and_sorted_texts(self, course):
        session = answered_session(course, FIVE, silent=3)

        results = feedback_results(Session.objects.filter(pk=session.pk))

        assert results.shown
        assert (results.responses, results.attendees) == (5, 8)
        assert results.response_rate == pytest.approx(5 / 8)
        overall = next(q for q in results.questions if q.key == "overall")
        assert overall.mean == pytest.approx(4.2)
        assert overall.counts == [0, 0, 1, 2, 2]
        assert [bar.value for bar in overall.chart.bars] == [0, 0, 1, 2, 2]
        assert overall.chart.bars[3].width == overall.chart.bars[4].width == 2 * overall.chart.bars[2].width > 0
        usefulness = next(q for q in results.questions if q.key == "usefulness")
        assert usefulness.mean == pytest.approx(5)  # VALID_ANSWERS
        recommend = next(q for q in results.questions if q.key == "recommend")
        assert (recommend.yes, recommend.no, recommend.yes_share) == (4, 1, pytest.approx(0.8))
        texts = {q.key: q.texts for q in results.text_questions}
        assert texts["most_useful"] == ["Aineistot", "Case-esimerkit", "Vertaiskeskustelut"]
        assert texts["improve"] == ['=HYPERLINK("x")', "Enemmän taukoja"]
        assert [q.key for q in results.questions] == [
            "overall",
            "usefulness",
            "trainers",
            "recommend",
            "most_useful",
            "improve",
        ]

    def test_fewer_than_five_answers_wait_unreleased_and_give_only_the_counts(self, course):
        session = answered_session(course, FIVE[:4], silent=1)

        results = feedback_results(Session.objects.filter(pk=session.pk))

        assert not results.shown
        assert (results.responses, results.answered, results.pending, results.attendees) == (0, 4, 4, 5)
        assert results.response_rate == pytest.approx(4 / 5)
        assert results.questions == []

    def test_few_answers_released_at_the_end_of_the_period_are_still_not_shown(self, course):
        session = answered_session(course, FIVE[:2])
        feedback_release_pending(force=True)

        results = feedback_results(Session.objects.filter(pk=session.pk))

        assert (results.responses, results.pending) == (2, 0)
        assert not results.shown
        assert results.questions == []

    def test_the_minimum_follows_the_setting(self, course, settings):
        settings.FEEDBACK_MIN_ANSWERS = 3
        session = answered_session(course, FIVE[:3])

        assert feedback_results(Session.objects.filter(pk=session.pk)).shown


class TestSessionResults:
    def test_the_trainer_sees_the_results_from_five_answers(self, as_trainer, course, trainer):
        session = answered_session(course, FIVE, trainer=trainer, silent=5)

        response = as_trainer.get(url("feedback_session", session.pk))

        assert response.status_code == 200
        page = text(response)
        assert "4.20" in page  # the English page's decimal point
        assert "80 %" in page
        assert "50 %" in page  # 5 answers of 10 attendees
        assert page.count('<rect class="chart__bar"') == 3 * 5
        assert 'role="img"' in page
        assert page.index("Aineistot") < page.index("Case-esimerkit") < page.index("Vertaiskeskustelut")
        assert url("feedback_session_export", session.pk, "csv") in page

    def test_below_five_answers_the_results_are_hidden_with_a_clear_message(self, as_trainer, course, trainer):
        session = answered_session(course, FIVE[:4], trainer=trainer)

        response = as_trainer.get(url("feedback_session", session.pk))

        page = text(response)
        with translation.override("en"):
            hidden = gettext(
                "The results are shown from %(counter)s answers on, so that nobody's answers can be recognised."
            ) % {"counter": 5}
        assert hidden in page
        assert "Vertaiskeskustelut" not in page
        assert "<svg" not in page
        assert url("feedback_session_export", session.pk, "csv") not in page

    def test_a_coordinator_sees_any_session(self, client, coordinator, course):
        session = answered_session(course, FIVE)
        client.force_login(coordinator)

        assert client.get(url("feedback_session", session.pk)).status_code == 200

    def test_another_trainer_and_a_staff_member_get_404(self, client, course):
        session = answered_session(course, FIVE)
        other = UserFactory(is_trainer=True)
        past_session(course).trainers.add(other)
        for user in (other, UserFactory()):
            client.force_login(user)
            assert client.get(url("feedback_session", session.pk)).status_code == 404
            assert client.get(url("feedback_session_export", session.pk, "csv")).status_code == 404

    def test_anonymous_visitor_is_sent_to_sign_in(self, client, course):
        session = answered_session(course, FIVE)

        response = client.get(url("feedback_session", session.pk))

        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_the_organisers_session_page_links_to_the_results(self, as_trainer, course, trainer):
        session = answered_session(course, [], trainer=trainer)

        page = text(as_trainer.get(url("organiser_session", session.pk)))

        assert url("feedback_session", session.pk) in page
        assert url("feedback_course", course.pk) in page

    def test_query_count_does_not_grow_with_the_answers(self, as_trainer, course, trainer):
        session = answered_session(course, FIVE, trainer=trainer)
        as_trainer.get(url("feedback_session", session.pk))  # warm the caches
        few = queries(as_trainer, url("feedback_session", session.pk))
        few_csv = queries(as_trainer, url("feedback_session_export", session.pk, "csv"))
        for values in FIVE * 6:
            answer(attendee(session), **{**values, "improve": f"Kehitysidea {values['overall']}"})

        assert queries(as_trainer, url("feedback_session", session.pk)) == few
        assert queries(as_trainer, url("feedback_session_export", session.pk, "csv")) == few_csv
