"""The ``goda-exempel`` command: validate, and the other tools for contributors and CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import format_problems
from .validate import validate_paths


def _validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [Path("examples")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        for p in missing:
            print(f"{p}: filen eller mappen finns inte.", file=sys.stderr)
        return 1
    result = validate_paths(paths)
    if result.problems:
        print(format_problems(result.problems, args.format))
        files = len({p.path for p in result.problems})
        print(f"{len(result.problems)} fel i {files} {'fil' if files == 1 else 'filer'}.", file=sys.stderr)
        return 1
    count = len(result.cases)
    print(f"{count} {'exempel är giltigt' if count == 1 else 'exempel är giltiga'}.", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="goda-exempel",
        description="Verktyg för kunskapsbanken Goda exempel.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    validate = commands.add_parser("validate", help="kontrollera exempelfiler",
                                   description="Kontrollerar exempelfiler och skriver ut alla fel på en gång.")
    validate.add_argument("paths", nargs="*", metavar="SÖKVÄG",
                          help="filer eller mappar (standard: examples/)")
    validate.add_argument("--format", choices=["text", "github"], default="text",
                          help="text (standard) eller github (anteckningar i en pull request)")
    validate.set_defaults(run=_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
