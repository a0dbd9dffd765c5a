"""Server-side SVG chart geometry for every app: the layout is computed here, the markup is a template.

Charts are decoration for sighted readers; each one is drawn beside the table holding the same
figures, which is what assistive technology reads (the SVG has ``role="img"`` and a title). No
JavaScript, so they work in every browser, when printed and in PDFs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 260
LABEL_MAX_CHARS = 38
BAR_AREA = 320
VALUE_WIDTH = 90
TOP = 8
AXIS_ROOM = 24


@dataclass
class Bar:
    label: str
    value: float | None  # None when the figure is not shown
    text: str
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass
class Gridline:
    x: int
    label: str


@dataclass
class BarChart:
    title: str
    bars: list[Bar]
    gridlines: list[Gridline]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    bar_area: int = BAR_AREA

    @property
    def axis_y(self) -> int:
        return self.height - 4


def shorten(label: str, limit: int = LABEL_MAX_CHARS) -> str:
    return label if len(label) <= limit else f"{label[: limit - 2]}…"


def bar_chart(
    title: str, items: Sequence[tuple[str, float | None, str]], *, ticks: Sequence[tuple[float, str]]
) -> BarChart:
    """Horizontal bars: ``items`` are (label, value or None, the figure as text); ``ticks`` are the gridlines
    (value, label), the last one the end of the scale."""
    maximum = ticks[-1][0] or 1
    bars = []
    for index, (label, value, text) in enumerate(items):
        y = TOP + index * (BAR_HEIGHT + BAR_GAP)
        width = round(BAR_AREA * max(0.0, min(value / maximum, 1.0))) if value is not None else 0
        bars.append(
            Bar(
                label=shorten(label),
                value=value,
                text=text,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT - 6,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
    gridlines = [Gridline(x=LABEL_WIDTH + round(BAR_AREA * value / maximum), label=label) for value, label in ticks]
    height = TOP + len(items) * (BAR_HEIGHT + BAR_GAP) + AXIS_ROOM
    return BarChart(
        title=title, bars=bars, gridlines=gridlines, width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH, height=height
    )


def nice_ticks(
    largest: float, *, count: int = 4, whole: bool = False, label: Callable[[float], str] = str
) -> list[tuple[float, str]]:
    """Gridlines from 0 up to ``largest`` or just past it in round steps (1, 2 or 5 times a power of ten),
    about ``count`` of them; ``whole``: steps of at least 1 (for counts)."""
    if largest <= 0:
        return [(0, label(0)), (1, label(1))]
    rough = largest / count
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(factor * magnitude for factor in (1, 2, 5, 10) if factor * magnitude >= rough)
    if whole:
        step = max(step, 1)
    if step == int(step):
        step = int(step)
    steps = math.ceil(largest / step)
    return [(step * index, label(step * index)) for index in range(steps + 1)]
