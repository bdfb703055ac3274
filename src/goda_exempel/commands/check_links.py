"""``goda-exempel check-links [SITE]``: every internal link and anchor in a built site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..links import check_site, site_report


def run(args: argparse.Namespace) -> int:
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site}: ingen byggd webbplats här (index.html saknas). Kör först "
              "`mkdocs build --strict`.", file=sys.stderr)
        return 1
    broken = check_site(site, args.site_url)
    report = site_report(broken)
    print(report, file=sys.stdout if broken else sys.stderr)
    return 1 if broken else 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "check-links", help="kontrollera länkar och ankare i den byggda webbplatsen",
        description="Kontrollerar att varje länk inom den byggda webbplatsen leder till en sida eller fil "
                    "som finns, och att varje #ankare finns på sidan det pekar på.")
    parser.add_argument("site", nargs="?", default="site", metavar="MAPP",
                        help="den byggda webbplatsen (standard: site/)")
    parser.add_argument("--site-url", metavar="ADRESS",
                        help="webbplatsens adress (standard: startsidans kanoniska länk)")
    parser.set_defaults(run=run)
