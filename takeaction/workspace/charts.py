"""The dashboard's chart of actions over time, drawn on the server as SVG numbers.

Every day (or hour) from the first to the last is a bar, empty ones included, so
the time axis is true; the value axis has round ticks from zero. One day of data
is one labelled bar; a year is 365 thin ones under month labels. The template
(``workspace/chart.html``) only places what is computed here.
"""

import datetime
import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 36
# More periods than this (a long range by the hour) are shown as the latest ones.
MOST_PERIODS = 24 * 31
X_LABELS = 6
MAX_BAR = 28


@dataclass
class ChartBar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom: float = HEIGHT - BOTTOM
    right: int = WIDTH - RIGHT
    bars: list[ChartBar] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    total: int = 0
    peak: int = 0
    first: str = ""
    last: str = ""


def time_chart(series: list[tuple[str, int]], by: str) -> Chart | None:
    """The chart of ``series`` ("2026-11-26" or "2026-11-26 14:00", count), or None if empty."""
    counts = {}
    for label, count in series:
        moment = _parse(label, by)
        if moment is not None:
            counts[moment] = counts.get(moment, 0) + count
    if not counts:
        return None
    step = datetime.timedelta(hours=1) if by == "hour" else datetime.timedelta(days=1)
    first, last = min(counts), max(counts)
    periods = int((last - first) / step) + 1
    if periods > MOST_PERIODS:
        first, periods = last - step * (MOST_PERIODS - 1), MOST_PERIODS
    moments = [first + step * index for index in range(periods)]
    values = [counts.get(moment, 0) for moment in moments]
    peak = max(values)
    top = _nice_ceiling(peak)
    chart = Chart(total=sum(values), peak=peak)
    plot_width = chart.right - chart.left
    plot_height = chart.bottom - TOP
    slot = plot_width / periods
    gap = min(2.0, slot * 0.2)
    # A few days are a few bars, not slabs: at most MAX_BAR wide, centred in their slot.
    width = min(max(slot - gap, 0.5), MAX_BAR)
    for index, (moment, value) in enumerate(zip(moments, values, strict=True)):
        height = plot_height * value / top if top else 0
        chart.bars.append(
            ChartBar(
                x=round(chart.left + index * slot + (slot - width) / 2, 2),
                y=round(chart.bottom - height, 2),
                width=round(width, 2),
                height=round(height, 2),
                label=_label(moment, by),
                count=value,
            )
        )
    for value in _ticks(top):
        position = round(chart.bottom - plot_height * value / top, 2) if top else chart.bottom
        chart.y_ticks.append(Tick(position, f"{value:,}"))
    every = max(1, math.ceil(periods / X_LABELS))
    for index in range(0, periods, every):
        centre = chart.left + (index + 0.5) * slot
        chart.x_ticks.append(Tick(round(centre, 2), _short(moments[index], by, periods)))
    chart.first, chart.last = _label(moments[0], by), _label(moments[-1], by)
    return chart


def _parse(label: str, by: str) -> datetime.datetime | None:
    # Naive on purpose: the labels are already local times, and only their order matters.
    try:
        if by == "hour":
            return datetime.datetime.strptime(label[:13], "%Y-%m-%d %H")  # noqa: DTZ007
        return datetime.datetime.strptime(label[:10], "%Y-%m-%d")  # noqa: DTZ007
    except ValueError:
        return None


def _label(moment: datetime.datetime, by: str) -> str:
    return moment.strftime("%Y-%m-%d %H:00" if by == "hour" else "%Y-%m-%d")


def _short(moment: datetime.datetime, by: str, periods: int) -> str:
    """An axis label as short as the range allows: "Jun 22", "14:00", "Jan 2027"."""
    if by == "hour":
        return moment.strftime("%b %-d %H:00") if periods > 24 else moment.strftime("%H:00")
    return moment.strftime("%b %Y") if periods > 120 else moment.strftime("%b %-d")


def _nice_ceiling(value: int) -> int:
    """The round number at or above ``value`` the axis ends at: 1, 2, 5, 10, 20, 50…"""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for multiple in (1, 2, 5, 10):
        if value <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def _ticks(top: int) -> list[int]:
    """Zero, the top, and round steps between (at most five)."""
    step = top / 5 if top % 5 == 0 and top >= 5 else top / 2 if top % 2 == 0 else top
    values, value = [], 0.0
    while value <= top + 1e-9:
        values.append(round(value))
        value += step
    return sorted(set(values))
