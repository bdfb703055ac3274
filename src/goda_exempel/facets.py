"""Facets: the ways to narrow the catalogue (theme, county, municipality, …), and related cases.

A facet names its values by what is stored in the case (vocabulary ids, municipality
names); its labels come from the vocabularies. The same facets drive the Pagefind filters
on case pages, the static facet pages, the catalogue's filter panel and the statistics.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Callable

from . import geo, schema
from .load import slugify
from .model import Case
from .sorting import swedish_key


@dataclass(frozen=True)
class Facet:
    key: str  # filter name, URL parameter and folder of its pages, e.g. "tema"
    label: str  # Swedish, singular: "Tema"
    plural: str  # Swedish heading of the overview page: "Teman"
    values_of: Callable[[Case], list[str]]
    label_of: Callable[[str], str]
    every_value: Callable[[], list[str]]  # values in their natural order
    pages: str = "all"  # "all": a page for every value; "used": only values with cases; "none"

    def slugs(self) -> dict[str, str]:
        """A URL-safe, unique slug for every value (Håbo and Habo get their codes added)."""
        return _slug_table(self.key)


def _unique_slugs(values: list[str], key: str) -> dict[str, str]:
    plain = {v: slugify(v) for v in values}
    counts = Counter(plain.values())
    table = geo.municipalities()
    out = {}
    for value, slug in plain.items():
        if counts[slug] > 1:
            slug = f"{slug}-{table[value].code}" if value in table else f"{slug}-{values.index(value)}"
        out[value] = slug
    return out


@cache
def _slug_table(key: str) -> dict[str, str]:
    return _unique_slugs(BY_KEY[key].every_value(), key)


def _vocab(name: str) -> tuple[Callable[[str], str], Callable[[], list[str]]]:
    return (lambda v: schema.vocabulary(name).label_of(v)), (lambda: schema.vocabulary(name).ids)


def active_years(case: Case) -> list[str]:
    """Every year the work ran; an ongoing case runs until the year it was last reviewed."""
    end = case.end_year or max(case.start_year, int(case.meta["last_reviewed"][:4]))
    return [str(y) for y in range(case.start_year, max(end, case.start_year) + 1)]


def _counties() -> list[str]:
    return sorted(geo.COUNTY_NAMES.values(), key=swedish_key)


def _municipalities() -> list[str]:
    return sorted(geo.municipalities(), key=swedish_key)


FACETS: list[Facet] = [
    Facet("tema", "Tema", "Teman", lambda c: c.meta["themes"], *_vocab("themes")),
    Facet("lan", "Län", "Län", lambda c: c.counties, lambda v: v, _counties),
    Facet("kommun", "Kommun", "Kommuner", lambda c: [m.name for m in c.municipalities], lambda v: v,
          _municipalities, pages="used"),
    Facet("organisation", "Organisationstyp", "Organisationstyper", lambda c: c.organisation_types,
          *_vocab("organisation_types")),
    Facet("malgrupp", "Målgrupp", "Målgrupper", lambda c: c.meta["target_groups"], *_vocab("target_groups")),
    Facet("metod", "Metod", "Metoder", lambda c: c.meta.get("methods", []), *_vocab("methods")),
    Facet("inriktning", "Förebyggande inriktning", "Förebyggande inriktning", lambda c: c.meta["prevention"],
          *_vocab("prevention"), pages="none"),
    Facet("uppfoljning", "Uppföljning", "Uppföljning", lambda c: [c.meta["evaluation"]["level"]],
          *_vocab("evaluation_levels"), pages="none"),
    Facet("status", "Status", "Status", lambda c: [c.meta["status"]], *_vocab("statuses"), pages="none"),
]
BY_KEY = {f.key: f for f in FACETS}


def facet(key: str) -> Facet:
    return BY_KEY[key]


def index(cases: list[Case]) -> dict[str, dict[str, list[Case]]]:
    """facet key → value → the cases with that value (in the order given)."""
    out: dict[str, dict[str, list[Case]]] = {f.key: defaultdict(list) for f in FACETS}
    for case in cases:
        for f in FACETS:
            for value in f.values_of(case):
                out[f.key][value].append(case)
    return out


def page_values(f: Facet, by_value: dict[str, list[Case]]) -> list[str]:
    """The values of a facet that get a page of their own."""
    if f.pages == "none":
        return []
    values = f.every_value()
    return values if f.pages == "all" else [v for v in values if by_value.get(v)]


def facet_url(f: Facet, value: str) -> str:
    """Site-relative URL of the page listing one facet value."""
    return f"{f.key}/{f.slugs()[value]}/"


# --- related cases -----------------------------------------------------------------------

# How much one shared feature counts. Place counts for a case in the same municipality, and
# a little for the same county; themes and methods say what the work was about.
WEIGHTS = {"tema": 3, "metod": 2, "kommun": 3, "lan": 1, "malgrupp": 1}


def related(cases: list[Case], count: int = 5, pool: int = 120) -> dict[str, list[Case]]:
    """Up to ``count`` related cases for every case, best first, computed once at build time.

    The score is the weighted number of shared features (WEIGHTS). Candidates come from the
    rarest shared features first (the same municipality before the same county or theme),
    at most ``pool`` of them, so the work per case is bounded and the build stays linear;
    each candidate's score is then exact. Ties are broken by title in Swedish order.
    """
    order = sorted(range(len(cases)), key=lambda i: swedish_key(cases[i].title))
    rank = [0] * len(cases)
    for r, i in enumerate(order):
        rank[i] = r
    # Each feature owns as many bits as its weight, so a score is one AND and one bit count.
    feature_bits: dict[tuple[str, str], int] = {}
    features = [[(key, value) for key in WEIGHTS for value in facet(key).values_of(case)] for case in cases]
    masks, used = [], 0
    for feats in features:
        mask = 0
        for feat in feats:
            bits = feature_bits.get(feat)
            if bits is None:
                bits = feature_bits[feat] = ((1 << WEIGHTS[feat[0]]) - 1) << used
                used += WEIGHTS[feat[0]]
            mask |= bits
        masks.append(mask)
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in order:  # postings in title order, so a cut-off list keeps the first titles
        for feat in features[i]:
            postings[feat].append(i)
    out: dict[str, list[Case]] = {}
    for i, case in enumerate(cases):
        mine = masks[i]
        candidates: dict[int, None] = {}
        for feat in sorted(set(features[i]), key=lambda f: (len(postings[f]), f)):
            for j in postings[feat]:
                if len(candidates) >= pool:
                    break
                candidates.setdefault(j, None)
        candidates.pop(i, None)
        scored = [(-(mine & masks[j]).bit_count(), rank[j], j) for j in candidates]
        out[case.id] = [cases[j] for _, _, j in heapq.nsmallest(count, scored)]
    return out
