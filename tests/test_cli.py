"""The real `goda-exempel` console script on real files: exit status, output, no traceback."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli as run

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = (FIXTURES / "valid-case.md").read_text(encoding="utf-8")



def project(tmp_path: Path, **files: str) -> Path:
    (tmp_path / "examples").mkdir()
    for name, text in files.items():
        (tmp_path / "examples" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_valid_examples_exit_zero(tmp_path):
    result = run("validate", cwd=project(tmp_path, **{"ale.md": GOOD}))
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "1 exempel är giltigt."


def test_every_error_at_once_with_file_line_field(tmp_path):
    broken = GOOD.replace("kind: insats", "kind: insatts").replace("  - Ale\n", "  - Alle\n")
    result = run("validate", cwd=project(tmp_path, **{"ale.md": broken, "ok.md": GOOD.replace("i Ale", "i Kungälv")}))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'examples/ale.md:6: kind: "insatts" är inte ett tillåtet värde. Menade du insats?',
        'examples/ale.md:12: municipalities[1]: "Alle" är inte en svensk kommun. Menade du Ale?',
    ]
    assert result.stderr.strip() == "2 fel i 1 fil."
    assert "Traceback" not in result.stdout + result.stderr


def test_single_file_argument(tmp_path):
    root = project(tmp_path, **{"ale.md": GOOD, "trasig.md": "inget här"})
    assert run("validate", "examples/ale.md", cwd=root).returncode == 0
    result = run("validate", "examples/trasig.md", cwd=root)
    assert result.returncode == 1
    assert result.stdout.startswith("examples/trasig.md:1: filen saknar framsida")


def test_missing_path(tmp_path):
    result = run("validate", "examples/finns-inte.md", cwd=project(tmp_path))
    assert result.returncode == 1
    assert "examples/finns-inte.md: filen eller mappen finns inte." in result.stderr


def test_github_format(tmp_path):
    broken = GOOD.replace("kind: insats", "kind: insatts")
    result = run("validate", "--format", "github", cwd=project(tmp_path, **{"ale.md": broken}))
    assert result.returncode == 1
    assert result.stdout.strip() == ('::error file=examples/ale.md,line=6,title=Fel i kind::'
                                     '"insatts" är inte ett tillåtet värde. Menade du insats?')
