"""Feedback results by database aggregation: a constant number of queries whatever the number of answers.

``feedback_results(sessions)`` sums up the released answers given on ``sessions`` (any queryset
of sessions, already scoped to the person asking): per scale question the mean and the counts of
1..5, per yes/no question the share of yes, the response rate (people who answered / attendees)
and the free-text answers, sorted (never in the order they were given). Questions are matched by
their key, so a course's adapted form and the default form add up.

Only sessions with at least ``FEEDBACK_MIN_ANSWERS`` released answers count in the figures: were
a session with two answers added to a course's results, the course's figures less those of its
other sessions would give that session's, answer by answer. Answers still waiting to be released
(``FeedbackPending``) are counted, never read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Min, Q, QuerySet
from django.db.models.functions import Lower

from ..documents.charts import BarChart, bar_chart
from ..models import FeedbackAnswer, FeedbackPending, FeedbackQuestion, FeedbackReceipt, FeedbackResponse, Session
from .feedback import attendees, min_answers

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
    responses: int  # released answers
    attendees: int
    min_answers: int
    answered: int = 0  # people who answered (receipts), released or not
    pending: int = 0  # answers waiting to be released
    included: int = 0  # released answers of the sessions with enough of them: what the figures are made of
    excluded_sessions: int = 0  # sessions with answers, but fewer than the minimum released: left out
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.included > 0 and self.included >= self.min_answers

    @property
    def response_rate(self) -> float | None:
        return self.answered / self.attendees if self.attendees else None

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


def _per_session(queryset: QuerySet, ids) -> dict[int, int]:
    """Rows of ``queryset`` per session of ``ids`` (sessions without any left out), in one query."""
    rows = queryset.filter(session__in=ids).order_by().values("session_id").annotate(n=Count("pk"))
    return dict(rows.values_list("session_id", "n"))


def feedback_results(sessions: QuerySet[Session]) -> FeedbackResults:
    """The results over ``sessions``; below the minimum only the counts (four queries), else seven."""
    ids = _session_ids(sessions)
    minimum = min_answers()
    released = _per_session(FeedbackResponse.objects.all(), ids)
    answered = _per_session(FeedbackReceipt.objects.all(), ids)
    included = [session_id for session_id, count in released.items() if count >= minimum]
    results = FeedbackResults(
        responses=sum(released.values()),
        attendees=attendees().filter(session__in=ids).count(),
        min_answers=minimum,
        answered=sum(answered.values()),
        pending=FeedbackPending.objects.filter(session__in=ids).count(),
        included=sum(released[session_id] for session_id in included),
        excluded_sessions=len((set(released) | set(answered)) - set(included)),
    )
    if not results.shown:
        return results
    answers = FeedbackAnswer.objects.filter(response__session__in=included)
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
