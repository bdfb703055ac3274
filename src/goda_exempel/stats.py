"""Statistics of the knowledge base: counts per theme, county and year, as tables with bars
(the table is the text alternative: every figure is written out). Each row links to the
catalogue filtered to the cases it counts, so the figure and the list agree."""

from __future__ import annotations

from collections import Counter
from html import escape
from urllib.parse import urlencode

from . import facets, render
from .model import Case

CATALOGUE = "hitta-exempel/"


def catalogue_link(root: str, **params: str) -> str:
    """The catalogue filtered as katalog.js reads its address: a facet by its label
    (``?tema=Lokalt+engagemang``), years by ``fran`` and ``till``."""
    return f"{root}{CATALOGUE}?{urlencode(params)}"


def counts(cases: list[Case], key: str) -> list[tuple[str, int]]:
    """(label, number of cases) for every value of a facet that has cases, in the facet's order."""
    f = facets.facet(key)
    by = facets.index(cases)[key]
    return [(f.label_of(v), len(by[v])) for v in f.every_value() if by.get(v)]


def years(cases: list[Case]) -> list[tuple[str, int]]:
    """(year, number of cases whose work ran that year) for every year from the first to the
    last, years without cases included (as zero). The catalogue's year filter counts the same
    (facets.active_years)."""
    per_year = Counter(year for case in cases for year in facets.active_years(case))
    if not per_year:
        return []
    first, last = min(map(int, per_year)), max(map(int, per_year))
    return [(str(y), per_year[str(y)]) for y in range(first, last + 1)]


def table(caption: str, heading: str, rows: list[tuple[str, int, str | None]]) -> str:
    """A chart as a table; each row (label, count, link to its cases or None)."""
    top = max((n for _, n, _ in rows), default=1) or 1
    body = []
    for label, n, href in rows:
        name = f'<a href="{escape(href)}">{escape(label)}</a>' if href and n else escape(label)
        bar = f'<span class="ge-bar" style="width:{100 * n / top:.1f}%" aria-hidden="true"></span>'
        if href and n:  # the bar leads where its label does, for a pointer (the label is the link)
            bar = f'<a class="ge-bar-link" href="{escape(href)}" tabindex="-1" aria-hidden="true">{bar}</a>'
        body.append(f'<tr><th scope="row">{name}</th><td class="ge-bar-cell">{bar}'
                    f'<span class="ge-bar__n">{render.swedish_number(n)}</span></td></tr>')
    return (f'<table class="ge-chart"><caption>{escape(caption)}</caption>'
            f'<thead><tr><th scope="col">{escape(heading)}</th><th scope="col">Antal exempel</th></tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def html(cases: list[Case], root: str = "../") -> str:
    """The statistics page's tables; ``root`` is the path from the page to the site root."""
    def facet_rows(key: str):
        return [(label, n, catalogue_link(root, **{key: label})) for label, n in counts(cases, key)]

    year_rows = [(year, n, catalogue_link(root, fran=year, till=year)) for year, n in years(cases)]
    return "\n\n".join([
        f"<p>Kunskapsbanken har {render.swedish_number(len(cases))} exempel. Välj ett tema, ett län "
        "eller ett år för att se exemplen.</p>",
        table("Exempel per tema", "Tema", facet_rows("tema")),
        table("Exempel per län", "Län", facet_rows("lan")),
        table("Exempel per år", "År", year_rows),
        "<p>Ett exempel räknas under varje år som arbetet pågick, från det år det började till det "
        "år det slutade (eller senast granskades, om det pågår).</p>",
    ])
