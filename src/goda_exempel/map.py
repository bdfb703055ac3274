"""A map of Sweden as inline SVG, drawn at build time from the shipped GeoJSON: the counties,
a dot for each municipality that has cases, and for each county with cases a marker that
links to the county's municipalities in the list under the map (browse.place_list).

Why counties and not municipalities: 290 municipalities cannot each get a target a finger can
hit (24 px) on a map 360 px wide; in the south a dozen lie within 24 px of each other, and a dot
per municipality covered its neighbours' (at 300 cases, 24 of 260 could not be clicked). The 21
county markers, each at the point of its county farthest from the county's border, are 26 px
on a 390 px phone and do not overlap; the list under the map, one tap away, names every
municipality. The municipalities' own outlines (210 KB) are not drawn."""

from __future__ import annotations

import json
import math
from functools import cache
from html import escape

from . import browse, facets, geo, render
from .model import Case

SCALE = 40.0  # SVG units per degree of latitude
WEST, NORTH = 10.9, 69.2
LON_FACTOR = math.cos(math.radians(62.5))  # keeps Sweden's shape in a plain projection
MARKER = 9.0  # a county marker's radius, in SVG units: 26 px on a 390 px phone (tests/test_map.py)
DOT = 1.5  # a municipality's dot (not a target)


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return round((lon - WEST) * LON_FACTOR * SCALE, 1), round((NORTH - lat) * SCALE, 1)


def _rings(geometry: dict) -> list[list[tuple[float, float]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [[_xy(lon, lat) for lon, lat in ring] for polygon in polygons for ring in polygon]


def _path(rings: list[list[tuple[float, float]]]) -> str:
    return "".join("M" + "L".join(f"{x:g},{y:g}" for x, y in ring) + "Z" for ring in rings)


def _inside(x: float, y: float, rings) -> bool:
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


def _to_border(x: float, y: float, rings) -> float:
    best = math.inf
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            dx, dy = x2 - x1, y2 - y1
            t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
            best = min(best, math.hypot(x - x1 - t * dx, y - y1 - t * dy))
    return best


def _inner_point(rings, steps: int = 24) -> tuple[float, float]:
    """A point well inside the shape: of a grid over it, the one farthest from its border."""
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    best = (-1.0, xs[0], ys[0])
    for i in range(steps + 1):
        for j in range(steps + 1):
            x = min(xs) + (max(xs) - min(xs)) * i / steps
            y = min(ys) + (max(ys) - min(ys)) * j / steps
            if _inside(x, y, rings):
                best = max(best, (_to_border(x, y, rings), x, y))
    return best[1], best[2]


@cache
def _counties() -> dict[str, tuple[str, tuple[float, float]]]:
    """County name -> (its outline as a path, where its marker goes). Markers closer than two
    radii are moved apart along the line between them (Kronoberg and Blekinge)."""
    features = json.loads(geo.geo_text("lan.geojson"))["features"]
    out = {}
    for f in features:
        rings = _rings(f["geometry"])
        name = geo.COUNTY_NAMES[f"{int(f['properties']['l_id']):02d}"]
        out[name] = [_path(rings), list(_inner_point(rings))]
    points = [point for _, point in out.values()]
    for _ in range(20):
        moved = False
        for a in range(len(points)):
            for b in range(a + 1, len(points)):
                (x1, y1), (x2, y2) = points[a], points[b]
                d = math.hypot(x2 - x1, y2 - y1) or 0.01
                gap = 2 * MARKER + 1 - d
                if gap > 0:
                    ux, uy = (x2 - x1) / d, (y2 - y1) / d
                    points[a][0] -= ux * gap / 2
                    points[a][1] -= uy * gap / 2
                    points[b][0] += ux * gap / 2
                    points[b][1] += uy * gap / 2
                    moved = True
        if not moved:
            break
    return {name: (path, (round(p[0], 1), round(p[1], 1))) for name, (path, p) in out.items()}


def svg(cases: list[Case], root: str) -> str:
    """The map and a link past it to the list; ``root`` is the relative path from the page to
    the site root."""
    index = facets.index(cases)
    by_municipality, by_county = index["kommun"], index["lan"]
    width, height = _xy(24.3, 55.2)
    dots: dict[str, list[str]] = {}  # county -> its municipalities' dots
    for name in sorted(by_municipality, key=lambda n: geo.municipalities()[n].code):
        m = geo.municipalities()[name]
        x, y = _xy(m.lon, m.lat)
        dots.setdefault(m.county, []).append(f'<circle cx="{x:g}" cy="{y:g}" r="{DOT:g}"/>')
    shapes, markers = [], []
    for county, (path, (x, y)) in sorted(_counties().items()):
        cases_here = by_county.get(county, [])
        places = {m.name for c in cases_here for m in c.municipalities if m.county == county}
        if not cases_here:
            shapes.append(f'<path d="{path}"/>')
            continue
        n = len(cases_here)
        label = (f"{county}: {render.swedish_number(n)} exempel i "
                 f"{len(places)} {'kommun' if len(places) == 1 else 'kommuner'}")
        digits = len(str(n))
        size = 8 if digits <= 2 else 6 if digits == 3 else 4.5
        markers.append(
            f'<a href="#{browse.county_anchor(county)}" class="ge-map__county" aria-label="{escape(label)}">'
            f"<title>{escape(label)}</title>"
            f'<path class="ge-map__area" d="{path}"/>'
            f'<g class="ge-map__dots">{"".join(dots.get(county, []))}</g>'
            f'<circle class="ge-map__marker" cx="{x:g}" cy="{y:g}" r="{MARKER:g}"/>'
            f'<text x="{x:g}" y="{y:g}" font-size="{size:g}" dy="0.35em" text-anchor="middle" aria-hidden="true">{n}</text></a>')
    return (f'<p class="ge-map__skip"><a href="#kommuner-med-exempel">Hoppa till listan över kommunerna</a></p>'
            f'<svg class="ge-map" viewBox="0 0 {width:g} {height:g}" role="group" '
            f'aria-labelledby="ge-map-title"><title id="ge-map-title">Karta över Sverige med de län '
            f'som har exempel</title><g class="ge-map__counties" aria-hidden="true">{"".join(shapes)}</g>'
            f'{"".join(markers)}</svg>')
