"""Statistics of the knowledge base: counts per theme, county and start year, as tables with
bars (the table is the text alternative: every figure is written out)."""

from __future__ import annotations

from collections import Counter
from html import escape

from . import facets, render
from .model import Case


def counts(cases: list[Case], key: str) -> list[tuple[str, int]]:
    """(label, number of cases) for every value of a facet that has cases, in the facet's order."""
    f = facets.facet(key)
    by = facets.index(cases)[key]
    return [(f.label_of(v), len(by[v])) for v in f.every_value() if by.get(v)]


def start_years(cases: list[Case]) -> list[tuple[str, int]]:
    years = Counter(c.start_year for c in cases)
    return [(str(y), years[y]) for y in sorted(years)]


def table(caption: str, heading: str, rows: list[tuple[str, int]]) -> str:
    top = max((n for _, n in rows), default=1)
    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th><td class="ge-bar-cell">'
        f'<span class="ge-bar" style="width:{100 * n / top:.0f}%" aria-hidden="true"></span>'
        f'<span class="ge-bar__n">{render.swedish_number(n)}</span></td></tr>'
        for label, n in rows)
    return (f'<table class="ge-chart"><caption>{escape(caption)}</caption>'
            f'<thead><tr><th scope="col">{escape(heading)}</th><th scope="col">Antal exempel</th></tr></thead>'
            f"<tbody>{body}</tbody></table>")


def html(cases: list[Case]) -> str:
    return "\n\n".join([
        f"<p>Kunskapsbanken har {len(cases)} exempel.</p>",
        table("Exempel per tema", "Tema", counts(cases, "tema")),
        table("Exempel per län", "Län", counts(cases, "lan")),
        table("Exempel per startår", "Startår", start_years(cases)),
    ])
