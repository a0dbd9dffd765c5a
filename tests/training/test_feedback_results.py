"""Feedback results for trainers, coordinators and administrators: per session (hidden below 5) and per course."""

import csv
import io
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from tests.factories import UserFactory, make_course
from tests.training.factories_feedback import answer, attendee, past_session
from training.feedback.results import feedback_results
from training.models import Enrolment, Session
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


class TestCourseResults:
    def test_sessions_under_five_do_not_add_up_to_results_for_the_course(self, as_trainer, course, trainer):
        first = answered_session(course, FIVE[:3], trainer=trainer, days_ago=10)
        second = answered_session(course, FIVE[3:], trainer=trainer, days_ago=3)
        feedback_release_pending(force=True)
        assert not feedback_results(Session.objects.filter(pk=first.pk)).shown

        response = as_trainer.get(url("feedback_course", course.pk))

        assert response.status_code == 200
        results = response.context["results"]
        assert not results.shown
        assert (results.responses, results.included, results.excluded_sessions) == (5, 0, 2)
        assert results.questions == []
        assert "Vertaiskeskustelut" not in text(response)
        assert [(s.pk, s.answer_count, s.attendee_count) for s in response.context["sessions"]] == [
            (second.pk, 2, 2),
            (first.pk, 3, 3),
        ]

    def test_the_course_total_less_a_session_does_not_give_another_session(self, as_trainer, course, trainer):
        """S1 has five answers and S2 two: were S2 counted, the course's figures less S1's would be S2's."""
        first = answered_session(course, FIVE, trainer=trainer, days_ago=10)
        answered_session(course, [{"overall": 1, "recommend": False}, {"overall": 2}], trainer=trainer, days_ago=3)
        feedback_release_pending(force=True)
        alone = feedback_results(Session.objects.filter(pk=first.pk))

        response = as_trainer.get(url("feedback_course", course.pk))

        results = response.context["results"]
        assert (results.responses, results.included, results.excluded_sessions) == (7, 5, 1)
        for key in ("overall", "usefulness", "recommend", "most_useful"):
            course_figures = next(q for q in results.questions if q.key == key)
            session_figures = next(q for q in alone.questions if q.key == key)
            assert (course_figures.answers, course_figures.mean, course_figures.counts) == (
                session_figures.answers,
                session_figures.mean,
                session_figures.counts,
            )
            assert (course_figures.yes, course_figures.no, course_figures.texts) == (
                session_figures.yes,
                session_figures.no,
                session_figures.texts,
            )
        with translation.override("en"):
            note = ngettext(
                "%(counter)s session with fewer than %(minimum)s answers is not included.",
                "%(counter)s sessions with fewer than %(minimum)s answers are not included.",
                1,
            ) % {"counter": 1, "minimum": 5}
        assert note in text(response)

    def test_the_course_export_leaves_out_sessions_under_five(self, as_trainer, course, trainer):
        answered_session(course, FIVE, trainer=trainer, days_ago=10)
        answered_session(course, [{"overall": 1, "most_useful": "Vain kaksi vastasi"}, {"overall": 1}], trainer=trainer)
        feedback_release_pending(force=True)

        response = as_trainer.get(url("feedback_course_export", course.pk, "csv"))

        content = response.content.decode("utf-8")
        assert "Vain kaksi vastasi" not in content
        rows = list(csv.reader(io.StringIO(content[1:]), delimiter=";"))
        overall = next(row for row in rows if row and row[0] == "Overall, how would you rate the training?")
        assert overall[:8] == ["Overall, how would you rate the training?", "5", "4.20", "0", "0", "1", "2", "2"]
        label = in_english("Sessions not included (fewer than %(count)s answers)") % {"count": 5}
        assert [label, "1"] in rows

    def test_the_period_filter_keeps_the_sessions_that_start_within_it(self, as_trainer, course, trainer):
        answered_session(course, FIVE, trainer=trainer, days_ago=40)
        recent = answered_session(course, FIVE[:2], trainer=trainer, days_ago=3)
        start = (timezone.localdate() - timedelta(days=10)).isoformat()

        response = as_trainer.get(url("feedback_course", course.pk), {"start": start})

        assert [s.pk for s in response.context["sessions"]] == [recent.pk]
        assert response.context["results"].answered == 2
        assert not response.context["results"].shown

    def test_an_end_before_the_start_is_an_error_and_the_input_stays(self, as_trainer, course, trainer):
        answered_session(course, FIVE, trainer=trainer)

        response = as_trainer.get(url("feedback_course", course.pk), {"start": "2026-05-01", "end": "2026-04-01"})

        assert response.status_code == 200
        assert response.context["period_form"].errors["end"]
        assert 'value="2026-05-01"' in text(response)
        assert response.context["results"].responses == 5  # the whole history meanwhile

    def test_a_malformed_date_does_not_break_the_page(self, as_trainer, course, trainer):
        answered_session(course, FIVE, trainer=trainer)

        response = as_trainer.get(url("feedback_course", course.pk), {"start": "eilen"})

        assert response.status_code == 200
        assert response.context["period_form"].errors["start"]

    def test_a_trainer_sees_only_the_sessions_they_trained(self, as_trainer, course, trainer):
        own = answered_session(course, FIVE, trainer=trainer)
        answered_session(course, FIVE)  # someone else's

        response = as_trainer.get(url("feedback_course", course.pk))

        assert [s.pk for s in response.context["sessions"]] == [own.pk]
        assert response.context["results"].responses == 5

    def test_a_coordinator_sees_every_session(self, client, coordinator, course, trainer):
        answered_session(course, FIVE, trainer=trainer)
        answered_session(course, FIVE)
        client.force_login(coordinator)

        response = client.get(url("feedback_course", course.pk))

        assert response.context["results"].responses == 10

    def test_a_trainer_of_none_of_its_sessions_gets_404_and_staff_403(self, client, programme, course):
        answered_session(course, FIVE)
        other = UserFactory(is_trainer=True)
        past_session(make_course(programme, "MARAK")).trainers.add(other)
        client.force_login(other)
        assert client.get(url("feedback_course", course.pk)).status_code == 404
        assert client.get(url("feedback_course", 987654)).status_code == 404
        client.force_login(UserFactory())
        assert client.get(url("feedback_course", course.pk)).status_code == 403

    def test_query_count_does_not_grow_with_sessions_and_answers(self, as_trainer, course, trainer):
        answered_session(course, FIVE, trainer=trainer)
        address = url("feedback_course", course.pk)
        as_trainer.get(address)
        few = queries(as_trainer, address)
        few_xlsx = queries(as_trainer, url("feedback_course_export", course.pk, "xlsx"))
        for days_ago in range(4, 14):
            answered_session(course, FIVE, trainer=trainer, days_ago=days_ago, silent=2)

        assert queries(as_trainer, address) == few
        assert queries(as_trainer, url("feedback_course_export", course.pk, "xlsx")) == few_xlsx


