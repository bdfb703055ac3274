"""In real Chromium: the header search finds each case by an inflected Swedish word that is
not in the case literally, and no page makes a request to another site."""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from bank import ALL, cases_with_word_starting
from conftest import ROOT, requests_of, search_settled
from page_types import HEADER, list_complete
from test_browser_catalogue import shown

pytestmark = pytest.mark.browser

# word typed → the case it must find; the word itself does not occur in that case's file
INFLECTED = {
    "grannarna": "trygga-grannar-vatterhem",
    "ungdomarna": "vardegrund-raslatt-jonkoping",
    "chaufförer": "trygghetssamordnare-halmstad",
    "överenskommelsen": "organiserad-trygghet-goteborg",
}


@pytest.mark.parametrize("word, case_id", INFLECTED.items())
def test_header_search_understands_swedish_inflections(page, site_url, word, case_id):
    text = (ROOT / "examples" / f"{case_id}.md").read_text(encoding="utf-8").lower()
    assert not re.search(rf"\b{word}\b", text)  # the test relies on stemming, not an exact match
    page.goto(site_url + "om/")
    page.get_by_role("searchbox", name="Sök bland exemplen").fill(word)
    assert urlsplit(site_url).path + f"exempel/{case_id}/" in header_results(page)
    status = page.locator(".ge-search__status").inner_text()
    assert status.endswith("exempel hittades")


def test_search_result_opens_the_case(page, site_url):
    page.goto(site_url)
    box = page.get_by_role("searchbox", name="Sök bland exemplen")
    box.fill("grannarna")
    page.locator(".ge-search__list a").first.wait_for(timeout=10_000)
    box.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/exempel/trygga-grannar-vatterhem/")
    assert page.locator("h1").inner_text().startswith("Trygga grannar")


def test_no_hits_says_so(page, site_url):
    page.goto(site_url)
    page.get_by_role("searchbox", name="Sök bland exemplen").fill("xyzzyqwerty")
    status = page.locator(".ge-search__status")
    status.wait_for(state="visible", timeout=10_000)
    page.wait_for_function("document.querySelector('.ge-search__status').textContent.length > 0")
    assert status.inner_text() == "Inga exempel hittades för ”xyzzyqwerty”."


PAGE_TYPES = ["", "om/", "hitta-exempel/", "exempel/trygga-grannar-vatterhem/", "finns-inte/"]


def test_every_request_stays_on_the_site(page, site_url):
    origin = urlsplit(site_url).netloc
    requests = requests_of(page)
    for path in PAGE_TYPES:
        page.goto(site_url + path, wait_until="networkidle")
    page.get_by_role("searchbox", name="Sök bland exemplen").fill("trygghet")
    page.locator(".ge-search__list a").first.wait_for(timeout=10_000)
    search_settled(page)
    assert any("/pagefind/" in url for url in requests), "the search made no request at all"
    elsewhere = [url for url in requests
                 if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != origin]
    assert elsewhere == []
    assert not [url for url in requests if "sitemap" in url]  # nothing fetched that no page needs


def header_results(page) -> list[str]:
    """The paths the header lists for the query just typed or filled in, once its list is
    complete: no longer marked busy (an earlier query's list is, from the input event on) and
    as long as the count says, up to six."""
    list_complete(page, HEADER)
    return page.locator(".ge-search__list a").evaluate_all("els => els.map(e => e.pathname)")


def test_fact_labels_are_not_searched_but_fact_values_are(page, site_url):
    page.goto(site_url)
    box = page.get_by_role("searchbox", name="Sök bland exemplen")
    box.fill("fakta")  # "Fakta om exemplet" heads the fact box of every case page
    hits = header_results(page)
    with_fakt = cases_with_word_starting("fakt")  # "faktiskt", "faktorer" in their text
    assert 0 < len(with_fakt) < len(ALL)
    found = {h.rstrip("/").rsplit("/", 1)[-1] for h in hits}
    assert found <= set(with_fakt) and len(found) == min(len(with_fakt), 6)
    box.fill("Hyresgästföreningen")  # a partner, only in the fact box of one case
    hits = header_results(page)
    assert len(hits) == 1 and hits[0].endswith("/exempel/trygga-grannar-vatterhem/")


# --- an index in several shards (10,000 cases make three; here the four cases make two) --------

ADDED = {"organiserad-trygghet-goteborg": "2026-01-03", "trygga-grannar-vatterhem": "2025-06-01",
         "trygghetssamordnare-halmstad": "2026-02-01", "vardegrund-raslatt-jonkoping": "2024-12-24"}


