"""Pagefind's ``pagefind.js``, made quicker for the first search in two places.

1. **Shorter waits for the WebAssembly.** Pagefind (1.5 and 1.6) has no promise for "the
   WebAssembly is ready"; two places poll for it instead, every 50 ms: ``getPtr`` (before
   every search of every shard) and ``mergeIndex`` (before a further shard can load its
   metadata). On the first search the WebAssembly is ready some milliseconds into such a
   wait, so each poll added up to 50 ms to the first results (measured on the 10,000-case
   site: 15–90 ms, see ``bench/README.md``). Here they poll every ``POLL_MS``; each poll is
   one timer, so a shorter one costs nothing measurable.
2. **The browser's own gunzip.** Every file of the index is gzip-compressed, and Pagefind
   unpacks each with a gunzip written in JavaScript, on the main thread, before anything
   else can run: 25–30 ms of a first search at 10,000 cases (the WebAssembly, two shards'
   metadata, word-index chunks and fragments). ``decompress`` here uses the browser's
   ``DecompressionStream`` (every current browser has it; Pagefind's own gunzip remains for
   one that does not), which is native code and leaves the main thread free meanwhile. As
   ``DecompressionStream`` answers with a promise, ``decompress`` becomes ``async`` and its
   five callers, already ``async`` functions, ``await`` it.

The replacements are exact: if Pagefind's script changes (a new version), the build stops and
says so, rather than shipping the script unchanged and slower without anyone noticing.
"""

from __future__ import annotations

from pathlib import Path

SCRIPT = "pagefind.js"
POLL_MS = 5
# the two polls, as Pagefind 1.5's and 1.6's pagefind.js write them
POLLS = (
    "while(this.raw_ptr===null){if(this.initError){throw this.initError;}await asyncSleep(50);}",
    "while(this.primary.wasm===null){await asyncSleep(50);}",
)
# Pagefind 1.6's decompress, up to its gunzip, and what it becomes
DECOMPRESS = ('decompress(data,file="unknown file"){if(this.decoder.decode(data.slice(0,12))==="pagefind_dcd")'
              '{return data.slice(12);}data=gz_default(data);')
NATIVE_GUNZIP = ('data=typeof DecompressionStream==="function"?new Uint8Array(await new Response(new Blob([data])'
                 '.stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()):gz_default(data);')
CALL = "=this.decompress("  # each caller, as in "let chunk=this.decompress(new Uint8Array(...), url)"
CALLS = 5


class ScriptChanged(RuntimeError):
    pass


def _replace(text: str, old: str, new: str, count: int = 1) -> str:
    found = text.count(old)
    if found != count:
        raise ScriptChanged(
            f"Sökindexet: Pagefinds {SCRIPT} innehåller {found} gånger i stället för {_times(count)} "
            f"{old!r}. Har Pagefind uppdaterats? Se över goda_exempel/pagefind_js.py för den nya versionen.")
    return text.replace(old, new)


def _times(count: int) -> str:
    return "en gång" if count == 1 else f"{count} gånger"


def shorten_polls(text: str) -> str:
    """``text`` (pagefind.js) with each poll of POLLS waiting POLL_MS instead of 50 ms."""
    for poll in POLLS:
        text = _replace(text, poll, poll.replace("asyncSleep(50)", f"asyncSleep({POLL_MS})"))
    return text


def native_gunzip(text: str) -> str:
    """``text`` (pagefind.js) with ``decompress`` using the browser's DecompressionStream."""
    text = _replace(text, DECOMPRESS, "async " + DECOMPRESS.replace("data=gz_default(data);", NATIVE_GUNZIP))
    return _replace(text, CALL, "=await this.decompress(", CALLS)


def adjust(folder: Path) -> None:
    """Both changes, to ``folder``'s pagefind.js (the first shard's folder)."""
    path = folder / SCRIPT
    path.write_text(native_gunzip(shorten_polls(path.read_text(encoding="utf-8"))), encoding="utf-8")
