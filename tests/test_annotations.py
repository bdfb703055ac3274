"""GitHub annotations: `Problem.github()` and `goda-exempel validate --format github`.

The workflow command is parsed back the way the Actions runner reads it (documented
escapes: %25 %0D %0A, and %3A %2C in properties), so a test fails if a message could
break out of its annotation or land on the wrong file or line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from goda_exempel.errors import Problem, format_problems

ROOT = Path(__file__).resolve().parent.parent
CLI = str(Path(sys.executable).parent / "goda-exempel")
CASE = ROOT / "examples" / "trygga-grannar-vatterhem.md"

_COMMAND = re.compile(r"^::(?P<cmd>[a-z]+) (?P<props>[^:]*)::(?P<data>.*)$")


def _unescape(value: str, prop: bool) -> str:
    table = {"%25": "%", "%0D": "\r", "%0A": "\n"}
    if prop:
        table.update({"%3A": ":", "%2C": ","})
    return re.sub("|".join(map(re.escape, table)), lambda m: table[m.group(0)], value)


def parse(line: str) -> dict[str, str]:
    """One workflow command line → {"command", properties…, "message"}."""
    assert "\n" not in line and "\r" not in line
    m = _COMMAND.match(line)
    assert m, line
    out = {"command": m.group("cmd"), "message": _unescape(m.group("data"), prop=False)}
    for pair in m.group("props").split(","):
        key, _, value = pair.partition("=")
        out[key] = _unescape(value, prop=True)
    return out


# --- Problem.github() ------------------------------------------------------------------------


def test_an_annotation_names_file_line_and_field():
    p = Problem("examples/x.md", 12, "sources[1].url", "\"www.x.se\" är inte en webbadress.")
    assert p.github() == ("::error file=examples/x.md,line=12,title=Fel i sources[1].url::"
                          "\"www.x.se\" är inte en webbadress.")


def test_a_problem_with_the_whole_file_has_a_general_title():
    assert parse(Problem("examples/x.md", 1, "", "filen saknar framsida.").github())["title"] == "Fel i exemplet"


def test_special_characters_cannot_break_out_of_the_annotation():
    p = Problem("examples/a,b:c%.md", 3, "text", "rad ett\nrad två, 100% klart: ::warning::nej\r")
    line = p.github()
    assert "\n" not in line and "\r" not in line
    # The properties end at the first "::" after the command; the message may contain "::".
    assert line.startswith("::error file=examples/a%2Cb%3Ac%25.md,line=3,title=Fel i text::rad ett%0A")
    got = parse(line)
    assert got == {"command": "error", "file": "examples/a,b:c%.md", "line": "3", "title": "Fel i text",
                   "message": "rad ett\nrad två, 100% klart: ::warning::nej\r"}


@given(path=st.text(min_size=1, max_size=40), line=st.integers(1, 10_000),
       field=st.text(max_size=30), message=st.text(max_size=200))
def test_every_problem_round_trips_through_the_runner_s_parser(path, line, field, message):
    got = parse(Problem(path, line, field, message).github())
    assert (got["file"], int(got["line"]), got["message"]) == (path, line, message)
    assert got["title"] == (f"Fel i {field}" if field else "Fel i exemplet")


def test_format_problems_github_is_one_command_per_problem_in_file_order():
    problems = [Problem("examples/b.md", 2, "kind", "fel"), Problem("examples/a.md", 9, "title", "fel\ntvå")]
    lines = format_problems(problems, "github").split("\n")
    assert [parse(x)["file"] for x in lines] == ["examples/a.md", "examples/b.md"]


# --- the real command on real files ------------------------------------------------------------


def _line_of(text: str, needle: str) -> int:
    lines = text.split("\n")
    hits = [n for n, line in enumerate(lines, 1) if needle in line]
    assert len(hits) == 1, needle
    return hits[0]


def test_validate_format_github_annotates_the_exact_lines(tmp_path):
    examples = tmp_path / "examples"
    examples.mkdir()
    text = CASE.read_text(encoding="utf-8")
    broken = (text.replace("kind: insats", "kind: insatts")
                  .replace("url: https://www.vatterhem.se/", "url: www.vatterhem.se/")
                  .replace("last_reviewed: 2026-11-21", "last_reviewed: 2026-11-31"))
    assert broken.count("\n") == text.count("\n")
    (examples / "trygga-grannar-vatterhem.md").write_text(broken, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "trygghetssamordnare-halmstad.md", examples)  # a valid one: no annotation
    (examples / "trasig,fil.md").write_text(text.replace("Trygga grannar:", "Andra grannar:"), encoding="utf-8")

    result = subprocess.run([CLI, "validate", "--format", "github"], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    annotations = [parse(line) for line in result.stdout.splitlines()]
    assert all(a["command"] == "error" for a in annotations)
    got = sorted((a["file"], int(a["line"]), a["title"]) for a in annotations)
    assert got == sorted([
        ("examples/trygga-grannar-vatterhem.md", _line_of(broken, "kind: insatts"), "Fel i kind"),
        ("examples/trygga-grannar-vatterhem.md", _line_of(broken, "url: www.vatterhem.se/"), "Fel i sources[2].url"),
        ("examples/trygga-grannar-vatterhem.md", _line_of(broken, "last_reviewed:"), "Fel i last_reviewed"),
        ("examples/trasig,fil.md", 1, "Fel i exemplet"),
    ])
    # Each annotation's line really is the line of its field in the file it names.
    for a in annotations:
        if a["title"] != "Fel i exemplet":
            field = a["title"].removeprefix("Fel i ").split(".")[-1].split("[")[0]
            line = (tmp_path / a["file"]).read_text(encoding="utf-8").split("\n")[int(a["line"]) - 1]
            assert line.strip().startswith(f"{field}:"), (a, line)
    by_title = {a["title"]: a["message"] for a in annotations}
    assert "Menade du insats?" in by_title["Fel i kind"]
    assert "https://" in by_title["Fel i sources[2].url"]
    assert "trasig-fil.md" in by_title["Fel i exemplet"]  # the suggested file name
    assert result.stderr.strip().endswith("4 fel i 2 filer.")
