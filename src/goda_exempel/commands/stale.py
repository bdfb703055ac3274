"""``goda-exempel stale [PATH…]``: cases whose ``last_reviewed`` is older than N years.

Prints a Markdown report in Swedish (for the weekly issue) and exits with 1 when any
case is due for review.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from . import case_paths
from ..errors import format_problems
from ..repo import Repo
from ..review import DEFAULT_YEARS, stale_cases, stale_report
from ..validate import validate_paths


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"\"{value}\" är inte ett datum som 2026-11-21") from None


def run(args: argparse.Namespace) -> int:
    paths = case_paths(args.paths)
    if paths is None:
        return 1
    result = validate_paths(paths)
    if result.problems:  # the valid cases are still listed; the rest are reported here
        print(format_problems(result.problems), file=sys.stderr)
    today = args.today or dt.date.today()
    stale = stale_cases(result.cases, today, args.years)
    edit_url = Repo(args.repo_url).edit_case_url if args.repo_url else None
    print(stale_report(stale, today, args.years, edit_url))
    return 1 if stale or result.problems else 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "stale", help="lista exempel som behöver granskas",
        description="Listar exempel vars last_reviewed är äldre än ett antal år, i Markdown.")
    parser.add_argument("paths", nargs="*", metavar="SÖKVÄG", help="filer eller mappar (standard: examples/)")
    parser.add_argument("--years", type=int, default=DEFAULT_YEARS, metavar="ÅR",
                        help=f"hur gammal en granskning får vara (standard: {DEFAULT_YEARS} år)")
    parser.add_argument("--today", type=_date, metavar="DATUM", help="dagens datum (standard: i dag)")
    parser.add_argument("--repo-url", metavar="ADRESS",
                        help="repots adress, för länkar till exempelfilerna i rapporten")
    parser.set_defaults(run=run)
