"""The content of a case page, made without MkDocs: the title, summary, fact box, the case text
converted with the site's Markdown setup and sanitised, the search annotations and the related
cases.

MkDocs converts every page's Markdown in one loop on one core, and the case texts are most of
it (about 1.3 s of Python-Markdown at 1,000 cases). A build therefore makes the case pages'
content beforehand in forked processes (:class:`Batch`), while MkDocs goes on with the other
pages, and hooks/cases.py hands each page its content in place of MkDocs' own conversion
(hooks/search.py hands each to the search index as soon as it is made: :meth:`Batch.listen`).
A long-running ``mkdocs serve`` (threads: forking is unsafe) makes each page as MkDocs reaches
it (:func:`make`). Both give the same content.

The conversion is the one MkDocs makes: the same Markdown class with the site's extensions and
their settings, on the same Markdown (``pages.case_text_markdown``). MkDocs adds to it only what
concerns links to other pages, and a case text links only to web addresses or to places on its
own page (validate.py rejects anything else). Those places are returned (``anchors``), with the
ids the text has (``ids``), for MkDocs to check as it checks its own pages.
"""

from __future__ import annotations

import multiprocessing
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

from . import browse, pages, personnummer, render, sanitize, search
from .model import Case
from .repo import Repo

PARALLEL_FROM = 200  # cases; below this, forking the processes costs more than it saves
_SLICE = 50  # cases a process makes per request


@dataclass(frozen=True)
class MarkdownSetup:
    """The site's Markdown: extension names (or objects) and their settings, as in mkdocs.yml."""
    extensions: list[Any]
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Job:
    case: Case
    related: list[Case]  # the "Liknande exempel" of the page
    repo_url: str  # where "Föreslå ändring" leads


@dataclass
class CaseContent:
    html: str  # the page's content
    edit_url: str
    toc: list[dict]  # Python-Markdown's toc_tokens of the title and text
    ids: set[str]  # the ids in the converted text
    anchors: dict[str, str]  # each "#place" the text links to -> the link as written


