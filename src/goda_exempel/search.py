"""The site's search: Pagefind's annotations on case pages, and the index built from them.

The index is written in shards of at most SHARD_SIZE cases: ``site/pagefind/`` holds the first
(with Pagefind's JavaScript and WebAssembly), ``site/pagefind/del-1/`` … the others, and
``site/pagefind/delar.json`` says how many cases each has. The browser merges them (Pagefind's
``mergeIndex``, see ``docs/assets/javascripts/sok.js``). Two costs grow with the number of
pages in one index, and shards keep both down (measured at 10,000 cases, Pagefind 1.6):

- the indexer's memory: one index of 10,000 pages peaks at 2.5 GB, a shard of 5,000 at 1.3 GB
  (Pagefind 1.5: 2.8 GB, and under 1 GB for 3,334); each shard is built by its own process;
- the search in the browser: the first search for "trygghet", a word nearly every case has,
  takes 105–117 ms in two shards and 127–131 ms in three. (Pagefind 1.5 went through every
  matching (page, word) pair once for each matching page: pages × pages, 2 s in one index,
  0.4 s in three; that was why there were three.)

Each further shard adds its entry file, metadata and word-index requests to the first search:
two shards transfer 6–7 KB less than three (header 251.9 KB, catalogue 260.7 KB), and the first
results came 4–26 ms sooner in six alternating rounds (``bench/README.md``).

Cases are dealt to the shards in Swedish title order, round robin (title 0 to shard 0, title 1
to shard 1, …), so the shards are similar samples (their word statistics, which the ranking
uses, agree) and within a shard the pages are in title order. The catalogue lists cases in
title order from that alone, without a Pagefind sort; ``nyast.json`` gives the order by date.

Pages reach Pagefind while MkDocs is still building (:class:`Indexer`), through Pagefind's
service mode (``pagefind --service``: base64 JSON requests and answers, each followed by a
comma), spoken to directly: Pagefind's own Python package waits 0.1 s before it reads each
answer, which is 17 minutes for 10,000 pages.
"""

from __future__ import annotations

import base64
import json
import logging
import math
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

from . import facets, lists, pagefind_bin, pagefind_js, render, schema
from .model import Case
from .reproducible import stabilise_pagefind
from .sorting import swedish_key

log = logging.getLogger(__name__)

SHARD_SIZE = 5000  # cases per shard: up to 5,000 cases one index, 10,000 in two
# Pagefind splits its word index into chunks of about this many word positions (default 20,000):
# a search loads the chunks its words fall in, so smaller chunks load less of what it does not
# need. (Pagefind also matches longer words that begin with a search word, such as
# "trygghetsvandring" for "trygghet", but only among the words in the chunks it has loaded.)
CHUNK_SIZE = 1500
WRITERS = 2  # shards written at the same time
MANIFEST = "delar.json"  # {"delar": [cases in shard 0, cases in shard 1, ...]}
BY_DATE = "nyast.json"  # {"nyast": [for each title rank: its place among the newest first]}
# The words of the case pages, for "Menade du …?" when a search finds nothing (sok.js loads it
# only then): {"ord": [each distinct word of four letters or more, lowercase, the most common
# first]}, at most WORDS_KEPT of them.
WORDS = "ord.json"
WORDS_KEPT = 30_000
_WORD = re.compile(r"[^\W\d_]{4,}")
_TAG = re.compile(r"<[^>]+>")
# A word in every case page's metadata, and in nothing else: the catalogue searches for it to
# list cases without a query. (A search without words makes Pagefind load the whole word index.)
# Pagefind keeps "_" in words; nobody types it.
EVERY_CASE = "__"
# What of a case page is not searched: the "#" after each heading (its link), and addresses,
# which are not words: "trygghet@ale.se" would be indexed as the word "trygghetales", one per
# municipality, and each would match a search for "trygghet" (a cost on every page it matches)
INDEX_CONFIG = {"exclude_selectors": [".headerlink", ".ge-url", 'a[href^="mailto:"]']}
_KEEP = re.compile(r"pagefind-entry\.json|pagefind\..+\.pf_meta|index|filter|fragment")


