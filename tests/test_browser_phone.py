"""The practitioner on a phone (390 px) and a desktop (1280 px), in real Chromium (issue #20):
the start page's navigation and ways in, the catalogue's first screens, its filter panel and
rows, and addresses that always lead somewhere."""

from __future__ import annotations

import inspect

import pytest
from playwright.sync_api import expect

from bank import CASES, TOTAL, YEARS, cases_with_word_starting, count_label, first_page, labels_of, matching
from bank import ids as case_ids
from goda_exempel import browse, facets, geo, lists, render
from page_types import CATALOGUE, list_complete

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280]
HEIGHT = 800  # page_at's viewport


ID_OF_LINK = "els => els.map(a => a.pathname.replace(/\\/$/, '').split('/').pop())"


def ids(page) -> list[str]:
    list_complete(page, CATALOGUE)
    return page.locator(".ge-results__list a.ge-list__title").evaluate_all(ID_OF_LINK)


def labels_in(key: str) -> set[str]:
    """The labels of one facet group that some case has (the values the page offers)."""
    return {label for c in CASES for label in labels_of(c, key)}


LOCAL = {"tema": ["Lokalt engagemang"]}
NEWEST_ON_START = inspect.signature(browse.newest_html).parameters["count"].default  # the start page's list


# --- 1. Start page ----------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_the_start_page_has_navigation_an_invitation_a_count_and_ways_in(page_at, site_url, width):
    page = page_at(width)
    page.goto(site_url)
    if width < 1220:  # Material's drawer: the menu button shows the site's pages
        page.locator(".md-header label[for=__drawer]").click()
    nav = page.locator("nav.md-nav--primary")
    link = nav.get_by_role("link", name="Hitta exempel", exact=True)
    expect(link).to_be_visible()
    expect(nav.get_by_role("link", name="Dela ditt exempel", exact=True)).to_be_visible()
    link.click()
    page.wait_for_url("**/hitta-exempel/")

    page.goto(site_url)
    content = page.locator("article")
    counties = render.swedish_number(len(labels_in("lan")))
    expect(content.locator(".ge-start__count")).to_have_text(f"Kunskapsbanken har {TOTAL} från {counties} län.")
    share = content.get_by_role("link", name="Dela ditt exempel").first
    expect(share).to_be_visible()
    assert share.get_attribute("href").endswith("dela-ditt-exempel/")
    theme = content.get_by_role("link", name="Lokalt engagemang")
    assert theme.get_attribute("href") == "tema/lokalt-engagemang/"
    expect(theme.locator("xpath=..")).to_contain_text(count_label(len(matching(LOCAL))))
    assert "Hallands län" in labels_in("lan")
    assert content.get_by_role("link", name="Hallands län").get_attribute("href") == "lan/hallands-lan/"
    newest = content.locator("#senast-tillagda-exempel ~ ul.ge-list > li a.ge-list__title").evaluate_all(ID_OF_LINK)
    assert newest == case_ids(lists.newest(CASES, NEWEST_ON_START))  # the newest cases, newest first


