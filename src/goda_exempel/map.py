"""A map of Sweden as inline SVG, drawn at build time from the shipped GeoJSON: county borders,
and the municipalities that have cases, each a link to the page that lists its cases."""

from __future__ import annotations

import json
import math
from functools import cache
from html import escape

from . import facets, geo, render
from .model import Case

SCALE = 40.0  # SVG units per degree of latitude
WEST, NORTH = 10.9, 69.2
LON_FACTOR = math.cos(math.radians(62.5))  # keeps Sweden's shape in a plain projection


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return round((lon - WEST) * LON_FACTOR * SCALE, 1), round((NORTH - lat) * SCALE, 1)


def _path(geometry: dict) -> str:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    out = []
    for polygon in polygons:
        for ring in polygon:
            points = [_xy(lon, lat) for lon, lat in ring]
            out.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
    return "".join(out)


@cache
def _county_paths() -> str:
    features = json.loads(geo.geo_text("lan.geojson"))["features"]
    return "".join(f'<path d="{_path(f["geometry"])}"/>' for f in features)


@cache
def _municipality_shapes() -> dict[str, str]:
    features = json.loads(geo.geo_text("kommuner.geojson"))["features"]
    return {f["properties"]["kom_namn"]: _path(f["geometry"]) for f in features}


def svg(cases: list[Case], root: str) -> str:
    """The map; ``root`` is the relative path from the page to the site root."""
    by_municipality = facets.index(cases)["kommun"]
    kommun = facets.facet("kommun")
    width, height = _xy(24.3, 55.2)
    marks = []
    for name in sorted(by_municipality, key=lambda n: geo.municipalities()[n].code):
        m = geo.municipalities()[name]
        n = len(by_municipality[name])
        x, y = _xy(m.lon, m.lat)
        label = f"{name}: {render.swedish_number(n)} exempel"
        marks.append(
            f'<a href="{escape(root + facets.facet_url(kommun, name))}" class="ge-map__place" '
            f'aria-label="{escape(label)}"><title>{escape(label)}</title>'
            f'<path class="ge-map__area" d="{_municipality_shapes()[name]}"/>'
            f'<circle cx="{x:g}" cy="{y:g}" r="4"/></a>')
    return (f'<svg class="ge-map" viewBox="0 0 {width:g} {height:g}" role="group" '
            f'aria-labelledby="ge-map-title"><title id="ge-map-title">Karta över Sverige med de kommuner '
            f'som har exempel</title><g class="ge-map__counties" aria-hidden="true">{_county_paths()}</g>'
            f'{"".join(marks)}</svg>')
