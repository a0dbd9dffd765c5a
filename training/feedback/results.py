"""Feedback results by database aggregation: a constant number of queries whatever the number of answers.

``feedback_results(sessions)`` sums up the answers given on ``sessions`` (any queryset of
sessions, already scoped to the person asking): per scale question the mean and the counts of
1..5, per yes/no question the share of yes, the response rate (answers / attendees) and the
free-text answers, sorted (never in the order they were given). Questions are matched by their
key, so a course's adapted form and the default form add up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Min, Q, QuerySet
from django.db.models.functions import Lower

from ..models import FeedbackAnswer, FeedbackQuestion, FeedbackResponse, Session
from .charts import BarChart, bar_chart
from .selectors import attendees, min_answers

Kind = FeedbackQuestion.Kind
SCALE_VALUES = (1, 2, 3, 4, 5)


@dataclass
class QuestionResult:
    key: str
    kind: str
    text: str
    answers: int
    mean: float | None = None
    counts: list[int] = field(default_factory=list)  # scale: answers with 1..5
    yes: int = 0
    no: int = 0
    texts: list[str] = field(default_factory=list)
    chart: BarChart | None = None

    @property
    def yes_share(self) -> float | None:
        return self.yes / (self.yes + self.no) if self.yes + self.no else None

    @property
    def distribution(self) -> list[tuple[int, int]]:
        return list(zip(SCALE_VALUES, self.counts, strict=True))


@dataclass
class FeedbackResults:
    responses: int
    attendees: int
    min_answers: int
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.responses >= self.min_answers

    @property
    def response_rate(self) -> float | None:
        return self.responses / self.attendees if self.attendees else None

    @property
    def scale_questions(self) -> list[QuestionResult]:
        return [question for question in self.questions if question.kind == Kind.SCALE]

    @property
    def yes_no_questions(self) -> list[QuestionResult]:
        return [question for question in self.questions if question.kind == Kind.YES_NO]

    @property
    def text_questions(self) -> list[QuestionResult]:
        return [question for question in self.questions if question.kind == Kind.TEXT]


def _session_ids(sessions: QuerySet[Session]):
    return sessions.order_by().values("pk")


def feedback_results(sessions: QuerySet[Session]) -> FeedbackResults:
    """The results over ``sessions``; below the minimum only the counts (two queries), else five."""
    ids = _session_ids(sessions)
    results = FeedbackResults(
        responses=FeedbackResponse.objects.filter(session__in=ids).count(),
        attendees=attendees().filter(session__in=ids).count(),
        min_answers=min_answers(),
    )
    if not results.shown:
        return results
    answers = FeedbackAnswer.objects.filter(response__session__in=ids)
    rows = list(
        answers.order_by()
        .values("question__key", "question__kind")
        .annotate(
            n=Count("pk", filter=Q(value__isnull=False) | ~Q(text="")),
            mean=Avg("value"),
            first_question=Min("question_id"),
            **{f"v{value}": Count("pk", filter=Q(value=value)) for value in (0, *SCALE_VALUES)},
        )
    )
    questions = FeedbackQuestion.objects.in_bulk([row["first_question"] for row in rows])
    texts: dict[str, list[str]] = {}
    for key, text in (
        answers.filter(question__kind=Kind.TEXT)
        .exclude(text="")
        .order_by("question__key", Lower("text"), "text")
        .values_list("question__key", "text")
    ):
        texts.setdefault(key, []).append(text)
    for row in sorted(rows, key=lambda row: (questions[row["first_question"]].sort_order or 0, row["question__key"])):
        question = questions[row["first_question"]]
        result = QuestionResult(
            key=row["question__key"], kind=row["question__kind"], text=question.text, answers=row["n"]
        )
        if result.kind == Kind.SCALE:
            result.mean = row["mean"]
            result.counts = [row[f"v{value}"] for value in SCALE_VALUES]
            result.chart = bar_chart([str(value) for value in SCALE_VALUES], result.counts)
        elif result.kind == Kind.YES_NO:
            result.yes, result.no = row["v1"], row["v0"]
        else:
            result.texts = texts.get(result.key, [])
        results.questions.append(result)
    return results
