"""``goda-exempel external-links [PATH…]``: do the web addresses in the cases still answer?

Prints a Markdown report in Swedish (for the weekly issue) and exits with 1 when any
address is dead. Every address is asked once, bounded in time in all, and so is the run.
"""

from __future__ import annotations

import argparse
import sys

from . import case_paths
from ..links import DEFAULT_TIMEOUT, DEFAULT_TOTAL, DEFAULT_WORKERS, case_urls, check_urls, external_report
from ..repo import Repo


def run(args: argparse.Namespace) -> int:
    paths = case_paths(args.paths)
    if paths is None:
        return 1
    uses = case_urls(paths)
    statuses = check_urls((u.url for u in uses), timeout=args.timeout, workers=args.workers, total=args.total)
    edit_url = Repo(args.repo_url).edit_case_url if args.repo_url else None
    print(external_report(uses, statuses, edit_url))
    dead = sorted(u for u, s in statuses.items() if not s.ok)
    print(f"{len(statuses)} webbadresser kontrollerade, {len(dead)} svarade inte.", file=sys.stderr)
    return 1 if dead else 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "external-links", help="kontrollera webbadresserna i exemplen",
        description="Frågar varje webbadress i exemplen (källor, länkar och länkar i texten) om den "
                    "fortfarande svarar, och skriver en rapport i Markdown.")
    parser.add_argument("paths", nargs="*", metavar="SÖKVÄG", help="filer eller mappar (standard: examples/)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SEKUNDER",
                        help=f"längsta tid för en adress, alla förfrågningar och omdirigeringar "
                             f"sammanlagt (standard: {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--total", type=float, default=DEFAULT_TOTAL, metavar="SEKUNDER",
                        help=f"längsta tid för hela körningen (standard: {DEFAULT_TOTAL:g})")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, metavar="ANTAL",
                        help=f"förfrågningar samtidigt (standard: {DEFAULT_WORKERS})")
    parser.add_argument("--repo-url", metavar="ADRESS",
                        help="repots adress, för länkar till exempelfilerna i rapporten")
    parser.set_defaults(run=run)
