"""Pagefind's ``pagefind.js``, made quicker for the first search in two places.

1. **Shorter waits for the WebAssembly.** Pagefind (1.5 and 1.6) has no promise for "the
   WebAssembly is ready"; ``getPtr`` (before every search of every shard) polls for it every
   50 ms. On the first search the WebAssembly is ready some milliseconds into such a wait, so
   the poll added up to 50 ms to the first results (measured on the 10,000-case site: 15–90
   ms, see ``bench/README.md``). Here it polls every ``POLL_MS``; each poll is one timer, so a
   shorter one costs nothing measurable. At 1,000 cases the header's first search took a
   median 108 ms (22 %) longer without it (``bench/pagefind_edits.py``, 12 alternating rounds
   on a busy machine). *Retired by* a Pagefind whose ``getPtr`` awaits a promise of the
   WebAssembly's start (or polls as often): then drop ``POLL``.
2. **The browser's own gunzip.** Every file of the index is gzip-compressed, and Pagefind
   unpacks each with a gunzip written in JavaScript, on the main thread, before anything
   else can run: 25–30 ms of a first search at 10,000 cases (the WebAssembly, two shards'
   metadata, word-index chunks and fragments). ``decompress`` here uses the browser's
   ``DecompressionStream`` (every current browser has it; Pagefind's own gunzip remains for
   one that does not), which is native code and leaves the main thread free meanwhile. As
   ``DecompressionStream`` answers with a promise, ``decompress`` becomes ``async`` and its
   five callers, already ``async`` functions, ``await`` it. Header: 366 → 344 ms (8 rounds)
   at 10,000 cases; at 1,000 cases a median 809 ms longer without it on a busy machine (11 of
   12 alternating rounds slower: the JavaScript gunzip waits for the main thread, as on a slow
   phone). *Retired by* a Pagefind whose ``decompress`` uses ``DecompressionStream`` itself:
   then drop ``NATIVE_GUNZIP`` and ``AWAIT_GUNZIP``.

(An edit that let further shards load while the first one's WebAssembly started was removed:
it does nothing below 5,000 cases, where the index is one shard, and saved 15 ms of 340 at
10,000.)

Each replacement is exact (Pagefind 1.6.0's text): if Pagefind's script changes (a new
version), the build stops and says so, rather than shipping the script unchanged and slower
without anyone noticing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SCRIPT = "pagefind.js"
POLL_MS = 5


@dataclass(frozen=True)
class Edit:
    old: str
    new: str
    count: int = 1  # how many times pagefind.js has ``old``


POLL = Edit("while(this.raw_ptr===null){if(this.initError){throw this.initError;}await asyncSleep(50);}",
            f"while(this.raw_ptr===null){{if(this.initError){{throw this.initError;}}await asyncSleep({POLL_MS});}}")
NATIVE_GUNZIP = Edit(
    'decompress(data,file="unknown file"){if(this.decoder.decode(data.slice(0,12))==="pagefind_dcd")'
    '{return data.slice(12);}data=gz_default(data);',
    'async decompress(data,file="unknown file"){if(this.decoder.decode(data.slice(0,12))==="pagefind_dcd")'
    '{return data.slice(12);}data=typeof DecompressionStream==="function"?new Uint8Array(await new Response('
    'new Blob([data]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()):gz_default(data);')
AWAIT_GUNZIP = Edit("=this.decompress(", "=await this.decompress(", 5)  # as in "let chunk=this.decompress(...)"
EDITS = (POLL, NATIVE_GUNZIP, AWAIT_GUNZIP)


class ScriptChanged(RuntimeError):
    pass


def edit(text: str, edits: tuple[Edit, ...] | None = None) -> str:
    """``text`` (pagefind.js) with every edit of ``edits`` (all of EDITS if None) made;
    ScriptChanged if one does not fit."""
    for e in EDITS if edits is None else edits:
        found = text.count(e.old)
        if found != e.count:
            expected = "en gång" if e.count == 1 else f"{e.count} gånger"
            raise ScriptChanged(
                f"Sökindexet: Pagefinds {SCRIPT} innehåller {found} gånger i stället för {expected} "
                f"{e.old!r}. Har Pagefind uppdaterats? Se över goda_exempel/pagefind_js.py för den nya versionen.")
        text = text.replace(e.old, e.new)
    return text


def adjust(folder: Path) -> None:
    """Every edit, to ``folder``'s pagefind.js (the first shard's folder)."""
    path = folder / SCRIPT
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
