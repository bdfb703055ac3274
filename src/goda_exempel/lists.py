"""Lists of cases as HTML: the start page's latest cases and the catalogue's full list."""

from __future__ import annotations

from html import escape

from . import pages, render, schema
from .model import Case
from .sorting import swedish_key


def by_title(cases: list[Case]) -> list[Case]:
    """Swedish title order; equal titles by address, as in the search index (search.Indexer)."""
    return sorted(cases, key=lambda c: (swedish_key(c.title), pages.case_url(c)))


def newest(cases: list[Case], count: int | None = None) -> list[Case]:
    """Newest added first; cases added the same day in title order, as the catalogue's
    "Senast tillagda" lists them (search.Indexer writes that order for it)."""
    ordered = sorted(by_title(cases), key=lambda c: c.meta["added"], reverse=True)  # stable: ties keep title order
    return ordered[:count] if count else ordered


def organisations_text(case: Case) -> str:
    return ", ".join(o["name"] for o in case.meta["organisations"])


def places_text(case: Case) -> str:
    """The municipalities, or without any the scope ("Regional", "Nationell"), followed for
    national work by its pilot municipalities ("Nationell, pilotkommuner: Ale, Kiruna")."""
    if case.get("municipalities"):
        return ", ".join(case["municipalities"])
    scope = schema.vocabulary("scopes").label_of(case.meta["scope"])
    pilots = case.get("pilot_municipalities") or []
    return f"{scope}, {render.title_of('pilot_municipalities').lower()}: {', '.join(pilots)}" if pilots else scope


def item_html(case: Case, root: str) -> str:
    """One case in a list: title, organisation, municipality, period and summary. The catalogue
    draws the same from the search index's metadata (search.annotations, katalog.js)."""
    meta = f"{organisations_text(case)} · {places_text(case)} · {render.period_text(case.meta['period'])}"
    return (f'<li><a class="ge-list__title" href="{escape(root + pages.case_url(case))}">'
            f"{escape(case.title)}</a>"
            f'<span class="ge-list__meta">{escape(meta)}</span>'
            f"<p>{escape(case.meta['summary'])}</p></li>")


def list_html(cases: list[Case], root: str) -> str:
    """``root`` is the relative path from the page to the site root, e.g. ``../``."""
    return f'<ul class="ge-list">{"".join(item_html(c, root) for c in cases)}</ul>'
