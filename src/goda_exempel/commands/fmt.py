"""``goda-exempel fmt [PATH…]``: rewrite case files in the canonical form (``serialize.dump_case``).

Nothing a contributor wrote is lost: a file is only rewritten if it is a valid case, has
no YAML comments (the canonical form has nowhere to keep them), and reads back as exactly
the same case. ``--check`` changes nothing and lists the files that would change.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import yaml

from . import case_paths
from ..errors import Problem, format_problems
from ..load import SourceFile, case_files, parse, read
from ..serialize import dump_case
from ..validate import shown_path, validate_source


def comment_lines(source: SourceFile) -> list[int]:
    """File lines of the YAML comments in the front matter (a ``#`` outside every token)."""
    lines = source.text.split("\n")
    front = "\n".join(lines[1:source.body_line - 2])
    spans = []
    try:
        for token in yaml.scan(front, Loader=yaml.SafeLoader):
            start = token.start_mark.index
            if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
                # a block scalar's token begins at | or >, and its first line (the header) can
                # hold only indicators and a comment: the comment is not part of the value
                start = max(start, front.find("\n", start) if "\n" in front[start:] else len(front))
            spans.append((start, token.end_mark.index))
    except yaml.YAMLError:  # pragma: no cover - only valid cases get here
        return []
    found = []
    for index, char in enumerate(front):
        if char == "#" and not any(start <= index < end for start, end in spans):
            found.append(front.count("\n", 0, index) + 2)
    return sorted(set(found))


def _visible(body: str) -> str:
    """The body without what the canonical form drops: blank lines before it, white space after it."""
    return body.lstrip("\n").rstrip()


def canonical(source: SourceFile) -> tuple[str | None, list[Problem]]:
    """The file's canonical text, or the problems that keep it from being rewritten."""
    case, problems = validate_source(source)
    if case is None:
        return None, problems
    comments = comment_lines(source)
    if comments:
        return None, [Problem(source.path, line, "", "raden har en kommentar (#) som skulle försvinna. "
                                                     "Flytta texten till ett fält eller ta bort kommentaren.")
                      for line in comments]
    text = dump_case(case.meta, case.body)
    again, problems = validate_source(parse(text.encode("utf-8"), source.path, source.id))
    if again is None or again.meta != case.meta or _visible(again.body) != _visible(case.body):
        return None, [Problem(source.path, 1, "", "filen kan inte formateras utan att innehållet ändras. "
                                                  "Den lämnas som den är.")]
    return text, []


def _write(path: Path, text: str) -> None:
    """Replace the file in one step, so that an interruption leaves the old file whole."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    paths = case_paths(args.paths)
    if paths is None:
        return 1
    files: list[Path] = []
    for path in paths:
        files.extend(case_files(path) if path.is_dir() else [path])
    changed, refused = [], []
    problems: list[Problem] = []
    for path in files:
        shown = shown_path(path, Path.cwd())
        source = read(path, shown)
        text, found = canonical(source)
        if text is None:
            problems.extend(found)
            refused.append(shown)
            continue
        if text.encode("utf-8") == path.read_bytes():
            continue
        changed.append(shown)
        if args.check:
            print(f"{shown}: behöver formateras.")
        else:
            _write(path, text)
            print(f"{shown}: formaterad.")
    if problems:
        print(format_problems(problems))
        for shown in refused:
            print(f"{shown}: inte formaterad. Rätta felen ovan först.", file=sys.stderr)
    done = "skulle formateras" if args.check else "formaterades"
    print(f"{len(changed)} av {len(files)} {'fil' if len(files) == 1 else 'filer'} {done}.", file=sys.stderr)
    return 1 if refused or (args.check and changed) else 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "fmt", help="skriv om exempelfiler i standardform",
        description="Skriver om giltiga exempelfiler i standardform: fälten i schemats ordning och "
                    "samma citattecken och indrag överallt. Ogiltiga filer och filer med kommentarer "
                    "lämnas orörda, och felen skrivs ut.")
    parser.add_argument("paths", nargs="*", metavar="SÖKVÄG", help="filer eller mappar (standard: examples/)")
    parser.add_argument("--check", action="store_true",
                        help="ändra ingenting; lista filerna som skulle ändras och avsluta med 1 om någon gör det")
    parser.set_defaults(run=run)
