"""Geometry of the server-drawn SVG charts, so that templates only place shapes.

Lengths are in em and percent rather than a viewBox: text in the charts then grows
with the page's font size (elder mode) and bars stretch with the screen's width.
"""

from dataclasses import dataclass
from decimal import Decimal

ROW_EM = 2
LABEL_WIDTH = 34  # percent of the chart's width
BAR_START = 36
BAR_SPAN = 50
COLUMN_CHART_EM = 10


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    width: float  # percent of the chart's width
    label_y: str
    bar_y: str


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    height: str
    label_width: int = LABEL_WIDTH
    bar_start: int = BAR_START
    text_x: int = BAR_START + BAR_SPAN + 2


def bar_chart(items: list[tuple[str, Decimal | int, str]], maximum=None) -> BarChart:
    """Horizontal bars: (label, value, text shown after the bar) each."""
    top = maximum or max((value for __, value, __ in items), default=0) or 1
    bars = [
        Bar(
            label=label,
            text=text,
            width=round(float(min(value, top)) * BAR_SPAN / float(top), 2),
            label_y=f"{row * ROW_EM + 1.35}em",
            bar_y=f"{row * ROW_EM + 0.4}em",
        )
        for row, (label, value, text) in enumerate(items)
    ]
    return BarChart(bars=bars, height=f"{len(bars) * ROW_EM + 0.5}em")


@dataclass(frozen=True)
class Column:
    label: str
    x: float
    width: float
    y: float
    height: float


@dataclass(frozen=True)
class ColumnChart:
    columns: list[Column]
    height: str = f"{COLUMN_CHART_EM}em"


def percent_columns(items: list[tuple[str, int]]) -> ColumnChart:
    """Vertical columns of percentages (0–100), left to right."""
    slot = 100 / max(len(items), 1)
    return ColumnChart(
        columns=[
            Column(
                label=label,
                x=round(index * slot + slot * 0.15, 2),
                width=round(slot * 0.7, 2),
                y=100 - min(value, 100),
                height=min(value, 100),
            )
            for index, (label, value) in enumerate(items)
        ]
    )
