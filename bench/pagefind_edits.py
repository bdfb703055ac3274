"""What each of the build's edits of Pagefind's ``pagefind.js`` is worth at N cases (default
1,000): the header's first search for a word nearly every case has, in bytes and in time to
results.

    nice .venv/bin/python bench/pagefind_edits.py --cases 1000 --rounds 12

One project with N generated cases (as run.py makes it) is built once; the variants are copies
of its site with edits of ``pagefind.js`` undone (each edit's new text put back to Pagefind's
own). Every variant is served on its own loopback port, and each round searches each variant
once, in turn (so a busy moment of the machine hits all of them alike), each in a fresh browser
context (run._cold_search: the header's box filled in with the query, one input event).
Medians and ranges are printed as a Markdown table; --out writes every figure.

Before ``page_names.py`` was removed, the script also built the site without the short page
names (``page_names.py``); its figures are in bench/README.md.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402

from goda_exempel import pagefind_js  # noqa: E402

BUILT = "the build as it is"
# variants made from the build's site by undoing edits of pagefind.js
UNDONE = {
    "pagefind.js unedited (pagefind_js.py)": pagefind_js.EDITS,
    "without the 5 ms poll (POLL)": (pagefind_js.POLL,),
    "without the browser's gunzip (NATIVE_GUNZIP, AWAIT_GUNZIP)": (pagefind_js.NATIVE_GUNZIP, pagefind_js.AWAIT_GUNZIP),
}


def build(project: Path, site: Path) -> None:
    started = time.monotonic()
    result = subprocess.run([run.PY, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", str(site)], cwd=project,
                            capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if result.returncode != 0:
        raise RuntimeError(result.stdout + result.stderr)
    print(f"built {site.name} in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)


def undo(site: Path, dest: Path, edits) -> Path:
    shutil.copytree(site, dest)
    script = dest / "pagefind" / pagefind_js.SCRIPT
    text = script.read_text(encoding="utf-8")
    for e in edits:
        if text.count(e.new) != e.count:
            raise RuntimeError(f"the built {pagefind_js.SCRIPT} does not have {e.new!r} {e.count} times")
        text = text.replace(e.new, e.old)
    script.write_text(text, encoding="utf-8")
    return dest


def sites(work: Path, count: int, seed: int, only: str | None = None) -> dict[str, Path]:
    """Every variant's site; with ``only`` (words of the variants' names, comma-separated),
    the build and those variants."""
    project = run.make_project(work / "project", count, seed)
    found = {BUILT: work / "built"}
    build(project, found[BUILT])
    for number, (name, edits) in enumerate(UNDONE.items()):
        if not only or any(word in name for word in only.split(",")):
            found[name] = undo(found[BUILT], work / f"undone-{number}", edits)
    return found


def measure(found: dict[str, Path], rounds: int, query: str, browser=None) -> dict[str, list[dict]]:
    """The first search in each variant, ``rounds`` times in turn; in ``browser`` if given (a
    Playwright browser already running in this process), else in a Chromium of its own."""
    servers = {}
    for name, site in found.items():
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(run._Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[name] = server
    figures: dict[str, list[dict]] = {name: [] for name in found}

    def rounds_in(browser) -> None:
        for number in range(rounds):
            for name, server in servers.items():
                print(f"[round {number + 1}] {name}", file=sys.stderr, flush=True)
                result, page = run._cold_search(browser, f"http://127.0.0.1:{server.server_address[1]}/", query)
                page.context.close()
                figures[name].append({"bytes": result["bytes"], "ms": result["first_results_ms"],
                                      "results_shown": result["results_shown"]})

    try:
        if browser is not None:
            rounds_in(browser)
        else:
            from playwright.sync_api import sync_playwright

            chromium, args = run._chromium_args()
            with sync_playwright() as p:
                own = p.chromium.launch(executable_path=chromium, args=args)
                rounds_in(own)
                own.close()
    finally:
        for server in servers.values():
            server.shutdown()
    return figures


def table(figures: dict[str, list[dict]], count: int, rounds: int, query: str) -> str:
    built = figures[BUILT]
    kb = statistics.median(f["bytes"] for f in built) / 1000
    ms = statistics.median(f["ms"] for f in built)
    lines = [f"Header's first search for `{query}` at {count:,} cases, {rounds} alternating rounds, "
             "medians (lowest–highest); the gain is the variant's median minus the build's, "
             f"and its share of the build's first search ({kb:.1f} KB, {ms:.0f} ms):", "",
             "| variant | KB | ms | gain: KB (share) | gain: ms (share) |", "|---|---:|---:|---:|---:|"]
    for name, runs in figures.items():
        b = [f["bytes"] / 1000 for f in runs]
        t = [f["ms"] for f in runs]
        gain_kb, gain_ms = statistics.median(b) - kb, statistics.median(t) - ms
        lines.append(f"| {name} | {statistics.median(b):.1f} ({min(b):.1f}–{max(b):.1f}) "
                     f"| {statistics.median(t):.0f} ({min(t)}–{max(t)}) "
                     f"| {gain_kb:+.1f} ({gain_kb / kb:+.0%}) | {gain_ms:+.0f} ({gain_ms / ms:+.0%}) |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--query", default="trygghet")
    parser.add_argument("--only", default=None, help="only the variants whose names have one of these "
                        "comma-separated words, e.g. POLL,GUNZIP (and the build itself)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the copies (default: a temporary one)")
    parser.add_argument("--out", type=Path, default=None, help="also write every figure as JSON")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="ge-pagefind-edits-", dir=args.work))
    try:
        load = os.getloadavg()[0]
        figures = measure(sites(work, args.cases, args.seed, args.only), args.rounds, args.query)
        print(table(figures, args.cases, args.rounds, args.query))
        print(f"\n1-minute load average {load:.2f} at the start and {os.getloadavg()[0]:.2f} at the end.")
        if args.out:
            args.out.write_text(json.dumps({"cases": args.cases, "rounds": args.rounds, "query": args.query,
                                            "command": " ".join(["bench/pagefind_edits.py", *(argv or sys.argv[1:])]),
                                            "figures": figures}, indent=1, ensure_ascii=False), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
