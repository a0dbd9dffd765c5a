"""Every figure the reports show, as one comparable value: to prove that leaving and erasure change none."""

from __future__ import annotations

import dataclasses
import datetime

from django.utils import timezone

from reporting.models import Project
from reporting.selectors.dimensions import DIMENSIONS
from reporting.selectors.project_numbers import project_numbers
from reporting.selectors.statistics import Scope, participation_statistics
from training.models import Session
from training.selectors.feedback_results import feedback_results

FEEDBACK_FIELDS = ("responses", "attendees", "answered", "pending", "included", "excluded_sessions", "response_rate")


def _statistics(by: list[str], date_from, date_to) -> list:
    stats = participation_statistics(scope=Scope(), date_from=date_from, date_to=date_to, by=by, suppress=False)
    return [dataclasses.asdict(cell) for cell in (*stats.rows, stats.totals)]


def all_figures(*, date_from: datetime.date | None = None, date_to: datetime.date | None = None) -> dict:
    """Statistics by no and each dimension, the feedback results of every session and of each, and the
    numbers of every project."""
    today = timezone.localdate()
    date_from = date_from or today - datetime.timedelta(days=365)
    date_to = date_to or today + datetime.timedelta(days=365)
    figures: dict = {"all": _statistics([], date_from, date_to)}
    for name in DIMENSIONS:
        figures[name] = _statistics([name], date_from, date_to)
    sessions = Session.objects.all()
    figures["feedback"] = {
        session_id: {name: getattr(feedback_results(sessions.filter(pk=session_id)), name) for name in FEEDBACK_FIELDS}
        for session_id in sessions.values_list("pk", flat=True)
    }
    figures["feedback"]["all"] = {name: getattr(feedback_results(sessions), name) for name in FEEDBACK_FIELDS}
    for project in Project.objects.all():
        numbers = project_numbers(project=project, date_from=date_from, date_to=date_to)
        figures[f"project {project.pk}"] = [dataclasses.asdict(row) for row in numbers.rows]
    return figures
