"""Chart geometry shared by the apps (core.charts)."""

import pytest

from core.charts import BAR_AREA, LABEL_WIDTH, bar_chart, nice_ticks

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("largest", "whole", "ticks"),
    [
        (3, True, [0, 1, 2, 3]),
        (1, True, [0, 1]),
        (1, False, [0, 0.5, 1]),
        (7570, True, [0, 2000, 4000, 6000, 8000]),
        (12.5, False, [0, 5, 10, 15]),
        (0, True, [0, 1]),
    ],
)
def test_ticks_go_in_round_steps_to_the_largest_value_or_just_past_it(largest, whole, ticks):
    assert [value for value, _label in nice_ticks(largest, whole=whole)] == ticks


def test_bars_are_scaled_to_the_last_tick_and_a_hidden_figure_has_no_bar():
    chart = bar_chart(
        "Osallistumiset",
        [("Perhekeskus tutuksi", 40, "40"), ("MARAK", None, "alle 5"), ("Hyvin pitkä nimi " * 4, 10, "10")],
        ticks=nice_ticks(40, whole=True),
    )

    assert [bar.width for bar in chart.bars] == [BAR_AREA, 0, BAR_AREA // 4]
    assert chart.bars[2].label.endswith("…") and len(chart.bars[2].label) == 37
    assert [line.x for line in chart.gridlines] == [LABEL_WIDTH + BAR_AREA * step // 4 for step in range(5)]
    assert [line.label for line in chart.gridlines] == ["0", "10", "20", "30", "40"]
