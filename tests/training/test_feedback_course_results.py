"""Feedback results per course (sessions with enough answers only) and their CSV and XLSX exports."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import ngettext

from tests.factories import UserFactory, make_course
from tests.training import test_feedback_results as base
from tests.training.factories_feedback import past_session
from tests.training.test_feedback_results import FIVE, answered_session, in_english, queries, text, url
from training.models import Session
from training.selectors.feedback_results import feedback_results
from training.services.feedback import feedback_release_pending

pytestmark = pytest.mark.django_db
course = base.course
trainer = base.trainer
coordinator = base.coordinator
as_trainer = base.as_trainer


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
