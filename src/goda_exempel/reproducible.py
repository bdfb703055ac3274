"""Reproducible builds: two builds of the same commit give byte-identical sites.

Two things in a build do not come from the sources:

- the date. MkDocs dates every page (the sitemap's ``lastmod``, the gzip header of
  ``sitemap.xml.gz``) with the clock unless ``SOURCE_DATE_EPOCH`` is set
  (https://reproducible-builds.org/specs/source-date-epoch/); :func:`source_date_epoch`
  finds the value to set it to: the last commit's time, or the newest source file's.
- Pagefind's filter index (1.5): it writes each filter's values, and the list of filters,
  in hash-map order, which changes from run to run, and names the files by their content.
  :func:`stabilise_pagefind` sorts them and renames the files to match. The order carries
  no meaning (Pagefind's client counts and sorts the values itself).
"""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

from . import pagefind_files
from .pagefind_files import Unsupported, compress, payload, read

# What a build reads, besides the installed packages.
SOURCES = ("mkdocs.yml", "docs", "examples", "overrides", "hooks")


# --- the build's date --------------------------------------------------------------------------


def source_date_epoch(root: Path) -> int:
    """The time of the last commit; outside git, the newest modification time of the sources."""
    commit = _last_commit_time(root)
    return commit if commit is not None else newest_mtime(root)


def _last_commit_time(root: Path) -> int | None:
    try:
        result = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                                capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return int(value) if result.returncode == 0 and value.isdigit() else None


def newest_mtime(root: Path) -> int:
    newest = 0.0
    for name in SOURCES:
        path = root / name
        candidates = [path] if path.is_file() else path.rglob("*") if path.is_dir() else []
        for item in candidates:
            if item.is_file() and "__pycache__" not in item.parts:
                newest = max(newest, item.stat().st_mtime)
    return int(newest)


# --- Pagefind's filter index ---------------------------------------------------------------------

def stabilise_pagefind(folder: Path) -> bool:
    """Sort Pagefind's filter index in ``folder`` (``site/pagefind``) and rename its files by
    their new content. Returns False, changing nothing, if the index is not laid out as
    Pagefind 1.x writes it."""
    entry_path = folder / "pagefind-entry.json"
    try:
        entry_text = entry_path.read_text(encoding="utf-8")
        languages = json.loads(entry_text)["languages"]
        plans = [_plan(folder, info["hash"]) for info in languages.values()]
    except (OSError, KeyError, IndexError, TypeError, ValueError, EOFError, gzip.BadGzipFile):
        return False
    for old_meta, new_meta, writes, removes in plans:
        for path in removes:
            path.unlink()
        for path, data in writes.items():
            path.write_bytes(data)
        entry_text = entry_text.replace(f'"{old_meta}"', f'"{new_meta}"')
    entry_path.write_text(entry_text, encoding="utf-8")
    return True


def _plan(folder: Path, meta_hash: str) -> tuple[str, str, dict[Path, bytes], list[Path]]:
    """The files to write and remove for one language, nothing written yet."""
    language = meta_hash.split("_", 1)[0]
    meta_path = folder / f"pagefind.{meta_hash}.pf_meta"
    meta = read(meta_path)
    # [version, pages, word-index chunks, filters [[name, file hash]], sorts [[name, pages]], ...]
    filters, sorts = meta[3], meta[4]
    if not all(isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f) for f in filters):
        raise Unsupported("filters")
    writes: dict[Path, bytes] = {}
    removes: list[Path] = []
    for item in filters:
        old_path = folder / "filter" / f"{item[1]}.pf_filter"
        key, values = read(old_path)
        if not all(isinstance(v, list) and v and isinstance(v[0], str) for v in values):
            raise Unsupported("filter values")
        data = payload([key, sorted(values, key=lambda v: v[0])])
        item[1] = pagefind_files.name(language, data, 7)
        removes.append(old_path)
        writes[folder / "filter" / f"{item[1]}.pf_filter"] = compress(data)
    filters.sort(key=lambda f: f[0])
    if all(isinstance(s, list) and s and isinstance(s[0], str) for s in sorts):
        sorts.sort(key=lambda s: s[0])
    data = payload(meta)
    new_hash = pagefind_files.name(language, data, 10)
    removes.append(meta_path)
    writes[folder / f"pagefind.{new_hash}.pf_meta"] = compress(data)
    return meta_hash, new_hash, writes, removes
