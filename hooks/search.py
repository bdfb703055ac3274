"""MkDocs adapter: the Pagefind search index (site/pagefind/), built from the case pages.

`mkdocs build`: a case page's searchable part (its data-pagefind-body element) is complete
once its content is made (goda_exempel.casepage). From 200 cases the contents are made in other
processes from on_pre_build on, and each goes to Pagefind as soon as it is made; when the last
is in, Pagefind builds and writes the index in a background thread, while MkDocs reads and
renders the pages on the other core. With fewer cases each case page goes to Pagefind when
MkDocs has its content (on_page_content), and the index is built when every page is read
(on_env). The build waits for the index at the end (on_post_build, after the other hooks), and
fails if Pagefind fails. Only case pages are searched: another page with a data-pagefind-body
element gets a warning (which stops a strict build), in a build of any size and in `mkdocs serve`.

`mkdocs serve` (and `make serve`): a rebuild never waits for Pagefind. The edited page is served
as soon as MkDocs has written it; then a background thread builds the search index anew from
the latest search body of every case page (kept from the builds; a dirty rebuild converts only
what changed) and puts it in place of the served one between builds. At 1,000 cases the edited
page is served about 1.7 s after the edit (4.2 s when the rebuild waited for Pagefind) and the
search has caught up about 3.5 s after that. Until then the search answers from the previous
index: a new or changed case is found by its old words, or not at all. Edits that come while
the index is being built are indexed right after, from the latest pages. Progress and errors
are logged at INFO level ("Sökindexet …"): a warning from the background thread would stop the
next build, which counts warnings in strict mode.

See goda_exempel/search.py for how the index is laid out (shards) and why.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from goda_exempel import casepage, pages as case_pages
from goda_exempel.search import Indexer, Page, SearchIndexError, build_index, page_from_html
from goda_exempel.validate import validate_dir

log = logging.getLogger("mkdocs.hooks.search")


class _State:
    def __init__(self) -> None:
        self.serve = False
        self.indexer: Indexer | None = None  # mkdocs build: this build's index, filled as pages convert
        self.writing: Future | None = None  # mkdocs build: the index being built and written
        self.urls: set[str] = set()  # every page of the current build
        self.cases: set[str] = set()  # the case pages of the current build: the search covers these
        self.from_batch = False  # mkdocs build: the case pages are indexed from goda_exempel.casepage's batch
        self.pages: dict[str, Page] = {}  # mkdocs serve: the latest of every page with a search body
        self.background: _Background | None = None
        self.lock = threading.Lock()


_state = _State()


def on_startup(command, dirty):
    _state.serve = command == "serve"


@event_priority(100)
def on_pre_build(config):
    if _state.serve:
        _background().building(True)


def on_files(files, config):
    pages = files.documentation_pages()
    _state.urls = {f.url for f in pages}
    root = Path(config.config_file_path).parent
    titles = {case_pages.case_src_uri(case): case.title  # checked already: hooks/cases.py stopped a bad build
              for case in validate_dir(root / "examples", root).cases}
    planned = [(f.url, titles[f.src_uri]) for f in pages if f.src_uri in titles]
    _state.cases = {url for url, _ in planned}
    if _state.serve:
        return files
    _close()
    _state.indexer = indexer = Indexer(planned)
    batch = casepage.running()
    _state.from_batch = batch is not None
    if batch is not None:  # the case pages are being made already: index each as soon as it is
        lang = config.theme.get("language") or "sv"
        site = Path(config.site_dir)
        left = len(planned)

        def index(case, content):
            nonlocal left
            indexer.add(page_from_html(case_pages.case_url(case), content.html, lang))
            left -= 1
            if left == 0:  # every case page is in: Pagefind builds the index while MkDocs goes on
                _start_writing(indexer, site)

        batch.listen(index)
    return files


@event_priority(-100)  # after hooks/cases.py has made a case page's content
def on_page_content(html, page, config, files):
    if _state.from_batch and page.url in _state.cases:
        return html
    found = page_from_html(page.url, html, config.theme.get("language") or "sv")
    if found is None:
        return html
    if page.url not in _state.cases:
        log.warning(f"{page.file.src_uri}: sidan har data-pagefind-body, men bara exemplens sidor finns i "
                    "sökningen. Ta bort data-pagefind-body från sidan.")
    elif _state.serve:
        _state.pages[page.url] = found
    elif _state.indexer is not None:
        _state.indexer.add(found)
    return html


def on_env(env, config, files):
    """Every page is converted: Pagefind builds the index while MkDocs renders the pages (if it
    has not begun already, when the last case page was made)."""
    if _state.indexer is not None and not _state.serve:
        _start_writing(_state.indexer, Path(config.site_dir))
    return env


def _start_writing(indexer: Indexer, site: Path) -> None:
    with _state.lock:
        if _state.writing is None and indexer is _state.indexer:
            writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind-write")
            _state.writing = writer.submit(_write, indexer, site)
            writer.shutdown(wait=False)  # the thread ends when the index is written


def _write(indexer: Indexer, site: Path) -> bool:
    for url in indexer.missing():  # a dirty build: unchanged pages are on disk
        built = site / url / "index.html"
        if built.exists() and (found := page_from_html(url, built.read_text(encoding="utf-8"))):
            indexer.add(found)
    return indexer.write(site / "pagefind")


@event_priority(-110)  # after the other hooks
def on_post_build(config):
    folder = Path(config.site_dir) / "pagefind"
    if _state.serve:
        for url in _state.pages.keys() - _state.urls:  # removed cases
            del _state.pages[url]
        background = _background()
        background.restore(folder)
        background.request(list(_state.pages.values()), folder)
        background.building(False)
        return
    indexer, _state.indexer = _state.indexer, None
    writing, _state.writing = _state.writing, None
    if indexer is None:
        return
    try:
        stable = writing.result() if writing is not None else _write(indexer, Path(config.site_dir))
        if not stable:
            log.warning("Sökindexet (Pagefind) har ett format som inte känns igen. Det kunde inte "
                        "sorteras: två byggen av samma version blir kanske inte identiska.")
    except SearchIndexError as e:
        raise PluginError(str(e)) from None
    finally:
        indexer.close()


def on_build_error(error):
    _close()
    if _state.serve and _state.background is not None:
        _state.background.building(False)


def on_shutdown():
    _close()
    if _state.background is not None:
        _state.background.stop()


def _close():
    if _state.indexer is not None:
        _state.indexer.close()
        _state.indexer = None
    if _state.writing is not None:
        _state.writing.exception()  # the thread has stopped: its Pagefind was closed above
        _state.writing = None


def _background() -> _Background:
    if _state.background is None:
        _state.background = _Background()
    return _state.background


class _Background:
    """`mkdocs serve`: one thread that indexes the latest pages it was given, and puts the
    index in the site only between builds."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._wanted: tuple[list[Page], Path] | None = None
        self._busy_building = False
        self._stopped = False
        self._ready: Path | None = None  # the latest complete index, outside the site
        self._thread = threading.Thread(target=self._run, name="pagefind-serve", daemon=True)
        self._thread.start()

    def building(self, busy: bool) -> None:
        with self._lock:
            self._busy_building = busy
            self._lock.notify_all()

    def request(self, pages: list[Page], folder: Path) -> None:
        with self._lock:
            self._wanted = (pages, folder)
            self._lock.notify_all()

    def restore(self, folder: Path) -> None:
        """A clean rebuild emptied the site: serve the latest index until the new one is ready."""
        with self._lock:
            if not folder.exists() and self._ready is not None:
                shutil.copytree(self._ready, folder)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._lock.notify_all()
            if self._ready is not None:
                shutil.rmtree(self._ready.parent, ignore_errors=True)

    def _run(self) -> None:
        while True:
            with self._lock:
                while self._wanted is None and not self._stopped:
                    self._lock.wait()
                if self._stopped:
                    return
                pages, folder = self._wanted
                self._wanted = None
            fresh = Path(tempfile.mkdtemp(prefix="goda-exempel-sok-")) / "pagefind"
            try:
                build_index(pages, fresh)
            except Exception as e:  # noqa: BLE001 - shown; the next build tries again
                shutil.rmtree(fresh.parent, ignore_errors=True)
                log.info(f"Sökindexet kunde inte byggas: {e}")
                continue
            with self._lock:
                while self._busy_building and not self._stopped:
                    self._lock.wait()  # MkDocs is writing the site: wait until it is done
                if self._stopped:
                    shutil.rmtree(fresh.parent, ignore_errors=True)
                    return
                old, self._ready = self._ready, fresh
                try:
                    _put_in_place(fresh, folder)
                    log.info(f"Sökindexet är uppdaterat ({len(pages)} sidor).")
                except OSError as e:
                    log.info(f"Sökindexet kunde inte läggas på plats: {e}")
            if old is not None:
                shutil.rmtree(old.parent, ignore_errors=True)


def _put_in_place(index: Path, folder: Path) -> None:
    staged = folder.with_name(folder.name + ".ny")
    old = folder.with_name(folder.name + ".gammal")
    shutil.rmtree(staged, ignore_errors=True)
    shutil.copytree(index, staged)
    if folder.exists():
        shutil.rmtree(old, ignore_errors=True)
        folder.rename(old)
    staged.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
