"""The site's search: Pagefind's annotations on case pages, and the index run over a built site."""

from __future__ import annotations

import subprocess
import sys
from html import escape
from pathlib import Path

from . import facets, render
from .model import Case
from .sorting import swedish_key


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


def sort_key_text(text: str) -> str:
    """A string whose plain code-point order is Swedish alphabetical order (for Pagefind sorts)."""
    # a leading letter keeps Pagefind from reading the digits as one (imprecise) number
    return "k" + "".join(f"{group}{index:05d}" for group, index in swedish_key(text)[0])


def annotations(case: Case) -> str:
    """Hidden Pagefind filters, metadata and sort keys for a case page (inside its body)."""
    parts = []
    for f in facets.FACETS:
        for value in f.values_of(case):
            parts.append(f'<span data-pagefind-filter="{f.key}">{escape(f.label_of(value))}</span>')
    for year in facets.active_years(case):
        parts.append(f'<span data-pagefind-filter="ar">{year}</span>')
    meta = {
        "title": case.title,
        "organisation": ", ".join(o["name"] for o in case.meta["organisations"]),
        "plats": ", ".join(m.name for m in case.municipalities) or "Hela landet",
        "period": render.period_text(case.meta["period"]),
        "ingress": case.meta["summary"],
    }
    parts += [f'<span data-pagefind-meta="{k}">{escape(v)}</span>' for k, v in meta.items()]
    parts.append(f'<span data-pagefind-sort="tillagd">{escape(case.meta["added"])}</span>')
    parts.append(f'<span data-pagefind-sort="rubrik">{sort_key_text(case.title)}</span>')
    return f'<div hidden data-pagefind-ignore>{"".join(parts)}</div>'
