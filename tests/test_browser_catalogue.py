"""The catalogue ("Hitta exempel") in real Chromium: facets and query, shareable addresses,
back/forward, keyboard-only use, and the list without JavaScript."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import DATA_SAVER, requests_of, search_settled
from goda_exempel.browse import CATALOGUE_PAGE as STEP
from bank import ALL, CASES, TOTAL, count_label, first_page, ids, labels_of, matching
from goda_exempel.browse import count_text
from page_types import CATALOGUE, list_complete

pytestmark = pytest.mark.browser


def shown(page) -> list[str]:
    """The case ids in the result list, in order, once the list is complete (for a view that
    has not changed since the last action, or whose count differs from the view before)."""
    list_complete(page, CATALOGUE)
    hrefs = page.locator(".ge-results__list a").evaluate_all("els => els.map(e => e.href)")
    return [urlsplit(h).path.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]


def wait_for(page, expected: list[str]) -> None:
    page.wait_for_function(
        """(expected) => {
            const ids = [...document.querySelectorAll('.ge-results__list a')]
              .map(a => a.pathname.replace(/\\/$/, '').split('/').pop());
            return JSON.stringify(ids) === JSON.stringify(expected);
        }""", arg=expected, timeout=10_000)


def tick(page, facet: str, value: str) -> None:
    page.locator(".ge-facet summary", has_text=facet).click()
    page.get_by_role("checkbox", name=value).check()


def test_without_filters_every_case_is_listed_in_swedish_title_order(page, site_url):
    page.goto(site_url + "hitta-exempel/")
    assert shown(page) == first_page(matching())  # the first page of every case, in title order
    titles = page.locator(".ge-results__list .ge-list__title").all_inner_texts()
    from goda_exempel.sorting import swedish_sorted
    assert titles == swedish_sorted(titles)
    assert page.locator(".ge-results__status").inner_text() == TOTAL


def test_two_facets_and_a_query_show_exactly_the_matching_cases(page, site_url):
    page.goto(site_url + "hitta-exempel/")
    shown(page)
    both = {"tema": ["Lokalt engagemang"], "malgrupp": ["Personal"]}
    tick(page, "Tema", "Lokalt engagemang")
    tick(page, "Målgrupp", "Personal")
    wait_for(page, first_page(matching(both)))
    assert "vardegrund-raslatt-jonkoping" in ids(matching(both))
    page.get_by_label("Sök i exemplen").fill("ungdomarna")
    wait_for(page, ["vardegrund-raslatt-jonkoping"])  # the one of those two filtered cases it is about
    assert page.locator(".ge-results__status").inner_text() == "1 exempel"
    first = page.locator(".ge-results__list li").first.inner_text()
    assert "Jönköping" in first and "pågående" in first  # organisation, place and period are shown

    # the address holds the whole state: a colleague opening it sees the same
    address = page.url
    assert "q=ungdomarna" in address and "tema=lokalt-engagemang" in address  # filters by id
    other = page.context.new_page()
    other.goto(address)
    wait_for(other, ["vardegrund-raslatt-jonkoping"])
    assert other.get_by_label("Sök i exemplen").input_value() == "ungdomarna"
    assert other.get_by_role("checkbox", name="Personal").is_checked()

    # back undoes the typed query, then the last filter; forward brings it back
    page.go_back()  # before the query was typed
    wait_for(page, first_page(matching(both)))
    assert page.get_by_label("Sök i exemplen").input_value() == ""
    page.go_back()  # before "Personal" was ticked
    wait_for(page, first_page(matching({"tema": ["Lokalt engagemang"]})))
    assert not page.get_by_role("checkbox", name="Personal").is_checked()
    page.go_forward()
    wait_for(page, first_page(matching(both)))


def test_period_filter_and_newest_first(page, site_url):
    until = matching(years=(None, 2015))
    assert 0 < len(until) < len(CASES)  # the filter really narrows
    page.goto(site_url + "hitta-exempel/?till=2015")
    wait_for(page, first_page(until))
    page.get_by_label("Från år").select_option("2020")
    page.get_by_label("Till år").select_option("")
    since = matching(years=(2020, None))
    expect(page.locator(".ge-results__status")).to_have_text(count_text(len(since)))
    assert shown(page) == first_page(since)


def test_a_year_the_menus_do_not_offer_filters_nothing_as_the_menus_show(page, site_url):
    page.goto(site_url + "hitta-exempel/?fran=2090&q=trygghet")
    expect(page.locator(".ge-results__status")).not_to_have_text("0 exempel")  # as without a year
    expect(page.locator(".ge-results__status")).not_to_have_text(re.compile("Söker"))
    with_year = page.locator(".ge-results__status").inner_text()
    page.goto(site_url + "hitta-exempel/?q=trygghet")
    expect(page.locator(".ge-results__status")).to_have_text(with_year)
    page.goto(site_url + "hitta-exempel/?fran=2090&q=trygghet")
    assert page.get_by_label("Från år").input_value() == ""  # "Alla"
    page.goto(site_url + "hitta-exempel/?till=1066")  # the view of every case, with its counts
    expect(page.locator(".ge-results__status")).to_have_text(TOTAL)
    page.locator(".ge-facet summary", has_text="Tema").click()
    assert all(text.startswith("(") for text in page.locator(".ge-facet label [data-count]").all_text_contents())


def test_counts_follow_the_filters(page, site_url):
    halland = matching({"lan": ["Hallands län"]})
    page.goto(site_url + "hitta-exempel/?lan=Hallands+l%C3%A4n")
    wait_for(page, first_page(halland))
    page.locator(".ge-facet summary", has_text="Tema").click()  # opening a group loads its counts
    for theme in ["Våld i nära relationer", "Lokalt engagemang"]:
        label = page.locator("label", has=page.get_by_role("checkbox", name=theme))
        expected = sum(theme in labels_of(c, "tema") for c in halland)
        expect(label.locator("[data-count]")).to_have_text(count_label(expected))


def test_every_case_newest_first_keeps_the_counts_of_every_case(page, site_url):
    page.goto(site_url + "hitta-exempel/")
    labels = page.locator(".ge-facet label [data-count]")
    before = labels.all_text_contents()
    assert before and all(text.startswith("(") for text in before)
    page.evaluate("document.querySelectorAll('.ge-results__list li').forEach(li => li.dataset.old = '')")
    page.get_by_label("Sortera").select_option("nyast")
    page.wait_for_url("**/hitta-exempel/?sortera=nyast")
    expect(page.locator(".ge-results__list li:not([data-old])")).to_have_count(len(first_page(CASES)),
                                                                           timeout=10_000)  # redrawn
    expect(page.locator(".ge-results__status")).to_have_text(TOTAL)
    page.locator(".ge-facet summary", has_text="Län").click()
    expect(labels).to_have_text(before)  # the same cases, only in another order


def test_a_ticked_groups_counts_say_what_ticking_another_value_would_give(page, site_url):
    page.goto(site_url + "hitta-exempel/")
    group = page.locator(".ge-facet", has=page.locator("summary", has_text="Län"))
    counts = group.locator("label [data-count]")
    before = counts.all_text_contents()  # every case: the counts the page came with
    tick(page, "Län", "Hallands län")
    wait_for(page, first_page(matching({"lan": ["Hallands län"]})))
    # the values of a group are combined with "or": each count is still what that value adds
    expect(counts).to_have_text(before)
    names = group.locator("label").all_text_contents()
    other = next(i for i, (name, n) in enumerate(zip(names, before)) if "Hallands" not in name and n != "(0)")
    added = int(before[other].strip("()"))
    group.get_by_role("checkbox").nth(other).check()
    halland = len(matching({"lan": ["Hallands län"]}))
    expect(page.locator(".ge-results__status")).to_have_text(count_text(halland + added))


def test_a_facet_group_shows_a_sign_that_it_opens_and_that_it_is_open(page, site_url):
    page.goto(site_url + "hitta-exempel/")
    sign = """() => { const s = document.querySelector('.ge-facet summary'); const after = getComputedStyle(s, '::after');
      const box = s.getBoundingClientRect();
      return [after.display, after.transform, parseFloat(after.width) > 0, parseFloat(after.right) < box.width / 2]; }"""
    display, closed, wide, at_right = page.evaluate(sign)
    assert display != "none" and wide and at_right
    page.locator(".ge-facet summary").first.click()
    # the chevron turns (in a short transition) when the group is open
    page.wait_for_function("(closed) => getComputedStyle(document.querySelector('.ge-facet summary'), '::after')"
                           ".transform !== closed", arg=closed, timeout=3000)


def test_filters_work_with_the_keyboard_alone(page, site_url):
    page.goto(site_url + "hitta-exempel/")
    shown(page)
    page.get_by_label("Sök i exemplen").focus()
    page.keyboard.type("grannarna")
    wait_for(page, ["trygga-grannar-vatterhem"])
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.press("Tab")  # to the filter panel (open on a wide screen)
    assert page.evaluate("document.activeElement.textContent").startswith("Filter")
    page.keyboard.press("Tab")  # to the first facet, "Tema"
    assert page.evaluate("document.activeElement.textContent") == "Tema"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")  # opens the facet
    page.keyboard.press("Tab")  # first checkbox: Barn och unga
    assert page.evaluate("document.activeElement.dataset.label") == "Barn och unga"
    page.keyboard.press("Space")
    wait_for(page, first_page(matching({"tema": ["Barn och unga"]})))
    assert "tema=barn-och-unga" in page.url  # by id


def test_with_javascript_the_form_shows_from_the_first_paint_and_the_static_list_if_the_script_fails(page, site_url):
    # before katalog.js has run (it is held back here), the form and the first cases are in place
    held = []
    page.route("**/katalog.js", lambda route: held.append(route))
    page.goto(site_url + "hitta-exempel/?tema=barn-och-unga", wait_until="domcontentloaded")
    expect(page.locator("#ge-filters")).to_be_visible()
    expect(page.locator("#ge-results .ge-results__list > li").first).to_be_visible()
    expect(page.locator("#ge-static")).to_be_hidden()
    assert "ge-busy" in page.evaluate("document.documentElement.className")  # dimmed: not yet the view's
    # a script that cannot be loaded gives the catalogue without JavaScript
    held[0].abort()
    expect(page.locator("#ge-static")).to_be_visible()
    expect(page.locator("#ge-filters")).to_be_hidden()
    expect(page.locator("#ge-static .ge-list__title")).to_have_count(len(ALL))


def test_without_javascript_the_full_list_and_facet_pages_are_there(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "hitta-exempel/")
    assert not page.locator("#ge-filters").is_visible()
    links = page.locator("#ge-static .ge-list__title").evaluate_all("els => els.map(e => e.href)")
    assert {urlsplit(h).path.rstrip("/").rsplit("/", 1)[-1] for h in links} == ALL
    page.get_by_role("link", name="Teman").first.click()
    page.get_by_role("link", name="Våld i nära relationer").click()
    assert page.locator("h1").inner_text() == "Tema: Våld i nära relationer"
    assert page.locator(".ge-list__title").all_inner_texts() == [
        c.title for c in matching({"tema": ["Våld i nära relationer"]})]
    context.close()




def test_once_idle_the_catalogue_readies_the_search_without_changing_what_it_shows(page, site_url):
    requests = requests_of(page, path=True)
    page.goto(site_url + "hitta-exempel/")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("performance.getEntriesByType('resource').some(e => e.name.includes('.pf_index'))")
    assert [url for url in requests if url.endswith("/pagefind/pagefind.js")]
    assert [url for url in requests if url.endswith(".pf_index")]  # the word every case has
    assert not [url for url in requests if "/filter/" in url or "/fragment/" in url]
    assert shown(page) == shown_in_title_order(page)[:STEP]  # the page's own list, unchanged
    assert page.locator(".ge-results__status").inner_text() == TOTAL
    assert page.evaluate("location.search") == ""
    page.get_by_label("Sök i exemplen").fill("grannarna")
    wait_for(page, ["trygga-grannar-vatterhem"])


def test_the_unfiltered_catalogue_comes_with_the_page_and_loads_no_search(page, site_url):
    """With the data saver on, opening the catalogue loads nothing of the search."""
    page.add_init_script(DATA_SAVER)
    requests = requests_of(page)
    page.goto(site_url + "hitta-exempel/")
    page.wait_for_load_state("networkidle")
    assert shown(page) == first_page(matching())
    assert page.locator(".ge-results__status").inner_text() == TOTAL
    assert not [url for url in requests if "/pagefind/" in url]
    page.locator(".ge-facet summary", has_text="Tema").click()  # a sign of a search to come: Pagefind loads
    label = page.locator("label", has=page.get_by_role("checkbox", name="Lokalt engagemang"))
    every = len(matching({"tema": ["Lokalt engagemang"]}))
    assert label.locator("[data-count]").inner_text() == count_label(every)  # every case's count, from the page
    search_settled(page)
    assert not [url for url in requests if "/index/" in url or "/filter/" in url]  # but no index yet

    # a search loads Pagefind, and the filter index of the open group only
    page.get_by_label("Sök i exemplen").fill("grannarna")
    wait_for(page, ["trygga-grannar-vatterhem"])
    expect(label.locator("[data-count]")).to_have_text("(1)")
    filters = [url for url in requests if "/filter/" in url]
    assert len(filters) == 1, filters
    closed = page.locator("label:has(input[value='personal']) [data-count]")
    assert closed.text_content() == ""  # a closed group shows no stale count
    page.locator(".ge-facet summary", has_text="Målgrupp").click()  # opening it counts it
    expect(closed).to_have_text("(1)")
    assert len([url for url in requests if "/filter/" in url]) == 2

    # emptying the query brings back the page's own list and counts, without a search
    page.get_by_label("Sök i exemplen").fill("")
    wait_for(page, shown_in_title_order(page)[:STEP])
    expect(label.locator("[data-count]")).to_have_text(count_label(every))


def shown_in_title_order(page) -> list[str]:
    return page.locator("#ge-static a.ge-list__title").evaluate_all(
        "els => els.map(a => a.pathname.replace(/\\/$/, '').split('/').pop())")


@pytest.fixture(scope="module")
def many_url(tmp_path_factory):
    """A site of 45 generated cases: more than one page of the catalogue."""
    import sys

    from conftest import ROOT, mkdocs_build, serve
    sys.path.insert(0, str(ROOT / "bench"))
    import run

    project = run.make_project(tmp_path_factory.mktemp("manga") / "project", 45, seed=5)
    result = mkdocs_build(project / "site", project / "mkdocs.yml", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    server = serve(project / "site")
    yield f"http://127.0.0.1:{server.server_address[1]}/", project
    server.shutdown()


@pytest.mark.parametrize("with_file", [True, False], ids=["selection-file", "search-index"])
def test_more_cases_continue_the_title_order(page, many_url, with_file):
    """From the selection file (goda_exempel.selection), or the search index without it."""
    from goda_exempel.sorting import swedish_sorted
    from goda_exempel.validate import validate_dir

    url, project = many_url
    titles = swedish_sorted(c.title for c in validate_dir(project / "examples", project).cases)
    page.add_init_script(DATA_SAVER)  # the first step comes with the page, the next from the file or index
    if not with_file:
        page.route("**/hitta-exempel/urval.json", lambda route: route.abort())
    requests = requests_of(page)
    page.goto(url + "hitta-exempel/")
    assert page.locator(".ge-results__status").inner_text() == "45 exempel"
    assert page.locator(".ge-results__list .ge-list__title").all_inner_texts() == titles[:STEP]
    assert not [u for u in requests if "/pagefind/" in u]
    for shown_before in range(STEP, 45, STEP):
        page.get_by_role("button", name="Visa fler").click()
        now = min(shown_before + STEP, 45)
        expect(page.locator(".ge-results__list li")).to_have_count(now, timeout=15_000)  # the first loads the file or Pagefind
        assert page.locator(".ge-results__list .ge-list__title").all_inner_texts() == titles[:now]
        assert page.evaluate("document.activeElement.textContent") == titles[shown_before]  # the first new case
    assert page.get_by_role("button", name="Visa fler").is_hidden()
    assert bool([u for u in requests if "/pagefind/" in u]) is not with_file


def fragments_loaded(page, count: int) -> None:
    """Wait until the page has loaded `count` result fragments: a search's list is complete.
    (Playwright's "networkidle" is reached once per page load, so it cannot say this.)"""
    page.wait_for_function(
        "(n) => performance.getEntriesByType('resource').filter(e => e.name.endsWith('.pf_fragment')).length >= n",
        arg=count, timeout=10_000)


def test_pressing_more_twice_quickly_adds_the_next_cases_once(page, many_url):
    url, _ = many_url
    page.goto(url + "hitta-exempel/")
    page.get_by_label("Sök i exemplen").fill("trygghet")
    fragments_loaded(page, STEP)
    expect(page.locator(".ge-results__list li")).to_have_count(STEP)
    more = page.get_by_role("button", name="Visa fler")
    # twice in one task, so the second press surely comes before the first has loaded its cases
    # (two separate dispatches can straddle a fast load and rightly add twenty)
    more.evaluate("button => { button.click(); button.click(); }")
    expect(page.locator(".ge-results__list li")).to_have_count(2 * STEP, timeout=15_000)  # a busy machine
    page.wait_for_timeout(500)  # a second set would still be coming in
    hrefs = page.locator(".ge-results__list a.ge-list__title").evaluate_all("els => els.map(a => a.href)")
    assert len(hrefs) == len(set(hrefs)) == 2 * STEP


def test_a_typed_query_loads_the_same_word_index_as_a_pasted_one(browser, many_url):
    """Letters typed one by one must not load the word index of their first letters."""
    url, _ = many_url

    def index_files(enter) -> set[str]:
        context = browser.new_context(locale="sv-SE")
        page = context.new_page()
        requests = requests_of(page, path=True)
        page.goto(url + "hitta-exempel/")
        enter(page)
        fragments_loaded(page, STEP)  # the search is done: every word index it needed was requested
        context.close()
        return {path for path in requests if path.endswith(".pf_index")}

    def typed(page):
        page.get_by_label("Sök i exemplen").click()
        page.keyboard.type("trygghet", delay=30)  # faster than the wait for more typing

    pasted = index_files(lambda page: page.get_by_label("Sök i exemplen").fill("trygghet"))
    assert pasted
    assert index_files(typed) == pasted


def test_the_catalogue_searches_from_the_third_letter_or_on_enter(page, site_url):
    page.goto(site_url + "hitta-exempel/")
    box = page.get_by_label("Sök i exemplen")
    box.click()
    page.keyboard.type("gr", delay=30)
    search_settled(page)  # longer than the wait for more typing
    assert page.evaluate("location.search") == ""
    assert shown(page) == first_page(matching())  # the list is still the whole catalogue
    page.keyboard.type("annarna")
    wait_for(page, ["trygga-grannar-vatterhem"])
    box.fill("gr")  # back to two letters: the list stays until Enter
    search_settled(page)
    assert page.evaluate("location.search") == "?q=grannarna"
    assert shown(page) == ["trygga-grannar-vatterhem"]
    box.press("Enter")
    page.wait_for_url("**/hitta-exempel/?q=gr")
    expect(page.locator(".ge-results__status")).to_have_text(re.compile(r"^\d+ exempel$"), timeout=10_000)


def test_a_query_that_arrives_whole_is_searched_at_once(page, site_url):
    """Typed letter by letter, the catalogue waits for the next letter before it searches;
    pasted or filled in, it searches at once (the address changes within the input event).
    Each input event is seen before and after the page's own handler (window, capture and
    bubble), so a pause of the machine between two typed letters cannot fail the test."""
    page.goto(site_url + "hitta-exempel/")
    page.evaluate("""() => { window.atInput = [];
        const q = () => decodeURIComponent(location.search);
        window.addEventListener('input', () => window.atInput.push([q()]), true);
        window.addEventListener('input', () => window.atInput[window.atInput.length - 1].push(q())); }""")
    box = page.get_by_label("Sök i exemplen")
    box.click()
    page.keyboard.type("grannarna", delay=30)
    events = page.evaluate("window.atInput")
    assert len(events) == len("grannarna")
    assert [after for before, after in events if after != before] == []  # no search within an event
    wait_for(page, ["trygga-grannar-vatterhem"])
    box.fill("överenskommelsen")
    before, after = page.evaluate("window.atInput")[-1]
    assert (before, after) == ("?q=grannarna", "?q=överenskommelsen")
    wait_for(page, ["organiserad-trygghet-goteborg"])


def test_without_search_words_the_order_offered_is_title_order(page, site_url):
    """There is no best match without search words: the list is then in title order, and the
    order control must say so rather than "Bäst träff"."""
    page.goto(site_url + "hitta-exempel/")
    sort = page.get_by_label("Sortera")
    offered = "el => [...el.options].filter(o => !o.hidden).map(o => o.textContent)"
    expect(sort.locator("option:checked")).to_have_text("Rubrik A–Ö")
    assert sort.evaluate(offered) == ["Rubrik A–Ö", "Senast tillagda"]
    page.get_by_label("Sök i exemplen").fill("trygghet")
    expect(sort.locator("option:checked")).to_have_text("Bäst träff")
    assert sort.evaluate(offered) == ["Bäst träff", "Senast tillagda", "Rubrik A–Ö"]
    page.get_by_label("Sök i exemplen").fill("")
    expect(sort.locator("option:checked")).to_have_text("Rubrik A–Ö")
    assert "sortera" not in page.url
