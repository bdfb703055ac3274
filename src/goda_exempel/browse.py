"""Pages for browsing without search: one page per facet value, an overview per facet, and the
"Liknande exempel" block of a case page. Every link is relative (``root`` leads to the site root)."""

from __future__ import annotations

import unicodedata
from html import escape

from . import facets, lists, pages, render
from .load import slugify
from .model import Case
from .sorting import swedish_key

# Facets that get pages, in the order they are offered
PAGE_FACETS = [f for f in facets.FACETS if f.pages != "none"]


def _front(title: str, description: str) -> str:
    return pages.front_matter(title, description)


def value_page(f: facets.Facet, value: str, cases: list[Case]) -> str:
    """Markdown source of the page listing the cases with one facet value."""
    label = f.label_of(value)
    root = "../../"
    title = f"{f.label}: {label}"
    head = _front(title, f"Goda exempel med {f.label.lower()} {label}.")
    if not cases:
        return head + ("<p>Det finns inga exempel här ännu. Har ni gjort något som passar? "
                       f'<a href="{root}dela-ditt-exempel/">Dela ditt exempel</a>.</p>\n')
    more = (f'<p>{count_text(len(cases))}. <a href="{root}hitta-exempel/?{f.key}={_q(label)}">Sök och filtrera bland dem</a> · '
            f'<a href="{root}{f.key}/">Alla {f.plural.lower()}</a></p>\n\n')
    return head + more + lists.list_html(lists.by_title(cases), root) + "\n"


def overview_page(f: facets.Facet, by_value: dict[str, list[Case]]) -> str:
    """Markdown source of a facet's overview: every value with a page, and how many cases it has."""
    items = []
    for value in facets.page_values(f, by_value):
        n = len(by_value.get(value, []))
        items.append(f'<li><a href="../{facets.facet_url(f, value)}">{escape(f.label_of(value))}</a> '
                     f'<span class="ge-count">({render.swedish_number(n)})</span></li>')
    head = _front(f.plural, f"Goda exempel ordnade efter {f.label.lower()}.")
    return head + f'<ul class="ge-facet-list">{"".join(items)}</ul>\n'


