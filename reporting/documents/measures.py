"""The measures of the participant statistics: what each is called and how its figure is shown and written."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from ..selectors.statistics import Cell


class Kind(enum.Enum):
    COUNT = "count"
    HOURS = "hours"
    MEAN = "mean"  # of a 1-5 rating
    SHARE = "share"  # 0..1, shown and exported as a percentage


@dataclass(frozen=True)
class Measure:
    key: str  # the Cell attribute, and the API's key
    label: str | Promise
    kind: Kind
    feedback: bool = False  # only where no person dimension is asked for

    def value(self, cell: Cell) -> int | Decimal | float | None:
        """The figure as exported: a count, hours with one decimal, a mean, or a percentage with one decimal."""
        value = getattr(cell, self.key)
        if value is None or self.kind is not Kind.SHARE:
            return value
        return round(value * 100, 1)

    def text(self, value: int | Decimal | float | None) -> str:
        """``value`` (from ``value()``) in the reader's language; empty when there is none."""
        if value is None:
            return ""
        if self.kind is Kind.COUNT:
            return number_format(value, force_grouping=True)
        if self.kind is Kind.SHARE:
            return f"{number_format(value, decimal_pos=0)}\u00a0%"
        return number_format(value, decimal_pos=1, force_grouping=True)  # hours, or a mean of 1-5


MEASURES: tuple[Measure, ...] = (
    Measure("events", pgettext_lazy("statistics", "Events"), Kind.COUNT),
    Measure("participations", pgettext_lazy("statistics", "Participations"), Kind.COUNT),
    Measure("unique_participants", pgettext_lazy("statistics", "Unique participants"), Kind.COUNT),
    Measure("completed", pgettext_lazy("statistics", "Completed"), Kind.COUNT),
    Measure("no_shows", pgettext_lazy("statistics", "Did not attend"), Kind.COUNT),
    Measure("cancellations", pgettext_lazy("statistics", "Cancellations"), Kind.COUNT),
    Measure("waiting", pgettext_lazy("statistics", "Waiting at the start"), Kind.COUNT),
    Measure("participant_hours", pgettext_lazy("statistics", "Participant hours"), Kind.HOURS),
    Measure("certificates", pgettext_lazy("statistics", "Certificates issued"), Kind.COUNT),
    Measure("feedback_mean", pgettext_lazy("statistics", "Feedback mean (1–5)"), Kind.MEAN, feedback=True),
    Measure("recommend_share", pgettext_lazy("statistics", "Would recommend (%)"), Kind.SHARE, feedback=True),
    Measure("response_rate", pgettext_lazy("statistics", "Response rate (%)"), Kind.SHARE, feedback=True),
)
BY_KEY = {measure.key: measure for measure in MEASURES}
DEFAULT_MEASURE = "participations"


def measures_for(*, feedback: bool) -> list[Measure]:
    """Every measure, the feedback ones only where they apply."""
    return [measure for measure in MEASURES if feedback or not measure.feedback]