class SearchIndexError(RuntimeError):
    pass


def annotations(case: Case) -> str:
    """Hidden Pagefind filters and metadata for a case page (inside its body), and the date it
    was added (for the catalogue's "newest first")."""
    parts = []
    for f in facets.FACETS:
        for value in f.values_of(case):
            parts.append(f'<span data-pagefind-filter="{f.key}">{escape(f.label_of(value))}</span>')
    for year in facets.active_years(case):
        parts.append(f'<span data-pagefind-filter="ar">{year}</span>')
    meta = {
        "title": case.title,
        "organisation": lists.organisations_text(case),
        "plats": lists.places_text(case),  # as in the lists the catalogue's first page comes with
        "period": render.period_text(case.meta["period"]),
        "ingress": case.meta["summary"],
        "tillagd": render.swedish_date(str(case.meta["added"])),  # shown when ordered by date added
    }
    meta["fakta"] = fact_words(case)
    parts += [f'<span data-pagefind-meta="{k}">{escape(v)}</span>' for k, v in meta.items()]
    parts.append(f'<span data-pagefind-meta="alla">{EVERY_CASE}</span>')
    added = escape(str(case.meta["added"]))
    return f'<div hidden data-pagefind-ignore data-ge-tillagd="{added}">{"".join(parts)}</div>'


def fact_words(case: Case) -> str:
    """The words of a case's fact box, for the search: the fact box itself is not indexed as
    page text (render.fact_box), so that excerpts come from the case's text, but a search for
    an organisation, a place or a theme still finds the case (Pagefind searches metadata)."""
    m = case.meta
    words = [o["name"] for o in m["organisations"] + m.get("partners", [])]
    words += [x for mu in case.municipalities for x in (mu.name, mu.county)] + list(m.get("areas", []))
    for vocab, key in (("kinds", "kind"), ("statuses", "status"), ("scopes", "scope")):
        words.append(schema.vocabulary(vocab).label_of(m[key]))
    for vocab, key in (("organisation_types", None), ("themes", "themes"), ("prevention", "prevention"),
                       ("target_groups", "target_groups"), ("methods", "methods")):
        ids = [o["type"] for o in m["organisations"] + m.get("partners", [])] if key is None else m.get(key, [])
        words += [schema.vocabulary(vocab).label_of(i) for i in ids]
    words.append(schema.vocabulary("evaluation_levels").label_of(m["evaluation"]["level"]))
    if m["evaluation"].get("description"):
        words.append(m["evaluation"]["description"])
    words += [r["title"] for r in m["evaluation"].get("reports", [])]
    words += [x for s in m.get("sources", []) for x in (s["title"], s.get("publisher", ""))]
    words += [x for c in m.get("contacts", []) for x in (c["role"], c["organisation"])]
    return ". ".join(dict.fromkeys(w for w in words if w))


# --- what Pagefind reads of a page -----------------------------------------------------------

_BODY = re.compile(r"<(\w+)\b[^>]*\sdata-pagefind-body[\s>=]")
_LANG = re.compile(r"<html\b[^>]*\slang=\"([^\"]*)\"")
_TITLE = re.compile(r'<span data-pagefind-meta="title">([^<]*)</span>')
_ADDED = re.compile(r'data-ge-tillagd="([^"]*)"')


@dataclass
class Page:
    url: str  # site-relative, as MkDocs has it: "exempel/<id>/"
    body: str  # a small HTML document: the page's language and its data-pagefind-body element
    title: str
    added: str


