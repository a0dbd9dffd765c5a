"""Bar charts drawn on the server as SVG geometry: the template draws them, with the data table beside.

No JavaScript, so they work in every browser, when printed and in exports; screen readers read
the table.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 320
BAR_HEIGHT = 24
GAP = 8
LABEL_WIDTH = 28
COUNT_WIDTH = 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_x: int
    text_y: int


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    bar_x: int
    label_x: int
    bar_height: int = BAR_HEIGHT


def bar_chart(labels: list[str], values: list[int]) -> BarChart:
    """Horizontal bars, the longest filling the space left by the labels and counts."""
    room = WIDTH - LABEL_WIDTH - COUNT_WIDTH
    largest = max(values, default=0)
    bars = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = round(room * value / largest) if largest else 0
        bars.append(
            Bar(
                label=label,
                value=value,
                y=y,
                width=width,
                text_x=LABEL_WIDTH + width + 6,
                text_y=y + BAR_HEIGHT // 2 + 5,
            )
        )
    height = GAP + len(values) * (BAR_HEIGHT + GAP)
    return BarChart(bars=bars, width=WIDTH, height=height, bar_x=LABEL_WIDTH, label_x=LABEL_WIDTH - 8)
