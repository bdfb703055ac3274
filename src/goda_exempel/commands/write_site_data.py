"""``goda-exempel write-site-data [SITE]``: the open data, the catalogue's selection file and the
search index, into a site built from ``goda-exempel write-pages`` (see goda_exempel/neutral.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import neutral
from ..errors import format_problems
from ..search import SearchIndexError
from ..validate import validate_paths


def run(args: argparse.Namespace) -> int:
    if not Path(args.config).is_file():
        print(f"{args.config} finns inte. Kör kommandot i projektmappen eller ange --config.", file=sys.stderr)
        return 1
    config = neutral.read_config(Path(args.config))
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site}: ingen byggd webbplats här (index.html saknas).", file=sys.stderr)
        return 1
    result = validate_paths([config.root / "examples"], config.root)
    if not result.ok:
        print(f"{len(result.problems)} fel i exemplen:\n{format_problems(result.problems)}", file=sys.stderr)
        return 1
    try:
        neutral.write_site_data(config, result.cases, site)
    except neutral.PageError as e:
        print(str(e), file=sys.stderr)
        return 1
    except (OSError, SearchIndexError) as e:
        print(f"Sökindexet kunde inte byggas: {e}", file=sys.stderr)
        return 1
    print(f"Öppna data och sökindex skrevs i {site}.", file=sys.stderr)
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "write-site-data", help="skriv öppna data och sökindex i en byggd webbplats",
        description="Skriver data/exempel.json, data/exempel.csv, data/case.schema.json, feed.xml och "
                    "sökindexet (pagefind/) i en webbplats byggd från `goda-exempel write-pages`.")
    parser.add_argument("site", nargs="?", default="site", metavar="MAPP", help="standard: site/")
    parser.add_argument("--config", default="mkdocs.yml", metavar="FIL", help="standard: mkdocs.yml")
    parser.set_defaults(run=run)
