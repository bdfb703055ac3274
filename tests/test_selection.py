"""The catalogue's selection file (goda_exempel.selection): what katalog.js answers a view
without search words from. That it gives the same views as the search index is tested in a
browser (test_browser_selection.py); here, that it says what the cases say."""

from __future__ import annotations

import json

from bank import CASES, labels_of
from goda_exempel import browse, facets, lists, pages, selection


def test_every_case_once_in_swedish_title_order_with_what_the_list_shows():
    data = selection.data(CASES)
    assert [c["t"] for c in data["exempel"]] == [c.title for c in lists.by_title(CASES)]
    for case, row in zip(lists.by_title(CASES), data["exempel"]):
        assert row["u"] == pages.case_url(case)
        assert row["i"] == case.meta["summary"]
        years = facets.active_years(case)
        assert row["ar"] == [int(years[0]), int(years[-1])]
        assert row["n"] == lists.newest(CASES).index(case)  # its place under "Senast tillagda"
        # the list row of the page's own HTML says the same organisation, place and period
        assert f'{row["o"]} · {row["p"]} · {row["d"]}' in lists.item_html(case, "").replace("&#x27;", "'")


def test_each_case_has_exactly_its_filter_values_by_the_labels_the_boxes_have():
    data = selection.data(CASES)
    html = browse.catalogue_html(CASES, "../")
    for f in facets.FACETS:
        offered = data["fasetter"][f.key]
        assert len(offered) == len(set(offered))
        for label in offered:  # in the order and with the labels of the boxes
            assert f'name="{f.key}"' in html and f'data-label="{label}"' in html
        for case, row in zip(lists.by_title(CASES), data["exempel"]):
            assert {offered[i] for i in row["f"].get(f.key, [])} == labels_of(case, f.key), (case.id, f.key)


def test_written_up_to_the_limit_and_announced_to_the_page_only_then(monkeypatch):
    files = selection.site_files(CASES)
    assert list(files) == [selection.PATH] and json.loads(files[selection.PATH]) == selection.data(CASES)
    assert f'data-ge-urval="../{selection.PATH}"' in browse.catalogue_html(CASES, "../")
    assert "window.geUrval=fetch(b+'hitta-exempel/urval.json')" in browse.catalogue_head("../", True)

    monkeypatch.setattr(selection, "LIMIT", len(CASES) - 1)
    assert selection.site_files(CASES) == {}
    assert "data-ge-urval" not in browse.catalogue_html(CASES, "../")
    assert "geUrval" not in browse.catalogue_head("../", selection.written(CASES))


def test_the_built_site_has_the_file_the_catalogue_names(built_site):
    page = (built_site / "hitta-exempel" / "index.html").read_text(encoding="utf-8")
    assert 'data-ge-urval="../hitta-exempel/urval.json"' in page and "window.geUrval" in page
    built = json.loads((built_site / selection.PATH).read_text(encoding="utf-8"))
    assert built == selection.data(CASES)
