"""One module per ``goda-exempel`` subcommand.

Each module defines ``add_parser(commands)``, which adds its subparser to the
``argparse`` sub-parsers object and sets ``run`` (a function of the parsed arguments that
returns the exit status). ``cli.py`` finds them all; adding a command is adding a module.
"""

from __future__ import annotations

import sys
from pathlib import Path


def case_paths(given: list[str]) -> list[Path] | None:
    """The files and folders a command was given (``examples/`` when none), or None after
    saying in Swedish which of them do not exist."""
    paths = [Path(p) for p in given] or [Path("examples")]
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        print(f"{p}: filen eller mappen finns inte.", file=sys.stderr)
    return None if missing else paths
