"""`make serve` (`$(GENERATOR) serve --dirty`, ProperDocs or MkDocs): after a case is edited, every page that shows it is
served anew, pages that do not are not rebuilt, and a removed case's page is gone."""

from __future__ import annotations

import os
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import make_serve, make_serve_command, rebuild_ended, wait_for

EDITED = "trygga-grannar-vatterhem"  # shares themes with every other seed case
REMOVED = "vardegrund-raslatt-jonkoping"


def test_make_serve_uses_the_dirty_rebuild():
    assert "$(GENERATOR) serve -f mkdocs.yml --dirty" in make_serve_command()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except (urllib.error.URLError, ConnectionError, OSError):
        return 0, ""


_wait = wait_for


@pytest.fixture
def served(tmp_path):
    with make_serve(tmp_path) as (project, base, log, site):
        _wait(lambda: _get(base)[0] == 200, "the start page was not served", log)
        yield project, base, log, site


def _pages(site: Path) -> dict[str, int]:
    """Each page's folder and when its index.html was written. The search index is left out:
    `mkdocs serve` writes it in the background, into pagefind.ny/ and then renamed, so its
    folders can vanish while they are read."""
    pages = {}
    for folder, subfolders, files in os.walk(site):
        subfolders[:] = [name for name in subfolders if not name.startswith("pagefind")]
        if "index.html" in files:
            pages[Path(folder).relative_to(site).as_posix()] = (Path(folder) / "index.html").stat().st_mtime_ns
    return pages


def _rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {page for page, mtime in after.items() if before.get(page) != mtime}


def _listing_it_as_related(project: Path) -> str:
    """A case whose "Liknande exempel" lists the edited case (derived from the files)."""
    from goda_exempel import facets
    from goda_exempel.validate import validate_dir

    related = facets.related(validate_dir(project / "examples", project).cases)
    return next(i for i, cases in sorted(related.items()) if EDITED in [c.id for c in cases])


def _other_titles_begin_with(letter: str, project: Path) -> bool:
    from goda_exempel.validate import validate_dir

    cases = validate_dir(project / "examples", project).cases
    return any(c.id != EDITED and c.meta["title"].lower().startswith(letter) for c in cases)


def test_an_edited_title_reaches_every_page_that_shows_it_and_nothing_else_is_rebuilt(served):
    project, base, log, site = served
    old_title = "Trygga grannar: grannar som agerar"
    neighbour = _listing_it_as_related(project)
    status, related_before = _get(f"{base}exempel/{neighbour}/")
    assert status == 200 and old_title in related_before  # a related case lists it
    path = project / "examples" / f"{EDITED}.md"
    text = path.read_text(encoding="utf-8")
    title_line = re.search(r"^title: .*$", text, re.M).group(0)
    assert old_title in title_line
    new_title = "Grannar som agerar, Ändradrubrik"

    before = _pages(site)
    mark = len(log)
    path.write_text(text.replace(title_line, f'title: "{new_title}"'), encoding="utf-8")
    _wait(lambda: new_title in _get(f"{base}exempel/{EDITED}/")[1], "the edited page was not served", log)
    _wait(lambda: rebuild_ended(log, mark) is not None, "the rebuild did not end", log)

    for page in (f"exempel/{neighbour}/",  # "Liknande exempel"
                 "tema/vald-i-nara-relationer/", "kommun/jonkoping/", "alla/g/", "hitta-exempel/"):
        status, html = _get(base + page)
        assert status == 200 and new_title in html, page
        assert old_title not in html, page
    after = _pages(site)
    rebuilt = _rewritten(before, after)
    assert {f"exempel/{EDITED}", "alla/g", "hitta-exempel", "."} <= rebuilt, rebuilt
    # it was the only title under T: that letter's page is gone, not left behind
    assert "alla/t" in before
    if not _other_titles_begin_with("t", project):  # the edited title was the only one under T
        assert "alla/t" not in after and _get(base + "alla/t/")[0] == 404
    else:
        assert "alla/t" in rebuilt and old_title not in _get(base + "alla/t/")[1]
    assert {"om", "bidra", "tillganglighet", "dela-ditt-exempel", "kommun/halmstad"}.isdisjoint(rebuilt), rebuilt
    assert not [line for line in log[mark:] if (line.startswith("WARNING") and "\"GET " not in line) or "Aborted" in line]

    # an edit to the text alone rebuilds that case's page and no other
    before = _pages(site)
    mark = len(log)
    path.write_text(path.read_text(encoding="utf-8") + "\nEn ny mening Mätpunktserve.\n", encoding="utf-8")
    _wait(lambda: "Mätpunktserve" in _get(f"{base}exempel/{EDITED}/")[1], "the new text was not served", log)
    _wait(lambda: rebuild_ended(log, mark) is not None, "the rebuild did not end", log)
    assert _rewritten(before, _pages(site)) == {f"exempel/{EDITED}"}


def test_a_removed_case_disappears_from_the_served_site(served):
    project, base, log, _ = served
    assert _get(f"{base}exempel/{REMOVED}/")[0] == 200
    assert "Gemensam värdegrund" in _get(f"{base}exempel/{EDITED}/")[1]  # listed as related
    (project / "examples" / f"{REMOVED}.md").unlink()
    _wait(lambda: _get(f"{base}exempel/{REMOVED}/")[0] == 404, "the removed case's page was still served", log)
    status, html = _get(f"{base}exempel/{EDITED}/")
    assert status == 200 and "Gemensam värdegrund" not in html
