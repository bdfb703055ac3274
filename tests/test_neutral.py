"""The generator-neutral build (goda_exempel/neutral.py) with the generator the tests use: the
pages written by `goda-exempel write-pages`, the case hooks left out of mkdocs.yml, the search
index and data written by `goda-exempel write-site-data`, give the site the hooks give."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build, run_cli
from goda_exempel import links, neutral

pytestmark = pytest.mark.build


def _project(folder: Path) -> Path:
    folder.mkdir()
    for part in ("mkdocs.yml", "docs", "overrides", "hooks", "examples"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, folder / part)
    return folder


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


_EDIT = re.compile(rb'<a href="[^"]*/edit/[^"]*" title="Redigera sidan".*?</a>', re.S)
_TOC = re.compile(rb'<label class="md-nav__title" for="__toc">.*?</ul>\s*(?=</nav>)', re.S)
_SKIP = re.compile(rb'<a href="#rubrik" class="md-skip">.*?</a>', re.S)
_HEAD = re.compile(rb"<script>if\(location\.search\.length>1\).*?</script>", re.S)  # browse.catalogue_head
_SPACE = re.compile(rb">\s+<")


def _page(html: bytes) -> bytes:
    """A page as compared: without the edit button (MkDocs links each page of the folder to a
    file under docs/, which the hooks' pages have not), the table of contents and skip link of
    a case page (MkDocs makes them from Markdown headings; a written case page is HTML), and
    the white space Markdown leaves between blocks of raw HTML, and the catalogue's head script
    that starts the search early for a shared address (an optimisation only the hooks add)."""
    for pattern in (_EDIT, _TOC, _SKIP, _HEAD):
        html = pattern.sub(b"", html)
    return _SPACE.sub(b"><", html)


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
    for name in hooks:
        if name.startswith(("pagefind/", "data/")) or name in ("feed.xml",):
            assert hooks[name] == written[name], name
    # the sitemap lists the same pages, in MkDocs' order of its files
    locs = [sorted(re.findall(rb"<loc>(.*?)</loc>", files["sitemap.xml"])) for files in (hooks, written)]
    assert locs[0] == locs[1] and locs[0]


def test_the_same_pages_but_for_what_only_hooks_can_set(sites):
    hooks, written = (_files(site) for site in sites)
    different = [name for name in hooks if name.endswith(".html") and _page(hooks[name]) != _page(written[name])]
    assert different == []


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

