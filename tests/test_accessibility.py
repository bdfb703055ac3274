"""WCAG 2.1 A and AA in real Chromium: axe-core (node_modules/axe-core) finds no violation on
any page type, at phone and desktop width, nor with the menu or the search results open; the
accessibility statement says what the law asks; charts and the map have text alternatives
with the same figures."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import ROOT
from focus import tab_to
from page_types import PAGE_TYPES

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe(page) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is now."""
    if not AXE.exists():
        pytest.fail(f"axe-core saknas ({AXE}). Kör `make test`, som installerar det med npm ci.")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA)
    return result["violations"]


def report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} – {v['helpUrl']}")
        for node in v["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    text = "\n".join(lines)
    print(text)  # shown with the failure (and with -s)
    return text


def assert_no_violations(page) -> None:
    violations = axe(page)
    assert not violations, "\n" + report(violations)


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda p: p.name)
def test_no_wcag_21_aa_violations(page_at, site_url, page_type, width):
    page = page_at(width)
    page_type.open(page, site_url)
    assert_no_violations(page)


def test_no_violations_with_the_menu_open_on_a_phone(page_at, site_url):
    page = page_at(360)
    page.goto(site_url + "exempel/trygga-grannar-vatterhem/", wait_until="networkidle")
    tab_to(page, "el => el.id === '__drawer'", limit=1)
    page.keyboard.press("Space")
    tab_to(page, "el => el.classList.contains('md-nav__toggle')", limit=12)
    page.keyboard.press("Space")  # "Bläddra"
    # the sub-menu fades in: wait for its transition, not for a fixed time
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    assert page.get_by_role("link", name="Statistik").is_visible()
    assert_no_violations(page)


def test_no_violations_with_the_search_results_open(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    page.get_by_role("searchbox", name="Sök bland exemplen").fill("trygghet")
    page.locator(".ge-search__list a").first.wait_for(timeout=10_000)
    assert_no_violations(page)


def test_the_accessibility_statement(page, site_url):
    page.goto(site_url + "finns-inte/", wait_until="networkidle")
    page.get_by_role("contentinfo").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    page.wait_for_url("**/tillganglighet/")
    nav = page.get_by_role("navigation", name="Huvudmeny")
    assert nav.get_by_role("link", name="Tillgänglighet").get_attribute("href") == "./"
    assert page.get_by_role("heading", level=1, name=re.compile("^Tillgänglighetsredogörelse")).is_visible()
    text = " ".join(page.locator("article").inner_text().split())
    assert "lagen (2018:1937) om tillgänglighet till digital offentlig service" in text
    assert "WCAG 2.1 på nivå AA" in text
    assert "delvis förenlig" in text  # the level reached, with the known shortcomings listed
    assert page.get_by_role("heading", name="Kända brister").is_visible()
    assert page.get_by_role("heading", name="Så har vi testat").is_visible()
    # report a problem: an issue in the project's repository; DIGG supervises
    repo = re.search(r"^repo_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    assert page.get_by_role("link", name="projektets arkiv på GitHub").get_attribute("href") == repo
    assert "New issue" in text
    assert "Myndigheten för digital förvaltning (DIGG)" in text
    assert page.locator("article a[href^='https://www.digg.se/']").count() >= 1


def _cases():
    from goda_exempel.validate import validate_dir

    result = validate_dir(ROOT / "examples")
    assert not result.problems
    return result.cases


@pytest.mark.parametrize("width", [1280, 360])
def test_the_charts_are_tables_with_the_same_figures(page_at, site_url, width):
    from goda_exempel import facets, schema

    cases = _cases()
    themes = schema.vocabulary("themes")
    expected = {
        "Exempel per tema": Counter(themes.label_of(t) for c in cases for t in c.meta["themes"]),
        "Exempel per län": Counter(county for c in cases for county in c.counties),
        "Exempel per år": Counter(y for c in cases for y in facets.active_years(c)),
    }
    first, last = min(map(int, expected["Exempel per år"])), max(map(int, expected["Exempel per år"]))
    for year in range(first, last + 1):  # years without cases are there, as zero
        expected["Exempel per år"].setdefault(str(year), 0)
    page = page_at(width)
    page.goto(site_url + "statistik/", wait_until="networkidle")
    for caption, counts in expected.items():
        table = page.get_by_role("table", name=caption)
        assert table.is_visible()
        rows = table.locator("tbody tr")
        shown = {rows.nth(i).get_by_role("rowheader").inner_text(): rows.nth(i).get_by_role("cell").inner_text().strip()
                 for i in range(rows.count())}
        assert shown == {label: str(n) for label, n in counts.items()}
        # the bars are for the eye; assistive technology gets the numbers
        assert table.locator(".ge-bar:not([aria-hidden='true'])").count() == 0
        # and the eye gets the same figures: each bar as long as its number says
        bars = table.locator(".ge-bar").evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
        numbers = [int(v) for v in shown.values()]
        per_case = max(bars) / max(numbers)
        for bar, n in zip(bars, numbers):
            assert abs(bar - n * per_case) <= max(1.5, 2 if n == 0 else 0), f"{caption}: stapeln för {n} är {bar:.0f} px"
        assert all(box["x"] + box["width"] <= width for box in
                   table.locator(".ge-bar-cell").evaluate_all(
                       "els => els.map(e => { const r = e.getBoundingClientRect(); return {x: r.x, width: r.width}; })"))


def test_the_map_has_a_list_with_the_same_places_and_figures(page, site_url):
    cases = _cases()
    per_place = Counter(m.name for c in cases for m in c.municipalities)
    per_county = Counter(county for c in cases for county in c.counties)
    page.goto(site_url + "karta/", wait_until="networkidle")
    tree = page.locator("svg.ge-map").aria_snapshot()
    assert tree.startswith('- group "Karta över Sverige')
    on_map = dict(re.findall(r'link "([^":]+): (\d+) exempel i \d+ kommun(?:er)?"', tree))
    assert on_map == {name: str(n) for name, n in per_county.items()}
    # the shapes of counties without cases are hidden from assistive technology
    assert page.locator(".ge-map__counties[aria-hidden='true']").count() == 1
    on_map = {name: str(n) for name, n in per_place.items()}  # the list names every place

    heading = page.get_by_role("heading", name="Kommuner med exempel")
    listed = {}
    for item in page.locator("article li").all():
        match = re.fullmatch(r"(.+?) \((\d+) exempel\)", " ".join(item.inner_text().split()))
        if match and item.get_by_role("link").count() == 1:
            listed[match.group(1)] = match.group(2)
    assert heading.is_visible()
    assert listed == on_map
