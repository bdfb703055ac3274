"""The pull request's job summary: which cases a change adds, changes or removes, from git."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli as run
from goda_exempel.changes import ADDED, CHANGED, REMOVED, case_changes, summary

ROOT = Path(__file__).resolve().parent.parent
HALMSTAD = "trygghetssamordnare-halmstad"
VATTERHEM = "trygga-grannar-vatterhem"



def git(repo: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.org",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.org",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True,
                          capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository with two real cases on main and a branch that changes things."""
    git(tmp_path, "init", "-q", "-b", "main")
    examples = tmp_path / "examples"
    examples.mkdir()
    for case_id in (VATTERHEM, HALMSTAD):
        shutil.copy(ROOT / "examples" / f"{case_id}.md", examples)
    (tmp_path / "README.md").write_text("hej\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "start")
    git(tmp_path, "switch", "-q", "-c", "bidrag")
    shutil.copy(ROOT / "examples" / "vardegrund-raslatt-jonkoping.md", examples)
    halmstad = examples / f"{HALMSTAD}.md"
    halmstad.write_text(halmstad.read_text(encoding="utf-8").replace("2026-11-21", "2026-11-22"), encoding="utf-8")
    (examples / f"{VATTERHEM}.md").unlink()
    (examples / "README.md").write_text("om mappen\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("hej då\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "bidrag")
    return tmp_path


def test_case_changes_between_two_refs(repo):
    changes = case_changes("main", "HEAD", repo)
    assert [(c.status, c.path) for c in changes] == [
        (ADDED, "examples/vardegrund-raslatt-jonkoping.md"),
        (CHANGED, f"examples/{HALMSTAD}.md"),
        (REMOVED, f"examples/{VATTERHEM}.md"),
    ]
    titles = {c.id: c.title for c in changes}
    assert titles["vardegrund-raslatt-jonkoping"] == "Gemensam värdegrund för trygghet och stabilitet på Råslätt"
    assert titles[VATTERHEM].startswith("Trygga grannar:")  # a removed case keeps its old title


def test_summary_markdown(repo):
    text = summary(case_changes("main", "HEAD", repo), "https://github.com/org/repo/actions/runs/1/artifacts/2")
    assert text.splitlines()[:6] == [
        "### Exempel i ändringen",
        "",
        "| | exempel | fil |",
        "| --- | --- | --- |",
        "| Nytt | Gemensam värdegrund för trygghet och stabilitet på Råslätt | "
        "`examples/vardegrund-raslatt-jonkoping.md` |",
        "| Ändrat | En trygghetssamordnares första år i två prioriterade bostadsområden | "
        f"`examples/{HALMSTAD}.md` |",
    ]
    assert "[ladda ner som zip-fil](https://github.com/org/repo/actions/runs/1/artifacts/2)" in text
    assert summary([]) == ("### Exempel i ändringen\n\n"
                           "Ändringen lägger inte till, ändrar eller tar bort något exempel.\n")


def test_changes_command(repo):
    result = run("changes", "main", "--artifact-url", "", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "| Borttaget | Trygga grannar:" in result.stdout
    assert "zip-fil" not in result.stdout
    bad = run("changes", "finns-inte", cwd=repo)
    assert bad.returncode == 1
    assert bad.stderr.startswith("Ändringarna kunde inte läsas ur git:")
    assert "Traceback" not in bad.stderr
