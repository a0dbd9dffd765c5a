"""The gap analysis' bar charts: shares (0..1) drawn by core.charts with gridlines at every quarter."""

from __future__ import annotations

from core.charts import BarChart
from core.charts import bar_chart as _bar_chart

SHARE_TICKS = [(share, f"{round(share * 100)} %") for share in (0, 0.25, 0.5, 0.75, 1)]


def bar_chart(title: str, items: list[tuple[str, float | None, str]]) -> BarChart:
    """Horizontal bars of shares (0..1): ``items`` are (label, share or None, the figure as text)."""
    return _bar_chart(title, items, ticks=SHARE_TICKS)
