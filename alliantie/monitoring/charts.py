"""Bar charts as SVG made on the server (no scripts, no web fonts): each chart comes with its data table."""

from dataclasses import dataclass

from django.utils.formats import number_format

ROW = 30
LABEL_WIDTH = 300
WIDTH = 640


@dataclass
class ChartBar:
    label: str
    value: float
    shown: str  # the value as printed
    y: int
    width: float
    text_x: float


@dataclass
class Chart:
    title: str
    bars: list[ChartBar]
    height: int
    width: int = WIDTH
    label_width: int = LABEL_WIDTH


def _short(label: str, limit: int = 31) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(title: str, rows: list[tuple[str, float | None]], unit: str = "") -> Chart:
    """Horizontal bars for (label, value) rows; a None value (a suppressed group) gets no bar."""
    top = max([value for _label, value in rows if value is not None] or [1]) or 1
    span = WIDTH - LABEL_WIDTH - 70
    bars = []
    for index, (label, value) in enumerate(rows):
        width = 0.0 if value is None else round(span * value / top, 1)
        printed = "–" if value is None else f"{number_format(value)}{unit}"
        bars.append(ChartBar(_short(label), value or 0, printed, index * ROW + 6, width, LABEL_WIDTH + width + 6))
    return Chart(title, bars, max(ROW, len(bars) * ROW + 8))
