"""Reading and sharing a case, in real Chromium at a phone's and a desktop's width: the story
starts within two phone screens (the fact box's key facts first, the rest folded on a phone),
no label repeats its value, every page has Open Graph and description tags and announces the
feed, and the statistics lead to the catalogue with the same figures."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from conftest import ROOT
from page_types import BY_NAME, CATALOGUE, CASE_ID, PAGE_TYPES, list_complete

pytestmark = pytest.mark.browser

HEIGHT = 800  # page_at's viewport height


def _cases():
    from goda_exempel.validate import validate_dir

    result = validate_dir(ROOT / "examples")
    assert not result.problems
    return result.cases


@pytest.mark.parametrize("width", [390, 1280])
def test_the_story_begins_within_two_screens_after_the_key_facts(page_at, site_url, width):
    page = page_at(width)
    BY_NAME["exempel"].open(page, site_url)
    first_line = page.locator(".ge-case__text p").first.bounding_box()["y"]
    assert first_line < 2 * HEIGHT, f"berättelsen börjar {first_line:.0f} px ned"
    facts = page.locator(".ge-facts dt")
    visible = [facts.nth(i).inner_text() for i in range(facts.count()) if facts.nth(i).is_visible()]
    assert visible[:4] == ["Organisationer", "Kommuner", "Tidsperiod", "Status"]  # the key facts first
    sources = page.locator(".ge-facts dt", has_text="Källor")
    more = page.get_by_text("Fler fakta, källor och kontakt")
    if width == 390:  # folded on a phone, and opened with a tap
        assert sources.is_hidden() and more.is_visible()
        more.click()
        assert sources.is_visible()
    else:  # all there on a desktop
        assert sources.is_visible() and more.is_hidden()


def test_no_fact_repeats_itself(built_site):
    for case in _cases():
        html = (built_site / "exempel" / case.id / "index.html").read_text(encoding="utf-8")
        box = html[html.index('class="ge-facts"'):html.index("</aside>")]
        text = re.sub(r"<[^>]+>", "", box)
        repeated = [m.group(0) for m in re.finditer(r"([^\s()][^()]*?) \((\1)\)", text)]
        assert not repeated, (case.id, repeated)


@pytest.mark.parametrize("kind", PAGE_TYPES, ids=lambda p: p.name)
def test_every_page_has_a_description_open_graph_and_the_feed(page, site_url, kind):
    page.goto(site_url + kind.path)
    meta = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('meta[property^="og:"], meta[name=description]')]
        .map(m => [m.getAttribute('property') || m.getAttribute('name'), m.content]))""")
    for key in ("description", "og:title", "og:description", "og:site_name", "og:type", "og:locale"):
        assert meta.get(key, "").strip(), (kind.name, key)
    if kind.name == "exempel":
        case = next(c for c in _cases() if c.id == CASE_ID)
        assert meta["og:title"] == case.title and meta["og:description"] == case.meta["summary"]
        assert meta["og:type"] == "article" and meta["og:url"].endswith(f"/exempel/{CASE_ID}/")
    feed = page.locator('link[type="application/atom+xml"]')
    assert feed.count() == 1 and "alternate" in feed.get_attribute("rel").split()
    response = page.request.get(urljoin(page.url, feed.get_attribute("href")))
    assert response.ok and b"<feed" in response.body()


@pytest.mark.parametrize("width", [390, 1280])
def test_statistics_lead_to_the_catalogue_with_the_same_figures(page_at, site_url, width):
    page = page_at(width)
    BY_NAME["statistik"].open(page, site_url)
    years = page.get_by_role("table", name="Exempel per år").locator("tbody tr")
    shown = [int(years.nth(i).get_by_role("cell").inner_text()) for i in range(years.count())]
    labels = [int(years.nth(i).get_by_role("rowheader").inner_text()) for i in range(years.count())]
    assert labels == list(range(labels[0], labels[-1] + 1))  # every year, none skipped
    for caption, row in (("Exempel per tema", 0), ("Exempel per län", -1), ("Exempel per år", 0)):
        BY_NAME["statistik"].open(page, site_url)
        rows = page.get_by_role("table", name=caption).locator("tbody tr")
        tr = rows.nth(row if row >= 0 else rows.count() - 1)
        count = tr.get_by_role("cell").inner_text().strip()
        if caption == "Exempel per år":
            tr.locator(".ge-bar").click()  # the bar leads there too
        else:
            tr.get_by_role("link").click()
        page.wait_for_url("**/hitta-exempel/?**")
        list_complete(page, CATALOGUE)
        assert page.locator(".ge-results__status").inner_text() == f"{count} exempel", caption
