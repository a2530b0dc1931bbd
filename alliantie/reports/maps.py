"""Choropleth maps of the 342 municipalities as SVG made on the server (core/geometry.py's shipped boundaries): no
tiles, no scripts; the paths are projected once per process. Every map has a legend with values, a pattern for the
lowest class (so print in black and white still tells it apart) and, on the page, the data table beside it."""

import math
from dataclasses import dataclass
from functools import cache

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from alliantie.core import geometry

WIDTH = 560
# Light to dark; the darkest still has the white borders visible. The lowest class is white with a hatch pattern.
COLOURS = ["#ffffff", "#f3d5e4", "#dc8fb6", "#b24a80", "#6f1242"]


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    value: float | None  # None: unknown or not shown
    shown: str  # the value as a visitor reads it


@dataclass
class LegendClass:
    index: int
    label: str
    colour: str
    count: int = 0
    y: int = 0  # where the standalone file draws it (bottom right: Germany, no municipality)


@dataclass
class Shape:
    path: str
    index: int  # the legend class
    fill: str
    title: str


@dataclass
class Map:
    title: str
    view_box: str
    shapes: list[Shape]
    legend: list[LegendClass]
    unit: str


@cache
def _projection() -> tuple[float, float, float, float, int]:
    """West, north, the east-west squash and the scale that fit the whole country in WIDTH."""
    import json

    data = json.loads(geometry.BOUNDARIES.read_text())
    codes = [g["properties"]["code"] for g in data["objects"]["gemeenten"]["geometries"]]
    points = [p for code in codes for ring in geometry.outline(code) for p in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squash = math.cos(math.radians((north + south) / 2))
    factor = (WIDTH - 20) / ((east - west) * squash)
    return west, north, squash, factor, round(20 + (north - south) * factor)


@cache
def path(code: str) -> str:
    """The municipality's outline in the map's units (cached: the boundaries never change while running)."""
    west, north, squash, factor, _height = _projection()
    rings = []
    for ring in geometry.outline(code):
        points = [(round(10 + (x - west) * squash * factor, 1), round(10 + (north - y) * factor, 1)) for x, y in ring]
        # Drop points closer than a tenth of a unit to the previous one: invisible, and a smaller file.
        kept = [points[0]] + [p for prev, p in zip(points, points[1:], strict=False) if p != prev]
        rings.append("M" + " L".join(f"{x},{y}" for x, y in kept) + "Z")
    return "".join(rings)


def breaks(values: list[float], classes: int = 4) -> list[float]:
    """Upper bounds of the classes above zero, from the values' quantiles, rounded to readable numbers."""
    positive = sorted(v for v in values if v and v > 0)
    if not positive:
        return []
    found = []
    for i in range(1, classes + 1):
        value = positive[min(len(positive) - 1, math.ceil(i * len(positive) / classes) - 1)]
        rounded = _nice(value)
        if not found or rounded > found[-1]:
            found.append(rounded)
    return found


def _nice(value: float) -> float:
    if value >= 10:
        return float(math.ceil(value))
    if value >= 1:
        return math.ceil(value * 10) / 10
    return math.ceil(value * 100) / 100


def draw(
    title: str,
    areas: list[Area],
    unit: str,
    *,
    bounds: list[float] | None = None,
    zero_label: str = "",
    floor: float = 0,
    whole: bool = False,
) -> Map:
    """The map of `areas` (one per municipality) coloured by value; `bounds` are the classes' upper bounds above
    zero (from the values' quantiles unless given). Areas without a value get the lowest class."""
    bounds = bounds if bounds is not None else breaks([a.value for a in areas if a.value is not None])
    legend = [LegendClass(0, zero_label or _("geen"), COLOURS[0])]
    lower = floor
    for index, upper in enumerate(bounds, start=1):
        low = lower + 1 if whole and index > 1 else lower  # counts: "10 tot en met 19" after "5 tot en met 9"
        if index == len(bounds):
            label = _("meer dan %(low)s") % {"low": number_format(lower)} if index > 1 else _("meer dan 0")
        elif index == 1 and not floor:
            label = _("tot en met %(high)s") % {"high": number_format(upper)}
        else:
            label = _("%(low)s tot en met %(high)s") % {"low": number_format(low), "high": number_format(upper)}
        legend.append(LegendClass(index, label, COLOURS[min(index, len(COLOURS) - 1)]))
        lower = upper
    shapes = []
    for area in areas:
        index = _class_of(area.value, bounds)
        legend[index].count += 1
        fill = "url(#map-hatch)" if index == 0 else legend[index].colour
        shapes.append(Shape(path(area.code), index, fill, f"{area.name}: {area.shown}"))
    _west, _north, _squash, _factor, height = _projection()
    for item in legend:
        item.y = height - 18 * (len(legend) - item.index) - 6
    return Map(title, f"0 0 {WIDTH} {height}", shapes, legend, unit)


def _class_of(value: float | None, bounds: list[float]) -> int:
    if value is None or value <= 0 or not bounds:
        return 0
    for index, upper in enumerate(bounds, start=1):
        if value <= upper:
            return index
    return len(bounds)
