"""The search index (goda_exempel/search.py, hooks/search.py): what goes to Pagefind, the shards
and their order, and `mkdocs serve` indexing in the background."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, make_serve, mkdocs_build, rebuild_ended, wait_for
from goda_exempel import search
from goda_exempel.pagefind_files import decode
from goda_exempel.sorting import swedish_sorted

CASE_PAGE = """<!doctype html><html lang="sv" class="no-js"><head><title>{title} - Goda exempel</title></head>
<body><div class="md-content"><article><div class="ge-case" data-pagefind-body><h1 id="rubrik">{title}</h1>
<div class="ge-facts"><div><dt data-pagefind-ignore>Kommuner</dt><dd>Ort</dd></div></div>
<div class="ge-case__text"><p>{text}</p></div>
<div hidden data-pagefind-ignore data-ge-tillagd="{added}"><span data-pagefind-filter="tema">Tema</span>
<span data-pagefind-meta="title">{title}</span><span data-pagefind-meta="alla">__</span></div></div>
<section class="ge-related" data-pagefind-ignore="all"><div><h2>Liknande exempel</h2></div></section>
</article></div></body></html>"""


def page(slug: str, title: str, added: str = "2026-01-01", text: str = "Ett exempel om trygghet.") -> search.Page:
    html = CASE_PAGE.format(title=title.replace("&", "&amp;"), added=added, text=text)
    found = search.page_from_html(f"exempel/{slug}/", html)
    assert found is not None
    return found


def pagefind_data(path: Path):
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return data[len(b"pagefind_dcd"):]


def urls_in_order(bundle: Path) -> list[str]:
    """The pages of one shard, in Pagefind's page order."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_hash = entry["languages"]["sv"]["hash"]
    meta, _ = decode(pagefind_data(bundle / f"pagefind.{meta_hash}.pf_meta"), 0)
    return [json.loads(pagefind_data(bundle / "fragment" / f"{p[0]}.pf_fragment"))["url"] for p in meta[1]]


def test_pagefind_gets_the_body_element_and_the_page_language():
    p = page("a", "Trygga grannar & co", added="2025-03-04")
    assert p.title == "Trygga grannar & co" and p.added == "2025-03-04"
    assert p.body.startswith('<!DOCTYPE html><html lang="sv">')
    body = p.body[p.body.index("<body>") + 6:p.body.index("</body>")]
    assert body.startswith('<div class="ge-case" data-pagefind-body>') and body.endswith("</div></div>")
    assert "Liknande exempel" not in p.body and "md-content" not in p.body  # nested divs counted
    assert search.page_from_html("om/", "<html lang='sv'><body><p>Om sidan</p></body></html>") is None


def test_annotations_carry_no_pagefind_sort(tmp_path):
    from goda_exempel.validate import validate_paths

    result = validate_paths([ROOT / "examples"], ROOT)
    html = search.annotations(result.cases[0])
    assert "data-pagefind-sort" not in html
    assert f'<span data-pagefind-meta="alla">{search.EVERY_CASE}</span>' in html
    assert re.search(r'data-ge-tillagd="\d{4}-\d{2}-\d{2}"', html)


TITLES = ["Öppna gårdar", "Ängens trygghet", "Bygg om torget", "Åkers nattvandring", "Cykelvakter", "Zon för lek",
          "Ankarets dag"]


def test_cases_are_dealt_to_the_shards_in_title_order(tmp_path):
    dates = ["2026-05-01", "2026-05-03", "2026-05-02", "2026-05-03", "2025-01-01", "2026-06-01", "2024-01-01"]
    pages = [page(f"fall-{i}", title, added) for i, (title, added) in enumerate(zip(TITLES, dates))]
    folder = tmp_path / "site" / "pagefind"
    search.build_index(pages, folder, shard_size=3)

    in_order = swedish_sorted(TITLES)
    url = {title: f"/exempel/fall-{TITLES.index(title)}/" for title in TITLES}
    assert json.loads((folder / "delar.json").read_text()) == {"delar": [3, 2, 2]}
    shards = [folder, folder / "del-1", folder / "del-2"]
    for number, bundle in enumerate(shards):  # round robin over the titles, each shard in title order
        assert urls_in_order(bundle) == [url[t] for t in in_order[number::3]]
    assert (folder / "pagefind.js").exists() and (folder / "wasm.sv.pagefind").exists()
    for bundle in shards[1:]:  # the JavaScript and WebAssembly of the first shard serve all
        assert sorted(p.name for p in bundle.iterdir() if not p.name.endswith(".pf_meta")) == [
            "filter", "fragment", "index", "pagefind-entry.json"]

    # newest first, equal dates in title order
    newest = sorted(range(len(in_order)), key=lambda r: dates[TITLES.index(in_order[r])], reverse=True)
    place = json.loads((folder / "nyast.json").read_text())["nyast"]
    assert sorted(range(len(in_order)), key=place.__getitem__) == newest
    assert [in_order[r] for r in newest][:3] == ["Zon för lek", "Åkers nattvandring", "Ängens trygghet"]


