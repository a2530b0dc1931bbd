"""Bar charts as SVG made on the server (no scripts, no web fonts): each chart comes with its data table.

A label is never cut off: it wraps over up to three lines ("Stress reduceren door schulden hanteerbaar te maken"),
and the row grows with it. Numbers carry a thousands separator in the reader's language (6.831)."""

import textwrap
from dataclasses import dataclass, field

from django.utils.formats import number_format

LINE = 14  # height of one label line
BAR = 20
GAP = 10
LABEL_WIDTH = 300
LABEL_CHARS = 38  # what fits in LABEL_WIDTH at the chart's font size
MAX_LINES = 3
WIDTH = 640


@dataclass
class ChartBar:
    label: str
    value: float
    shown: str  # the value as printed
    y: int
    width: float
    text_x: float
    lines: list[tuple[str, int]] = field(default_factory=list)  # the label's lines with their y


@dataclass
class Chart:
    title: str
    bars: list[ChartBar]
    height: int
    width: int = WIDTH
    label_width: int = LABEL_WIDTH


def wrap_label(label: str, width: int = LABEL_CHARS, lines: int = MAX_LINES) -> list[str]:
    """The label over at most `lines` lines of `width` characters, whole words; only a label longer than that
    loses its end (with "…"), never a short one."""
    wrapped = textwrap.wrap(label, width=width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return wrapped


def show_number(value: float, unit: str = "") -> str:
    """6831 -> "6.831", 12.5 -> "12,5" in Dutch; with the thousands separator whatever the setting."""
    decimals = 0 if float(value).is_integer() else 1
    return f"{number_format(value, decimals, force_grouping=True)}{unit}"


def bar_chart(title: str, rows: list[tuple[str, float | None]], unit: str = "") -> Chart:
    """Horizontal bars for (label, value) rows; a None value (a suppressed group) gets no bar."""
    top = max([value for _label, value in rows if value is not None] or [1]) or 1
    span = WIDTH - LABEL_WIDTH - 80
    bars, y = [], 6
    for label, value in rows:
        lines = wrap_label(str(label))
        row_height = max(BAR, len(lines) * LINE)
        width = 0.0 if value is None else round(span * value / top, 1)
        printed = "–" if value is None else show_number(value, unit)
        bar_y = y + (row_height - BAR) // 2
        first_line = y + (row_height - len(lines) * LINE) // 2 + 11
        bars.append(
            ChartBar(
                label,
                value or 0,
                printed,
                bar_y,
                width,
                LABEL_WIDTH + width + 6,
                [(text, first_line + i * LINE) for i, text in enumerate(lines)],
            )
        )
        y += row_height + GAP
    return Chart(title, bars, max(BAR + GAP, y))
