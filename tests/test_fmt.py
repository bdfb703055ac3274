"""``goda-exempel fmt``: canonical form for valid cases, nothing lost, nothing touched unless asked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from goda_exempel import load
from goda_exempel.validate import validate_dir

ROOT = Path(__file__).resolve().parent.parent
NASTY = Path(__file__).parent / "nasty"
CLI = Path(sys.executable).parent / "goda-exempel"


def fmt(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), "fmt", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def cases(folder: Path) -> dict[str, tuple[dict, str]]:
    result = validate_dir(folder, folder.parent)
    assert result.ok, result.problems
    return {c.id: (c.meta, c.body.lstrip("\n").rstrip()) for c in result.cases}


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the real examples/, with one more file saved with a BOM and CRLF line ends."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    windows = "\ufeff" + (NASTY / "giltigt.md").read_text(encoding="utf-8").replace("\n", "\r\n")
    (tmp_path / "examples" / "ale-vandringar.md").write_bytes(windows.encode("utf-8"))
    return tmp_path


def test_fmt_keeps_every_case_the_same_and_a_second_run_changes_nothing(project):
    examples = project / "examples"
    before = cases(examples)
    first = fmt(project)
    assert first.returncode == 0, first.stdout + first.stderr
    changed = [line.split(":")[0] for line in first.stdout.splitlines()]
    assert "examples/ale-vandringar.md" in changed
    assert all(line.endswith(": formaterad.") for line in first.stdout.splitlines())
    assert first.stderr.strip().endswith("formaterades.")
    assert cases(examples) == before  # the same cases, value for value
    data = (examples / "ale-vandringar.md").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
    assert not [p for p in examples.iterdir() if p.name.startswith(".")]  # no temporary files left

    after_first = snapshot(examples)
    second = fmt(project)
    assert second.returncode == 0 and second.stdout == ""
    assert second.stderr.strip() == f"0 av {len(before)} filer formaterades."
    assert snapshot(examples) == after_first  # not even rewritten with the same bytes
    check = fmt(project, "--check")
    assert check.returncode == 0 and check.stdout == ""


def test_check_lists_the_files_and_changes_nothing(project):
    examples = project / "examples"
    before = snapshot(examples)
    result = fmt(project, "--check", "examples")
    assert result.returncode == 1
    assert "examples/ale-vandringar.md: behöver formateras." in result.stdout.splitlines()
    assert result.stderr.strip().endswith("skulle formateras.")
    assert snapshot(examples) == before


def test_an_invalid_file_is_left_alone_and_its_errors_printed(project):
    examples = project / "examples"
    broken = examples / "trasig.md"
    broken.write_text("---\ntitle: Trygghet\nsummary: [\n---\n\nText.\n", encoding="utf-8")
    before = broken.read_bytes()
    result = fmt(project)
    assert result.returncode == 1
    assert "examples/trasig.md:3: YAML-fel:" in result.stdout
    assert "examples/trasig.md: inte formaterad. Rätta felen ovan först." in result.stderr
    assert broken.read_bytes() == before
    assert "Traceback" not in result.stderr
    # the valid files were still formatted
    assert "examples/ale-vandringar.md: formaterad." in result.stdout


def test_a_file_with_yaml_comments_is_left_alone(project):
    path = project / "examples" / "ale-vandringar.md"
    text = (NASTY / "giltigt.md").read_text(encoding="utf-8")
    text = text.replace("kind: insats", "kind: insats  # eller program?").replace(
        "scope: lokal", "# Fråga kommunen om fler orter.\nscope: lokal")
    path.write_text(text, encoding="utf-8")
    result = fmt(project, "examples/ale-vandringar.md")
    assert result.returncode == 1
    message = "raden har en kommentar (#) som skulle försvinna. Flytta texten till ett fält eller ta bort kommentaren."
    assert result.stdout.splitlines() == [f"examples/ale-vandringar.md:6: {message}",
                                          f"examples/ale-vandringar.md:10: {message}"]
    assert path.read_text(encoding="utf-8") == text


def test_a_hash_inside_a_value_is_not_a_comment(project):
    path = project / "examples" / "ale-vandringar.md"
    text = (NASTY / "giltigt.md").read_text(encoding="utf-8").replace(
        "title: Trygghetsvandringar med boende i Ale", "title: 'Trygghetsvandringar #2 med boende i Ale'"
    ).replace("  - Ale\n", "  - Ale\nareas:\n  - Nödinge#centrum\n")
    path.write_text(text, encoding="utf-8")
    result = fmt(project, "examples/ale-vandringar.md")
    assert result.returncode == 0, result.stdout
    source = load.read(path)
    assert source.meta["title"] == "Trygghetsvandringar #2 med boende i Ale"
    assert source.meta["areas"] == ["Nödinge#centrum"]


@pytest.mark.parametrize("name", ["giltigt.md", "med-bom.md", "crlf.md", "ja-nej-och-datum-som-text.md"])
def test_valid_corpus_files_round_trip(tmp_path, name):
    (tmp_path / "examples").mkdir()
    path = tmp_path / "examples" / "ale-vandringar.md"
    shutil.copy(NASTY / name, path)
    before = cases(tmp_path / "examples")
    assert fmt(tmp_path).returncode == 0
    assert cases(tmp_path / "examples") == before
    once = path.read_bytes()
    assert fmt(tmp_path).returncode == 0
    assert path.read_bytes() == once


def test_strings_yaml_would_misread_stay_strings(tmp_path):
    """no, on and 2018-02-30 were text when read; the canonical form quotes them so they stay so."""
    (tmp_path / "examples").mkdir()
    path = tmp_path / "examples" / "ale-vandringar.md"
    shutil.copy(NASTY / "ja-nej-och-datum-som-text.md", path)
    assert fmt(tmp_path).returncode == 0
    # any YAML 1.1 reader, not only ours, must read them as text
    front = path.read_text(encoding="utf-8").split("---\n")[1]
    assert yaml.safe_load(front)["areas"] == ["no", "on", "yes", "off", "2018-02-30"]


def test_keeps_the_file_mode(project):
    path = project / "examples" / "ale-vandringar.md"
    os.chmod(path, 0o640)
    assert fmt(project).returncode == 0
    assert path.stat().st_mode & 0o777 == 0o640


def test_missing_path(tmp_path):
    result = fmt(tmp_path, "finns-inte.md")
    assert result.returncode == 1
    assert result.stderr.strip() == "finns-inte.md: filen eller mappen finns inte."


def test_validate_never_rewrites_a_file(project):
    examples = project / "examples"
    before = snapshot(examples)
    result = subprocess.run([str(CLI), "validate"], cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    assert snapshot(examples) == before


@pytest.mark.parametrize("header", [">-  # två meningar", "|  # rader som de står", ">2- # med indrag", "|+ #kort"])
def test_a_comment_after_a_block_indicator_is_kept_and_check_agrees(project, header):
    path = project / "examples" / "ale-vandringar.md"
    text = (NASTY / "giltigt.md").read_text(encoding="utf-8").replace("summary: >-", f"summary: {header}")
    path.write_text(text, encoding="utf-8")
    message = "raden har en kommentar (#) som skulle försvinna. Flytta texten till ett fält eller ta bort kommentaren."
    for args in (["--check", "examples/ale-vandringar.md"], ["examples/ale-vandringar.md"]):
        result = fmt(project, *args)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert f"examples/ale-vandringar.md:3: {message}" in result.stdout.splitlines(), (args, result.stdout)
    assert path.read_text(encoding="utf-8") == text


def test_a_hash_inside_a_block_scalar_is_text(project):
    path = project / "examples" / "ale-vandringar.md"
    text = (NASTY / "giltigt.md").read_text(encoding="utf-8").replace(
        "  Kommunen och bostadsbolaget", "  Kommunen (#1) och bostadsbolaget")
    path.write_text(text, encoding="utf-8")
    assert fmt(project, "examples/ale-vandringar.md").returncode == 0
    assert "Kommunen (#1) och" in load.read(path).meta["summary"]
