"""Pages for browsing without search: one page per facet value, an overview per facet, and the
"Liknande exempel" block of a case page. Every link is relative (``root`` leads to the site root)."""

from __future__ import annotations

import unicodedata
from html import escape

from . import facets, geo, lists, pages, render, selection
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
    more = (f'<p>{count_text(len(cases))}. <a href="{root}hitta-exempel/?{f.key}={_q(f.slugs()[value])}">Sök och filtrera bland dem</a> · '
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


def start_html(cases: list[Case], root: str) -> str:
    """The start page's ways in: how many cases there are, and the themes and counties that have
    cases, each a link to its page (with its count), then the catalogue and the map."""
    by = facets.index(cases)
    counties = [v for v in facets.facet("lan").every_value() if by["lan"].get(v)]
    count = (f'<p class="ge-start__count">Kunskapsbanken har <strong>{count_text(len(cases))}</strong>'
             + (f" från {render.swedish_number(len(counties))} län" if counties else "")
             + ".</p>")
    buttons = (f'<p><a class="md-button md-button--primary" href="{root}hitta-exempel/">Sök och filtrera</a> '
               f'<a class="md-button" href="{root}dela-ditt-exempel/">Dela ditt exempel</a> '
               f'<a class="md-button" href="{root}karta/">Karta</a></p>')
    blocks = []
    for key, heading in (("tema", "Efter tema"), ("lan", "Efter län")):
        f = facets.facet(key)
        values = [v for v in f.every_value() if by[key].get(v)]
        if not values:
            continue
        items = "".join(f'<li><a href="{root}{facets.facet_url(f, v)}">{escape(f.label_of(v))}</a> '
                        f'<span class="ge-count">({render.swedish_number(len(by[key][v]))})</span></li>'
                        for v in values)
        blocks.append(f'<section class="ge-start__way" aria-labelledby="ge-start-{key}">'
                      f'<h2 id="ge-start-{key}">{heading}</h2><ul class="ge-facet-list">{items}</ul>'
                      f'<p><a href="{root}{f.key}/">Alla {f.plural.lower()}</a></p></section>')
    return f'<div class="ge-start">{count}{buttons}{"".join(blocks)}</div>'


def newest_html(cases: list[Case], root: str, count: int = 5) -> str:
    """The start page's newest cases, and a link to all of them in that order."""
    more = (f'<p><a href="{root}hitta-exempel/?sortera=nyast">Alla {count_text(len(cases))}, '
            "senast tillagda först</a></p>") if len(cases) > count else ""
    return lists.list_html(lists.newest(cases, count), root) + more


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


def catalogue_html(cases: list[Case], root: str) -> str:
    """The catalogue: a search field, its count, a filter panel and the results (run by
    katalog.js), then the catalogue without JavaScript: the links to the facet pages and the full
    list (up to INLINE_LIMIT cases). Which of the two shows is the style sheet's choice, by the
    class ``ge-js`` that the page's <head> gives it (catalogue_head), so the form and the
    page's first cases are there from the first paint and nothing moves when katalog.js starts;
    if katalog.js cannot be loaded, the class is taken away and the static catalogue shows.

    A filter value is addressed by its stable id, the slug of its facet page
    (``?tema=lokalt-engagemang``); the box carries its label too, which is what the Pagefind
    index filters on. katalog.js also understands a label in any letter case (older links).
    """
    by = facets.index(cases)
    municipalities = geo.municipalities()
    groups = []
    for f in facets.FACETS:  # every facet is a filter, in this order
        key = f.key
        values = [v for v in f.every_value() if by[key].get(v)]
        if not values:
            continue
        slugs = f.slugs()
        boxes = "".join(
            f'<li{_county_attr(key, v, municipalities)}><label><input type="checkbox" name="{key}" value="{escape(slugs[v])}" '
            f'data-label="{escape(f.label_of(v))}"> {escape(f.label_of(v))} '
            f'<span class="ge-count" data-count>({render.swedish_number(len(by[key][v]))})</span></label></li>'
            for v in values)
        find = ""
        if key == "kommun":  # many values: narrowed to the ticked counties, and searchable
            find = ('<p class="ge-facet__find"><label for="ge-kommun-find">Sök kommun</label>'
                    '<input id="ge-kommun-find" type="search" autocomplete="off" data-ge-find></p>'
                    '<p class="ge-facet__narrowed" hidden></p>')
        groups.append(f'<details class="ge-facet"><summary>{escape(f.label)}</summary>'
                      f'<fieldset><legend class="ge-visually-hidden">{escape(f.label)}</legend>'
                      f'{find}<ul>{boxes}</ul></fieldset></details>')
    # The first page of the unfiltered view, in title order: shown without loading the search
    titled = lists.by_title(cases)
    first = "".join(lists.item_html(c, root) for c in titled[:CATALOGUE_PAGE])
    years = sorted({int(y) for c in cases for y in facets.active_years(c)})
    options = "".join(f'<option value="{y}">{y}</option>' for y in years)
    form = (
        '<form class="ge-filters" id="ge-filters" role="search" aria-label="Filtrera exemplen">'
        '<p class="ge-filters__query"><label for="ge-q">Sök i exemplen</label>'
        '<input id="ge-q" name="q" type="search" autocomplete="off"></p>'
        '<details class="ge-panel" id="ge-panel"><summary>Filter <span class="ge-panel__active"></span></summary>'
        f'<div class="ge-filters__groups">{"".join(groups)}</div>'
        '<fieldset class="ge-filters__years"><legend>Period</legend>'
        f'<label for="ge-from">Från år</label><select id="ge-from" name="fran" aria-describedby="ge-years-rule ge-years-error">'
        f'<option value="">Alla</option>{options}</select>'
        f'<label for="ge-to">Till år</label><select id="ge-to" name="till" aria-describedby="ge-years-rule ge-years-error">'
        f'<option value="">Alla</option>{options}</select>'
        '<span class="ge-filters__rule" id="ge-years-rule">Ett exempel räknas till varje år arbetet pågick: '
        '”Från år 2020” visar också arbete som började tidigare och pågick 2020 eller senare.</span>'
        '</fieldset>'
        '<p class="ge-panel__close"><button type="button" class="md-button">Stäng filter<span class="ge-panel__shows"></span></button></p>'
        '</details>'
        '<p class="ge-filters__sort"><label for="ge-sort">Sortera</label><select id="ge-sort" name="sortera">'
        '<option value="relevans">Bäst träff</option><option value="nyast">Senast tillagda</option>'
        '<option value="rubrik">Rubrik A–Ö</option></select>'
        '<button type="reset" class="md-button ge-filters__reset">Rensa</button></p>'
        '</form>'
        '<div class="ge-results" id="ge-results">'
        '<ul class="ge-chosen" aria-label="Valda filter" hidden></ul>'
        '<p class="ge-filters__error" id="ge-years-error" role="alert"></p>'
        f'<p class="ge-results__status" role="status" aria-live="polite">{count_text(len(cases))}</p>'
        f'<ul class="ge-list ge-results__list">{first}</ul>'
        f'<button type="button" class="md-button ge-results__more"{"" if len(cases) > CATALOGUE_PAGE else " hidden"}>'
        'Visa fler</button></div>'
    )
    browse_links = " · ".join(f'<a href="{root}{f.key}/">{escape(f.plural)}</a>' for f in PAGE_FACETS)
    letters = " ".join(f'<a href="{root}{ALL_DIR}/{slug}/">{escape(letter)}</a>'
                       for letter, slug, _ in by_letter(cases))
    full = lists.list_html(titled, root) if len(cases) <= INLINE_LIMIT else ""
    find_words = ("Använd webbläsarens sökning på sidan (Ctrl+F, på en telefon ”Hitta på sidan”) "
                  "för att hitta dina ord i rubrikerna och sammanfattningarna nedan, eller bläddra. "
                  if full else "Bläddra i stället efter tema, plats och annat, eller efter rubrik. ")
    noscript = ('<noscript><p class="ge-static__query"><strong>Sökningen i texterna behöver JavaScript, som är avstängt '
                'i din webbläsare.</strong> Om du har sökt står dina ord i adressfältet, efter ”q=”. '
                f'{find_words}</p></noscript>')
    static = (f'<div class="ge-static" id="ge-static">{noscript}<p>Bläddra efter {browse_links}.</p>'
              f'<p>Alla exempel efter rubrikens första bokstav: {letters}</p>{full}</div>')
    script = f'<script src="{root}assets/javascripts/katalog.js" async></script>'
    # the selection file, if the site has one (goda_exempel.selection): views without words
    own = f' data-ge-urval="{root}{selection.PATH}"' if selection.written(cases) else ""
    return (f'<div class="ge-catalogue" data-ge-base="{root}" data-ge-page="{CATALOGUE_PAGE}"{own}>'
            f'{form}{static}</div>{script}')


def catalogue_head(root: str, own: bool = False) -> str:
    """A script for the start of the catalogue page's <head>, before the style sheets (a script
    after them waits for them). It marks the page ``ge-js`` (JavaScript runs: the style sheet
    shows the form and its results, not the static catalogue) and, for an address with a search
    or filters, ``ge-busy`` (the page's own first cases dimmed until katalog.js says what they
    are); if katalog.js cannot be loaded, it takes both marks away again, so that the static
    catalogue shows.

    An address with a search or filters (a shared link) needs its results at once, so this
    starts loading what they come from while the rest of the page loads:

    - without search words, on a site with a selection file (``own``, goda_exempel.selection):
      that file (window.geUrval, which katalog.js takes up);
    - otherwise Pagefind, with the options sok.js gives it (loadPagefind; Pagefind keeps one
      instance per page, so sok.js's later import and init find it started, and
      window.gePagefindStarted tells it not to give the options again), and preloads the shard
      list and the WebAssembly (Pagefind's name for it, for the site's language), which Pagefind
      would ask for only after its entry file.

    Otherwise the first request would wait until the theme's script and then katalog.js have run
    (bench/slow_phone.py). The plain catalogue loads nothing of the search until it is idle."""
    preload = "".join(f"l=document.createElement('link');l.rel='preload';l.as='fetch';l.crossOrigin='anonymous';"
                      f"l.href=b+'pagefind/{name}';document.head.appendChild(l);"
                      for name in ("delar.json", "wasm.sv.pagefind"))
    pagefind = (f"{preload}import(b+'pagefind/pagefind.js').then(function(pf){{"
                "window.gePagefindStarted=true;"
                "return pf.options({baseUrl:new URL(b).pathname,noWorker:true}).then(function(){return pf.init();});"
                "}).catch(function(){});")
    if own:
        start = ("if(!(new URLSearchParams(location.search).get('q')||'').trim()){"
                 f"window.geUrval=fetch(b+'{selection.PATH}').then(function(r){{"
                 "if(!r.ok)throw new Error(r.status);return r.json();});"
                 f"}}else{{{pagefind}}}")
    else:
        start = pagefind
    # (the page has no on… attributes: a failed katalog.js is caught here, in the capture phase)
    return ("<script>document.documentElement.classList.add('ge-js');"
            r"addEventListener('error',function(e){var t=e.target;if(t&&t.src&&/\/katalog\.js$/.test(t.src))"
            "document.documentElement.classList.remove('ge-js','ge-busy');},true);"
            "if(location.search.length>1){"
            "document.documentElement.classList.add('ge-busy');"
            f"var b=new URL('{root}',location.href).href,l;{start}}}</script>")


def _county_attr(key: str, value: str, municipalities) -> str:
    """A municipality's county, by which katalog.js narrows the "Kommun" group."""
    if key != "kommun" or value not in municipalities:
        return ""
    return f' data-lan="{escape(municipalities[value].county)}"'


def count_text(n: int) -> str:
    return "1 exempel" if n == 1 else f"{render.swedish_number(n)} exempel"
