"""``goda-exempel issue-form [--check]``: the GitHub issue form, generated from the schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from .. import issue_form
from ..repo import Repo


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, which may contain MkDocs' own tags (!ENV, !relative)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def repo_url(config: Path) -> str:
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_AnyTagLoader)  # noqa: S506 - SafeLoader subclass
    return data["repo_url"]


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    wanted = {
        root / issue_form.TEMPLATE_PATH: issue_form.template_text(),
        root / issue_form.CONFIG_PATH: issue_form.config_text(Repo(repo_url(root / "mkdocs.yml")).pages_url),
    }
    stale = [path for path, text in wanted.items()
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path}: är inte uppdaterad efter schemat. Kör `goda-exempel issue-form`.", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted[path], encoding="utf-8", newline="\n")
        print(f"Skrev {path}.", file=sys.stderr)
    if not stale:
        print("Ärendeformuläret är redan uppdaterat.", file=sys.stderr)
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "issue-form", help="skriv ärendeformuläret Dela ditt exempel från schemat",
        description=f"Skriver {issue_form.TEMPLATE_PATH} och {issue_form.CONFIG_PATH} från schemat och "
                    "mkdocs.yml. Med --check ändras inget; slutstatus är 1 om filerna inte är uppdaterade.")
    parser.add_argument("--check", action="store_true", help="kontrollera bara att filerna är uppdaterade")
    parser.add_argument("--root", default=".", metavar="MAPP", help="projektets mapp (standard: .)")
    parser.set_defaults(run=run)
