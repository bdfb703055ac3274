"""What an id is and how one is made from a title (goda_exempel.ids), in every channel: the
file name check, `new`, `from-issue` and the old names other code still calls."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from goda_exempel import from_issue, ids, load, scaffold
from goda_exempel.validate import validate_paths

sys.path.insert(0, str(Path(__file__).parent))
from test_from_issue import DATE, REAL_BODY, project  # noqa: E402,F401 - the fixture is used below

NASTY = Path(__file__).parent / "nasty"
VALID = NASTY / "giltigt.md"
PNR, PNR_PLAIN = "811218-9876", "8112189876"


@pytest.mark.parametrize("text", ["ale\n", "ale\r", "ale\n\n", "a\nb", "ale ", "Ale", "å", "-ale", "a--b", ""])
def test_an_id_is_the_whole_text(text):
    assert not ids.is_id(text)
    assert not load.ID_PATTERN.match(text)  # the old name, used with match, still means the whole text


@pytest.mark.parametrize("text", ["index", "readme", f"projekt-{PNR}", f"projekt-{PNR_PLAIN}"])
def test_reserved_ids_and_personnummer_are_not_ids(text):
    assert ids.PATTERN.fullmatch(text) and not ids.is_id(text)


@pytest.mark.parametrize("title, expected", [
    ("Trygga grannar: Vätterhem, Jönköping!", "trygga-grannar-vatterhem-jonkoping"),
    ("Trygghet på 100 m² i Ale", "trygghet-pa-100-m2-i-ale"),
    ("Café Ørestad ﬁ", "cafe-orestad-fi"),
    ("A\u030ale och a\u0308lvdalen", "ale-och-alvdalen"),  # decomposed å and ä
    ("README", "readme-exempel"),
    ("Index", "index-exempel"),
    (f"Projekt {PNR} i Ale", "projekt-i-ale"),
    (f"Projekt {PNR[:6]}\u2013{PNR[7:]} i Ale", "projekt-i-ale"),
    (f"Projekt 19{PNR_PLAIN} i Ale", "projekt-i-ale"),
    (PNR, ids.FALLBACK),
    ("???", ids.FALLBACK),
    ("Ett mycket långt namn på ett exempel " * 5, "ett-mycket-langt-namn-pa-ett-exempel-ett-mycket-langt-namn"),
    ("x" * 80, "x" * 60),
    ("Budget 2019 2020 2021", "budget-2019-2020-2021"),
])
def test_an_id_from_a_title(title, expected):
    assert ids.from_title(title) == expected == scaffold.suggest_id(title)
    assert ids.is_id(expected) and len(expected) <= ids.MAX_LENGTH


def test_the_old_names_still_work():
    assert load.slugify("Trygghetsvandringar i Ale") == "trygghetsvandringar-i-ale" == ids.slugify("Trygghetsvandringar i Ale")
    assert scaffold.MAX_ID == ids.MAX_LENGTH


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "examples").mkdir()
    return tmp_path


@pytest.mark.parametrize("name, message", [
    ("index.md", "filnamnet index.md är reserverat för webbplatsen. Byt namn på filen till något som beskriver exemplet."),
    ("readme.md", "filnamnet readme.md är reserverat för webbplatsen. Byt namn på filen till något som beskriver exemplet."),
    ("Readme.md", "filnamnet Readme.md är reserverat för webbplatsen. Byt namn på filen till något som beskriver exemplet."),
    (f"projekt-{PNR}.md", "filnamnet innehåller ett personnummer. Byt namn på filen till något som beskriver exemplet."),
    ("ale\n.md", "filnamnet får bara innehålla små bokstäver a–z, siffror och bindestreck (inga å, ä, ö, "
                 "mellanslag eller punkter). Byt namn till ale.md."),
])
def test_a_file_name_that_is_not_an_id_is_refused_not_skipped(folder, name, message):
    (folder / "examples" / name).write_bytes(VALID.read_bytes())
    result = validate_paths([folder / "examples"], folder)
    assert not result.ok and result.count == 0
    assert [(p.line, p.message) for p in result.problems] == [(1, message)]


def test_only_the_folders_own_guide_is_skipped(folder):
    (folder / "examples" / "README.md").write_text("# Exemplen\n", encoding="utf-8")
    (folder / "examples" / "ale.md").write_bytes(VALID.read_bytes())
    result = validate_paths([folder / "examples"], folder)
    assert result.ok and result.count == 1


@pytest.mark.parametrize("title, expected", [("README", "readme-exempel"), ("index", "index-exempel"),
                                             (f"Projekt {PNR} i Ale", None)])
def test_from_issue_never_writes_a_reserved_id_or_a_personnummer(project, title, expected):  # noqa: F811
    outcome = from_issue.convert(REAL_BODY.replace("Trygghetsvandringar med boende i Ale", title),
                                 project / "examples", DATE, base=project)
    names = sorted(p.name for p in (project / "examples").iterdir())
    assert not any(name in ("readme.md", "index.md") or "8112189876" in name.replace("-", "") for name in names)
    if expected is None:  # the title itself is refused, and nothing is written
        assert not outcome.ok
    else:
        assert outcome.ok, outcome.problems
        assert outcome.case.id == expected


@pytest.mark.parametrize("bad_id", ["index", "readme", f"projekt-{PNR}", "ale\n"])
def test_from_issue_refuses_a_reserved_or_personal_id(project, bad_id):  # noqa: F811
    outcome = from_issue.convert(REAL_BODY, project / "examples", DATE, base=project, case_id=bad_id)
    assert not outcome.ok and any("id:t" in p for p in outcome.problems), outcome.problems
