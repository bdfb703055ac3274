"""``goda-exempel validate [PATH…]``: every problem in the case files, at once."""

from __future__ import annotations

import argparse
import os
import sys

from . import case_paths
from ..errors import format_problems
from ..validate import validate_paths


def run(args: argparse.Namespace) -> int:
    paths = case_paths(args.paths)
    if paths is None:
        return 1
    result = validate_paths(paths, processes=os.cpu_count() or 1, keep_cases=False)
    if result.problems:
        print(format_problems(result.problems, args.format))
        files = len({p.path for p in result.problems})
        print(f"{len(result.problems)} fel i {files} {'fil' if files == 1 else 'filer'}.", file=sys.stderr)
        return 1
    count = result.count
    print(f"{count} {'exempel är giltigt' if count == 1 else 'exempel är giltiga'}.", file=sys.stderr)
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser("validate", help="kontrollera exempelfiler",
                                 description="Kontrollerar exempelfiler och skriver ut alla fel på en gång.")
    parser.add_argument("paths", nargs="*", metavar="SÖKVÄG", help="filer eller mappar (standard: examples/)")
    parser.add_argument("--format", choices=["text", "github"], default="text",
                        help="text (standard) eller github (anteckningar i en pull request)")
    parser.set_defaults(run=run)