def page_from_html(url: str, html: str, lang: str = "sv") -> Page | None:
    """The part of a page that Pagefind indexes, or None if the page has no
    data-pagefind-body element. Pagefind ignores the rest of such a page (the case pages have
    no Pagefind attributes outside it), and reads a third of a case page faster than all of it.
    ``html`` is a whole page or only its content; the language is the ``<html lang>`` of a whole
    page, else ``lang``."""
    start = _BODY.search(html)
    if start is None:
        return None
    tag = start.group(1)
    tags = re.compile(rf"<(/?){tag}\b[^>]*>", re.I)
    depth, end = 0, None
    for m in tags.finditer(html, start.start()):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            end = m.end()
            break
    element = html[start.start():end] if end is not None else html
    found_lang = _LANG.search(html)
    title = _TITLE.search(element)
    added = _ADDED.search(element)
    body = (f'<!DOCTYPE html><html lang="{escape(found_lang.group(1) if found_lang else lang)}"><head><meta charset="utf-8">'
            f"</head><body>{element}</body></html>")
    return Page(url=url, body=body, title=unescape(title.group(1)) if title else "",
                added=added.group(1) if added else "")


# --- Pagefind's service ----------------------------------------------------------------------


def _executable() -> str:
    try:
        return pagefind_bin.find()
    except pagefind_bin.NotInstalled as e:
        raise SearchIndexError(str(e)) from None


