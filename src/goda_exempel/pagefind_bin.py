"""Where Pagefind's program is.

Pagefind comes from npm, at the exact version package-lock.json pins (``make node`` installs
it): the package with the program for this machine, ``@pagefind/<platform>-<cpu>``. The
project lists the Linux ones (x64, arm64); npm's ``pagefind`` wrapper package is not used, as
the registry this project installs from lacks its macOS and Windows packages, which ``npm ci``
would then refuse. Elsewhere, set ``PAGEFIND_BINARY_PATH``. (PyPI's ``pagefind-bin`` stops at
1.5.2; 1.6 scores a search for a word most pages have several times faster, see
``bench/README.md``.) The lookup is the one npm's own ``pagefind`` command makes:

1. ``PAGEFIND_BINARY_PATH`` (or ``PAGEFIND_EXTENDED_BINARY_PATH``), if set;
2. ``node_modules/@pagefind/<platform>-<cpu>/bin/pagefind_extended`` (or ``pagefind``), in the
   current folder or the nearest folder above it that has one, as Node looks up packages;
3. the same beside this source tree (a checkout installed with ``pip install -e``), so that a
   site built from another folder finds the project's Pagefind.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

NAMES = ("pagefind_extended", "pagefind")
_CPUS = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}
_SOURCE_TREE = Path(__file__).resolve().parents[2]


class NotInstalled(RuntimeError):
    pass


def package_folder() -> str:
    """``@pagefind/<platform>-<cpu>``, as npm names the package with this machine's program."""
    system = "windows" if sys.platform == "win32" else sys.platform.rstrip("0123456789")
    machine = platform.machine().lower()
    return f"@pagefind/{system}-{_CPUS.get(machine, machine)}"


def find(start: Path | None = None) -> str:
    """The path of Pagefind's program (see the module's text for the order)."""
    for name in NAMES:
        if path := os.environ.get(f"{name.upper()}_BINARY_PATH"):
            return path
    start = (start or Path.cwd()).resolve()
    folders = [start, *start.parents]
    if _SOURCE_TREE not in folders:
        folders.append(_SOURCE_TREE)
    suffix = ".exe" if sys.platform == "win32" else ""
    for folder in folders:
        package = folder / "node_modules" / package_folder() / "bin"
        for name in NAMES:
            if (package / (name + suffix)).is_file():
                return str(package / (name + suffix))
    raise NotInstalled(
        f"Sökindexet kunde inte byggas: Pagefind är inte installerat ({package_folder()} saknas i "
        "node_modules). Kör `make node` (npm ci) i projektmappen.")
