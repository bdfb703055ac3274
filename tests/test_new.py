"""`goda-exempel new`: a valid case file from questions or from flags, never over an existing one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from goda_exempel import issue_form, load, scaffold, schema, validate

ROOT = Path(__file__).resolve().parent.parent
DATE = "2026-11-21"

FLAGS = [
    "--title", "Trygghetsvandringar med boende i Ale",
    "--summary", "Kommunen och bostadsbolaget gick trygghetsvandringar med boende varje höst.",
    "--kind", "Insats",
    "--organisations", "Ale kommun | Kommun",
    "--organisations", "Alebyggen | bostadsbolag",
    "--scope", "lokal",
    "--municipalities", "Ale",
    "--period-start", "2019-09",
    "--period-end", "pågående",
    "--status", "Pågående",
    "--themes", "Platser och fysisk miljö",
    "--themes", "lokalt-engagemang",
    "--prevention", "Situationell",
    "--target-groups", "Boende och hyresgäster",
    "--evaluation-level", "Intern uppföljning",
    "--sources", "Trygghetsvandringar i Ale | https://example.org/ale | Ale kommun",
    "--contacts", "Trygghetssamordnare | Ale kommun",
    "--text-darfor", "Boende kände sig otrygga.",
    "--text-sa-gjorde-vi", "Vi gick runt.",
    "--text-sa-blev-det", "Belysningen byttes.",
    "--text-slutsatser", "Gör det varje år.",
]


def new(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "goda_exempel.cli", "new", "--today", DATE, *args],
                          cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "examples").mkdir()
    return tmp_path


def test_flags_write_a_valid_file(project):
    result = new(*FLAGS, cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "examples/trygghetsvandringar-med-boende-i-ale.md"
    path = project / "examples" / "trygghetsvandringar-med-boende-i-ale.md"
    meta = load.read(path).meta
    assert meta["organisations"][1] == {"name": "Alebyggen", "type": "bostadsbolag"}
    assert meta["themes"] == ["platser-och-fysisk-miljo", "lokalt-engagemang"]
    assert meta["added"] == meta["last_reviewed"] == DATE
    assert validate.validate_dir(project / "examples", project).ok
    check = subprocess.run([sys.executable, "-m", "goda_exempel.cli", "validate", str(path)],
                           capture_output=True, text=True, cwd=project)
    assert check.returncode == 0, check.stdout


def test_it_never_overwrites(project):
    assert new(*FLAGS, cwd=project).returncode == 0
    path = project / "examples" / "trygghetsvandringar-med-boende-i-ale.md"
    before = path.read_bytes()
    again = new(*FLAGS, "--summary", "En annan ingress som också är tillräckligt lång för schemat.", cwd=project)
    assert again.returncode == 1
    assert "det finns redan ett exempel med id:t trygghetsvandringar-med-boende-i-ale" in again.stderr
    assert path.read_bytes() == before


def test_missing_and_wrong_flags_are_named(project):
    result = new("--title", "Kort", "--kind", "insatsen", "--sources", "Källa | ftp://x | Ale", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for expected in ("--title: är för kort (4 tecken); skriv minst 5 tecken.",
                     "--summary: fältet saknas.",
                     "--kind: \"insatsen\" är inte ett tillåtet värde. Menade du insats?",
                     "--sources: \"ftp://x\" har fel form.",
                     "--text-darfor: avsnittet \"## Därför gjorde vi det\" saknas.",
                     "Ingen fil skrevs."):
        assert expected in result.stderr, result.stderr
    assert list((project / "examples").iterdir()) == []


@pytest.mark.parametrize("bad", ["../x", "A", "a.md"])
def test_a_bad_id_is_refused(project, bad):
    result = new(*FLAGS, f"--id={bad}", cwd=project)
    assert result.returncode == 1 and "--id: id:t" in result.stderr
    assert list((project / "examples").iterdir()) == []


def answers_for_questions(overrides: dict[str, list[str]] | None = None) -> str:
    """What a person types, question by question (lists and texts end as the prompts say)."""
    given = {
        "title": ["Trygghetsvandringar med boende i Ale"],
        "summary": ["Kommunen och bostadsbolaget gick trygghetsvandringar med boende varje höst.", "."],
        "kind": ["1"],
        "organisations": ["Ale kommun | Kommun", ""],
        "scope": ["1"],
        "municipalities": ["Ale", ""],
        "period-start": ["2019-09"],
        "period-end": ["pågående"],
        "status": ["2"],
        "themes": ["3, 4"],
        "prevention": ["1"],
        "target_groups": ["1"],
        "evaluation-level": ["2"],
        "sources": ["Trygghetsvandringar i Ale | https://example.org/ale | Ale kommun", ""],
        "contacts": ["Trygghetssamordnare | Ale kommun", ""],
        "text-darfor": ["Boende kände sig otrygga.", "", "Särskilt på kvällen.", "."],
        "text-sa-gjorde-vi": ["Vi gick runt.", "."],
        "text-sa-blev-det": ["Belysningen byttes.", "."],
        "text-slutsatser": ["Gör det varje år.", "."],
    }
    given.update(overrides or {})
    lines = []
    for e in issue_form.elements():
        if e.name in given:
            lines += given[e.name]
        elif e.widget == "textarea":
            is_list = e.field is not None and e.field.kind in ("strings", "objects")
            lines += [""] if is_list else ["."]
        else:
            lines += [""]
    return "\n".join(lines) + "\n"


def test_questions_write_a_valid_file(project):
    result = new(cwd=project, stdin=answers_for_questions())
    assert result.returncode == 0, result.stderr
    assert "Rubrik *" in result.stderr and "1) Insats" in result.stderr
    path = project / "examples" / "trygghetsvandringar-med-boende-i-ale.md"
    source = load.read(path)
    assert source.meta["kind"] == "insats" and source.meta["status"] == "pagaende"
    assert source.meta["themes"] == [t.id for t in schema.vocabulary("themes").terms[2:4]]
    assert "## Därför gjorde vi det\n\nBoende kände sig otrygga.\n\nSärskilt på kvällen." in source.body
    assert validate.validate_dir(project / "examples", project).ok


def test_a_wrong_answer_is_asked_again_with_the_reason(project):
    text = answers_for_questions({"municipalities": ["Alle", ""]}) + "Ale\n\n"
    result = new(cwd=project, stdin=text)
    assert result.returncode == 0, result.stderr
    assert "Kommuner: \"Alle\" är inte en svensk kommun. Menade du Ale?" in result.stderr
    assert "Fel: \"Alle\" är inte en svensk kommun." in result.stderr
    meta = load.read(project / "examples" / "trygghetsvandringar-med-boende-i-ale.md").meta
    assert meta["municipalities"] == ["Ale"]


def test_a_required_question_is_asked_until_answered(project):
    text = answers_for_questions({"title": ["", "Trygghetsvandringar med boende i Ale"]})
    result = new(cwd=project, stdin=text)
    assert result.returncode == 0, result.stderr
    assert "Det här fältet är obligatoriskt." in result.stderr


def test_stopping_half_way_writes_nothing(project):
    result = new(cwd=project, stdin="Trygghetsvandringar i Ale\n")
    assert result.returncode == 1
    assert "Avbrutet. Ingen fil skrevs." in result.stderr
    assert list((project / "examples").iterdir()) == []


def test_every_question_has_a_flag_with_its_label():
    help_text = subprocess.run([sys.executable, "-m", "goda_exempel.cli", "new", "--help"],
                               capture_output=True, text=True).stdout
    for e in issue_form.elements():
        assert "--" + e.name.replace("_", "-") in help_text
    for s in schema.section_headings():
        assert s.label in help_text


def test_suggested_ids_are_short_and_valid():
    assert scaffold.suggest_id("Trygga grannar: Vätterhem, Jönköping!") == "trygga-grannar-vatterhem-jonkoping"
    long = scaffold.suggest_id("Ett mycket långt namn på ett exempel " * 5)
    assert len(long) <= scaffold.MAX_ID and load.ID_PATTERN.match(long) and not long.endswith("-")
    assert scaffold.suggest_id("x" * 80) == "x" * 60
    assert scaffold.suggest_id("???") == load.slugify("")
