"""The site's search index: Pagefind, run over a built site folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def build_index(site_dir: Path) -> None:
    """Index every page marked ``data-pagefind-body`` into ``site_dir/pagefind``."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"Sökindexet kunde inte byggas (Pagefind): {result.stderr.strip() or result.stdout.strip()}")