class TestExports:
    def rows(self, response) -> list[list[str]]:
        content = response.content.decode("utf-8")
        assert content.startswith("\ufeff")
        return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))

    def test_the_csv_has_the_aggregates_and_the_sorted_free_texts(self, as_trainer, course, trainer):
        session = answered_session(course, FIVE, trainer=trainer)

        response = as_trainer.get(url("feedback_session_export", session.pk, "csv"))

        assert response["Content-Type"].startswith("text/csv")
        assert 'filename="palaute-lapset-puheeksi-' in response["Content-Disposition"]
        rows = self.rows(response)
        assert rows[1] == [in_english("Answers"), "5"]
        overall = next(row for row in rows if row and row[0] == "Overall, how would you rate the training?")
        assert overall[:8] == ["Overall, how would you rate the training?", "5", "4.20", "0", "0", "1", "2", "2"]
        recommend = next(row for row in rows if row and row[0] == "Would you recommend the training to a colleague?")
        assert recommend[-3:] == ["4", "1", "80"]
        texts = [row[1] for row in rows if row and row[0] == "What was most useful to you in the training?"]
        assert texts == ["Aineistot", "Case-esimerkit", "Vertaiskeskustelut"]
        improve = [row[1] for row in rows if row and row[0] == "What should be improved in the training?"]
        assert improve == ['\'=HYPERLINK("x")', "Enemmän taukoja"]  # never a formula

    def test_the_xlsx_has_a_summary_and_the_free_texts(self, as_trainer, course, trainer):
        from openpyxl import load_workbook

        answered_session(course, FIVE, trainer=trainer, days_ago=8)
        answered_session(course, FIVE[:2], trainer=trainer, days_ago=3)  # waiting: not included

        response = as_trainer.get(url("feedback_course_export", course.pk, "xlsx"))

        workbook = load_workbook(io.BytesIO(response.content))
        summary, texts = workbook.worksheets
        values = [list(row) for row in summary.iter_rows(values_only=True)]
        overall = next(row for row in values if row[0] == "Overall, how would you rate the training?")
        assert list(overall[:8]) == ["Overall, how would you rate the training?", 5, 4.2, 0, 0, 1, 2, 2]
        text_rows = list(texts.iter_rows(values_only=True))
        assert ("What should be improved in the training?", '=HYPERLINK("x")') in text_rows
        assert texts.cell(row=3, column=2).data_type == "s"

    def test_below_five_answers_the_export_holds_only_the_counts(self, as_trainer, course, trainer):
        session = answered_session(course, FIVE[:2], trainer=trainer)

        rows = self.rows(as_trainer.get(url("feedback_session_export", session.pk, "csv")))

        flat = " ".join(" ".join(row) for row in rows)
        assert "Aineistot" not in flat
        assert "Overall" not in flat
        assert rows[1] == [in_english("Answers"), "0"]
        assert [in_english("Answers waiting to be released"), "2"] in rows

    def test_the_course_export_follows_the_period(self, as_trainer, course, trainer):
        answered_session(course, FIVE, trainer=trainer, days_ago=40)
        answered_session(course, FIVE, trainer=trainer, days_ago=3)
        start = (timezone.localdate() - timedelta(days=10)).isoformat()

        response = as_trainer.get(url("feedback_course_export", course.pk, "csv"), {"start": start})

        assert self.rows(response)[1] == [in_english("Answers"), "5"]
        assert start in response["Content-Disposition"]