def _q(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


ALL_DIR = "alla"
INLINE_LIMIT = 200  # up to this many cases, the catalogue also lists them all without JavaScript


def by_letter(cases: list[Case]) -> list[tuple[str, str, list[Case]]]:
    """(letter, slug, cases) in Swedish order; digits and signs are grouped under "0–9"."""
    groups: dict[str, list[Case]] = {}
    for case in lists.by_title(cases):
        first = unicodedata.normalize("NFD", case.title[:1].upper())[0] if case.title else "#"
        first = case.title[:1].upper() if case.title[:1].upper() in "ÅÄÖ" else first
        groups.setdefault(first if first.isalpha() else "0–9", []).append(case)
    ordered = sorted(groups, key=lambda g: (g != "0–9", swedish_key(g)))
    return [(g, "0-9" if g == "0–9" else slugify(g) if g not in "ÅÄÖ" else {"Å": "aa", "Ä": "ae", "Ö": "oe"}[g],
             groups[g]) for g in ordered]


def letter_page(letter: str, cases: list[Case]) -> str:
    return (_front(f"Exempel på {letter}", f"Goda exempel vars rubrik börjar på {letter}.")
            + '<p><a href="../../hitta-exempel/">Sök och filtrera bland alla exempel</a></p>\n\n'
            + lists.list_html(cases, "../../") + "\n")


def facet_files(cases: list[Case]) -> dict[str, str]:
    """src_uri → Markdown for every facet page, facet overview and A–Ö page."""
    by = facets.index(cases)
    out = {f"{ALL_DIR}/{slug}.md": letter_page(letter, group) for letter, slug, group in by_letter(cases)}
    for f in PAGE_FACETS:
        out[f"{f.key}/index.md"] = overview_page(f, by[f.key])
        for value in facets.page_values(f, by[f.key]):
            src = facets.facet_url(f, value).rstrip("/") + ".md"
            out[src] = value_page(f, value, lists.by_title(by[f.key].get(value, [])))
    return out


def county_anchor(county: str) -> str:
    """The id of a county's group in the list of places (the map's county markers link there)."""
    return "lan-" + facets.facet("lan").slugs()[county]


def place_list(cases: list[Case], root: str) -> str:
    """Municipalities with cases, by county, with counts: the map's text alternative."""
    kommun, by = facets.facet("kommun"), facets.index(cases)
    blocks = []
    for county in facets.facet("lan").every_value():
        names = sorted({m.name for c in by["lan"].get(county, []) for m in c.municipalities
                        if m.county == county}, key=swedish_key)
        if not names:
            continue
        items = "".join(f'<li><a href="{root}{facets.facet_url(kommun, n)}">{escape(n)}</a> '
                        f'<span class="ge-count">({len(by["kommun"][n])} exempel)</span></li>' for n in names)
        blocks.append(f'<h3 id="{county_anchor(county)}">{escape(county)}</h3><ul class="ge-place-list">{items}</ul>')
    return "".join(blocks) or "<p>Inga exempel är knutna till en kommun ännu.</p>"


def related_html(related: list[Case]) -> str:
    """The "Liknande exempel" block at the end of a case page (not indexed by the search)."""
    if not related:
        return ""
    return ('<section class="ge-related" data-pagefind-ignore="all" aria-labelledby="liknande-exempel">'
            '<h2 id="liknande-exempel">Liknande exempel</h2>'
            f"{lists.list_html(related, '../../')}</section>")


def fact_link(vocab: str, value: str) -> str | None:
    """Where a value in a case's fact box links (case pages sit two folders below the root)."""
    key = {"themes": "tema", "municipalities": "kommun", "methods": "metod",
           "target_groups": "malgrupp"}.get(vocab)
    if key is None:
        return None
    return "../../" + facets.facet_url(facets.facet(key), value)


def case_page_url(case: Case) -> str:
    return pages.case_url(case)


# Cases shown at a time in the catalogue ("Visa fler" shows the next). Each result of a search
# loads its own Pagefind fragment (about 2 kB, as it holds the case's text): with 10 a step, the
# first search at 10,000 cases stays under 300 kB (bench/README.md); with 20 it did not.
CATALOGUE_PAGE = 10
# Facets offered as filters in the catalogue, in this order
FILTER_FACETS = ["tema", "lan", "kommun", "organisation", "malgrupp", "metod", "inriktning", "uppfoljning", "status"]


def catalogue_html(cases: list[Case], root: str) -> str:
    """The catalogue: a filter form (shown by catalogue.js) over a static list of every case.

    Without JavaScript the full list and the links to the facet pages are the catalogue.
    Filter values are the Swedish labels, as in the Pagefind index and in shared addresses.
    """
    by = facets.index(cases)
    groups = []
    for key in FILTER_FACETS:
        f = facets.facet(key)
        values = [v for v in f.every_value() if by[key].get(v)]
        if not values:
            continue
        boxes = "".join(
            f'<li><label><input type="checkbox" name="{key}" value="{escape(f.label_of(v))}"> '
            f'{escape(f.label_of(v))} <span class="ge-count" data-count>({render.swedish_number(len(by[key][v]))})</span></label></li>'
            for v in values)
        groups.append(f'<details class="ge-facet"><summary>{escape(f.label)}</summary>'
                      f'<fieldset><legend class="ge-visually-hidden">{escape(f.label)}</legend>'
                      f'<ul>{boxes}</ul></fieldset></details>')
    # The first page of the unfiltered view, in title order: shown without loading the search
    titled = lists.by_title(cases)
    first = "".join(lists.item_html(c, root) for c in titled[:CATALOGUE_PAGE])
    years = sorted({int(y) for c in cases for y in facets.active_years(c)})
    options = "".join(f'<option value="{y}">{y}</option>' for y in years)
    form = (
        '<form class="ge-filters" id="ge-filters" role="search" aria-label="Filtrera exemplen" hidden>'
        '<p class="ge-filters__query"><label for="ge-q">Sök i exemplen</label>'
        '<input id="ge-q" name="q" type="search" autocomplete="off"></p>'
        f'<div class="ge-filters__groups">{"".join(groups)}</div>'
        '<fieldset class="ge-filters__years"><legend>Period</legend>'
        f'<label for="ge-from">Från år</label><select id="ge-from" name="fran"><option value="">Alla</option>{options}</select>'
        f'<label for="ge-to">Till år</label><select id="ge-to" name="till"><option value="">Alla</option>{options}</select>'
        '</fieldset>'
        '<p class="ge-filters__sort"><label for="ge-sort">Sortera</label><select id="ge-sort" name="sortera">'
        '<option value="relevans">Bäst träff</option><option value="nyast">Senast tillagda</option>'
        '<option value="rubrik">Rubrik A–Ö</option></select>'
        '<button type="reset" class="md-button ge-filters__reset">Rensa</button></p>'
        '</form>'
        '<div class="ge-results" id="ge-results" hidden>'
        f'<p class="ge-results__status" role="status" aria-live="polite">{count_text(len(cases))}</p>'
        f'<ul class="ge-list ge-results__list">{first}</ul>'
        f'<button type="button" class="md-button ge-results__more"{"" if len(cases) > CATALOGUE_PAGE else " hidden"}>'
        'Visa fler</button></div>'
    )
    browse_links = " · ".join(f'<a href="{root}{f.key}/">{escape(f.plural)}</a>' for f in PAGE_FACETS)
    letters = " ".join(f'<a href="{root}{ALL_DIR}/{slug}/">{escape(letter)}</a>'
                       for letter, slug, _ in by_letter(cases))
    full = lists.list_html(titled, root) if len(cases) <= INLINE_LIMIT else ""
    static = (f'<div class="ge-static" id="ge-static"><p>Bläddra efter {browse_links}.</p>'
              f'<p>Alla exempel efter rubrikens första bokstav: {letters}</p>{full}</div>')
    script = f'<script src="{root}assets/javascripts/katalog.js" defer></script>'
    return (f'<div class="ge-catalogue" data-ge-base="{root}" data-ge-page="{CATALOGUE_PAGE}">'
            f'{form}{static}</div>{script}')


def count_text(n: int) -> str:
    return "1 exempel" if n == 1 else f"{render.swedish_number(n)} exempel"
