"""Where Pagefind's program is.

Pagefind comes from npm's ``pagefind`` package, at the exact version package-lock.json pins
(``make node`` runs ``npm ci``). The package lists one optional package per platform,
``@pagefind/<platform>-<cpu>`` (Linux, macOS, Windows, FreeBSD), with the program; npm
installs only the one for this machine. The lookup is the one the package's own ``pagefind``
command makes (its ``lib/resolveBinary.js``), without starting Node:

1. ``PAGEFIND_BINARY_PATH`` (or ``PAGEFIND_EXTENDED_BINARY_PATH``), if set;
2. ``node_modules/@pagefind/<platform>-<cpu>/bin/pagefind_extended`` (or ``pagefind``), in the
   current folder or the nearest folder above it that has one, as Node looks up packages;
3. the same beside this source tree (a checkout installed with ``pip install -e``), so that a
   site built from another folder finds the project's Pagefind.

(PyPI's ``pagefind-bin`` stops at 1.5.2; 1.6 scores a search for a word most pages have
several times faster, see ``bench/README.md``.)
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
        "node_modules). Kör `make node` (npm ci) i projektmappen, eller ange programmet i "
        "PAGEFIND_BINARY_PATH.")
