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

# One case with every part a case page can have: partners, several sources, a body list,
# "Fördjupning" and the related cases.
CASE_ID = "trygga-grannar-vatterhem"


# The catalogue's list is complete: its status says how many cases ("4 exempel"; while it
# searches it says "Söker …"), and the list, which fills one case at a time after the status,
# shows that many, up to a page.
CATALOGUE_COMPLETE = """() => {
  const m = /^([\\d\\u00a0]+) exempel$/.exec(document.querySelector('.ge-results__status').textContent);
  const page = +document.querySelector('.ge-catalogue').dataset.gePage;
  return !!m && document.querySelectorAll('.ge-results__list li').length
    === Math.min(+m[1].replace(/\\D/g, ''), page); }"""


def _catalogue_ready(page) -> None:
    page.wait_for_function(CATALOGUE_COMPLETE, timeout=10_000)


def _form_ready(page) -> None:
    """dela.js has set the form up: the first organisation's fields are there (the template
    has a ``__N__`` placeholder that only the script replaces)."""
    page.wait_for_function(
        "() => document.querySelector('[data-ge-key=organisations] [data-ge-items] [data-ge-control]')",
        timeout=10_000)


def _form_with_errors(page) -> None:
    _form_ready(page)
    page.get_by_role("button", name="Skicka som förslag").click()
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
