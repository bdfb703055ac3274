"""A view without search words is answered from the catalogue's selection file (goda_exempel.
selection), without the search index; without the file it is answered by Pagefind. Both must
show the same: the same cases in the same order, rows, count and every box's count."""

from __future__ import annotations

from collections import Counter

import pytest
from playwright.sync_api import expect

from bank import CASES, TOTAL, first_page, ids, matching
from conftest import DATA_SAVER, requests_of
from goda_exempel import facets
from page_types import CATALOGUE, list_complete

pytestmark = pytest.mark.browser


def _most_common(key: str, rank: int = 0) -> str:
    """A facet value's id (its box's value), the rank-th most used in the bank."""
    f = facets.facet(key)
    counts = Counter(v for c in CASES for v in f.values_of(c)).most_common()
    return f.slugs()[counts[min(rank, len(counts) - 1)][0]]


def _nothing_in_common() -> str:
    """A theme and a county that no case has together: a view with nothing in it."""
    tema, lan = facets.facet("tema"), facets.facet("lan")
    for theme in tema.every_value():
        for county in lan.every_value():
            if not any(theme in tema.values_of(c) and county in lan.values_of(c) for c in CASES):
                return f"tema={tema.slugs()[theme]}&lan={lan.slugs()[county]}"
    raise AssertionError("every theme in every county")


# addresses a visitor shares: one value, two of one group, several groups, a period, an order,
# an old label link, a value the page does not offer, a view with nothing in it
ADDRESSES = [
    f"tema={_most_common('tema')}",
    f"tema={_most_common('tema')}&tema={_most_common('tema', 1)}&lan={_most_common('lan')}",
    f"organisation={_most_common('organisation')}&malgrupp={_most_common('malgrupp')}&metod={_most_common('metod')}",
    f"kommun={_most_common('kommun')}&uppfoljning={_most_common('uppfoljning')}",
    f"inriktning={_most_common('inriktning')}&status={_most_common('status')}&sortera=nyast",
    "fran=2020",
    "fran=2012&till=2016&tema=" + _most_common("tema"),
    "sortera=nyast",
    "tema=Lokalt%20engagemang&tema=Foo",
    f"tema={_most_common('tema', 9)}&lan={_most_common('lan', 9)}&status={_most_common('status', 2)}",
    _nothing_in_common(),
]

_VIEW = """() => ({
  status: document.querySelector('.ge-results__status').textContent,
  rows: [...document.querySelectorAll('.ge-results__list li')].map(li => li.innerText),
  marked: [...document.querySelectorAll('.ge-results__list .ge-tag--match')].map(t => t.textContent),
  links: [...document.querySelectorAll('.ge-results__list a')].map(a => a.pathname),
  chips: [...document.querySelectorAll('.ge-chosen li')].map(li => li.innerText),
  counts: [...document.querySelectorAll('.ge-facet input[type=checkbox]')].map(b =>
    b.name + '=' + b.value + ' ' + b.closest('label').querySelector('[data-count]').textContent),
  more: !document.querySelector('.ge-results__more').hidden,
})"""

_OPEN_EVERY_GROUP = "() => document.querySelectorAll('.ge-facet').forEach(d => { d.open = true; })"


def _view(page, address: str, with_file: bool) -> dict:
    if not with_file:
        page.route("**/hitta-exempel/urval.json", lambda route: route.abort())
    page.goto(address)
    page.wait_for_function(_SHOWN)
    page.evaluate(_OPEN_EVERY_GROUP)  # every group shows its counts
    return page.evaluate(_VIEW)


# katalog.js has taken over from the page's head (ge-busy) and found the address's view
_SHOWN = """() => !document.documentElement.classList.contains('ge-busy')
  && !document.querySelector('#ge-results').hasAttribute('aria-busy')"""
_REST_SHOWN = """() => document.querySelector('.ge-results__more').hidden
  || document.querySelectorAll('.ge-results__list li').length >= 2 * """ + str(CATALOGUE["most"])


