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


def level_text(case: Case) -> str:
    """How the work was followed up: the evaluation level's label ("Processutvärdering")."""
    return schema.vocabulary("evaluation_levels").label_of(case.meta["evaluation"]["level"])


def tags_html(level: str, themes: list[str]) -> str:
    """A case's follow-up level and themes, as a list row shows them (katalog.js draws the same,
    and adds the values of the other groups a view is filtered on)."""
    tags = [f'<span class="ge-tag ge-tag--level"><span class="ge-visually-hidden">Uppföljning: </span>'
            f"{escape(level)}</span>"]
    tags += [f'<span class="ge-tag">{escape(t)}</span>' for t in themes]
    return f'<span class="ge-list__tags">{" ".join(tags)}</span>'


def item_html(case: Case, root: str) -> str:
    """One case in a list: title, organisation, municipality, period, follow-up level, themes and
    summary. The catalogue draws the same from the search index (search.annotations, katalog.js)."""
    meta = f"{organisations_text(case)} · {places_text(case)} · {render.period_text(case.meta['period'])}"
    themes = [schema.vocabulary("themes").label_of(t) for t in case.meta["themes"]]
    return (f'<li><a class="ge-list__title" href="{escape(root + pages.case_url(case))}">'
            f"{escape(case.title)}</a>"
            f'<span class="ge-list__meta">{escape(meta)}</span>'
            f"{tags_html(level_text(case), themes)}"
            f"<p>{escape(case.meta['summary'])}</p></li>")


def list_html(cases: list[Case], root: str) -> str:
    """``root`` is the relative path from the page to the site root, e.g. ``../``."""
    return f'<ul class="ge-list">{"".join(item_html(c, root) for c in cases)}</ul>'