@pytest.fixture(scope="module")
def sharded_url(tmp_path_factory):
    """A site of the four first cases with its search index rebuilt in two shards, and other
    dates added. Built from those four alone, so that what it shows stays fixed as the bank grows."""
    import sys

    from conftest import mkdocs_build, pages_path, serve
    from goda_exempel import search
    sys.path.insert(0, str(ROOT / "bench"))
    import run

    project = run.make_project(tmp_path_factory.mktemp("delat") / "project", 0, seed=1)
    for case_id in ADDED:
        shutil.copy2(ROOT / "examples" / f"{case_id}.md", project / "examples" / f"{case_id}.md")
    site = project / "site"
    result = mkdocs_build(site, project / "mkdocs.yml", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = []
    for case_id, added in ADDED.items():
        found = search.page_from_html(f"exempel/{case_id}/", (site / "exempel" / case_id / "index.html").read_text("utf-8"))
        found.added = added
        pages.append(found)
    search.build_index(pages, site / "pagefind", shard_size=2)
    assert json.loads((site / "pagefind" / "delar.json").read_text()) == {"delar": [2, 2]}
    # the catalogue's selection file has the files' dates, not these: without it, the catalogue
    # answers every view from the index, as on a site too large for the file (goda_exempel.selection)
    (site / "hitta-exempel" / "urval.json").unlink()
    server = serve(site, pages_path())
    yield f"http://127.0.0.1:{server.server_address[1]}{pages_path()}"
    server.shutdown()


def test_the_header_search_finds_cases_in_every_shard(page, sharded_url):
    requests = requests_of(page)
    page.goto(sharded_url + "om/")
    box = page.get_by_role("searchbox", name="Sök bland exemplen")
    box.fill("trygghet")
    page.wait_for_function("document.querySelector('.ge-search__status').textContent.length > 0")
    assert page.locator(".ge-search__status").inner_text() == "4 exempel hittades"
    for word, case_id in INFLECTED.items():
        box.fill(word)
        assert any(h.endswith(f"/exempel/{case_id}/") for h in header_results(page)), word
    assert any("/pagefind/del-1/" in url for url in requests)
    assert not any("pagefind-worker" in url for url in requests)  # Pagefind runs on the main thread


# Counts the streams Pagefind opens to unpack its files (goda_exempel/pagefind_js.py); with
# none, it would have fallen back to its gunzip in JavaScript.
COUNT_GUNZIPS = """(() => { const Native = window.DecompressionStream; window.__unpacked = 0;
  window.DecompressionStream = class extends Native { constructor(f) { super(f); window.__unpacked++; } }; })()"""


@pytest.mark.parametrize("browser_gunzip", [True, False])
def test_the_search_unpacks_its_files_with_the_browsers_gunzip_or_without_it(page, sharded_url, browser_gunzip):
    page.add_init_script(COUNT_GUNZIPS if browser_gunzip else "delete window.DecompressionStream;")
    page.goto(sharded_url + "om/")
    page.get_by_role("searchbox", name="Sök bland exemplen").fill("trygghet")
    page.wait_for_function("document.querySelector('.ge-search__status').textContent.length > 0")
    assert page.locator(".ge-search__status").inner_text() == "4 exempel hittades"
    expect(page.locator(".ge-search__list a")).to_have_count(4)  # each as its fragment arrives
    if browser_gunzip:  # the WebAssembly, both shards' metadata and word index, four fragments
        assert page.evaluate("window.__unpacked") >= 1 + 2 + 2 + 4


# --- more matches than the header shows ----------------------------------------------------------

CLONES = 9  # copies of one case, so that a word matches more cases than the header's six


@pytest.fixture(scope="module")
def many_url(built_site, tmp_path_factory):
    """The built site with nine more cases (copies of one, other titles) in its search index."""
    from conftest import pages_path, serve
    from goda_exempel import search

    site = tmp_path_factory.mktemp("manga") / "site"
    shutil.copytree(built_site, site)
    original = (site / "exempel" / "trygga-grannar-vatterhem" / "index.html").read_text("utf-8")
    pages = [search.page_from_html(f"exempel/{case_id}/", (site / "exempel" / case_id / "index.html").read_text("utf-8"))
             for case_id in ADDED]
    for i in range(CLONES):
        html = original.replace("Trygga grannar", f"Trygga grannar {i + 1}")
        (site / "exempel" / f"klon-{i + 1}").mkdir()
        (site / "exempel" / f"klon-{i + 1}" / "index.html").write_text(html, "utf-8")
        pages.append(search.page_from_html(f"exempel/klon-{i + 1}/", html))
    search.build_index(pages, site / "pagefind")
    server = serve(site, pages_path())
    yield f"http://127.0.0.1:{server.server_address[1]}{pages_path()}"
    server.shutdown()


def test_the_header_counts_every_match_and_links_to_all_of_them(page, many_url):
    page.goto(many_url + "om/")
    box = page.get_by_role("searchbox", name="Sök bland exemplen")
    box.fill("grannarna")
    status = page.locator(".ge-search__status")
    expect(status).to_have_text(re.compile(r"^\d+ exempel hittades$"))
    total = int(status.inner_text().split()[0])
    assert total >= 1 + CLONES  # the case and its copies, not the six shown
    expect(page.locator(".ge-search__list a")).to_have_count(6)
    everything = page.get_by_role("link", name=f"Visa alla {total} på sidan Hitta exempel")
    expect(everything).to_be_visible()
    # by keyboard: past the six results to the link, which opens the catalogue with the query
    box.press("ArrowDown")
    for _ in range(6):
        page.keyboard.press("ArrowDown")
    expect(everything).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/hitta-exempel/?q=grannarna")
    expect(page.locator(".ge-results__status")).to_have_text(f"{total} exempel")


def test_on_a_phone_the_link_to_all_stays_in_view_and_covers_no_focused_result(browser, many_url):
    context = browser.new_context(locale="sv-SE", viewport={"width": 360, "height": 560})
    page = context.new_page()
    try:
        page.goto(many_url + "om/")
        page.get_by_role("searchbox", name="Sök bland exemplen").fill("grannarna")
        expect(page.locator(".ge-search__list a")).to_have_count(6)
        boxes = """() => { const r = (s) => document.querySelector(s).getBoundingClientRect();
          const panel = document.querySelector('.ge-search__panel');
          return {panel: r('.ge-search__panel'), all: r('.ge-search__all'), focused: document.activeElement.getBoundingClientRect(),
                  scrolls: panel.scrollHeight > panel.clientHeight}; }"""
        first = page.evaluate(boxes)
        assert first["scrolls"]  # six results do not fit: the list scrolls under the link
        page.keyboard.press("ArrowDown")
        for _ in range(6):
            now = page.evaluate(boxes)
            # the link to all is inside the panel's visible part, and the focused result above it
            assert now["panel"]["top"] <= now["all"]["top"] and now["all"]["bottom"] <= now["panel"]["bottom"] + 1
            assert now["focused"]["bottom"] <= now["all"]["top"] + 1 and now["focused"]["top"] >= now["panel"]["top"] - 1
            page.keyboard.press("ArrowDown")
        expect(page.locator(".ge-search__all")).to_be_focused()
    finally:
        context.close()


HELD_FRAGMENTS = """(() => { const fetch = window.fetch; let release;
  const gate = new Promise((open) => { release = open; });
  window.__release = release; window.__hold = () => false;
  window.fetch = (url, options) => String(url).includes('.pf_fragment') && window.__hold()
    ? gate.then(() => fetch(url, options)) : fetch(url, options); })()"""
"""Result fragments that window.__hold() picks wait until the test calls window.__release():
a slow connection without a race against a fixed delay on a busy machine."""


def test_while_a_new_query_loads_the_earlier_list_is_marked_busy_and_loses_its_link(page, many_url):
    page.add_init_script(HELD_FRAGMENTS)
    page.goto(many_url + "om/")
    box = page.get_by_role("searchbox", name="Sök bland exemplen")
    box.fill("grannarna")
    everything = page.locator(".ge-search__all")
    expect(everything).to_be_visible()
    old = page.locator(".ge-search__list a").first.inner_text()
    page.evaluate("window.__hold = () => true")  # on a slow connection
    box.press_sequentially(" trygghet", delay=20)
    busy = page.locator(".ge-search__list[aria-busy=true]")
    expect(busy).to_have_count(1)  # still the earlier results, but marked as such
    expect(everything).to_be_hidden()  # its link named the earlier query
    assert page.locator(".ge-search__list a").first.inner_text() == old
    page.evaluate("window.__release()")
    expect(busy).to_have_count(0, timeout=10_000)  # then this query's list, and its link
    expect(everything).to_be_visible()
    assert everything.get_attribute("href").endswith("hitta-exempel/?q=grannarna+trygghet")


def test_each_result_shows_as_soon_as_it_has_loaded(page, many_url):
    # every fragment but the first is held back
    page.add_init_script(HELD_FRAGMENTS)
    page.add_init_script("(() => { let fragments = 0; window.__hold = () => fragments++ > 0; })()")
    page.goto(many_url + "om/")
    page.get_by_role("searchbox", name="Sök bland exemplen").fill("grannarna")
    hits = page.locator(".ge-search__list a")
    expect(hits).to_have_count(1, timeout=10_000)  # the best match, with the count of all
    expect(page.locator(".ge-search__status")).to_have_text(re.compile(r"^\d+ exempel hittades$"))
    assert hits.count() == 1  # the others are still on their way
    page.evaluate("window.__release()")
    expect(hits).to_have_count(6, timeout=10_000)


def test_the_panel_closes_when_the_keyboard_moves_past_it_not_on_a_click_inside(page, sharded_url):
    page.goto(sharded_url + "om/")
    box = page.get_by_role("searchbox", name="Sök bland exemplen")
    box.fill("trygghet")
    panel = page.locator(".ge-search__panel")
    expect(page.locator(".ge-search__list a")).to_have_count(4)
    page.locator(".ge-search__status").click()  # not a link: the panel stays
    expect(panel).to_be_visible()
    box.focus()
    inside = "document.querySelector('.ge-search').contains(document.activeElement)"
    steps = 0
    while page.evaluate(inside):  # through the search button and the four results
        expect(panel).to_be_visible()
        page.keyboard.press("Tab")
        steps += 1
    assert steps == 1 + 1 + 4  # then past them: the panel closes
    expect(panel).to_be_hidden()


def test_counts_are_written_the_same_swedish_way_in_the_browser_and_the_build(page, site_url):
    from goda_exempel.browse import count_text
    from goda_exempel.render import swedish_number

    page.goto(site_url + "om/")
    written = page.evaluate("[1, 999, 9465, 1234567].map(window.geSok.tal)")
    assert written == [swedish_number(n) for n in (1, 999, 9465, 1234567)] == ["1", "999", "9\u00a0465", "1\u00a0234\u00a0567"]
    assert count_text(9465) == "9\u00a0465 exempel" and count_text(1) == "1 exempel"


def test_the_catalogue_orders_cases_across_shards(page, sharded_url):
    from goda_exempel.sorting import swedish_sorted

    page.goto(sharded_url + "hitta-exempel/")
    ids = shown(page)
    titles = page.locator(".ge-results__list .ge-list__title").all_inner_texts()
    assert set(ids) == set(ADDED) and titles == swedish_sorted(titles)
    assert page.locator(".ge-results__status").inner_text() == "4 exempel"

    page.goto(sharded_url + "hitta-exempel/?sortera=nyast")
    assert shown(page) == sorted(ADDED, key=ADDED.get, reverse=True)

    page.goto(sharded_url + "hitta-exempel/?q=trygghet&sortera=rubrik")
    assert len(shown(page)) == 4
    assert page.locator(".ge-results__list .ge-list__title").all_inner_texts() == titles

    page.goto(sharded_url + "hitta-exempel/?lan=Hallands+l%C3%A4n")
    assert shown(page) == ["trygghetssamordnare-halmstad"]
    page.locator(".ge-facet summary", has_text="Tema").click()  # counts from both shards, filtered
    label = page.locator("label", has=page.get_by_role("checkbox", name="Våld i nära relationer"))
    expect(label.locator("[data-count]")).to_have_text("(0)")
    label = page.locator("label", has=page.get_by_role("checkbox", name="Lokalt engagemang"))
    expect(label.locator("[data-count]")).to_have_text("(1)")


def test_two_letters_search_nothing_yet_and_enter_searches_them_on_the_catalogue(page, site_url):
    requests = requests_of(page)
    page.goto(site_url)
    box = page.get_by_role("searchbox", name="Sök bland exemplen")
    box.click()
    page.keyboard.type("gr", delay=30)
    search_settled(page)  # longer than the wait for more typing
    assert page.locator(".ge-search__panel").is_hidden()
    assert not [url for url in requests if ".pf_index" in url]  # no search ran
    page.keyboard.type("a")
    page.locator(".ge-search__list a").first.wait_for(timeout=10_000)
    box.fill("gr")
    expect(page.locator(".ge-search__panel")).to_be_hidden()
    box.press("Enter")
    page.wait_for_url("**/hitta-exempel/?q=gr")
    expect(page.locator(".ge-results__status")).to_have_text(re.compile(r"^\d+ exempel$"))


def test_the_first_letter_typed_loads_the_search_but_searches_nothing(page, site_url):
    requests = requests_of(page, path=True)
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert not [path for path in requests if "/pagefind/" in path]  # the page alone loads no search
    box = page.get_by_role("searchbox", name="Sök bland exemplen")
    box.focus()  # by keyboard: no pointer on the box
    page.wait_for_timeout(300)
    assert not [path for path in requests if "/pagefind/" in path]  # tabbing to the box loads nothing
    page.keyboard.type("t")
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.endsWith('.pf_meta'))")
    search_settled(page)
    loaded = [path for path in requests if "/pagefind/" in path]
    assert any(path.endswith("/pagefind.js") for path in loaded) and any(".pagefind" in path for path in loaded)
    assert not [path for path in loaded if ".pf_index" in path or ".pf_fragment" in path]  # no search yet
    expect(page.locator(".ge-search__panel")).to_be_hidden()
    page.keyboard.type("rygghet", delay=20)
    expect(page.locator(".ge-search__status")).to_have_text(re.compile(r"^\d+ exempel hittades$"))