# --- 2. Catalogue -----------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_the_search_field_and_count_are_on_the_first_screen_and_a_result_on_the_second(page_at, site_url, width):
    page = page_at(width)
    page.goto(site_url + "hitta-exempel/?tema=lokalt-engagemang&organisation=kommun")
    shown = first_page(matching({**LOCAL, "organisation": ["Kommun"]}))
    assert shown  # there is a first result to find on the second screen
    assert ids(page) == shown
    field = page.get_by_label("Sök i exemplen").bounding_box()
    status = page.locator(".ge-results__status").bounding_box()
    first = page.locator(".ge-results__list > li").first.bounding_box()
    assert field["y"] + field["height"] <= HEIGHT
    assert status["y"] + status["height"] <= HEIGHT
    if width == 1280:  # the filters open, in a column beside the list: its first result is on the first screen
        panel = page.locator(".ge-panel")
        assert panel.get_attribute("open") is not None
        box = panel.bounding_box()
        assert box["x"] + box["width"] <= first["x"] and first["y"] + 40 <= HEIGHT
        expect(page.get_by_role("checkbox", name="Lokalt engagemang")).to_be_visible()
        expect(page.get_by_role("button", name="Stäng filter")).to_be_hidden()  # for a phone, where the list is below
    if width == 390:
        assert first["y"] < 2 * HEIGHT
        # the filters are in a closed panel that says how many are on, and opens and closes
        panel = page.locator(".ge-panel")
        expect(panel.locator("> summary")).to_have_text("Filter (2 valda)")
        assert panel.get_attribute("open") is None
        panel.locator("> summary").click()
        expect(page.get_by_role("checkbox", name="Lokalt engagemang")).to_be_checked()
        # ticking a box says, next to it, what closing the panel will show
        page.get_by_role("checkbox", name="Samverkan och organisering").check()
        close = page.get_by_role("button", name="Stäng filter")
        either = matching({"tema": ["Lokalt engagemang", "Samverkan och organisering"], "organisation": ["Kommun"]})
        expect(close).to_have_text(f"Stäng filter och visa {browse.count_text(len(either))}")
        list_complete(page, CATALOGUE)
        assert close.inner_text().endswith(page.locator(".ge-results__status").inner_text())
        close.click()
        expect(page.locator(".ge-panel > summary")).to_have_text("Filter (3 valda)")
        expect(page.get_by_role("checkbox", name="Lokalt engagemang")).to_be_hidden()


@pytest.mark.parametrize("width", WIDTHS)
def test_each_row_shows_what_made_it_match_and_its_follow_up_level(page_at, site_url, width):
    page = page_at(width)
    page.goto(site_url + "hitta-exempel/?tema=lokalt-engagemang&organisation=forskning")
    expected = matching({**LOCAL, "organisation": ["Forskning och utbildning"]})
    assert expected and ids(page) == first_page(expected)
    row = page.locator(".ge-results__list > li").first
    matched = row.locator(".ge-tag--match")
    expect(matched).to_have_count(2)
    expect(matched.first).to_have_text("Lokalt engagemang")
    expect(matched.nth(1)).to_have_text("Organisationstyp: Forskning och utbildning")  # the name for screen readers
    expect(row.locator(".ge-tag--level")).to_have_text("Uppföljning: " + lists.level_text(expected[0]))
    # the chosen filters above the list, each one a button that removes it
    chips = page.locator(".ge-chosen button")
    expect(chips).to_have_count(2)
    chips.first.click()
    expect(page.locator(".ge-chosen button")).to_have_count(1)
    assert "tema=" not in page.url
    # without filters, the page's own rows show the level and the themes too
    page.goto(site_url + "hitta-exempel/")
    ids(page)
    assert page.locator(".ge-results__list > li .ge-tag--level").count() == len(first_page(CASES))


