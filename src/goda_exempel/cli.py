"""The ``goda-exempel`` command. Its subcommands live in ``goda_exempel.commands``."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from . import commands


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or with the command ``only`` alone (if its module, named
    like it with _ for -, adds it): importing every command's module is most of the start-up."""
    parser = argparse.ArgumentParser(prog="goda-exempel", description="Verktyg för kunskapsbanken Goda exempel.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if only is None or info.name.replace("_", "-") == only:
            importlib.import_module(f"{commands.__name__}.{info.name}").add_parser(sub)
    if only is not None and only not in sub.choices:
        return build_parser()
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # "goda-exempel validate …" needs only the validate command; anything else (no command, -h,
    # a command that does not exist) gets every command, for the list and the error message
    first = argv[0] if argv and not argv[0].startswith("-") else None
    args = build_parser(first).parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