class Service:
    """One ``pagefind --service`` process. Requests may be sent one after another without
    waiting (``send``): Pagefind handles them in order, and a thread of the service reads the
    answers as they come, so Pagefind never waits for Python to ask for the next page."""

    def __init__(self) -> None:
        env = dict(os.environ)
        env.setdefault("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE", str(CHUNK_SIZE))
        self._errors = tempfile.TemporaryFile()
        self._proc = subprocess.Popen([_executable(), "--service"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=self._errors, env=env)
        self._id = 0
        self._answers: dict[int, dict] = {}
        self._ended: str | None = None  # why no more answers come
        self._lock = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="pagefind-answers", daemon=True)
        self._reader.start()

    def send(self, **payload) -> int:
        """Send a request; its number, for ``wait``."""
        self._id += 1
        message = json.dumps({"message_id": self._id, "payload": payload}).encode("utf-8")
        try:
            self._proc.stdin.write(base64.b64encode(message) + b",")
            self._proc.stdin.flush()
        except OSError as e:
            raise SearchIndexError(f"Sökindexet kunde inte byggas (Pagefind): {self._stderr() or e}") from None
        return self._id

    def wait(self, message_id: int) -> dict:
        """The answer to a request sent."""
        with self._lock:
            while message_id not in self._answers:
                if self._ended is not None:
                    raise SearchIndexError(f"Sökindexet kunde inte byggas (Pagefind): {self._stderr() or self._ended}")
                self._lock.wait()
            result = self._answers.pop(message_id).get("payload") or {}
        if result.get("type") == "Error":
            raise SearchIndexError(f"Sökindexet kunde inte byggas (Pagefind): {result.get('message')}")
        return result

    def call(self, **payload) -> dict:
        return self.wait(self.send(**payload))

    def _read(self) -> None:
        buffer = bytearray()
        try:
            while more := self._proc.stdout.read1(1 << 20):
                start = len(buffer)
                buffer += more
                if buffer.find(b",", start) < 0:
                    continue  # a long answer (the index's files) comes in many pieces
                end = buffer.rfind(b",")
                answers = [json.loads(base64.b64decode(m)) for m in bytes(buffer[:end]).split(b",")]
                del buffer[:end + 1]
                with self._lock:
                    for answer in answers:
                        if answer is not None:
                            self._answers[answer.get("message_id")] = answer
                    self._lock.notify_all()
            ended = "Pagefind slutade svara"
        except (OSError, ValueError) as e:
            ended = str(e) or type(e).__name__
        with self._lock:
            self._ended = ended
            self._lock.notify_all()

    def _stderr(self) -> str:
        self._errors.seek(0)
        return self._errors.read().decode("utf-8", "replace").strip()

    def kill(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._reader.join()
        for pipe in (self._proc.stdin, self._proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass
        self._errors.close()


class _Shard:
    """One shard's pages, handed to Pagefind in order by a thread of its own (so that Pagefind
    reads them while MkDocs builds the next)."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self._queue: queue.Queue = queue.Queue()
        self._error: BaseException | None = None
        self._lock = threading.Lock()
        self._service: Service | None = None
        self._index = None
        self._sent: list[int] = []  # AddFile requests not yet checked
        self._thread = threading.Thread(target=self._run, name="pagefind-shard", daemon=True)
        self._thread.start()

    def add(self, page: Page) -> None:
        self.urls.append(page.url)
        self._queue.put(page)

    def _run(self) -> None:
        while (page := self._queue.get()) is not None:
            try:
                with self._lock:
                    if self._error is not None:
                        continue
                    if self._service is None:
                        self._service = Service()
                        self._index = self._service.call(type="NewIndex", config=INDEX_CONFIG)["index_id"]
                    service = self._service
                # answered in order; write() checks the answers
                self._sent.append(service.send(type="AddFile", index_id=self._index, url="/" + page.url,
                                               file_path=None, file_contents=page.body))
            except BaseException as e:  # reported by write()
                self._error = self._error or e

    def write(self, folder: Path, keep=lambda name: True) -> None:
        """Wait for the pages, then build this shard (an empty index if it has none) and write
        the files whose first path part ``keep`` accepts.

        The files come through the service (GetFiles) and are written here: Pagefind's own
        WriteFiles answers before its last writes are done, and they may not be done even when
        the process has ended (a 175 KB file cut at 128 KiB was seen)."""
        started = time.perf_counter()
        self._queue.put(None)
        self._thread.join()
        waited = time.perf_counter() - started
        try:
            if self._error is not None:
                raise self._error
            if self._service is None:
                self._service = Service()
                self._index = self._service.call(type="NewIndex", config=INDEX_CONFIG)["index_id"]
            for message_id in self._sent:
                self._service.wait(message_id)
            files = self._service.call(type="GetFiles", index_id=self._index)["files"]
            self.close()  # Pagefind's memory is freed before the files are written
            for file in files:
                relative = Path(file["path"])
                if relative.is_absolute() or ".." in relative.parts or not keep(relative.parts[0]):
                    continue
                target = folder / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(base64.b64decode(file["content"]))
            log.debug("Pagefind: %d pages; waited %.1f s for the last, built and wrote the index in %.1f s",
                      len(self.urls), waited, time.perf_counter() - started - waited)
        finally:
            self.close()

    def close(self) -> None:
        with self._lock:
            self._error = self._error or SearchIndexError("Sökindexet avbröts.")
            if self._service is not None:
                self._service.kill()
                self._service = None
        self._queue.put(None)


def index_order(url: str, title: str) -> tuple:
    """Where a page comes in the index: Swedish title order, then address. A page reaches
    Pagefind only after every page before it in its shard, so pages made in this order are
    indexed as soon as they are made."""
    return (swedish_key(title), url)


class Indexer:
    """The search index of one build: ``add`` every case page (as its content is made), then
    ``write``. ``planned`` is every case page, (URL, title), known beforehand: it decides
    each page's shard and place, so a page goes to Pagefind as soon as the pages before it in
    its shard have. Only planned pages can be added (only case pages are searched)."""

    def __init__(self, planned: list[tuple[str, str]], shard_size: int = SHARD_SIZE) -> None:
        self._order = [url for url, _ in sorted(planned, key=lambda p: index_order(*p))]
        self.count = max(1, math.ceil(len(self._order) / shard_size))
        self._place = {url: (rank % self.count, rank // self.count) for rank, url in enumerate(self._order)}
        self._waiting: list[dict[int, Page]] = [{} for _ in range(self.count)]
        self._next = [0] * self.count
        self._added: dict[str, str] = {}
        self._shards = [_Shard() for _ in range(self.count)]
        self._lock = threading.Lock()
        self._words: dict[str, Counter] = {}  # url -> its words (a page added again replaces its own)

    def add(self, page: Page) -> None:
        words = Counter(w.lower() for w in _WORD.findall(unescape(_TAG.sub(" ", page.body))))
        with self._lock:  # pages may come from more than one thread
            self._words[page.url] = words
            shard, place = self._place[page.url]
            self._added[page.url] = page.added
            self._waiting[shard][place] = page
            self._send(shard)

    def _send(self, shard: int, everything: bool = False) -> None:
        waiting = self._waiting[shard]
        while waiting:
            if self._next[shard] in waiting:
                self._shards[shard].add(waiting.pop(self._next[shard]))
            elif not everything:
                return
            self._next[shard] += 1

    def missing(self) -> list[str]:
        """Planned pages not added yet (a dirty build converts only what changed)."""
        return [url for url in self._order if url not in self._added]

    def write(self, folder: Path) -> bool:
        """Write the index to ``folder``, replacing what is there: the shards, the manifest and
        the date order. False if Pagefind's index was not laid out as expected, so that its
        filter index could not be put in a stable order (then two builds of the same sources
        differ)."""
        with self._lock:
            for shard in range(self.count):
                self._send(shard, everything=True)
        work = folder.with_name(folder.name + ".ny")
        shutil.rmtree(work, ignore_errors=True)
        stable = True
        targets = [work] + [work / f"del-{number}" for number in range(1, self.count)]
        try:
            # two shards at a time: Pagefind uses about one core while it builds an index.
            # The JavaScript and WebAssembly of shard 0 serve all shards.
            keeps = [lambda name: True] + [_KEEP.fullmatch] * (self.count - 1)
            with ThreadPoolExecutor(max_workers=min(WRITERS, self.count)) as pool:
                list(pool.map(lambda job: job[0].write(job[1], job[2]), zip(self._shards, targets, keeps)))
            for target in targets:
                if not (target / "pagefind-entry.json").is_file():
                    raise SearchIndexError("Sökindexet kunde inte byggas: Pagefind gav inget index.")
                stable = stabilise_pagefind(target) and stable
            try:
                pagefind_js.adjust(work)
            except pagefind_js.ScriptChanged as e:
                raise SearchIndexError(str(e)) from None
            sizes = [len(shard.urls) for shard in self._shards]
            (work / MANIFEST).write_text(json.dumps({"delar": sizes}), encoding="utf-8")
            (work / BY_DATE).write_text(json.dumps({"nyast": self._by_date()}), encoding="utf-8")
            (work / WORDS).write_text(json.dumps({"ord": self.words()}, ensure_ascii=False), encoding="utf-8")
            _replace(work, folder)
        finally:
            self.close()
            shutil.rmtree(work, ignore_errors=True)
        return stable

    def words(self) -> list[str]:
        """The pages' distinct words, the most common first (equal counts: alphabetical)."""
        total: Counter = Counter()
        for counts in self._words.values():
            total.update(counts)
        return [w for w, _ in sorted(total.items(), key=lambda item: (-item[1], item[0]))][:WORDS_KEPT]

    def _by_date(self) -> list[int]:
        """For each title rank, its place when the newest are first (equal dates: title order)."""
        dates = [self._added.get(url, "") for url in self._order]
        newest = sorted(range(len(dates)), key=dates.__getitem__, reverse=True)  # stable: ties keep title order
        place = [0] * len(dates)
        for position, rank in enumerate(newest):
            place[rank] = position
        return place

    def close(self) -> None:
        for shard in self._shards:
            shard.close()


def _replace(new: Path, folder: Path) -> None:
    """Put ``new`` where ``folder`` is, leaving no moment with half of either."""
    old = folder.with_name(folder.name + ".gammal")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    new.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


def build_index(pages: list[Page], folder: Path, shard_size: int = SHARD_SIZE) -> None:
    """Index ``pages`` into ``folder`` in one go (every page known beforehand)."""
    indexer = Indexer([(p.url, p.title) for p in pages], shard_size)
    try:
        for page in pages:
            indexer.add(page)
        indexer.write(folder)
    finally:
        indexer.close()
