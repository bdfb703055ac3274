"""Every page type of the site, as a visitor reaches it: the one list the accessibility, mobile
and print tests and ``tools/screenshots.py`` share.

A page type is a path under the site (as served on GitHub Pages) and, for pages that change
after loading, how to bring them into the state to test: the catalogue once its result list
has been drawn for the filters in the address, the form once its script has set it up, and
the form again after an empty submission, with its errors shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from goda_exempel.browse import CATALOGUE_PAGE

# One case with every part a case page can have: partners, several sources, a body list,
# "Fördjupning" and the related cases.
CASE_ID = "trygga-grannar-vatterhem"


# A result list is complete: its status says how many cases match ("4 exempel" in the
# catalogue, "4 exempel hittades" in the header; "Söker …" while it searches), the list, which
# fills one case at a time after the status, shows that many, up to `most`, and it is not
# marked busy (the header's list of an earlier query is, from the input event on).
LIST_COMPLETE = """({status, counted, list, most}) => {
  const m = new RegExp('^([\\\\d\\\\u00a0]+) ' + counted + '$').exec(document.querySelector(status).textContent);
  const items = document.querySelector(list);
  return !!m && !items.hasAttribute('aria-busy')
    && items.children.length === Math.min(+m[1].replace(/\\D/g, ''), most); }"""
CATALOGUE = {"status": ".ge-results__status", "counted": "exempel", "list": ".ge-results__list",
             "most": CATALOGUE_PAGE}
HEADER = {"status": ".ge-search__status", "counted": "exempel hittades", "list": ".ge-search__list", "most": 6}


def list_complete(page, which: dict) -> None:
    page.wait_for_function(LIST_COMPLETE, arg=which, timeout=10_000)


def _catalogue_ready(page) -> None:
    list_complete(page, CATALOGUE)


def _form_ready(page) -> None:
    """dela.js has set the form up: the first organisation's fields are there (the template
    has a ``__N__`` placeholder that only the script replaces)."""
    page.wait_for_function(
        "() => document.querySelector('[data-ge-key=organisations] [data-ge-items] [data-ge-control]')",
        timeout=10_000)


def _form_with_errors(page) -> None:
    _form_ready(page)
    page.get_by_role("button", name="Kontrollera och skicka").click()
    page.locator("[data-ge-summary]").wait_for(state="visible", timeout=10_000)
    page.locator("[data-ge-error]:not([hidden])").first.wait_for(state="visible", timeout=10_000)


@dataclass(frozen=True)
class PageType:
    name: str  # also the screenshot's file name
    path: str  # relative to the site's root, e.g. "karta/"
    ready: Callable | None = None

    def open(self, page, site_url: str) -> None:
        """Go to the page and wait until it has settled: loaded, scripts run, fonts laid out."""
        page.goto(site_url + self.path, wait_until="networkidle")
        if self.ready:
            self.ready(page)
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(100)


PAGE_TYPES = [
    PageType("start", ""),
    PageType("exempel", f"exempel/{CASE_ID}/"),
    PageType("hitta-exempel", "hitta-exempel/?tema=Lokalt+engagemang&malgrupp=Personal", _catalogue_ready),
    PageType("tema", "tema/lokalt-engagemang/"),
    PageType("kommun", "kommun/jonkoping/"),
    PageType("teman", "tema/"),
    PageType("karta", "karta/"),
    PageType("statistik", "statistik/"),
    PageType("formular", "dela-ditt-exempel/", _form_ready),
    PageType("formular-fel", "dela-ditt-exempel/", _form_with_errors),
    PageType("tillganglighet", "tillganglighet/"),
    PageType("om", "om/"),
    PageType("404", "finns-inte/"),
]

BY_NAME = {p.name: p for p in PAGE_TYPES}
