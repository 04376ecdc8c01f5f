"""The dashboard's chart over time: a true time axis, round value ticks, any range."""

import datetime

from takeaction.workspace.charts import MOST_PERIODS, time_chart


def test_one_day_is_one_labelled_bar_on_axes_from_zero():
    chart = time_chart([("2026-11-26", 3)], "day")
    [bar] = chart.bars
    assert (bar.label, bar.count) == ("2026-11-26", 3)
    assert [t.label for t in chart.x_ticks] == ["Nov 26"]
    assert chart.y_ticks[0].label == "0" and chart.y_ticks[-1].label == "5"
    assert bar.y == chart.bars[0].y and bar.y + bar.height == chart.bottom


def test_days_without_actions_are_empty_bars_not_skipped():
    chart = time_chart([("2026-11-01", 2), ("2026-11-04", 4)], "day")
    assert [b.count for b in chart.bars] == [2, 0, 0, 4]
    assert chart.bars[3].height == 2 * chart.bars[0].height  # to scale
    assert chart.bars[1].height == 0


def test_a_year_reads_by_month():
    start = datetime.date(2026, 1, 1)
    series = [((start + datetime.timedelta(days=n)).isoformat(), n % 7) for n in range(365)]
    chart = time_chart(series, "day")
    assert len(chart.bars) == 365 and chart.total == sum(n for _, n in series)
    labels = [t.label for t in chart.x_ticks]
    assert labels[0] == "Jan 2026" and len(labels) <= 7
    assert all(b.width > 0 for b in chart.bars) and chart.bars[-1].x < chart.right


def test_hours_and_a_very_long_range_by_the_hour():
    chart = time_chart([("2026-11-26 09:00", 1), ("2026-11-26 14:00", 2)], "hour")
    assert [b.count for b in chart.bars] == [1, 0, 0, 0, 0, 2]
    assert chart.x_ticks[0].label == "09:00"
    long = time_chart([("2026-01-01 00:00", 1), ("2026-12-31 23:00", 1)], "hour")
    assert len(long.bars) == MOST_PERIODS and long.bars[-1].count == 1


def test_round_ticks_for_any_peak_and_nothing_for_no_data():
    for peak, top in ((1, "1"), (7, "10"), (12, "20"), (480, "500"), (1234, "2,000")):
        assert time_chart([("2026-11-26", peak)], "day").y_ticks[-1].label == top
    assert time_chart([], "day") is None
    assert time_chart([("not a day", 3)], "day") is None