@pytest.mark.parametrize("query", ADDRESSES)
def test_the_selection_file_and_the_search_index_show_the_same_view(browser, site_url, query):
    address = site_url + "hitta-exempel/?" + query
    own_context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 800})
    own = own_context.new_page()
    requests = requests_of(own)
    expected = _view(own, address, with_file=True)
    assert any(url.endswith("/hitta-exempel/urval.json") for url in requests)
    if expected["more"]:  # the rest of the list too
        own.get_by_role("button", name="Visa fler").click()
        own.wait_for_function(_REST_SHOWN)
        expected = own.evaluate(_VIEW)
    assert not [c for c in expected["counts"] if c.endswith(" ")], "every group has its counts"
    own_context.close()

    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    _view(page, address, with_file=False)
    if len(expected["rows"]) > CATALOGUE["most"]:
        page.get_by_role("button", name="Visa fler").click()
    # Pagefind counts an opened group in a search of its own: wait until it has
    try:
        page.wait_for_function("(expected) => JSON.stringify((" + _VIEW + ")()) === JSON.stringify(expected)",
                               arg=expected, timeout=15_000)
    except Exception:
        assert page.evaluate(_VIEW) == expected  # shows what differs
    context.close()


def test_a_shared_filtered_address_needs_nothing_of_the_search_index(page, site_url):
    """Its results come from the selection file the page's head asked for. (With the data saver
    on, so that Pagefind is not readied meanwhile for words, as it is once the page is idle.)"""
    page.add_init_script(DATA_SAVER)
    requests = requests_of(page)
    theme = _most_common("tema")
    label = facets.facet("tema").label_of({v: k for k, v in facets.facet("tema").slugs().items()}[theme])
    page.goto(site_url + f"hitta-exempel/?tema={theme}&fran=2015")
    list_complete(page, CATALOGUE)
    shown = page.locator(".ge-results__list a").evaluate_all("els => els.map(e => e.pathname.split('/').at(-2))")
    assert shown == first_page(matching({"tema": [label]}, years=(2015, None)))
    page.wait_for_load_state("networkidle")
    assert [url for url in requests if url.endswith("/hitta-exempel/urval.json")]
    assert not [url for url in requests if "/pagefind/" in url]
    # words go to the search index
    page.get_by_label("Sök i exemplen").fill("grannarna")
    expect(page.locator(".ge-results__status")).to_have_text("1 exempel")
    assert [url for url in requests if "/pagefind/" in url]


def test_newest_first_needs_nothing_of_the_search_index_either(page, site_url):
    """"Senast tillagda" (the start page's link to every case, newest first) from the file alone."""
    from goda_exempel import lists

    page.add_init_script(DATA_SAVER)
    requests = requests_of(page)
    page.goto(site_url + "hitta-exempel/?sortera=nyast")
    list_complete(page, CATALOGUE)
    shown = page.locator(".ge-results__list a").evaluate_all("els => els.map(e => e.pathname.split('/').at(-2))")
    assert shown == first_page(lists.newest(CASES))
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "/pagefind/" in url]


def test_with_the_data_saver_the_plain_catalogue_loads_no_selection_file(page, site_url):
    page.add_init_script(DATA_SAVER)
    requests = requests_of(page)
    page.goto(site_url + "hitta-exempel/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".ge-results__status").inner_text() == TOTAL
    assert not [url for url in requests if "urval.json" in url or "/pagefind/" in url]
    # ticking a box loads the file, not the search index
    page.locator(".ge-facet summary", has_text="Tema").click()
    page.get_by_role("checkbox", name="Lokalt engagemang").check()
    list_complete(page, CATALOGUE)
    expected = ids(matching({"tema": ["Lokalt engagemang"]}))
    expect(page.locator(".ge-results__status")).to_have_text(f"{len(expected)} exempel")
    assert [url for url in requests if url.endswith("/hitta-exempel/urval.json")]
    assert not [url for url in requests if "/pagefind/" in url]