def test_the_start_page_and_the_catalogue_list_cases_added_the_same_day_in_one_order(tmp_path):
    """lists.newest (the start page, the feed) and nyast.json (the catalogue's "Senast tillagda")."""
    import dataclasses

    from goda_exempel import lists
    from goda_exempel.validate import validate_paths

    seeds = validate_paths([ROOT / "examples"], ROOT).cases
    dates = ["2026-03-01", "2026-03-01", "2026-03-01", "2025-01-01"]  # three on one day
    cases = [dataclasses.replace(c, meta={**c.meta, "added": d}) for c, d in zip(seeds, dates)]
    folder = tmp_path / "pagefind"
    search.build_index([page(c.id, c.title, c.meta["added"]) for c in cases], folder)
    in_title_order = [f"/exempel/{c.id}/" for c in lists.by_title(cases)]
    place = json.loads((folder / "nyast.json").read_text())["nyast"]
    catalogue = [url for _, url in sorted(zip(place, in_title_order))]
    assert [f"/exempel/{c.id}/" for c in lists.newest(cases)] == catalogue
    assert catalogue[:3] == [u for u in in_title_order if u != f"/exempel/{cases[3].id}/"]  # the day's, A–Ö


def test_the_index_does_not_depend_on_the_order_pages_are_rendered_in(tmp_path):
    pages = [page(f"fall-{i}", title) for i, title in enumerate(TITLES)]

    def build(order, name):
        indexer = search.Indexer([(p.url, p.title) for p in pages], shard_size=3)
        for p in order:
            indexer.add(p)
        assert indexer.write(tmp_path / name / "pagefind")
        root = tmp_path / name / "pagefind"
        return {f.relative_to(root).as_posix(): f.read_bytes() for f in sorted(root.rglob("*")) if f.is_file()}

    assert build(pages, "a") == build(list(reversed(pages)), "b")


def test_a_page_the_build_did_not_render_is_reported_missing(tmp_path):
    pages = [page(f"fall-{i}", title) for i, title in enumerate(TITLES[:3])]
    indexer = search.Indexer([(p.url, p.title) for p in pages])
    try:
        indexer.add(pages[2])
        assert sorted(indexer.missing()) == [pages[0].url, pages[1].url]
    finally:
        indexer.close()


def test_a_pagefind_that_fails_fails_loudly(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", shutil.which("false"))
    with pytest.raises(search.SearchIndexError, match="Sökindexet kunde inte byggas"):
        search.build_index([page("a", "Ett exempel")], tmp_path / "pagefind")
    assert not (tmp_path / "pagefind").exists()


def fragments(bundle: Path) -> dict[str, dict]:
    """Every page Pagefind indexed in one shard: URL -> its fragment (text, metadata, filters)."""
    found = {}
    for path in (bundle / "fragment").iterdir():
        fragment = json.loads(pagefind_data(path))
        found[fragment["url"]] = fragment
    return found


def test_the_index_holds_exactly_what_the_built_case_pages_show(built_site, tmp_path):
    """The build sends each case page to Pagefind before the theme has rendered it; what
    Pagefind got must be what the finished page carries."""
    built = []
    for page_dir in sorted((built_site / "exempel").iterdir()):
        found = search.page_from_html(f"exempel/{page_dir.name}/", (page_dir / "index.html").read_text("utf-8"))
        if found is not None:
            built.append(found)
    assert len(built) == len(list(ROOT.joinpath("examples").glob("*.md")))
    search.build_index(built, tmp_path / "pagefind")
    again = fragments(tmp_path / "pagefind")
    assert sorted(again) == sorted(f"/{p.url}" for p in built)
    assert fragments(built_site / "pagefind") == again


def test_a_build_whose_pagefind_fails_stops_with_a_plain_message(tmp_path):
    result = mkdocs_build(tmp_path / "site", env={"PAGEFIND_BINARY_PATH": shutil.which("false")})
    assert result.returncode == 1
    assert "Sökindexet kunde inte byggas" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "pagefind").exists()


