"""``goda-exempel write-pages MAPP``: the site's pages for any MkDocs-compatible generator.

Writes a copy of the docs folder with every generated page in it (cases, facet pages, A–Ö
lists) and the generated parts of the site's own pages (newest cases, catalogue, map,
statistics), for a generator that runs no hooks (``docs_dir: MAPP``). After the generator,
``goda-exempel write-site-data SITE`` adds the open data, the catalogue's selection file and
the search index. See
goda_exempel/neutral.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import neutral
from ..errors import format_problems
from ..validate import validate_paths


def run(args: argparse.Namespace) -> int:
    if not Path(args.config).is_file():
        print(f"{args.config} finns inte. Kör kommandot i projektmappen eller ange --config.", file=sys.stderr)
        return 1
    config = neutral.read_config(Path(args.config))
    result = validate_paths([config.root / "examples"], config.root)
    if not result.ok:
        print(f"{len(result.problems)} fel i exemplen – sidorna skrevs inte:\n{format_problems(result.problems)}",
              file=sys.stderr)
        return 1
    try:
        written = neutral.write_pages(config, result.cases, Path(args.out), args.links)
    except (FileExistsError, neutral.PageError) as e:
        print(str(e), file=sys.stderr)
        return 1
    print(f"{len(written)} sidor skrevs i {args.out} (och de egna sidorna med sina genererade delar).",
          file=sys.stderr)
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "write-pages", help="skriv sajtens sidor (exempel, fasetter, listor) som filer före bygget",
        description="Kopierar docs/ till MAPP och skriver in varje genererad sida och de genererade delarna "
                    "av de egna sidorna, för en generator som inte kör projektets hooks.")
    parser.add_argument("out", metavar="MAPP", help="mappen att skriva (ersätts helt)")
    parser.add_argument("--config", default="mkdocs.yml", metavar="FIL", help="standard: mkdocs.yml")
    parser.add_argument("--links", choices=("relative", "site"), default="relative",
                        help="länkar i de egna sidornas genererade delar: relativa (MkDocs) eller från "
                             "webbplatsens sökväg i site_url (en generator som tolkar länkar från källfilen)")
    parser.set_defaults(run=run)
