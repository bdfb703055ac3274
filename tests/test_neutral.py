"""The generator-neutral build (goda_exempel/neutral.py) with the generator the tests use: the
pages written by `goda-exempel write-pages`, the case hooks left out of mkdocs.yml, the search
index and data written by `goda-exempel write-site-data`, give the site the hooks give."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml

from conftest import ROOT, mkdocs_build, run_cli
from goda_exempel import links, neutral, written_toc

pytestmark = pytest.mark.build


def _project(folder: Path) -> Path:
    folder.mkdir()
    for part in ("mkdocs.yml", "docs", "overrides", "hooks", "examples"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, folder / part)
    return folder


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


_TOC = re.compile(rb'<label class="md-nav__title" for="__toc">.*?</ul>\s*(?=</nav>)', re.S)
_SKIP = re.compile(rb'<a href="#rubrik" class="md-skip">.*?</a>', re.S)
_HEAD = re.compile(rb"<script>document\.documentElement\.classList\.add\('ge-js'\).*?</script>", re.S)  # browse.catalogue_head
_SPACE = re.compile(rb">\s+<")


# the pages of the site's own Markdown files with no generated part: both builds convert them alike
_OWN_PAGES = {neutral.page_url(p.relative_to(ROOT / "docs").as_posix()) + "index.html"
              for p in (ROOT / "docs").rglob("*.md")
              if not any(marker in p.read_text(encoding="utf-8") for marker in neutral.MARKERS)}


def _page(name: str, html: bytes) -> bytes:
    """A page as compared: a page of docs/ without a generated part as it is; any other page
    without the white space Markdown leaves between blocks of raw HTML (the hooks hand MkDocs
    the generated HTML itself). The catalogue's head script, which starts the search early for a
    shared address, is added by the hooks only (browse.catalogue_head): the one known
    difference, taken out before comparing."""
    html = _HEAD.sub(b"", html)
    return html if name in _OWN_PAGES else _SPACE.sub(b"><", html)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    work = tmp_path_factory.mktemp("neutral")
    project = _project(work / "projekt")
    with_hooks = work / "med-hooks"
    result = mkdocs_build(with_hooks, project / "mkdocs.yml", cwd=project)
    assert result.returncode == 0, result.stderr
    written = run_cli("write-pages", "byggsidor", cwd=project)
    assert written.returncode == 0, written.stderr
    config = project / "neutral.yml"
    config.write_text(neutral.derived_config(project / "mkdocs.yml", "byggsidor"), encoding="utf-8")
    assert "cases.py" not in config.read_text(encoding="utf-8")
    without = work / "utan-hooks"
    result = mkdocs_build(without, config, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert not (without / "pagefind").exists()  # nothing of the case hooks ran
    data = run_cli("write-site-data", str(without), cwd=project)
    assert data.returncode == 0, data.stderr
    return with_hooks, without


def test_the_same_pages_data_and_search_index(sites):
    hooks, written = (_files(site) for site in sites)
    assert sorted(hooks) == sorted(written)
    # every file but the pages and sitemaps byte for byte: the open data, feed, search index, assets
    different = [name for name in hooks if not name.endswith((".html", "sitemap.xml", "sitemap.xml.gz"))
                 and hooks[name] != written[name]]
    assert different == []
    assert any(name.startswith("pagefind/") for name in hooks) and "data/exempel.json" in hooks
    # the sitemap lists the same pages, in MkDocs' order of its files
    locs = [sorted(re.findall(rb"<loc>(.*?)</loc>", files["sitemap.xml"])) for files in (hooks, written)]
    assert locs[0] == locs[1] and locs[0]


def test_the_same_pages_table_of_contents_included(sites):
    hooks, written = (_files(site) for site in sites)
    different = [name for name in hooks if name.endswith(".html")
                 and _page(name, hooks[name]) != _page(name, written[name])]
    assert different == []
    # a case page's table of contents and "Gå till innehållet" too (goda_exempel.written_toc)
    case = "exempel/trygga-grannar-vatterhem/index.html"
    assert _SKIP.search(written[case]) and b'href="#darfor-gjorde-vi-det"' in _TOC.search(written[case]).group()
    assert {"bidra/index.html", "om/index.html", "dela-ditt-exempel/index.html"} <= _OWN_PAGES


_EDIT = re.compile(rb'<a href="([^"]*)" title="Redigera sidan"')


def test_edit_buttons_lead_where_the_hooks_lead(sites):
    """A case page's to its file in examples/, a page in docs/ to its file there, a facet or
    A–Ö page has none (write-pages sets edit_url in the front matter of the pages it writes)."""
    hooks, written = (_files(site) for site in sites)
    for name in hooks:
        if name.endswith(".html"):
            assert _EDIT.findall(hooks[name]) == _EDIT.findall(written[name]), name
    case = _EDIT.findall(written["exempel/trygga-grannar-vatterhem/index.html"])
    assert case == [b"https://github.com/goda-exempel/goda-exempel/edit/main/examples/trygga-grannar-vatterhem.md"]
    assert _EDIT.findall(written["bidra/index.html"]) == [
        b"https://github.com/goda-exempel/goda-exempel/edit/main/docs/bidra.md"]
    assert _EDIT.findall(written["tema/index.html"]) == []


def test_the_written_site_has_no_broken_link(sites):
    assert links.check_site(sites[1]) == []


def test_generated_pages_are_written_where_their_address_is(tmp_path):
    """So that a link in their raw HTML means the same from the source file as from the page's
    address (Zensical resolves it from the file, MkDocs leaves it to the browser)."""
    project = _project(tmp_path / "projekt")
    assert run_cli("write-pages", "ut", cwd=project).returncode == 0
    out = project / "ut"
    assert (out / "exempel" / "trygga-grannar-vatterhem" / "index.md").is_file()
    assert not (out / "exempel" / "trygga-grannar-vatterhem.md").exists()
    assert (out / "tema" / "index.md").is_file()
    assert all(p.name == "index.md" for p in (out / "alla").rglob("*.md"))
    assert (out / "data" / "exempel.json").is_file()
    # the site's own pages with a marker: relative links by default, from the site's path with --links site
    assert 'href="../kommun/' in (out / "karta.md").read_text(encoding="utf-8")
    assert run_cli("write-pages", "ut", "--links", "site", cwd=project).returncode == 0
    assert 'href="/goda-exempel/kommun/' in (out / "karta.md").read_text(encoding="utf-8")



def test_a_config_without_hooks_gets_the_addresses_hooks_repo_derives():
    """A generator that runs no hooks (Zensical) needs site_url and edit_uri in its config, or
    its edit buttons lead to the copied folder (build-docs/) on a branch it guesses."""
    text = neutral.derived_config(ROOT / "mkdocs.yml", "byggsidor", hooks=False,
                                  site_url="https://goda-exempel.github.io/goda-exempel/",
                                  edit_uri="edit/main/docs/")
    data = yaml.safe_load(text)
    assert "hooks" not in data and data["docs_dir"] == "byggsidor"
    assert data["edit_uri"] == "edit/main/docs/"
    assert data["site_url"] == "https://goda-exempel.github.io/goda-exempel/"


def test_the_written_table_of_contents_is_taken_out_of_the_page_and_given_to_the_generator():
    tokens = [{"level": 1, "id": "rubrik", "name": "A -- B --&gt; C", "html": "A -- B --&gt; C",
               "data-toc-label": "", "children": []}]
    md = markdown.Markdown(extensions=["toc", written_toc.NAME])
    html = md.convert(f"\n{written_toc.comment(tokens)}\n\n<div><h1 id=\"rubrik\">A</h1></div>\n")
    assert md.toc_tokens == tokens
    assert html == '<div><h1 id="rubrik">A</h1></div>'
    # a page without the comment: the toc extension's own, and nothing taken out
    html = md.convert("# Rubrik\n\n<!-- goda-exempel:toc [] -->\n")
    assert [t["id"] for t in md.toc_tokens] == ["rubrik"] and "goda-exempel:toc" in html


def _case_with_hidden_number(project: Path):
    """A valid case whose page shows a personnummer that validation did not see in the file (as
    the hooks' check of the finished page assumes can happen)."""
    from dataclasses import replace

    from goda_exempel.validate import validate_paths

    result = validate_paths([project / "examples"], project)
    assert result.ok
    first = result.cases[0]
    return result.cases, replace(first, body=first.body + "\n\nNummer 811218-9876.\n")


def test_write_pages_refuses_a_page_with_a_personnummer_as_the_hooks_do(tmp_path):
    project = _project(tmp_path / "projekt")
    cases, hidden = _case_with_hidden_number(project)
    config = neutral.read_config(project / "mkdocs.yml")
    out = tmp_path / "ut"
    with pytest.raises(neutral.PageError, match=rf"^{re.escape(hidden.path)}:\d+: sidan innehåller ett personnummer"):
        neutral.write_pages(config, [hidden, *cases[1:]], out)
    assert not out.exists()  # stopped before anything was written


def test_write_site_data_refuses_a_built_page_with_a_personnummer(tmp_path):
    project = _project(tmp_path / "projekt")
    cases, hidden = _case_with_hidden_number(project)
    config = neutral.read_config(project / "mkdocs.yml")
    site = tmp_path / "site"
    page = site / neutral.pages.case_url(hidden) / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html lang="sv"><body><article data-pagefind-body><h1>T</h1>'
                    "<p>Nummer 811218&#8211;9876.</p></article></body></html>", encoding="utf-8")
    with pytest.raises(neutral.PageError, match=r"sidan innehåller ett personnummer"):
        neutral.write_site_data(config, [hidden], site)
    assert not (site / "pagefind").exists() and not (site / "feed.xml").exists()
