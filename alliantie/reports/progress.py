"""How far a target is: its value, the months behind it, and whether the current pace reaches it by the period's end."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from alliantie.reports import definitions
from alliantie.reports.models import Target

DAYS_PER_MONTH = 30.44

STATUS_LABELS = {
    "gehaald": _("gehaald"),
    "op-schema": _("op schema"),
    "achter": _("achter op schema"),
    "begint-nog": _("periode begint nog"),
    "niet-gehaald": _("niet gehaald"),
    "niets-geteld": _("nog niets geteld"),
    "onbekend": _("telling niet beschikbaar"),
}


@dataclass
class Month:
    month: date
    new: int
    total: int

    @property
    def label(self) -> str:
        return date_format(self.month, "F Y")


@dataclass
class Column:
    x: float
    y: float
    height: float
    label: str


@dataclass
class TargetProgress:
    target: Target
    definition_key: str  # the definition itself holds functions, which the cache cannot keep
    value: int = 0
    baseline: int = 0
    months: list[Month] = field(default_factory=list)
    status: str = "onbekend"
    pace_per_month: float | None = None  # what came in per month so far in the period
    needed_per_month: float | None = None  # what must come in per month from now to reach the target
    projected: int | None = None  # the value at the period's end at the current pace
    chart: dict | None = None

    @property
    def definition(self) -> definitions.Definition | None:
        return definitions.get(self.definition_key)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.value / self.target.value)) if self.target.value else 0

    @property
    def nothing_counted(self) -> bool:
        return self.status == "niets-geteld"


def _months_between(start: date, end: date) -> list[date]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def measure(target: Target, today: date) -> TargetProgress:
    """The target's value today (or at the end of its period), its months and its status; a definition that is not
    registered (an app not installed) gives status "onbekend" and no numbers, never an error."""
    definition = definitions.get(target.definition)
    progress = TargetProgress(target=target, definition_key=target.definition)
    if definition is None:
        return progress
    period = definitions.Period(target.period_start, target.period_end)
    counted_until = min(today, target.period_end)
    per_month = (
        definition.monthly(definitions.Period(target.period_start, counted_until), target)
        if (today >= target.period_start)
        else {}
    )
    progress.baseline = definition.baseline(period, target)
    total = progress.baseline
    for month in _months_between(target.period_start, max(counted_until, target.period_start)):
        total += per_month.get(month, 0)
        progress.months.append(Month(month, per_month.get(month, 0), total))
    progress.value = total
    _judge(progress, today)
    progress.chart = None if progress.nothing_counted else _chart(progress)
    return progress


def _judge(progress: TargetProgress, today: date) -> None:
    target = progress.target
    days = (target.period_end - target.period_start).days + 1
    if progress.value >= target.value:
        progress.status = "gehaald"
        return
    if today < target.period_start:
        progress.status = "begint-nog"
        progress.needed_per_month = round((target.value - progress.value) / max(days / DAYS_PER_MONTH, 1), 1)
        return
    if progress.value == 0:
        progress.status = "niets-geteld"
    elapsed = min((today - target.period_start).days + 1, days)
    grown = progress.value - progress.baseline
    progress.pace_per_month = round(grown / max(elapsed / DAYS_PER_MONTH, 1), 1)
    progress.projected = progress.baseline + round(grown * days / elapsed)
    if today > target.period_end:
        progress.status = "niet-gehaald"
        return
    remaining_months = max((target.period_end - today).days / DAYS_PER_MONTH, 1)
    progress.needed_per_month = round((target.value - progress.value) / remaining_months, 1)
    if progress.status != "niets-geteld":
        progress.status = "op-schema" if progress.projected >= target.value else "achter"


CHART_WIDTH, CHART_HEIGHT, LEFT, BOTTOM = 640, 190, 48, 30


def _chart(progress: TargetProgress) -> dict:
    """Columns of the running total per month with the target as a line; the table beside it has every number."""
    months = progress.months
    top = max([progress.target.value, *(m.total for m in months)]) or 1
    plot_width, plot_height = CHART_WIDTH - LEFT - 8, CHART_HEIGHT - BOTTOM - 8
    step = plot_width / max(len(months), 1)
    columns = []
    for index, month in enumerate(months):
        height = round(plot_height * month.total / top, 1)
        label = date_format(month.month, "M Y") if index % max(1, -(-len(months) // 5)) == 0 else ""
        columns.append(Column(round(LEFT + index * step + 1, 1), round(8 + plot_height - height, 1), height, label))
    return {
        "columns": columns,
        "column_width": round(max(step - 2, 1), 1),
        "target_y": round(8 + plot_height - plot_height * progress.target.value / top, 1),
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": LEFT,
        "right": CHART_WIDTH - 8,
        "axis_y": 8 + plot_height,
        "label_y": CHART_HEIGHT - 6,
        "top": top,
    }