@pytest.mark.parametrize("width", WIDTHS)
def test_newest_first_shows_the_date_added_and_the_period_rule_is_explained(page_at, site_url, width):
    page = page_at(width)
    page.goto(site_url + "hitta-exempel/?sortera=nyast")
    newest = lists.newest(CASES)
    page.wait_for_function("n => document.querySelectorAll('.ge-results__list .ge-list__added').length === n",
                           arg=len(first_page(newest)))
    assert ids(page) == first_page(newest)
    assert page.locator(".ge-list__added").first.inner_text() == "Tillagd " + render.swedish_date(
        str(newest[0].meta["added"]))
    page.goto(site_url + "hitta-exempel/")
    ids(page)
    assert page.locator(".ge-list__added").count() == 0  # title order: no date
    rule = page.locator("#ge-years-rule")
    assert "”Från år 2020” visar också arbete som började tidigare" in rule.text_content()
    assert "ge-years-rule" in page.get_by_label("Från år", exact=True).get_attribute("aria-describedby")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_from_year_after_the_to_year_is_refused_with_a_message(page_at, site_url, width):
    assert {2015, 2021, 2022} <= set(YEARS)  # years the menus offer (others are ignored)
    page = page_at(width)
    page.goto(site_url + "hitta-exempel/?fran=2021&till=2015")
    error = page.locator("#ge-years-error")
    expect(error).to_contain_text("”Från år” (2021) är senare än ”Till år” (2015)")
    expect(error).to_be_visible()
    expect(page.locator(".ge-results__status")).to_have_text(TOTAL)  # not swapped to 2015–2021
    if width == 390:
        page.locator(".ge-panel > summary").click()
    page.get_by_label("Till år", exact=True).select_option("2022")
    expect(error).to_be_empty()
    assert page.get_by_label("Från år", exact=True).get_attribute("aria-invalid") is None
    expect(page.locator(".ge-results__status")).to_have_text(browse.count_text(len(matching(years=(2021, 2022)))))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_municipality_group_is_narrowed_to_the_ticked_county_and_searchable(page_at, site_url, width):
    municipalities = labels_in("kommun")  # the group's values: those some case has
    in_halland = sorted(m for m in municipalities if geo.municipalities()[m].county == "Hallands län")
    with_gote = sorted(m for m in municipalities if "göte" in m.lower())
    assert in_halland and with_gote
    page = page_at(width)
    page.goto(site_url + "hitta-exempel/?lan=hallands-lan")
    ids(page)
    if width == 390:
        page.locator(".ge-panel > summary").click()
    page.locator(".ge-facet summary", has_text="Kommun").click()
    group = page.locator(".ge-facet", has=page.locator("summary", has_text="Kommun"))
    expect(group.locator("li:visible")).to_have_count(len(in_halland))
    expect(group.locator("li:visible label")).to_contain_text(in_halland)
    expect(group.locator(".ge-facet__narrowed")).to_have_text("Kommuner i Hallands län.")
    page.goto(site_url + "hitta-exempel/")
    if width == 390:
        page.locator(".ge-panel > summary").click()
    page.locator(".ge-facet summary", has_text="Kommun").click()
    page.get_by_label("Sök kommun").fill("göte")
    expect(group.locator("li:visible")).to_have_count(len(with_gote))
    expect(group.locator("li:visible label")).to_contain_text(with_gote)
    page.get_by_label("Sök kommun").press("Enter")  # does not search or change the address
    assert page.url.endswith("/hitta-exempel/")
    # an address with a municipality opens its group with the box ticked
    page.goto(site_url + "hitta-exempel/?kommun=" + facets.facet("kommun").slugs()[in_halland[0]])
    ids(page)
    if width == 390:
        page.locator(".ge-panel > summary").click()
    expect(page.get_by_role("checkbox", name=in_halland[0])).to_be_checked()
    expect(page.get_by_role("checkbox", name=in_halland[0])).to_be_visible()


# --- 3. Every address leads somewhere --------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_an_unknown_filter_is_named_and_removable_and_labels_in_any_case_are_understood(page_at, site_url, width):
    page = page_at(width)
    expected = first_page(matching({**LOCAL, "lan": ["Jönköpings län"]}))
    assert expected
    page.goto(site_url + "hitta-exempel/?tema=Foo&tema=LOKALT+ENGAGEMANG&lan=J%C3%B6nk%C3%B6pings%20l%C3%A4n")
    assert ids(page) == expected
    unknown = page.get_by_role("button", name="Ta bort filtret ”Foo”, som inte finns längre")
    expect(unknown).to_have_text("Filtret ”Foo” finns inte längre ×")
    # the address now names the filters by their ids, and keeps the unknown one until removed
    assert page.url.endswith("?tema=lokalt-engagemang&tema=Foo&lan=jonkopings-lan")
    unknown.click()
    expect(unknown).to_have_count(0)
    assert page.url.endswith("?tema=lokalt-engagemang&lan=jonkopings-lan")
    assert ids(page) == expected
    # an address with only an unknown value shows every case, not "Inga exempel matchar"
    page.goto(site_url + "hitta-exempel/?metod=finns-inte")
    assert ids(page) == first_page(matching())
    expect(page.locator(".ge-results__status")).to_have_text(TOTAL)
    expect(page.locator(".ge-chosen")).to_contain_text("Filtret ”finns-inte” finns inte längre")


