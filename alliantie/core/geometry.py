"""Municipal boundaries from the shipped CBS/PDOK TopoJSON, drawn as SVG on the server (no tiles, no scripts)."""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BOUNDARIES = Path(__file__).resolve().parent / "data" / "gemeenten_2026.topojson"
Ring = list[tuple[float, float]]  # (longitude, latitude)


@cache
def _topology() -> tuple[list[Ring], dict[str, list]]:
    data = json.loads(BOUNDARIES.read_text())
    (scale_x, scale_y), (shift_x, shift_y) = data["transform"]["scale"], data["transform"]["translate"]
    arcs = []
    for arc in data["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantised positions
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    shapes = {}
    for geometry in data["objects"]["gemeenten"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shapes[geometry["properties"]["code"]] = polygons
    return arcs, shapes


def _ring(arcs: list[Ring], indexes: list[int]) -> Ring:
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points[1:] if ring else points)
    return ring


@cache
def outline(code: str) -> tuple[Ring, ...]:
    """The rings (outer boundaries and holes) of a municipality, by CBS code; empty if unknown."""
    arcs, shapes = _topology()
    return tuple(_ring(arcs, ring) for polygon in shapes.get(code, []) for ring in polygon)


@dataclass(frozen=True)
class Marker:
    longitude: float
    latitude: float
    label: str


@dataclass(frozen=True)
class MapDrawing:
    view_box: str
    path: str
    markers: list[tuple[float, float, str]]  # x, y, label


def draw(code: str, markers: list[Marker], width: int = 400) -> MapDrawing | None:
    """The municipality and the markers inside its bounding box, projected to SVG units (north up, distances
    true in the middle of the map)."""
    return draw_area([code], markers, width)


def draw_area(codes: list[str], markers: list[Marker], width: int = 400) -> MapDrawing | None:
    """Several municipalities together (a local alliance's area), drawn as `draw` draws one."""
    rings = tuple(ring for code in codes for ring in outline(code))
    if not rings:
        return None
    points = [p for ring in rings for p in ring] + [(m.longitude, m.latitude) for m in markers]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squash = math.cos(math.radians((north + south) / 2))
    span = max((east - west) * squash, north - south) or 0.01
    factor = (width - 20) / span

    def project(longitude: float, latitude: float) -> tuple[float, float]:
        return round(10 + (longitude - west) * squash * factor, 1), round(10 + (north - latitude) * factor, 1)

    height = round(20 + (north - south) * factor)
    path = " ".join(
        "M" + " L".join(f"{x},{y}" for x, y in (project(*p) for p in ring)) + " Z" for ring in rings if ring
    )
    return MapDrawing(
        view_box=f"0 0 {width} {height}",
        path=path,
        markers=[(*project(m.longitude, m.latitude), m.label) for m in markers],
    )
