"""The catalogue's selection file (``hitta-exempel/urval.json``): every case as the catalogue's
result list shows it, with its filter values, so that katalog.js can answer a view without
search words (filters, the period, an order) by itself, without loading the search index.

Why: a shared filtered address on a slow phone waited for a chain of the search index's files
(Pagefind's script, entry file, WebAssembly, metadata, filter indexes, then one file per result)
and for the WebAssembly to compile; at 300 cases its results came after about 2.4 s. With this
file (29 KB compressed at 300 generated cases), started from the page's head, they come after
about 1.6 s (bench/slow_phone.py, bench/README.md). Searches with words still go to Pagefind.

The file grows with the cases, and past some size one file costs more than the search index's
small ones: it is written only for up to LIMIT cases. Without it (a larger site, or a file that
cannot be loaded) the catalogue asks Pagefind, as before, and shows the same results: the
filters mean the same (values of a group combined with "or", groups with "and", a period
keeps a case that ran in any of its years; goda_exempel.search.annotations gives Pagefind the
same values), and the order is the same (Swedish title order, the cases' order here).

Format, keys in Swedish as the rest of the site's files::

    {"fasetter": {"tema": ["Barn och unga", ...], ...},    # each filter's labels, as offered
     "exempel": [{"u": "exempel/<id>/", "t": title, "o": organisations, "p": places,
                  "d": period, "a": date added, "i": summary,
                  "n": place when the newest are first (goda_exempel.lists.newest),
                  "f": {"tema": [0, 3], ...},                # indexes into "fasetter"
                  "ar": [first year, last year]}, ...]}      # in Swedish title order
"""

from __future__ import annotations

import json

from . import facets, lists, pages, render
from .model import Case

PATH = "hitta-exempel/urval.json"  # from the site root; the catalogue page is hitta-exempel/
LIMIT = 1000  # written for up to this many cases (bench/README.md: at 1,000 cases ~95 KB compressed)


def written(cases: list[Case]) -> bool:
    return len(cases) <= LIMIT


def data(cases: list[Case]) -> dict:
    by = facets.index(cases)
    labels, place = {}, {}
    for f in facets.FACETS:  # the catalogue's filters (goda_exempel.browse)
        key = f.key
        offered = [f.label_of(v) for v in f.every_value() if by[key].get(v)]  # as the boxes are
        labels[key] = offered
        place[key] = {label: i for i, label in enumerate(offered)}
    newest = {case.id: place for place, case in enumerate(lists.newest(cases))}
    out = []
    for case in lists.by_title(cases):
        values = {}
        for f in facets.FACETS:
            key = f.key
            found = [place[key][f.label_of(v)] for v in f.values_of(case)]
            if found:
                values[key] = found
        years = facets.active_years(case)
        out.append({
            "u": pages.case_url(case),
            "t": case.title,
            "o": lists.organisations_text(case),
            "p": lists.places_text(case),
            "d": render.period_text(case.meta["period"]),
            "a": render.swedish_date(str(case.meta["added"])),
            "n": newest[case.id],
            "i": case.meta["summary"],
            "f": values,
            "ar": [int(years[0]), int(years[-1])],
        })
    return {"fasetter": labels, "exempel": out}


def site_files(cases: list[Case]) -> dict[str, bytes]:
    """{PATH: the file} for up to LIMIT cases, else nothing."""
    if not written(cases):
        return {}
    return {PATH: json.dumps(data(cases), ensure_ascii=False, separators=(",", ":")).encode("utf-8")}