def test_facet_pages_link_to_the_catalogue_by_id(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "tema/lokalt-engagemang/")
    link = page.get_by_role("link", name="Sök och filtrera bland dem")
    assert link.get_attribute("href").endswith("hitta-exempel/?tema=lokalt-engagemang")
    link.click()
    assert ids(page) == first_page(matching(LOCAL))
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_a_query_is_acknowledged_with_the_lists(browser, site_url, width):
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": HEIGHT})
    page = context.new_page()
    page.goto(site_url + "hitta-exempel/?q=trygghet")
    note = page.locator(".ge-static__query")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Sökningen i texterna behöver JavaScript")
    expect(note).to_contain_text("”q=”")
    static = page.locator("#ge-static")
    expect(static.get_by_role("link", name="Teman")).to_be_visible()
    assert static.locator(".ge-list > li").count() == len(CASES)  # every case, by title and summary
    context.close()


@pytest.mark.parametrize("delay", [0, 250])
def test_typing_a_query_is_one_history_entry_however_fast_one_types(page, site_url, delay):
    page.goto(site_url + "hitta-exempel/")
    ids(page)
    page.locator(".ge-facet summary", has_text="Tema").click()
    page.get_by_role("checkbox", name="Lokalt engagemang").check()
    page.wait_for_url("**/?tema=lokalt-engagemang")
    before = page.evaluate("history.length")
    page.get_by_label("Sök i exemplen").press_sequentially("ungdomarna", delay=delay)
    page.wait_for_url("**/?q=ungdomarna&tema=lokalt-engagemang")
    # "ungdomarna" finds the words that begin with its stem, "ungdom"; among the theme's cases
    found = set(cases_with_word_starting("ungdom")) & set(case_ids(matching(LOCAL)))
    expect(page.locator(".ge-results__status")).to_have_text(browse.count_text(len(found)))
    page.get_by_label("Sök i exemplen").press("Enter")  # the query's entry is there already
    assert page.evaluate("history.length") == before + 1
    page.go_back()
    page.wait_for_url("**/?tema=lokalt-engagemang")
    expect(page.get_by_label("Sök i exemplen")).to_have_value("")


# --- 8. The slow phone ------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_while_a_shared_address_searches_the_page_shows_its_own_list_not_an_empty_one(page_at, site_url, width):
    """(The time it takes on a slow phone is measured by bench/slow_phone.py, not here.)"""
    page = page_at(width)
    held, release = [], []

    def hold(route):
        if release:
            route.continue_()
        else:
            held.append(route)

    page.route("**/pagefind/**", hold)  # what the results come from: Pagefind, or on this
    page.route("**/hitta-exempel/urval.json", hold)  # site (a view without words) the selection file
    page.goto(site_url + "hitta-exempel/?tema=barn-och-unga")
    expect(page.locator(".ge-results__status")).to_have_text(f"Söker … Tills dess visas de första av alla {TOTAL}.")
    expect(page.locator("#ge-results")).to_have_attribute("aria-busy", "true")
    own = page.locator(".ge-results__list a.ge-list__title").evaluate_all(ID_OF_LINK)
    assert own == first_page(matching())  # the page's own, in title order
    release.append(True)
    for route in held:
        route.continue_()
    assert ids(page) == first_page(matching({"tema": ["Barn och unga"]}))
    expect(page.locator("#ge-results")).not_to_have_attribute("aria-busy", "true")
