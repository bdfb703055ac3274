"""The map at scale, in real Chromium: on a generated site of 300 cases and on one with every
one of the 290 municipalities, every municipality with cases can be chosen by pointer, touch
and keyboard. On the map each county with cases is a target of at least 24 px that nothing
covers (elementFromPoint at its centre hits it), at 390 and 1280 px; it leads to the county's
group in the list, where every municipality is a link of at least 24 px; a link at the top
skips the map."""

from __future__ import annotations

import sys
from collections import Counter

import pytest

from conftest import ROOT, mkdocs_build, serve

pytestmark = pytest.mark.browser

# A target brought to the middle of the screen (not under the fixed header), then hit at its
# centre as a finger or pointer would.
TARGETS = """(els) => els.map((el) => {
  el.scrollIntoView({block: 'center'});
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  const link = el.closest('a');
  return {name: link.getAttribute('aria-label') || link.textContent, href: link.getAttribute('href'),
          width: r.width, height: r.height, hit: !!hit && link.contains(hit)};
})"""


@pytest.fixture(scope="module", params=[300, 400], ids=["300-exempel", "alla-290-kommuner"])
def generated(request, tmp_path_factory):
    sys.path.insert(0, str(ROOT / "bench"))
    import run

    from goda_exempel.validate import validate_dir

    project = run.make_project(tmp_path_factory.mktemp(f"karta{request.param}") / "project", request.param, seed=1)
    result = mkdocs_build(project / "site", project / "mkdocs.yml", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    cases = validate_dir(project / "examples", project).cases
    server = serve(project / "site")
    yield f"http://127.0.0.1:{server.server_address[1]}/", cases
    server.shutdown()


@pytest.mark.parametrize("width", [390, 1280])
def test_every_municipality_with_cases_can_be_chosen_on_the_map_and_its_list(page_at, generated, width):
    url, cases = generated
    municipalities = Counter(m.name for c in cases for m in c.municipalities)
    counties = {m.county for c in cases for m in c.municipalities} | {county for c in cases for county in c.counties}
    page = page_at(width)
    page.goto(url + "karta/", wait_until="networkidle")
    if len(cases) == 400:
        assert len(municipalities) == 290
    markers = page.locator("a.ge-map__county .ge-map__marker")
    assert markers.count() == len(counties)
    for target in markers.evaluate_all(TARGETS):
        assert target["hit"], f"{target['name']}: täcks av något annat"
        assert min(target["width"], target["height"]) >= 24, target
    # each county leads to its group in the list, which names its municipalities
    for name in page.locator("a.ge-map__county").evaluate_all("els => els.map(a => a.getAttribute('href'))"):
        assert page.locator(name).count() == 1, name
    places = page.locator(".ge-place-list a")
    assert sorted(places.all_inner_texts()) == sorted(municipalities)
    for target in places.evaluate_all(TARGETS):
        assert target["hit"] and target["height"] >= 24, target


def test_the_map_with_touch_and_keyboard(browser, generated):
    url, cases = generated
    context = browser.new_context(locale="sv-SE", viewport={"width": 390, "height": 800}, has_touch=True,
                                  is_mobile=True)
    try:
        page = context.new_page()
        page.goto(url + "karta/", wait_until="networkidle")
        marker = page.locator("a.ge-map__county", has=page.locator("title", has_text="Stockholms län")).locator(".ge-map__marker")
        marker.scroll_into_view_if_needed()
        marker.tap()
        page.wait_for_url("**#lan-stockholms-lan")
        heading = page.locator("#lan-stockholms-lan")
        assert heading.inner_text() == "Stockholms län" and heading.is_visible()
        # the keyboard: the first Tab stops after the header reach the skip link, which passes the map
        page.goto(url + "karta/", wait_until="networkidle")
        skip = page.get_by_role("link", name="Hoppa till listan över kommunerna")
        skip.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**#kommuner-med-exempel")
        for _ in range(2):  # the heading's own link ("#"), then the list
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.closest('.ge-place-list') !== null"):
                break
        else:
            pytest.fail("Tab efter hopplänken når inte listan: " + page.evaluate("document.activeElement.outerHTML"))
    finally:
        context.close()


def test_the_map_page_stays_small(generated):
    import urllib.request

    url, cases = generated
    size = len(urllib.request.urlopen(url + "karta/").read())
    assert size < 120_000, size  # was 290 KB with every municipality's outline