def test_a_page_other_than_a_case_that_asks_to_be_searched_stops_the_build(tmp_path):
    from test_site import copy_project

    project = copy_project(tmp_path)
    (project / "docs" / "sokbar.md").write_text('# Sökbar\n\n<div data-pagefind-body markdown>Text</div>\n',
                                                encoding="utf-8")
    result = mkdocs_build(project / "site", project / "mkdocs.yml", cwd=project)
    assert result.returncode == 1
    assert "sokbar.md: sidan har data-pagefind-body, men bara exemplens sidor finns i sökningen" in result.stderr


# --- mkdocs serve ----------------------------------------------------------------------------


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(predicate, what: str, log: list[str], timeout: float = 120):
    return wait_for(predicate, what, log, timeout)


def _indexed(site: Path, word: str) -> bool:
    """Whether some page's text in the served search index contains ``word``."""
    for fragment in site.glob("pagefind/**/fragment/*.pf_fragment"):
        try:
            if word in json.loads(pagefind_data(fragment))["content"]:
                return True
        except (OSError, ValueError, EOFError):
            pass  # being replaced
    return False


def test_serve_serves_an_edit_at_once_and_indexes_it_in_the_background(tmp_path):
    with make_serve(tmp_path) as (project, base, log, site):
        pages = len(list((project / "examples").glob("*.md")))  # one search page per case
        _wait(lambda: any(f"Sökindexet är uppdaterat ({pages} sidor)" in line for line in log), "no first index", log)
        assert (site / "pagefind" / "pagefind.js").exists() and _indexed(site, "grannar")

        case = project / "examples" / "trygga-grannar-vatterhem.md"
        mark = len(log)
        case.write_text(case.read_text(encoding="utf-8") + "\nEtt nytt ord: Sökmätpunkt.\n", encoding="utf-8")
        _wait(lambda: "Sökmätpunkt" in _get(f"{base}exempel/trygga-grannar-vatterhem/"), "the edit was not served", log)
        _wait(lambda: _indexed(site, "Sökmätpunkt"), "the edit was not indexed", log)
        built = _wait(lambda: rebuild_ended(log, mark), "the rebuild did not end", log)
        # the index files can be in place a moment before the line saying so has been read
        indexed = _wait(lambda: next((i for i, line in enumerate(list(log))
                                      if i >= mark and "Sökindexet är uppdaterat" in line), None),
                        "the new index was not reported", log)
        assert built < indexed  # the rebuild was done before the index was
        assert not [line for line in log[mark:] if line.startswith(("WARNING", "ERROR")) and '"GET ' not in line]


def test_the_catalogue_page_states_the_letters_the_search_boxes_wait_for():
    """The rule lives in sok.js; the page's own text must say the same number."""
    letters = int(re.search(r"FROM_LETTERS: (\d+)", (ROOT / "docs/assets/javascripts/sok.js").read_text()).group(1))
    words = {2: "två", 3: "tre", 4: "fyra", 5: "fem"}
    assert f"skrivit {words[letters]} bokstäver" in (ROOT / "docs/hitta-exempel.md").read_text(encoding="utf-8")


def test_the_catalogue_searches_for_the_word_the_build_gives_every_case():
    """The catalogue lists cases by searching for goda_exempel.search.EVERY_CASE (katalog.js)."""
    word = re.search(r'var EVERY_CASE = "([^"]*)";', (ROOT / "docs/assets/javascripts/katalog.js").read_text()).group(1)
    assert word == search.EVERY_CASE


def test_links_of_headings_and_addresses_are_not_searched(tmp_path):
    """The "#" link after a heading, e-mail addresses and printed web addresses are not words:
    "trygghet@ale.se" would be indexed as one word beginning with "trygghet"."""
    text = ('Kontakta oss.</p><h2 id="mer">Mer<a class="headerlink" href="#mer">#</a></h2><p>Skriv till '
            '<a href="mailto:trygghet@ale.se">trygghet@ale.se</a>.<br><span class="ge-url">'
            'https://www.ale.se/trygghet/grannar</span>')
    search.build_index([page("a", "Ett exempel", text=text)], tmp_path / "pagefind")
    [fragment] = fragments(tmp_path / "pagefind").values()
    assert "Kontakta oss." in fragment["content"] and "Skriv till" in fragment["content"]
    for left_out in ("#", "@", "ale.se", "grannar"):
        assert left_out not in fragment["content"]
    assert [a["text"] for a in fragment["anchors"] if a["element"] == "h2"] == ["Mer"]


def test_the_built_case_pages_headings_are_searched_without_their_link(built_site):
    anchors = [a for f in fragments(built_site / "pagefind").values() for a in f["anchors"]]
    assert [a for a in anchors if a["element"] == "h2"]
    assert not [a["text"] for a in anchors if a["text"].endswith("#")]
