"""``goda-exempel export --format json|csv|atom``: the site's open data, from examples/.

Writes exactly the bytes the site publishes (``data/exempel.json``, ``data/exempel.csv``,
``feed.xml``). The addresses in the export start with ``--site-url``; without it they
follow ``mkdocs.yml`` in the current folder as the build does (``site_url``, or the
GitHub Pages address of ``repo_url``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from .. import export
from ..errors import format_problems
from ..repo import Repo
from ..validate import validate_dir

CONFIG = Path("mkdocs.yml")
DEFAULT_SITE_NAME = "Goda exempel"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for two settings; tags such as !ENV or !!python/name become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _config(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _site(args: argparse.Namespace) -> tuple[str | None, str]:
    config = _config(CONFIG) if CONFIG.is_file() else {}
    name = config.get("site_name") if isinstance(config.get("site_name"), str) else DEFAULT_SITE_NAME
    if args.site_url:
        return args.site_url, name
    if isinstance(config.get("site_url"), str) and config["site_url"]:
        return config["site_url"], name
    if isinstance(config.get("repo_url"), str) and config["repo_url"]:
        return Repo(config["repo_url"]).pages_url, name
    return None, name


def run(args: argparse.Namespace) -> int:
    examples = Path("examples")
    if not examples.is_dir():
        print(f"{examples}: mappen finns inte. Kör kommandot i projektets mapp.", file=sys.stderr)
        return 1
    site_url, site_name = _site(args)
    if not site_url:
        print("Sajtens adress är okänd: ange --site-url, till exempel "
              "--site-url https://exempel.github.io/goda-exempel/.", file=sys.stderr)
        return 1
    result = validate_dir(examples)
    if result.problems:
        print(format_problems(result.problems), file=sys.stderr)
        files = len({p.path for p in result.problems})
        print(f"{len(result.problems)} fel i {files} {'fil' if files == 1 else 'filer'}. "
              "Rätta felen och exportera igen.", file=sys.stderr)
        return 1
    data = export.export(result.cases, args.format, site_url, site_name)
    if args.out:
        try:
            Path(args.out).write_bytes(data)
        except OSError as e:
            print(f"{args.out}: kan inte skriva filen ({e.strerror}).", file=sys.stderr)
            return 1
        count = len(result.cases)
        print(f"Skrev {count} exempel till {args.out}.", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "export", help="exportera alla exempel som JSON, CSV eller Atom",
        description="Kontrollerar exemplen i examples/ och skriver dem som öppna data: JSON, "
                    "CSV (för Excel) eller ett Atom-flöde med de nyaste exemplen.")
    parser.add_argument("--format", choices=list(export.FORMATS), required=True,
                        help="json, csv eller atom")
    parser.add_argument("--out", metavar="FIL", help="skriv till en fil (standard: skärmen)")
    parser.add_argument("--site-url", metavar="ADRESS",
                        help="sajtens adress (standard: från mkdocs.yml)")
    parser.set_defaults(run=run)
