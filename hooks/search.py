"""MkDocs adapter: the Pagefind search index (site/pagefind/), built from the case pages.

`mkdocs build`: every case page goes to Pagefind as soon as MkDocs has rendered it
(on_post_page), so Pagefind reads pages on the second core while MkDocs renders the next; after
the last page the index is written (on_post_build, after the other hooks). The build waits for
that, and fails if Pagefind fails.

See goda_exempel/search.py for how the index is laid out (shards) and why.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from goda_exempel import pages as case_pages
from goda_exempel.search import Indexer, SearchIndexError, page_from_html

log = logging.getLogger("mkdocs.hooks.search")
_TITLE = re.compile(r'\A---\ntitle: ("(?:[^"\\]|\\.)*")\n', re.S)


class _State:
    def __init__(self) -> None:
        self.indexer: Indexer | None = None  # this build's index, filled as pages render


_state = _State()


def on_files(files, config):
    pages = files.documentation_pages()
    planned = [(f.url, _title(f)) for f in pages if f.src_uri.startswith(case_pages.CASE_DIR + "/")]
    _close()
    _state.indexer = Indexer(planned)
    return files


def _title(file) -> str:
    """The title in a case page's front matter (a JSON string, see pages.front_matter)."""
    match = _TITLE.match(file.content_string)
    try:
        return json.loads(match.group(1)) if match else file.src_uri
    except ValueError:
        return file.src_uri


def on_post_page(output, page, config):
    found = page_from_html(page.url, output)
    if found is not None and _state.indexer is not None:
        _state.indexer.add(found)
    return output


@event_priority(-110)  # after the other hooks, reproducible.py's too: this one makes its own index stable
def on_post_build(config):
    folder = Path(config.site_dir) / "pagefind"
    indexer, _state.indexer = _state.indexer, None
    if indexer is None:
        return
    try:
        for url in indexer.missing():  # a dirty build: unchanged pages are on disk
            built = Path(config.site_dir) / url / "index.html"
            if built.exists() and (found := page_from_html(url, built.read_text(encoding="utf-8"))):
                indexer.add(found)
        if not indexer.write(folder):
            log.warning("Sökindexet (Pagefind) har ett format som inte känns igen och kunde inte "
                        "sorteras; två byggen av samma version blir inte identiska.")
    except SearchIndexError as e:
        raise PluginError(str(e)) from None
    finally:
        indexer.close()


def on_build_error(error):
    _close()


def on_shutdown():
    _close()


def _close():
    if _state.indexer is not None:
        _state.indexer.close()
        _state.indexer = None