class _Links(Treeprocessor):
    """The ids the converted text has and the places on the page it links to, read from the
    same elements as MkDocs reads them."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.ids: set[str] = set()
        self.anchors: dict[str, str] = {}

    def run(self, root) -> None:
        for element in root.iter():
            if found := element.get("id"):
                self.ids.add(found)
            if element.tag == "a":
                if found := element.get("name"):
                    self.ids.add(found)
                href = element.get("href")
                if href:
                    parts = urlsplit(href)
                    if not (parts.scheme or parts.netloc or parts.path) and parts.fragment:
                        self.anchors.setdefault(parts.fragment, href)


_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')


_converter: tuple[MarkdownSetup, markdown.Markdown, _Links] | None = None  # the latest setup's


def _markdown(setup: MarkdownSetup) -> tuple[markdown.Markdown, _Links]:
    """A Markdown converter for ``setup``, reset for the next page (setting one up costs about
    a tenth of a case's conversion)."""
    global _converter
    if _converter is None or _converter[0] is not setup:
        md = markdown.Markdown(extensions=setup.extensions, extension_configs=setup.configs)
        links = _Links(md)
        md.treeprocessors.register(links, "goda_exempel_links", 0)  # after the ids are set (toc: 5)
        _converter = (setup, md, links)
    _, md, links = _converter
    md.reset()
    links.ids, links.anchors = set(), {}
    return md, links


def make(job: Job, setup: MarkdownSetup) -> CaseContent:
    case = job.case
    md, links = _markdown(setup)
    html = md.convert(pages.case_text_markdown(case))
    end = html.index("</h1>") + len("</h1>")  # the title, made from the escaped title alone
    title = _HEADERLINK.sub("", html[:end])  # no "#" after the title
    edit_url = Repo(job.repo_url).edit_case_url(case.id)
    content = (
        f'<div class="ge-case" data-pagefind-body>{title}'
        f"{render.summary_html(case)}{render.fact_box(case, edit_url, browse.fact_link)}"
        f'<div class="ge-case__text">{sanitize.clean(html[end:])}</div>{search.annotations(case)}</div>'
        f"{browse.related_html(job.related)}"
    )
    return CaseContent(html=content, edit_url=edit_url, toc=getattr(md, "toc_tokens", []),
                       ids=links.ids, anchors=links.anchors)


# What the forked processes make, set before they are forked: they inherit it, and are sent
# only where each slice of it starts and ends.
_jobs: list[Job] = []
_setup: MarkdownSetup | None = None


def _make_slice(bounds: tuple[int, int]) -> list[CaseContent]:
    start, stop = bounds
    return [make(job, _setup) for job in _jobs[start:stop]]


def personnummer_problem(case: Case, html: str) -> str | None:
    """The check of a finished case page, whichever way it is built (hooks/cases.py, and
    ``goda-exempel write-pages`` and ``write-site-data``): validation reads the file; this reads
    the page as made, whatever hid a number there. The Swedish message, or None."""
    if personnummer.find(html) or personnummer.find_in_reader_form(html):
        return (f"{case.path}:{case.body_line}: sidan innehåller ett personnummer. Personnummer "
                "får aldrig publiceras; ta bort det.")
    return None


class Batch:
    """Every case page's content, made in ``processes`` forked processes in the order of
    ``jobs``. ``get`` waits for the one asked for; ``listen`` hears of each as soon as it is
    made (from a thread of the batch). ``close`` when done, or given up."""

    def __init__(self, jobs: list[Job], setup: MarkdownSetup, processes: int) -> None:
        global _jobs, _setup, _running
        self._cases = [job.case for job in jobs]
        self._by_id = {case.id: case for case in self._cases}
        self._handed_out = False
        self._made: dict[str, CaseContent] = {}
        self._listeners: list[Callable[[Case, CaseContent], None]] = []
        self._error: BaseException | None = None
        self._finished = False
        self._lock = threading.Condition()
        _jobs, _setup = jobs, setup  # kept until close(): a process forked later inherits them too
        self._pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("fork"))
        slices = self._pool.map(_make_slice, [(start, start + _SLICE) for start in range(0, len(jobs), _SLICE)])
        self._thread = threading.Thread(target=self._collect, args=(slices,), name="casepage-batch", daemon=True)
        self._thread.start()
        _running = self

    def _collect(self, slices: Iterator[list[CaseContent]]) -> None:
        done = 0
        try:
            for part in slices:
                for content in part:
                    case = self._cases[done]
                    done += 1
                    with self._lock:
                        for listener in self._listeners:
                            listener(case, content)
                        self._made[case.id] = content
                        self._lock.notify_all()
        except BaseException as e:  # noqa: BLE001 - given to whoever waits
            with self._lock:
                self._error = e
        finally:
            with self._lock:
                self._finished = True
                self._lock.notify_all()

    def listen(self, listener: Callable[[Case, CaseContent], None]) -> None:
        """Call ``listener(case, content)`` for every content made so far and every one made
        later, in the order of the jobs."""
        with self._lock:
            if self._handed_out:
                raise RuntimeError("listen() after get(): some contents were handed out already")
            for case_id, content in self._made.items():
                listener(self._by_id[case_id], content)
            self._listeners.append(listener)

    def get(self, case_id: str) -> CaseContent:
        with self._lock:
            while case_id not in self._made:
                if self._error is not None:
                    raise RuntimeError(f"sidan kunde inte göras: {self._error!r}") from None
                if self._finished:
                    raise KeyError(case_id)
                self._lock.wait()
            self._handed_out = True
            return self._made.pop(case_id)  # each page once: the contents are not kept

    def close(self) -> None:
        global _running, _jobs, _setup
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._thread.join()
        if _running is self:
            _running, _jobs, _setup = None, [], None


_running: Batch | None = None


def running() -> Batch | None:
    """The batch of the build under way, if its case pages are being made in other processes."""
    return _running
