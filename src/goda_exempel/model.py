"""A validated case: the front matter as the schema defines it, the body, and derived facts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import geo

ONGOING = "pågående"


@dataclass(frozen=True)
class Case:
    id: str
    path: str  # e.g. "examples/trygga-grannar.md"
    meta: dict[str, Any]  # the front matter; its fields are defined by the schema alone
    body: str
    body_line: int = 1

    def __getitem__(self, key: str) -> Any:
        return self.meta[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.meta.get(key, default)

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def municipalities(self) -> list[geo.Municipality]:
        """Every municipality the case names: where the work is done and, for national work,
        its pilot municipalities. These are what the facets, statistics and map count."""
        table = geo.municipalities()
        names = self.meta.get("municipalities", []) + self.meta.get("pilot_municipalities", [])
        return [table[name] for name in dict.fromkeys(names)]

    @property
    def counties(self) -> list[str]:
        """County names derived from the municipalities, in first-seen order."""
        seen: dict[str, None] = {}
        for m in self.municipalities:
            seen.setdefault(m.county, None)
        return list(seen)

    @property
    def organisation_types(self) -> list[str]:
        seen: dict[str, None] = {}
        for org in self.meta["organisations"] + self.meta.get("partners", []):
            seen.setdefault(org["type"], None)
        return list(seen)

    @property
    def start_year(self) -> int:
        return int(self.meta["period"]["start"][:4])

    @property
    def end_year(self) -> int | None:
        end = self.meta["period"]["end"]
        return None if end == ONGOING else int(end[:4])

    @property
    def ongoing(self) -> bool:
        return self.meta["period"]["end"] == ONGOING
