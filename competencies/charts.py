"""Server-side SVG charts: the geometry is computed here, the markup is a template.

Charts are decoration for sighted readers; each one is drawn beside the table holding the
same figures, which is what assistive technology reads (the SVG has ``role="img"`` and a title).
"""

from __future__ import annotations

from dataclasses import dataclass

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 260
BAR_AREA = 320
VALUE_WIDTH = 90
TOP = 8


@dataclass
class Bar:
    label: str
    value: float | None  # 0..1; None when the figure is not shown
    text: str
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass
class BarChart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    bar_area: int = BAR_AREA

    @property
    def gridlines(self) -> list[dict]:
        return [
            {"x": LABEL_WIDTH + round(BAR_AREA * share), "label": f"{round(share * 100)} %"}
            for share in (0, 0.25, 0.5, 0.75, 1)
        ]

    @property
    def axis_y(self) -> int:
        return self.height - 4


def bar_chart(title: str, items: list[tuple[str, float | None, str]]) -> BarChart:
    """Horizontal bars of shares (0..1): ``items`` are (label, share or None, the figure as text)."""
    bars = []
    for index, (label, value, text) in enumerate(items):
        y = TOP + index * (BAR_HEIGHT + BAR_GAP)
        width = round(BAR_AREA * max(0.0, min(value, 1.0))) if value is not None else 0
        bars.append(
            Bar(
                label=label if len(label) <= 38 else f"{label[:36]}…",
                value=value,
                text=text,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT - 6,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
    height = TOP + len(items) * (BAR_HEIGHT + BAR_GAP) + 24
    return BarChart(title=title, bars=bars, width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH, height=height)
