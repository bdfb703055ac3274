"""Keyboard only, in real Chromium: every page type can be walked with Tab and the focus is
always visible; the menu on a phone, the header search, the catalogue's filters, the map and
every field of the form "Dela ditt exempel" are reached and used without a mouse."""

from __future__ import annotations

from collections import Counter

import pytest

from bank import TOTAL
from conftest import ROOT
from focus import focus_problem, focused, tab_to
from page_types import BY_NAME, PAGE_TYPES

pytestmark = pytest.mark.browser


def walk(page, limit: int = 400) -> list[dict]:
    """Tab from the top of a freshly opened page until the focus leaves the page; every stop."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        if info is None:  # back on the document: the whole page was walked
            return stops
        stops.append(info)
    raise AssertionError(f"Fokus lämnade inte sidan efter {limit} tryck på Tab: en fokusfälla? "
                         f"Sist: {[s['name'] for s in stops[-5:]]}")


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("page_type", [p for p in PAGE_TYPES if p.name != "formular-fel"], ids=lambda p: p.name)
def test_every_stop_of_the_tab_order_shows_a_visible_focus(page_at, site_url, page_type, width):
    page = page_at(width)
    page_type.open(page, site_url)
    stops = walk(page)
    assert len(stops) >= 3, "sidan har nästan inget att nå med tangentbordet"
    problems = [p for p in map(focus_problem, stops) if p]
    assert not problems, "\n".join(problems)


def test_the_menu_on_a_phone_opens_and_is_walked_with_the_keyboard(page_at, site_url):
    page = page_at(360)
    page.goto(site_url + "om/", wait_until="networkidle")
    # closed, the menu's links are out of the tab order
    names = [s["name"] for s in walk(page)]
    assert "Hitta exempel" not in names and "Statistik" not in names
    page.reload(wait_until="networkidle")
    first = tab_to(page, "el => el.id === '__drawer'", limit=1)  # the first stop: the menu button
    assert focus_problem(first) is None
    assert page.get_by_role("checkbox", name="Meny").count() == 1
    page.keyboard.press("Space")
    link = tab_to(page, "el => el.textContent.trim() === 'Hitta exempel'", limit=12)
    assert focus_problem(link) is None
    # "Bläddra" opens its sub-menu with Space
    toggle = tab_to(page, "el => el.classList.contains('md-nav__toggle')", limit=1)
    assert focus_problem(toggle) is None
    assert page.evaluate("document.activeElement.nextElementSibling.textContent.trim()") == "Bläddra"
    page.keyboard.press("Space")
    # the sub-menu fades in: wait for its transition, not for a fixed time
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    themes = tab_to(page, "el => el.textContent.trim() === 'Teman'", limit=2)
    assert focus_problem(themes) is None
    page.keyboard.press("Enter")
    page.wait_for_url("**/tema/")
    assert page.locator("h1").inner_text() == "Teman"


def test_the_header_search_with_the_keyboard_alone(page, site_url):
    page.goto(site_url + "om/", wait_until="networkidle")
    box = tab_to(page, "el => el.id === 'ge-search-input'", limit=5)
    assert focus_problem(box) is None
    page.keyboard.type("grannarna")
    page.locator(".ge-search__list a").first.wait_for(timeout=10_000)
    page.keyboard.press("ArrowDown")
    hit = focused(page)
    assert hit["tag"] == "a" and "Trygga grannar" in hit["name"]
    assert focus_problem(hit) is None
    page.keyboard.press("ArrowUp")  # back in the box
    assert page.evaluate("document.activeElement.id") == "ge-search-input"
    page.keyboard.press("Enter")  # the plain form: to the catalogue with the query
    page.wait_for_url("**/hitta-exempel/?q=grannarna")
    page.wait_for_function("() => document.querySelector('.ge-results__status')?.textContent.length > 0")
    assert page.get_by_label("Sök i exemplen").input_value() == "grannarna"


def test_escape_closes_the_search_results_and_keeps_the_focus_in_the_box(page, site_url):
    page.goto(site_url + "om/", wait_until="networkidle")
    tab_to(page, "el => el.id === 'ge-search-input'", limit=5)
    page.keyboard.type("grannarna")
    page.locator(".ge-search__list a").first.wait_for(timeout=10_000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "ge-search-input"
    page.wait_for_timeout(200)
    assert page.locator("#ge-search-results").is_hidden()


def test_every_catalogue_filter_with_the_keyboard_alone(page, site_url):
    page.goto(site_url + "hitta-exempel/", wait_until="networkidle")
    page.wait_for_function("() => document.querySelector('.ge-results__status')?.textContent.length > 0")
    field = tab_to(page, "el => el.id === 'ge-q'")
    assert focus_problem(field) is None
    page.keyboard.type("trygghet")
    page.wait_for_function("() => location.search.includes('q=trygghet')")

    # the filter panel (open on a wide screen), then its groups
    panel = tab_to(page, "el => el.tagName === 'SUMMARY'", limit=1)
    assert panel["name"].startswith("Filter") and focus_problem(panel) is None
    facets = page.locator(".ge-facet summary").all_inner_texts()
    assert len(facets) >= 8
    for name in facets:
        summary = tab_to(page, "el => el.tagName === 'SUMMARY'", limit=1)
        assert summary["name"] == name and focus_problem(summary) is None
        page.keyboard.press("Enter")  # opens the group
        box = tab_to(page, "el => el.type === 'checkbox'", limit=2)  # "Kommun" has its search field first
        assert focus_problem(box) is None
        tab_to(page, "el => el.tagName === 'SUMMARY'", limit=2, key="Shift+Tab")
        page.keyboard.press("Enter")  # and closes it again
        assert page.evaluate("!document.activeElement.parentElement.open")

    # tick a value with Space
    tab_to(page, "el => el.tagName === 'SUMMARY' && el.textContent.trim() === 'Tema'", key="Shift+Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    value = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    page.wait_for_function("(v) => new URLSearchParams(location.search).getAll('tema').includes(v)", arg=value)

    # the years and the order are selects: arrow keys change them
    for control, param in (("ge-from", "fran"), ("ge-to", "till"), ("ge-sort", "sortera")):
        info = tab_to(page, f"el => el.id === '{control}'")
        assert focus_problem(info) is None
        page.keyboard.press("ArrowDown")
        page.wait_for_function("(p) => new URLSearchParams(location.search).has(p)", arg=param)

    reset = tab_to(page, "el => el.tagName === 'BUTTON'", limit=3)
    assert reset["name"] == "Rensa" and focus_problem(reset) is None
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search === ''")
    assert page.locator(".ge-results__status").inner_text() == TOTAL


def test_the_map_and_its_case_lists_with_the_keyboard_alone(page, site_url):
    from goda_exempel.validate import validate_dir

    cases = validate_dir(ROOT / "examples").cases
    per_place = Counter(m.name for case in cases for m in case.municipalities)

    per_county = Counter(county for case in cases for county in case.counties)

    page.goto(site_url + "karta/", wait_until="networkidle")
    stops = walk(page)
    counties = [s for s in stops if "ge-map__county" in s["cls"]]
    assert {s["name"].partition(": ")[0] for s in counties} == set(per_county)
    # the list under the map has every place, after the map in the tab order
    after = stops[stops.index(counties[-1]) + 1:]
    listed = [s["name"] for s in after if "/kommun/" in (s["href"] or "")]
    assert sorted(listed) == sorted(per_place)
    assert all(focus_problem(s) is None for s in counties + after)

    # Enter on a county goes to its places in the list; Tab and Enter on one opens its cases
    page.reload(wait_until="networkidle")
    tab_to(page, "el => el.matches('a.ge-map__county')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/karta/#lan-*")
    place = tab_to(page, "el => el.matches('.ge-place-list a')")
    name = place["name"]
    page.keyboard.press("Enter")
    page.wait_for_url("**/kommun/**")
    titles = page.locator(".ge-list__title").all_inner_texts()
    expected = [c.title for c in cases if name in {m.name for m in c.municipalities}]
    assert sorted(titles) == sorted(expected) and len(titles) == per_place[name]


# ---- the form "Dela ditt exempel" ----------------------------------------------------------

TABBABLE_JS = """(form) => [...form.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
  .filter(e => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length
               && getComputedStyle(e).visibility !== 'hidden')"""

# what the keyboard types into each kind of field
TYPED = {"text": "Trygghet i Exempelby", "textarea": "Grannar hjälptes åt i trapphuset.",
         "number": "25000", "email": "trygghet@example.se", "url": "https://example.se/rapport",
         "search": "Exempelby"}


def _use(page, info: dict) -> str:
    """Use the focused field with the keyboard alone; returns its kind."""
    kind = page.evaluate("document.activeElement.type || document.activeElement.tagName.toLowerCase()")
    before = page.evaluate("[document.activeElement.value, document.activeElement.checked]")
    if kind in ("select-one", "select-multiple"):
        page.keyboard.press("ArrowDown")
    elif kind == "checkbox":
        page.keyboard.press("Space")
    elif kind == "date":  # each part (year, month, day) with the arrow keys, whatever the locale's order
        for key in ("ArrowUp", "ArrowRight", "ArrowUp", "ArrowRight", "ArrowUp"):
            page.keyboard.press(key)
    elif kind == "text" and page.evaluate("!!document.activeElement.list"):
        page.keyboard.type("Jönköping")  # a field with suggestions: a municipality
    elif kind in TYPED:
        page.keyboard.type(TYPED[kind])
    else:
        return kind
    after = page.evaluate("[document.activeElement.value, document.activeElement.checked]")
    assert after != before, f"{info['tag']} ”{info['name']}” ({kind}) ändrades inte med tangentbordet"
    return kind


MARK_NEXT_JS = f"""(form) => {{
  const all = ({TABBABLE_JS})(form);
  const i = all.indexOf(document.activeElement);
  window.__geNext = i >= 0 && i + 1 < all.length ? all[i + 1] : null;
}}"""


def test_the_form_is_walked_and_filled_with_tab_alone(page, site_url):
    BY_NAME["formular"].open(page, site_url)
    form = page.locator("#ge-dela-form")
    fields = form.evaluate(f"f => ({TABBABLE_JS})(f).filter(e => e.matches('[data-ge-control]')).map(e => e.id)")
    assert len(fields) >= 20

    first = tab_to(page, "el => el.closest('#ge-dela-form')", limit=60)
    assert focus_problem(first) is None
    visited: list[str] = []
    used: Counter = Counter()
    added = False
    for _ in range(800):
        info = focused(page)
        if info is None or not page.evaluate("!!document.activeElement.closest('#ge-dela-form')"):
            break
        assert focus_problem(info) is None, focus_problem(info)
        key = info["id"] or info["name"]
        moved_by_script = False
        if not visited or visited[-1] != key:  # a date field keeps the focus over its parts
            visited.append(key)
            if info["tag"] == "summary":
                # a folded optional part opens with Enter; its fields join the tab order
                if not page.evaluate("document.activeElement.parentElement.open"):
                    page.keyboard.press("Enter")
                    assert page.evaluate("document.activeElement.parentElement.open")
                    moved_by_script = True
            elif info["tag"] != "button":
                used[_use(page, info)] += 1
            elif not added and info["name"].startswith("Lägg till"):
                # a repeatable group grows with Enter; its new fields join the tab order
                count_js = "document.querySelectorAll('[data-ge-item]').length"
                count = page.evaluate(count_js)
                page.keyboard.press("Enter")
                page.wait_for_function(f"(n) => {count_js} > n", arg=count)
                added = moved_by_script = True
        form.evaluate(MARK_NEXT_JS)
        page.keyboard.press("Tab")
        if moved_by_script:
            continue
        if info["id"] and page.evaluate("[document.activeElement.type, document.activeElement.id]") == ["date", key]:
            continue  # Tab moved on to the next part of a date field
        # the next stop is the next field in the form's order: none skipped, none out of order
        assert page.evaluate("window.__geNext === null ? !document.activeElement.closest('#ge-dela-form')"
                             " : document.activeElement === window.__geNext"), \
            f"Tab efter ”{info['name']}” gick till ”{(focused(page) or {}).get('name')}”, inte till nästa fält"
    else:
        raise AssertionError("Fokus lämnade aldrig formuläret: en fokusfälla?")

    missing = [f for f in fields if f not in visited]
    assert not missing, f"Tab nådde inte: {missing}"
    assert used["text"] and used["textarea"] and used["select-one"] and used["checkbox"], used
    assert added, "ingen knapp ”Lägg till” nåddes"


def test_the_form_errors_are_reached_with_the_keyboard(page, site_url):
    BY_NAME["formular"].open(page, site_url)
    submit = tab_to(page, "el => el.type === 'submit' && el.closest('#ge-dela-form')", limit=400)
    assert focus_problem(submit) is None
    page.keyboard.press("Enter")
    summary = page.locator("[data-ge-summary]")
    summary.wait_for(state="visible", timeout=10_000)
    # the summary of errors takes the focus, so a screen reader reads it and Tab goes on from it
    assert page.evaluate("!!document.activeElement.closest('[data-ge-summary]')")
    link = tab_to(page, "el => el.tagName === 'A' && el.closest('[data-ge-summary]')", limit=3)
    assert focus_problem(link) is None
    page.keyboard.press("Enter")  # an error's link goes to its field
    target = focused(page)
    assert target is not None and page.evaluate("document.activeElement.matches('[data-ge-control]')")
    error_id = page.evaluate("document.activeElement.getAttribute('aria-describedby')").split()[-1]
    assert page.locator(f"#{error_id}").is_visible()
    assert focus_problem(target) is None
