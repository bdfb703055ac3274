"""Short names for the files of Pagefind's pages, so that the first search loads less.

Pagefind names each page's fragment file (the page's text, title and metadata, loaded for a
result) by a hash of its content, and its metadata file, which every first search loads
whole, lists that name for every page of the index. The names are random, so they do not
compress: at 10,000 cases, in two shards of 5,000, they were 26.3 KB of each shard's 41.9 KB
of metadata (gzip-compressed, as served). Here every page gets a short name instead:

    <tag><number>    e.g. 3fa9c0 … 3fa9c09999

- ``number`` is the page's place in its shard times the number of shards, plus the shard's
  number: unique across the shards, which the catalogue needs (``katalog.js`` tells the
  results of all shards apart by their ``id``, which is this name);
- ``tag`` is taken from the metadata of every shard (whose names are hashes of the pages'
  content), so it changes whenever any page does: a browser that keeps an earlier build's
  fragment (GitHub Pages lets it keep a file for 10 minutes) never finds it under a name
  that now means another page.

Numbers that count up compress well: the metadata at 10,000 cases becomes 27.1 KB a shard, so
a first search loads 29.7 KB less (header: 251.9 → 223.1 KB).
The files are renamed, and the metadata written again under a new hash (``pagefind-entry.json``
names it). An index not laid out as Pagefind 1.5 and 1.6 write it is left as it is.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .pagefind_files import Unsupported, compress, name, payload, read

ENTRY = "pagefind-entry.json"
TAG_LENGTH = 6  # hex digits: one build in 16 million has the tag of the one before


def tag(folders: list[Path]) -> str | None:
    """The tag of an index in ``folders`` (its shards, in order): from their metadata files'
    names. None if an entry file is not as Pagefind writes it."""
    names = []
    try:
        for folder in folders:
            languages = json.loads((folder / ENTRY).read_text(encoding="utf-8"))["languages"]
            names += [info["hash"] for _, info in sorted(languages.items())]
    except (OSError, KeyError, TypeError, AttributeError, ValueError):
        return None
    return hashlib.sha256(" ".join(names).encode("utf-8")).hexdigest()[:TAG_LENGTH]


def shorten(folder: Path, tag: str, shard: int, shards: int) -> bool:
    """Give the pages of the shard in ``folder`` (shard number ``shard`` of ``shards``) short
    names. False, with nothing changed, if the index is not laid out as expected."""
    entry_path = folder / ENTRY
    try:
        entry_text = entry_path.read_text(encoding="utf-8")
        (language, info), = json.loads(entry_text)["languages"].items()  # one language: names are not per language
        meta_path = folder / f"pagefind.{info['hash']}.pf_meta"
        meta = read(meta_path)
        pages = meta[1]  # [version, pages [[name, word count, group]], word-index chunks, ...]
        renames = _renames(folder, pages, tag, shard, shards)
    except (OSError, KeyError, IndexError, TypeError, ValueError, EOFError):
        return False
    for old, new in renames:
        old.rename(new)
    for page, (_, new) in zip(pages, renames):
        page[0] = new.name.removesuffix(".pf_fragment")
    data = payload(meta)
    new_hash = name(language, data, 10)
    (folder / f"pagefind.{new_hash}.pf_meta").write_bytes(compress(data))
    meta_path.unlink()
    entry_path.write_text(entry_text.replace(f'"{info["hash"]}"', f'"{new_hash}"'), encoding="utf-8")
    return True


def _renames(folder: Path, pages: list, tag: str, shard: int, shards: int) -> list[tuple[Path, Path]]:
    fragments = folder / "fragment"
    renames = []
    for place, page in enumerate(pages):
        # a page in a fragment group (Pagefind 1.6 can group small pages) has no file of its own
        if not (isinstance(page, list) and len(page) == 3 and isinstance(page[0], str) and page[2] == ""):
            raise Unsupported("page")
        old = fragments / f"{page[0]}.pf_fragment"
        if not old.is_file():
            raise Unsupported(old.name)
        renames.append((old, fragments / f"{tag}{place * shards + shard}.pf_fragment"))
    if {new for _, new in renames} & {old for old, _ in renames}:
        raise Unsupported("names")
    return renames
