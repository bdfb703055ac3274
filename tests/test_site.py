"""A real `mkdocs build --strict` of the real site: what the pages show."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build

CASES = {
    "trygga-grannar-vatterhem": {
        "org": "Vätterhem", "place": "Jönköping (Jönköpings län)", "period": "september 2016 – pågående",
    },
    "vardegrund-raslatt-jonkoping": {
        "org": "Jönköpings kommun", "place": "Jönköping (Jönköpings län)", "budget": "370 000 kr per år",
    },
    "trygghetssamordnare-halmstad": {"org": "Halmstads kommun", "place": "Halmstad (Hallands län)"},
    "organiserad-trygghet-goteborg": {"org": "Göteborgs Stad", "place": "Göteborg (Västra Götalands län)"},
}
FACT_LABELS = ["Organisationer", "Kommuner", "Tidsperiod", "Status", "Typ av exempel", "Teman",
               "Förebyggande inriktning", "Målgrupper", "Uppföljning", "Källor", "Kontakt", "Tillagt",
               "Senast granskat"]
SECTIONS = ["Därför gjorde vi det", "Så gjorde vi", "Så blev det", "Våra viktigaste slutsatser"]


def text_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))).replace("\u00a0", " ")


@pytest.mark.parametrize("case_id", CASES)
def test_case_page_shows_facts_text_and_edit_link(built_site, case_id):
    html = (built_site / "exempel" / case_id / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in html
    facts = html[html.index('class="ge-facts"'):html.index("</aside>")]
    for label in FACT_LABELS:
        assert f"<dt>{label}</dt>" in facts, label
    facts_text = text_of(facts)
    for value in CASES[case_id].values():
        assert value in facts_text, value
    body = text_of(html[html.index("</aside>"):])
    for heading in SECTIONS:
        assert heading in body
    assert html.index('class="ge-facts"') < html.index('id="darfor-gjorde-vi-det"')
    edit = f'href="https://github.com/goda-exempel/goda-exempel/edit/main/examples/{case_id}.md"'
    assert re.search(edit + r'[^>]*>Föreslå ändring</a>', html)
    assert "Tillagt</dt><dd>21 november 2026" in facts


def test_sources_are_listed_with_publisher(built_site):
    html = (built_site / "exempel/trygga-grannar-vatterhem/index.html").read_text(encoding="utf-8")
    assert ('<a href="https://www.sverigesallmannytta.se/vad-vi-gor/trygga-grannar-aret-om/" '
            'rel="noopener noreferrer">Trygga grannar året om</a>, Sveriges Allmännytta, april 2018') in html


def test_start_page_lists_cases_and_catalogue_lists_all(built_site):
    start = text_of((built_site / "index.html").read_text(encoding="utf-8"))
    assert "Senast tillagda exempel" in start
    catalogue = (built_site / "hitta-exempel/index.html").read_text(encoding="utf-8")
    for case_id in CASES:
        assert f'href="../exempel/{case_id}/"' in catalogue


def test_about_and_404_pages_are_swedish(built_site):
    assert "Om kunskapsbanken" in (built_site / "om/index.html").read_text(encoding="utf-8")
    page404 = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Sidan finns inte</h1>" in page404 and '<html lang="sv"' in page404


def test_no_page_loads_anything_from_another_site(built_site):
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path
        for tag in re.findall(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", html):
            if re.search(r'rel="(?:canonical|alternate)"', tag):
                continue  # an address, not a request
            for url in re.findall(r'(?:src|href)="([^"]+)"', tag):
                assert not re.match(r"^(https?:)?//", url), (path, tag)


def test_search_index_is_built_by_the_build(built_site):
    assert (built_site / "pagefind" / "pagefind.js").exists()
    assert list((built_site / "pagefind").glob("pagefind.sv_*.pf_meta")), "no Swedish index"


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for name in ["mkdocs.yml"]:
        shutil.copy(ROOT / name, project / name)
    for name in ["docs", "overrides", "hooks", "examples"]:
        shutil.copytree(ROOT / name, project / name)
    return project


def test_invalid_case_stops_the_build_with_every_error_and_no_half_site(tmp_path):
    project = copy_project(tmp_path)
    case = project / "examples" / "trygga-grannar-vatterhem.md"
    text = case.read_text(encoding="utf-8")
    lines = text.splitlines()
    kind_line = lines.index("kind: insats") + 1
    case.write_text(text.replace("kind: insats", "kind: insatts").replace("  - Jönköping\n", "  - Jönköpng\n"),
                    encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("tidigare bygge", encoding="utf-8")
    result = mkdocs_build(site, config=project / "mkdocs.yml", cwd=project)
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    assert f'examples/trygga-grannar-vatterhem.md:{kind_line}: kind: "insatts" är inte ett tillåtet värde. Menade du insats?' in out
    assert 'municipalities[1]: "Jönköpng" är inte en svensk kommun. Menade du Jönköping?' in out
    assert "2 fel i exemplen – sajten byggdes inte" in out
    assert (site / "index.html").read_text(encoding="utf-8") == "tidigare bygge"
    assert not (site / "exempel").exists()


def _old_site(project: Path) -> Path:
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("tidigare bygge", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")
    return site


def _left_over(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


def test_a_build_that_fails_late_leaves_the_last_good_site(tmp_path):
    """A strict-mode warning fails the build only after every hook has run (and after MkDocs
    has written every page): the old site must still be whole, with no new folder left over."""
    project = copy_project(tmp_path)
    about = project / "docs" / "om.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[Saknas](finns-inte.md)\n", encoding="utf-8")
    site = _old_site(project)
    result = mkdocs_build(site, config=project / "mkdocs.yml", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "tidigare bygge"
    assert sorted(p.name for p in site.iterdir()) == [".nojekyll", "index.html"]
    assert _left_over(project) == []


def test_an_error_in_the_last_step_of_a_build_leaves_the_last_good_site(tmp_path):
    project = copy_project(tmp_path)
    (project / "hooks" / "fel.py").write_text(
        "def on_post_build(config):\n    raise RuntimeError('fel i sista steget')\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - hooks/swap.py", "  - hooks/fel.py\n  - hooks/swap.py"), encoding="utf-8")
    site = _old_site(project)
    result = mkdocs_build(site, config=config, cwd=project)
    assert result.returncode == 1
    assert (site / "index.html").read_text(encoding="utf-8") == "tidigare bygge"
    assert _left_over(project) == []


def test_a_good_build_replaces_the_site_and_keeps_its_hidden_files(tmp_path):
    project = copy_project(tmp_path)
    site = _old_site(project)
    (site / "gammal-sida.html").write_text("borttagen", encoding="utf-8")
    result = mkdocs_build(site, config=project / "mkdocs.yml", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "tidigare bygge" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / ".nojekyll").exists() and not (site / "gammal-sida.html").exists()
    assert (site / "pagefind" / "pagefind.js").exists()
    assert _left_over(project) == []


def test_skip_link_leads_to_the_case_title(built_site):
    html = (built_site / "exempel/trygga-grannar-vatterhem/index.html").read_text(encoding="utf-8")
    assert '<a href="#rubrik" class="md-skip">' in html
    body = html[html.index('data-pagefind-body'):]
    assert body.index('<h1 id="rubrik">Trygga grannar') < body.index('class="ge-summary"') < body.index('class="ge-facts"')


def test_visitors_run_only_the_known_scripts(built_site):
    """What a visitor's browser runs: Material's bundle and the site's own scripts (which load
    Pagefind's pagefind.js). A new script, from a theme update or anywhere else, fails here and
    has to be looked at (README: "Maintaining the site's tools")."""
    own = {f"assets/javascripts/{p.name}" for p in (ROOT / "docs" / "assets" / "javascripts").glob("*.js")}
    loaded = set()
    for page in built_site.rglob("*.html"):
        for src in re.findall(r'<script[^>]*\ssrc="([^"]+)"', page.read_text(encoding="utf-8")):
            loaded.add(re.sub(r"^(\.\./)+|^/[^/]+/(?=assets/)", "", src.split("?")[0]))
    bundle = {s for s in loaded if re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js", s)}
    assert len(bundle) == 1
    assert loaded - bundle <= own, loaded - bundle - own
    # the site's own scripts import nothing but Pagefind's script
    imports = {m for p in (ROOT / "docs" / "assets" / "javascripts").glob("*.js")
               for m in re.findall(r"import\(([^)]*)\)", p.read_text(encoding="utf-8"))}
    assert imports and all("pagefind.js" in m for m in imports), imports


def test_a_broken_anchor_in_a_case_is_named_in_swedish_with_file_and_line(tmp_path):
    project = copy_project(tmp_path)
    case = project / "examples" / "trygga-grannar-vatterhem.md"
    text = case.read_text(encoding="utf-8").rstrip("\n") + "\n\nLäs [hur det blev](#finns-inte).\n"
    case.write_text(text, encoding="utf-8")
    line = text.split("\n").index("Läs [hur det blev](#finns-inte).") + 1
    site = _old_site(project)
    result = mkdocs_build(site, config=project / "mkdocs.yml", cwd=project)
    assert result.returncode == 1
    assert (f"examples/trygga-grannar-vatterhem.md:{line}: text: länken \"#finns-inte\" leder inte till något "
            "ställe i exemplet.") in result.stderr
    assert "no such anchor" not in result.stderr and "exempel/trygga-grannar-vatterhem.md'" not in result.stderr
    assert _last_line(result.stdout) == ("Bygget avbröts: 1 varning ovan räknas som fel (strict). Den förra "
                                         "versionen av webbplatsen är kvar.")
    assert (site / "index.html").read_text(encoding="utf-8") == "tidigare bygge"


def test_a_broken_anchor_on_a_page_of_docs_is_named_in_swedish_with_file_and_line(tmp_path):
    project = copy_project(tmp_path)
    page = project / "docs" / "om.md"
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\nLäs [mer](#finns-inte).\n"
    page.write_text(text, encoding="utf-8")
    line = text.split("\n").index("Läs [mer](#finns-inte).") + 1
    result = mkdocs_build(tmp_path / "site", config=project / "mkdocs.yml", cwd=project)
    assert result.returncode == 1
    assert f'docs/om.md:{line}: länken "#finns-inte" leder inte till något ställe på sidan.' in result.stderr
    assert "no such anchor" not in result.stderr


def _last_line(output: str) -> str:
    """The last line a failed build prints: MkDocs writes its "Aborted …" line to stdout, after
    every log line (stderr)."""
    return output.strip().split("\n")[-1]


def test_a_failed_build_ends_with_a_swedish_line_not_mkdocs_english_one(tmp_path):
    """A hook's error (here: a case that does not validate) is shown, and the last line, where
    MkDocs would write "Aborted with a BuildError!", is Swedish."""
    project = copy_project(tmp_path)
    shutil.copy(ROOT / "tests" / "nasty" / "personnummer.md", project / "examples" / "personnummer.md")
    site = _old_site(project)
    result = mkdocs_build(site, config=project / "mkdocs.yml", cwd=project)
    assert result.returncode == 1
    assert "examples/personnummer.md:38: text: innehåller ett personnummer." in result.stderr
    assert "Aborted" not in result.stderr + result.stdout
    assert _last_line(result.stdout) == "Bygget avbröts av felet ovan. Den förra versionen av webbplatsen är kvar."
    assert (site / "index.html").read_text(encoding="utf-8") == "tidigare bygge"
