"""A case page's content made without MkDocs (goda_exempel/casepage.py): what MkDocs' own
conversion makes, the same in other processes, and the places a case text links to."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from conftest import ROOT, mkdocs_build
from goda_exempel import casepage, facets, pages, sanitize
from goda_exempel.validate import validate_dir

LINKS = ("\n\nLäs också [hur det blev](#sa-blev-det) och [en rubrik som saknas](#finns-inte) "
         "eller [hela rapporten](https://example.org/rapport#sida-2).\n")


def cases_with_links(tmp_path: Path):
    """The four real cases, one of them with links to places on its own page."""
    examples = shutil.copytree(ROOT / "examples", tmp_path / "examples")
    target = examples / "trygga-grannar-vatterhem.md"
    target.write_text(target.read_text(encoding="utf-8").rstrip("\n") + LINKS, encoding="utf-8")
    result = validate_dir(examples, tmp_path)
    assert result.ok, result.problems
    return result.cases


def site_setup():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config, casepage.MarkdownSetup(list(config.markdown_extensions), dict(config.mdx_configs))


def toc_items(toc) -> list:
    return [(item.title, item.id, item.level, toc_items(item.children)) for item in toc]


def test_the_content_is_what_mkdocs_makes_of_the_case_markdown(tmp_path):
    config, setup = site_setup()
    cases = cases_with_links(tmp_path)
    related = facets.related(cases)
    for case in cases:
        file = File(pages.case_src_uri(case), None, config.site_dir, config.use_directory_urls)
        file.content_string = pages.case_markdown(case)
        own = Page(None, file, config)
        own.read_source(config)
        own.render(config, Files([file]))
        made = casepage.make(casepage.Job(case, related.get(case.id, []), config.repo_url), setup)

        text = sanitize.clean(own.content[own.content.index("</h1>") + 5:])
        assert f'<div class="ge-case__text">{text}</div>' in made.html
        assert toc_items(get_toc(made.toc)) == toc_items(own.toc)
        assert made.ids == own.present_anchor_ids
        assert ({file: made.anchors} if made.anchors else {}) == (own.links_to_anchors or {})
        assert made.edit_url == f"https://github.com/goda-exempel/goda-exempel/edit/main/examples/{case.id}.md"

    linked = next(c for c in cases if c.id == "trygga-grannar-vatterhem")
    made = casepage.make(casepage.Job(linked, [], config.repo_url), setup)
    assert made.anchors["sa-blev-det"] == "#sa-blev-det" and made.anchors["finns-inte"] == "#finns-inte"
    assert not [link for link in made.anchors.values() if "example.org" in link]  # another site's place
    assert "sa-blev-det" in made.ids and "finns-inte" not in made.ids


def test_other_processes_make_the_same_content_in_order(tmp_path, monkeypatch):
    config, setup = site_setup()
    cases = cases_with_links(tmp_path)
    jobs = [casepage.Job(case, [c for c in cases if c is not case][:2], config.repo_url) for case in cases]
    monkeypatch.setattr(casepage, "_SLICE", 1)  # more than one piece of work per process
    batch = casepage.Batch(jobs, setup, processes=2)
    try:
        heard = []
        batch.listen(lambda case, content: heard.append((case.id, content)))
        assert casepage.running() is batch
        for job in jobs:
            assert batch.get(job.case.id) == casepage.make(job, setup)
        assert heard == [(job.case.id, casepage.make(job, setup)) for job in jobs]
        with pytest.raises(RuntimeError):
            batch.listen(lambda case, content: None)
    finally:
        batch.close()
    assert casepage.running() is None


def test_a_build_of_many_cases_indexes_what_its_case_pages_show(tmp_path):
    """From casepage.PARALLEL_FROM cases a build makes the case pages in other processes (on a
    machine with more than one core, as here and in CI) and indexes each as it is made: the
    pages and the index must agree, case for case."""
    from test_search_index import fragments

    from goda_exempel import search
    sys.path.insert(0, str(ROOT / "bench"))
    import run

    project = run.make_project(tmp_path / "project", casepage.PARALLEL_FROM, seed=7)
    result = mkdocs_build(project / "site", project / "mkdocs.yml", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    built = [search.page_from_html(f"exempel/{d.name}/", (d / "index.html").read_text("utf-8"))
             for d in sorted((site / "exempel").iterdir())]
    assert len(built) == casepage.PARALLEL_FROM and None not in built
    search.build_index(built, tmp_path / "pagefind")
    assert fragments(site / "pagefind") == fragments(tmp_path / "pagefind")


def test_a_link_to_a_place_the_case_page_lacks_stops_the_build(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ["docs", "overrides", "hooks"]:
        shutil.copytree(ROOT / name, project / name)
    cases_with_links(project)
    result = mkdocs_build(project / "site", project / "mkdocs.yml", cwd=project)
    assert result.returncode == 1
    # MkDocs' warning, in Swedish with the case file (hooks/cases.py)
    assert 'länken "#finns-inte" leder inte till något ställe i exemplet' in result.stderr
    assert "#sa-blev-det" not in result.stderr
