"""Sweden's municipalities and counties, read from the GeoJSON shipped in ``data/geo``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Official county names by the two-digit county code used by Statistics Sweden.
COUNTY_NAMES = {
    "01": "Stockholms län", "03": "Uppsala län", "04": "Södermanlands län",
    "05": "Östergötlands län", "06": "Jönköpings län", "07": "Kronobergs län",
    "08": "Kalmar län", "09": "Gotlands län", "10": "Blekinge län", "12": "Skåne län",
    "13": "Hallands län", "14": "Västra Götalands län", "17": "Värmlands län",
    "18": "Örebro län", "19": "Västmanlands län", "20": "Dalarnas län",
    "21": "Gävleborgs län", "22": "Västernorrlands län", "23": "Jämtlands län",
    "24": "Västerbottens län", "25": "Norrbottens län",
}


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    county_code: str
    lat: float
    lon: float

    @property
    def county(self) -> str:
        return COUNTY_NAMES[self.county_code]


def geo_text(name: str) -> str:
    return resources.files("goda_exempel").joinpath("data", "geo", name).read_text("utf-8")


@cache
def municipalities() -> dict[str, Municipality]:
    """All 290 municipalities by name (as written in case files, e.g. "Jönköping")."""
    features = json.loads(geo_text("kommuner.geojson"))["features"]
    result = {}
    for feature in features:
        p = feature["properties"]
        lat, lon = p["geo_point_2d"]
        result[p["kom_namn"]] = Municipality(p["id"], p["kom_namn"], p["lan_code"], lat, lon)
    return result
