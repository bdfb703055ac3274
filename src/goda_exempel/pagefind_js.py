"""Pagefind's ``pagefind.js``, with its two waits for the WebAssembly made shorter.

Pagefind (1.5 and 1.6) has no promise for "the WebAssembly is ready"; two places poll for it
instead, every 50 ms: ``getPtr`` (before every search of every shard) and ``mergeIndex``
(before a further shard can load its metadata). On the first search the WebAssembly is ready some
milliseconds into such a wait, so each poll adds up to 50 ms to the first results (measured on
the 10,000-case site: 15–90 ms, see ``bench/README.md``). Here they poll every
``POLL_MS``; each poll is one timer, so a shorter one costs nothing measurable.

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


class ScriptChanged(RuntimeError):
    pass


def shorten_polls(text: str) -> str:
    """``text`` (pagefind.js) with each poll of POLLS waiting POLL_MS instead of 50 ms."""
    for poll in POLLS:
        found = text.count(poll)
        if found != 1:
            raise ScriptChanged(
                f"Sökindexet: Pagefinds {SCRIPT} innehåller {found} gånger i stället för en gång "
                f"väntan {poll!r}. Har Pagefind uppdaterats? Se över goda_exempel/pagefind_js.py "
                "för den nya versionen.")
        text = text.replace(poll, poll.replace("asyncSleep(50)", f"asyncSleep({POLL_MS})"))
    return text


def adjust(folder: Path) -> None:
    """Shorten the polls in ``folder``'s pagefind.js (the first shard's folder)."""
    path = folder / SCRIPT
    path.write_text(shorten_polls(path.read_text(encoding="utf-8")), encoding="utf-8")
