"""``goda-exempel changes BASE [HEAD]``: the cases a change adds, changes or removes, in Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..changes import ChangesError, case_changes, summary


def run(args: argparse.Namespace) -> int:
    try:
        changes = case_changes(args.base, args.head, Path("."))
    except (ChangesError, OSError) as e:
        print(f"Ändringarna kunde inte läsas ur git: {e}", file=sys.stderr)
        return 1
    print(summary(changes, args.artifact_url))
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "changes", help="lista exempel som en ändring lägger till, ändrar eller tar bort",
        description="Jämför två git-versioner och skriver en kort sammanfattning i Markdown.")
    parser.add_argument("base", metavar="BAS", help="versionen ändringen utgår från, t.ex. origin/main")
    parser.add_argument("head", nargs="?", default="HEAD", metavar="VERSION",
                        help="versionen med ändringen (standard: HEAD)")
    parser.add_argument("--artifact-url", metavar="ADRESS", help="länk till den byggda webbplatsen")
    parser.set_defaults(run=run)