def test_both_boxes_wait_for_more_typing_only_after_a_typed_letter(page, site_url):
    """The rule both search boxes use (window.geSok.pause): a typed letter waits for the next
    one; a query that arrives whole (pasted, dropped, filled in, corrected) is searched at once."""
    page.goto(site_url + "om/")
    waits = page.evaluate("""() => {
        const pause = window.geSok.pause;
        const input = (type, data) => new InputEvent('input', {inputType: type, data: data});
        return [
            pause(input('insertText', 'g'), 'tryg', 'trygg', 120),
            pause(input('deleteContentBackward', null), 'trygg', 'tryg', 120),
            pause(input('insertText', 'trygghet'), '', 'trygghet', 120),
            pause(input('insertText', 'våld'), 'trygghet', 'våld', 120),
            pause(input('insertFromPaste', null), 'trygghet', 'våld', 120),
            pause(input('insertFromDrop', null), '', 'v', 120),
            pause(input('insertReplacementText', null), 'trygget', 'trygghet', 120),
            pause(new Event('input'), 'tr', 'try', 150),
            pause(new Event('input'), '', 'trygghet', 150),
        ];
    }""")
    assert waits == [120, 120, 0, 0, 0, 0, 0, 150, 0]



def test_small_words_of_a_longer_query_are_not_searched_for(page, site_url):
    """Pagefind would match "i" of "våld i nära relationer" in nearly every case (and words that
    begin with it, such as "inte"), mark each in the excerpts and pick excerpts full of them.
    The small words are left out when the query has others; a query of only small words stays."""
    page.goto(site_url + "om/")
    box = page.get_by_role("searchbox", name="Sök bland exemplen")
    marks = page.locator(".ge-search__excerpt mark")
    box.fill("våld i nära relationer")
    found = len(cases_with_word_starting("våld", "när", "relation"))  # every word's stem, not "i"
    assert 0 < found < len(ALL)
    expect(page.locator(".ge-search__status")).to_have_text(f"{found} exempel hittades", timeout=10_000)
    expect(page.locator(".ge-search__list li")).to_have_count(min(found, 6))
    texts = {m.lower().strip(".,:") for m in marks.all_inner_texts()}
    assert "våld" in texts and not texts & {"i", "inte", "insatserna"}
    box.fill("och")
    expect(marks.first).to_have_text(re.compile("^och$", re.IGNORECASE), timeout=10_000)
    box.fill('"våld i hemmet"')  # a phrase in quotes is searched as it is
    expect(page.locator(".ge-search__status")).to_have_text("1 exempel hittades", timeout=10_000)
    assert "i" in marks.all_inner_texts()


def test_the_catalogue_leaves_out_the_same_small_words(page, site_url):
    """ "och" would match in every case and change their order by best match"""
    titles = page.locator(".ge-results__list .ge-list__title")
    from goda_exempel.browse import CATALOGUE_PAGE

    lists, counts = [], []
    for query in ("trygghet och", "trygghet"):
        page.goto(site_url + "hitta-exempel/?q=" + query)
        status = page.locator(".ge-results__status")
        expect(status).to_have_text(re.compile(r"^\d+ exempel$"), timeout=10_000)
        counts.append(status.inner_text())
        expect(titles).to_have_count(min(int(counts[-1].split()[0]), CATALOGUE_PAGE))
        lists.append(titles.all_inner_texts())
    assert counts[0] == counts[1] and lists[0] == lists[1]
