"""The build benchmark: how validation, the site build and search scale with the number of cases.

For each size N it prepares a temporary copy of the project (mkdocs.yml, docs/, overrides/,
hooks/ and N generated cases in examples/, see ``bench/generate.py``) and measures:

- ``goda-exempel validate``: wall time and peak memory;
- ``mkdocs build --strict`` of the project: wall time and peak memory (the largest single
  process: MkDocs itself or the Pagefind indexer it starts);
- the baseline: the same case Markdown (``pages.case_markdown``) and the same docs pages,
  built by plain MkDocs + Material: no hooks, no overrides, the cases not in the navigation,
  and MkDocs' default plugins (Material's built-in search, which a plain site has);
- the same baseline with ``plugins: []`` (no search at all), for reference;
- the built site: total size, the largest case page and the largest page;
- the first search: Debian's Chromium opens the start page, the query is entered into the
  header search, and every response loaded from then on is summed (pagefind.js, the wasm,
  the entry file, index chunks, fragments), with the time from the input event until the
  result list shows its first entry.

It prints a Markdown table and writes everything as JSON:

    nice .venv/bin/python bench/run.py --sizes 100,1000,10000 --serve 1000 --out bench/results/latest.json

``--profile N`` instead profiles one build and one validation of N cases with cProfile and
writes the top entries to ``bench/results/profile-N.txt``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import http.server
import importlib.metadata
import importlib.util
import io
import json
import os
import platform
import pstats
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from serve_rebuild import measure_serve  # noqa: E402

PY = sys.executable
TIME = Path("/usr/bin/time")
PROJECT_PARTS = ["mkdocs.yml", "docs", "overrides", "hooks"]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
TARGETS_DOC = "bench/README.md"


# --- project copies --------------------------------------------------------------------------


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even if it uses !!python/name or !ENV tags (kept as plain values)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def project_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}


def make_project(dest: Path, count: int, seed: int) -> Path:
    """A copy of the project's site sources with ``count`` generated cases in examples/."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    # mkdocs checks that every `watch` path exists; point the ones not copied at the real ones
    for item in project_config().get("watch") or []:
        target = dest / item
        if not target.exists() and (ROOT / item).exists() and item != "examples":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(ROOT / item)
    generate(count, dest / "examples", seed)
    return dest


def make_baseline(dest: Path, project: Path, search: bool = True) -> Path:
    """Plain MkDocs + Material over the same Markdown: docs pages plus one page per case.

    With ``search``, MkDocs' default plugins (``search``: Material's built-in lunr search), as a
    plain Material site has them; without, ``plugins: []``.
    """
    from goda_exempel import pages
    from goda_exempel.validate import validate_dir

    result = validate_dir(project / "examples", project)
    if not result.ok:
        raise RuntimeError(f"generated cases are invalid: {result.problems[:3]}")
    shutil.copytree(project / "docs", dest / "docs")
    for case in result.cases:
        path = dest / "docs" / pages.case_src_uri(case)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(pages.case_markdown(case), encoding="utf-8")
    own = project_config()
    config = {
        "site_name": own.get("site_name", "Goda exempel"),
        "docs_dir": "docs",
        "use_directory_urls": own.get("use_directory_urls", True),
        "theme": {"name": "material", "language": (own.get("theme") or {}).get("language", "sv"),
                  "font": False},
        "markdown_extensions": _plain(own.get("markdown_extensions")) or ["toc", "attr_list", "tables"],
        "not_in_nav": f"/{pages.CASE_DIR}/\n",
    }
    if own.get("nav"):
        config["nav"] = own["nav"]
    if not search:
        config["plugins"] = []
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
    return dest


def _plain(extensions):
    """The project's markdown_extensions, unless they carry Python tags a plain config cannot."""
    try:
        text = yaml.safe_dump(extensions)
    except yaml.YAMLError:
        return None
    return extensions if "null" not in text else None


# --- measuring -------------------------------------------------------------------------------


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                children = [int(c) for c in task.read_text().split()]
            except OSError:
                continue
            out.extend(children)
            todo.extend(children)
    return out


_TICK = os.sysconf("SC_CLK_TCK")


def _sample(pid: int) -> tuple[str, int, float] | None:
    """(program name, peak RSS in kB so far, CPU seconds so far) of a running process."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        stat = Path(f"/proc/{pid}/stat").read_text()
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    if "VmHWM" not in fields:
        return None
    ticks = stat.rsplit(")", 1)[1].split()  # fields after "(comm)": state is field 3
    cpu = (int(ticks[11]) + int(ticks[12])) / _TICK  # utime, stime (this process and its threads)
    name = Path(argv[0].decode(errors="replace")).name if argv and argv[0] else fields["Name"].strip()
    if name.startswith("python") and len(argv) > 2 and argv[1] == b"-m":
        name = argv[2].decode(errors="replace")  # "mkdocs", "goda_exempel.cli", "pagefind"
    elif name.startswith("python"):
        name = "python (worker processes)"
    elif name == "pagefind_extended":  # npm's Pagefind program
        name = "pagefind"
    return name, int(fields["VmHWM"].split()[0]), cpu


def timed(args: list[str], cwd: Path, shown: str) -> dict:
    """Wall time (perf_counter) and peak RSS of one command, which must succeed.

    ``peak_rss_mb`` is the largest single process (from GNU time, or getrusage of a fresh
    child); ``peak_rss_by_program`` samples /proc while it runs, so the MkDocs process and
    the Pagefind indexer it starts can be told apart.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss, \
            tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        if TIME.exists():
            full = [str(TIME), "-f", "%M %U %S", "-o", rss.name, *args]
        else:  # a fresh child whose children's peak RSS is the command's
            probe = ("import resource,subprocess,sys;r=subprocess.run(sys.argv[2:]).returncode;"
                     "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
                     "open(sys.argv[1],'w').write(f'{u.ru_maxrss} {u.ru_utime} {u.ru_stime}');sys.exit(r)")
            full = [PY, "-c", probe, rss.name, *args]
        peaks: dict[str, int] = {}
        cpu: dict[int, float] = {}  # pid -> CPU seconds when last seen
        t0 = time.perf_counter()
        proc = subprocess.Popen(full, cwd=cwd, env=ENV, stdout=out, stderr=err, text=True)
        while proc.poll() is None:
            for pid in _descendants(proc.pid):
                found = _sample(pid)
                if found:
                    cpu[pid] = found[2]
                    if found[0] != "time":
                        peaks[found[0]] = max(peaks.get(found[0], 0), found[1])
            time.sleep(0.2)
        seconds = time.perf_counter() - t0
        if proc.returncode != 0:
            out.seek(0)
            err.seek(0)
            raise RuntimeError(f"{shown} failed ({proc.returncode}):\n{out.read()[-3000:]}\n{err.read()[-3000:]}")
        # GNU time may print a note first ("Command exited with …"); the figures are the last line
        rss_kb, user, system = Path(rss.name).read_text().strip().splitlines()[-1].split()
    # CPU time: GNU time counts the processes that were waited for; worker processes started
    # through a multiprocessing fork server are not, so /proc samples are added up as well and
    # the larger of the two (both are lower bounds) is reported.
    return {"seconds": round(seconds, 2), "cpu_seconds": round(max(float(user) + float(system), sum(cpu.values())), 2),
            "peak_rss_mb": round(int(rss_kb) / 1024, 1),
            "peak_rss_by_program": {k: round(v / 1024, 1) for k, v in sorted(peaks.items())},
            "command": shown}


def site_figures(site: Path, case_dir: str) -> dict:
    total = files = search = 0
    largest = ("", 0)
    largest_case = ("", 0)
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        rel = path.relative_to(site).as_posix()
        total += size
        files += 1
        if rel.startswith("pagefind/") or rel == "search/search_index.json":  # Pagefind's, or Material's
            search += size
        if path.name == "index.html":
            if size > largest[1]:
                largest = (rel, size)
            if rel.startswith(f"{case_dir}/") and size > largest_case[1]:
                largest_case = (rel, size)
    return {"bytes": total, "files": files, "search_index_bytes": search,
            "largest_case_page": {"path": largest_case[0], "bytes": largest_case[1]},
            "largest_page": {"path": largest[0], "bytes": largest[1]}}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _chromium_args() -> list[str]:
    spec = importlib.util.spec_from_file_location("_ge_conftest", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CHROMIUM, module.CHROMIUM_ARGS


_MARK = """() => {
  const input = document.querySelector('#ge-search-input');
  const list = document.querySelector('.ge-search__list');
  const status = document.querySelector('.ge-search__status');
  window.__geBench = {};
  input.addEventListener('input', () => {  // the last letter typed (the list of the whole query)
    window.__geBench.input = performance.now();
    window.__geBench.shown = 0;
  }, true);
  new MutationObserver(() => {
    const b = window.__geBench;
    if (b.input && !b.shown && (list.querySelector('li') || status.textContent)) {
      b.shown = performance.now();
      b.hits = list.querySelectorAll('li').length;
    }
  }).observe(document.querySelector('.ge-search__panel'), {childList: true, subtree: true, characterData: true});
}"""


def _cold_search(browser, url: str, query: str, typing_ms: int | None = None):
    """Open the start page in a fresh context and enter ``query`` into the header search:
    filled in (one input event, as when pasted) or, with ``typing_ms``, typed by keyboard with
    typing_ms between letters (focus, then the letters; no pointer on the box). Time from the
    last input event until the list shows.

    Returns the figures and the open page (for a warm follow-up query)."""
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    traffic = _Traffic(page)
    # everything the start page loads by itself, including what its scripts fetch afterwards
    page.goto(url, wait_until="networkidle")
    traffic.settle(page)
    page_load = _transfers(traffic.finished, url)
    traffic.finished.clear()
    page.evaluate(_MARK)
    if typing_ms is None:
        page.fill("#ge-search-input", query)  # one input event; nothing of the search is loaded yet
    else:
        page.focus("#ge-search-input")
        page.keyboard.type(query, delay=typing_ms)
    page.wait_for_function("window.__geBench.shown > 0", timeout=120_000)
    ms, hits = page.evaluate("[window.__geBench.shown - window.__geBench.input, window.__geBench.hits]")
    traffic.settle(page)
    files = _transfers(traffic.finished, url)
    figures = {"query": query, "typing_ms": typing_ms, "bytes": sum(f["bytes"] for f in files), "requests": len(files),
               "files": files, "results_shown": hits, "first_results_ms": round(ms),
               "start_page_bytes": sum(f["bytes"] for f in page_load), "start_page_files": page_load}
    return figures, page


class _Traffic:
    """Requests of a page: ``finished`` (as Playwright's request objects) and how many are open."""

    def __init__(self, page) -> None:
        self.finished: list = []
        self.started = self.ended = 0
        page.on("request", self._start)
        page.on("requestfinished", self._finish)
        page.on("requestfailed", self._fail)

    def _start(self, request) -> None:
        self.started += 1

    def _finish(self, request) -> None:
        self.ended += 1
        self.finished.append(request)

    def _fail(self, request) -> None:
        self.ended += 1

    def settle(self, page, quiet_ms: int = 500) -> None:
        """Wait until no request is open and none has started for quiet_ms. (Playwright's
        "networkidle" is reached once per page load: after it, waiting for it returns at once,
        even while the results' fragments are still loading.)"""
        seen, since = None, time.monotonic()
        while True:
            page.wait_for_timeout(50)
            now = (self.started, self.ended)
            if now != seen:
                seen, since = now, time.monotonic()
            elif self.started == self.ended and time.monotonic() - since >= quiet_ms / 1000:
                return


def _transfers(requests: list, base: str) -> list[dict]:
    """URL and bytes (headers + body) of every finished request, largest first."""
    files = []
    for request in requests:
        sizes = request.sizes()
        files.append({"url": request.url.removeprefix(base),
                      "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"]})
    return sorted(files, key=lambda f: -f["bytes"])


def _warm_search(page, query: str) -> dict:
    page.fill("#ge-search-input", "")
    page.evaluate("() => { window.__geBench.shown = 0; }")
    page.fill("#ge-search-input", query)
    page.wait_for_function("window.__geBench.shown > 0", timeout=120_000)
    ms, hits = page.evaluate("[window.__geBench.shown - window.__geBench.input, window.__geBench.hits]")
    return {"query": query, "results_shown": hits, "results_ms": round(ms)}


# Paces at which the header search is typed, in ms a letter: quicker than its 120 ms wait for
# more typing (one search, at the end) and slower (a search from the third letter on).
HEADER_TYPING = (100, 300)


def measure_search(site: Path, query: str, second_query: str, rare_query: str) -> dict:
    """The first search from the start page: bytes loaded after typing and time to results.

    ``query`` is a common word (the worst case: most pages match); ``rare_query`` is a word
    few pages have, also measured cold; ``second_query`` follows ``query`` in the same page.
    ``typed``: ``query`` typed at each pace of HEADER_TYPING, cold."""
    with _browser_on(site) as (browser, url):
        result, page = _cold_search(browser, url, query)
        result["warm"] = _warm_search(page, second_query)
        page.context.close()
        rare, page = _cold_search(browser, url, rare_query)
        page.context.close()
        result["rare"] = rare
        result["typed"] = []
        for ms in HEADER_TYPING:
            typed, page = _cold_search(browser, url, query, ms)
            page.context.close()
            result["typed"].append(typed)
    return result


@contextlib.contextmanager
def _browser_on(site: Path):
    """Chromium, and ``site`` served on a free loopback port: (browser, the site's address)."""
    from playwright.sync_api import sync_playwright

    chromium, args = _chromium_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=args)
            try:
                yield browser, f"http://127.0.0.1:{server.server_address[1]}/"
            finally:
                browser.close()
    finally:
        server.shutdown()


_CATALOGUE_MARK = """(query) => {
  const list = document.querySelector('.ge-results__list');
  window.__geBench = {};
  document.querySelector('#ge-filters').addEventListener('input', () => {
    window.__geBench.input = performance.now();  // the last letter typed
    window.__geBench.shown = 0;
  }, true);
  new MutationObserver(() => {
    const b = window.__geBench;
    // the list of the whole query (not of a search for its first letters, typed slowly)
    if (b.input && !b.shown && list.querySelector('li') && new URLSearchParams(location.search).get('q') === query) {
      b.shown = performance.now();
      b.status = document.querySelector('.ge-results__status').textContent;
    }
  }).observe(list, {childList: true});
}"""

# Types that GitHub Pages sends compressed (gzip); Pagefind's own files are compressed already.
_COMPRESSED_BY_HOST = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


def _as_host_serves(files: list[dict], site: Path) -> int:
    """Bytes of ``files`` if the text files among them came gzip-compressed, as from GitHub Pages."""
    total = 0
    for f in files:
        path = site / f["url"].split("?")[0]
        if path.suffix in _COMPRESSED_BY_HOST and path.is_file():
            body = path.read_bytes()
            total += f["bytes"] - len(body) + len(gzip.compress(body, 6))
        else:
            total += f["bytes"]
    return total


# Ways the first query reaches the catalogue: pasted (one input event), and typed letter by
# letter at a fluent pace (quicker than the catalogue's 150 ms wait for more typing, so one
# search runs) and at a slow one (a search runs after every letter).
CATALOGUE_TYPING = (None, 120, 300)


def measure_catalogue(site: Path, query: str, typing_ms: int | None = None) -> dict:
    """The catalogue ("Hitta exempel"): what opening it loads, then the first search put into
    it: pasted (typing_ms None: focus, then one input event) or typed with typing_ms between
    letters. Bytes from the focus on; time from the last input event until the result list of
    the whole query shows its first entry."""
    with _browser_on(site) as (browser, url):
        context = browser.new_context(locale="sv-SE")
        page = context.new_page()
        traffic = _Traffic(page)
        page.goto(url + "hitta-exempel/", wait_until="networkidle")
        traffic.settle(page)
        opened = _transfers(traffic.finished, url)
        traffic.finished.clear()
        page.evaluate(_CATALOGUE_MARK, query)
        if typing_ms is None:
            page.fill("#ge-q", query)  # focus, then one input event
        else:
            page.click("#ge-q")
            page.keyboard.type(query, delay=typing_ms)
        page.wait_for_function("window.__geBench.shown > 0", timeout=120_000)
        ms, status = page.evaluate("[window.__geBench.shown - window.__geBench.input, window.__geBench.status]")
        traffic.settle(page)
        files = _transfers(traffic.finished, url)
        context.close()
    opened_search = [f for f in opened if f["url"].startswith("pagefind/")]
    return {"query": query, "typing_ms": typing_ms, "open_bytes": sum(f["bytes"] for f in opened),
            "open_search_bytes": sum(f["bytes"] for f in opened_search), "bytes": sum(f["bytes"] for f in files),
            # the first search's whole transfer: what opening loaded of the search, and the rest
            "first_search_bytes": sum(f["bytes"] for f in opened_search + files),
            "first_search_bytes_as_github_pages_serves": _as_host_serves(opened_search + files, site),
            "requests": len(files), "files": files, "open_search_files": opened_search,
            "first_results_ms": round(ms), "status": status}


def measure_size(count: int, work: Path, seed: int, queries: tuple[str, str, str], keep: bool) -> dict:
    project = make_project(work / f"project-{count}", count, seed)
    baseline = make_baseline(work / f"baseline-{count}", project)
    bare = make_baseline(work / f"baseline-no-search-{count}", project, search=False)
    row: dict = {"cases": count}
    print(f"[{count}] validate", file=sys.stderr, flush=True)
    row["validate"] = timed([PY, "-m", "goda_exempel.cli", "validate", "examples"], project,
                            "goda-exempel validate examples")
    print(f"[{count}] build", file=sys.stderr, flush=True)
    row["build"] = timed([PY, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "site"], project,
                         "mkdocs build --strict -f mkdocs.yml -d site")
    entry = project / "site" / "pagefind" / "pagefind-entry.json"
    built_entry = entry.read_bytes()  # the search figures must measure this build's index
    print(f"[{count}] baseline", file=sys.stderr, flush=True)
    row["baseline"] = timed([PY, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "site"], baseline,
                            "mkdocs build -f mkdocs.yml -d site  (plain MkDocs + Material, no hooks, default plugins)")
    print(f"[{count}] baseline without search", file=sys.stderr, flush=True)
    row["baseline_no_search"] = timed([PY, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "site"], bare,
                                      "mkdocs build -f mkdocs.yml -d site  (the same with plugins: [])")
    row["build_to_baseline"] = round(row["build"]["seconds"] / row["baseline"]["seconds"], 2)
    row["build_to_baseline_cpu"] = round(row["build"]["cpu_seconds"] / row["baseline"]["cpu_seconds"], 2)
    row["build_to_baseline_no_search"] = round(row["build"]["seconds"] / row["baseline_no_search"]["seconds"], 2)
    row["build_to_baseline_no_search_cpu"] = round(
        row["build"]["cpu_seconds"] / row["baseline_no_search"]["cpu_seconds"], 2)
    # Pagefind alone, again over the finished site, to split the build time
    # (written beside the site: over site/pagefind/ it would replace the built, sharded index
    # that the search figures below measure)
    from goda_exempel import pagefind_bin

    row["pagefind"] = timed([pagefind_bin.find(), "--site", "site", "--output-path", "pagefind-alone", "--silent"],
                            project, "pagefind --site site --output-path pagefind-alone")
    row["site"] = site_figures(project / "site", "exempel")
    row["baseline_site"] = site_figures(baseline / "site", "exempel")
    print(f"[{count}] search", file=sys.stderr, flush=True)
    row["search"] = measure_search(project / "site", *queries)
    row["search"]["bytes_as_github_pages_serves"] = _as_host_serves(row["search"]["files"], project / "site")
    print(f"[{count}] catalogue", file=sys.stderr, flush=True)
    row["catalogue"] = measure_catalogue(project / "site", queries[0])
    row["catalogue_typed"] = [measure_catalogue(project / "site", queries[0], ms) for ms in CATALOGUE_TYPING if ms]
    row["search_index_is_the_builds"] = entry.read_bytes() == built_entry
    if not keep:
        shutil.rmtree(baseline)
        shutil.rmtree(bare)
        shutil.rmtree(project)
    return row


# --- report ----------------------------------------------------------------------------------

TARGETS = [
    # name, how to read it from the results, limit, unit
    ("build at 1,000 cases ≤ 1.25 × baseline", lambda r: _at(r, 1000, lambda s: s["build_to_baseline"]), 1.25, "×"),
    ("build at 1,000 cases ≤ 1.25 × baseline, in CPU time", lambda r: _at(r, 1000, lambda s: s["build_to_baseline_cpu"]), 1.25, "×"),
    ("build growth 1,000 → 10,000 cases ≤ 11×",
     lambda r: _growth(r, lambda s: s["build"]["seconds"]), 11, "×"),
    ("build growth 1,000 → 10,000 cases ≤ 11×, in CPU time", lambda r: _growth(r, lambda s: s["build"]["cpu_seconds"]), 11, "×"),
    ("build peak memory at 10,000 cases < 2 GB",
     lambda r: _at(r, 10000, lambda s: s["build"]["peak_rss_mb"]), 2048, "MB"),
    ("validate at 10,000 cases < 5 s", lambda r: _at(r, 10000, lambda s: s["validate"]["seconds"]), 5, "s"),
    ("first search at 10,000 cases ≤ 300 KB",
     lambda r: _at(r, 10000, lambda s: round(s["search"]["bytes"] / 1024, 1)), 300, "KB"),
    ("first results at 10,000 cases ≤ 300 ms",
     lambda r: _at(r, 10000, lambda s: s["search"]["first_results_ms"]), 300, "ms"),
    *[target for ms in HEADER_TYPING for target in (
        (f"first search typed at {ms} ms a letter, 10,000 cases ≤ 300 KB",
         lambda r, ms=ms: _at(r, 10000, lambda s: _kb(_header_typed(s, ms)["bytes"])), 300, "KB"),
        (f"first results typed at {ms} ms a letter, 10,000 cases ≤ 300 ms after the last letter",
         lambda r, ms=ms: _at(r, 10000, lambda s: _header_typed(s, ms)["first_results_ms"]), 300, "ms"),
    )],
    ("catalogue: first search at 10,000 cases ≤ 300 KB",
     lambda r: _at(r, 10000, lambda s: _kb(s["catalogue"]["first_search_bytes"])), 300, "KB"),
    ("catalogue: first search at 10,000 cases ≤ 300 KB, as GitHub Pages serves it (compressed JS)",
     lambda r: _at(r, 10000, lambda s: _kb(s["catalogue"]["first_search_bytes_as_github_pages_serves"])), 300, "KB"),
    ("catalogue: first results at 10,000 cases ≤ 300 ms",
     lambda r: _at(r, 10000, lambda s: s["catalogue"]["first_results_ms"]), 300, "ms"),
    *[target for ms in CATALOGUE_TYPING if ms for target in (
        (f"catalogue: first search typed at {ms} ms a letter, 10,000 cases ≤ 300 KB",
         lambda r, ms=ms: _at(r, 10000, lambda s: _kb(_typed(s, ms)["first_search_bytes"])), 300, "KB"),
        (f"catalogue: first search typed at {ms} ms a letter, 10,000 cases ≤ 300 KB, as GitHub Pages serves it",
         lambda r, ms=ms: _at(r, 10000, lambda s: _kb(_typed(s, ms)["first_search_bytes_as_github_pages_serves"])),
         300, "KB"),
        (f"catalogue: first results typed at {ms} ms a letter, 10,000 cases ≤ 300 ms after the last letter",
         lambda r, ms=ms: _at(r, 10000, lambda s: _typed(s, ms)["first_results_ms"]), 300, "ms"),
    )],
    ("case page HTML at 10,000 cases < 40 KB",
     lambda r: _at(r, 10000, lambda s: round(s["site"]["largest_case_page"]["bytes"] / 1024, 1)), 40, "KB"),
    ("mkdocs serve: edited case served again ≤ 3 s",
     lambda r: (r.get("serve") or {}).get("rebuild_median_seconds"), 3, "s"),
]


def _header_typed(row: dict, ms: int) -> dict:
    return next(t for t in row["search"].get("typed", []) if t["typing_ms"] == ms)


def _typed(row: dict, ms: int) -> dict:
    return next(c for c in row.get("catalogue_typed", []) if c["typing_ms"] == ms)


def _typed_cells(row: dict) -> str:
    typed = row.get("catalogue_typed", [])
    size = " / ".join(f"{_kb(t['first_search_bytes'])} ({_kb(t['first_search_bytes_as_github_pages_serves'])})"
                      for t in typed)
    return f"{size} | {' / '.join(str(t['first_results_ms']) for t in typed)}"


def _kb(n: int) -> float:
    return round(n / 1024, 1)


def _at(results: dict, count: int, get):
    row = next((s for s in results["sizes"] if s["cases"] == count), None)
    return get(row) if row else None


def _growth(results: dict, get):
    a, b = _at(results, 1000, get), _at(results, 10000, get)
    return round(b / a, 2) if a and b else None


def targets(results: dict) -> list[dict]:
    out = []
    for name, get, limit, unit in TARGETS:
        value = get(results)
        out.append({"target": name, "limit": limit, "unit": unit, "measured": value,
                    "met": None if value is None else value <= limit})
    return out


def table(results: dict) -> str:
    q = results["sizes"][0]["search"] if results["sizes"] else {"query": "", "rare": {"query": ""}, "warm": {"query": ""}}
    head = ("| cases | validate s | build s (CPU s) | build peak MB: MkDocs / Pagefind | baseline s (CPU s) "
            "| baseline peak MB | build ÷ baseline: wall (CPU) | baseline without search s (CPU s) "
            "| build ÷ baseline without search: wall (CPU) | Pagefind alone s | site MB | largest case page KB "
            f"| start page load KB | first search KB: {q['query']} / {q['rare']['query']} "
            f"| first results ms: {q['query']} / {q['rare']['query']} | warm query ms: {q['warm']['query']} "
            f"| {q['query']} typed at {' / '.join(str(ms) for ms in HEADER_TYPING)} ms a letter: KB "
            "| typed: first results ms after the last letter "
            f"| catalogue open: search KB | catalogue first search KB, opening included: {q['query']} "
            "(as GitHub Pages serves it) "
            f"| catalogue first results ms: {q['query']} "
            f"| catalogue, typed at {' / '.join(str(ms) for ms in CATALOGUE_TYPING if ms)} ms a letter: KB, "
            "opening included (as GitHub Pages serves it) "
            "| catalogue, typed: first results ms after the last letter |")
    lines = [head, "|" + "---:|" * (head.count("|") - 1)]
    for s in results["sizes"]:
        search, build, base, cat = s["search"], s["build"], s["baseline"], s["catalogue"]
        by = build.get("peak_rss_by_program", {})
        lines.append(
            f"| {s['cases']:,} | {s['validate']['seconds']} | {build['seconds']} ({build['cpu_seconds']}) "
            f"| {by.get('mkdocs', '?')} / {by.get('pagefind', '?')} "
            f"| {base['seconds']} ({base['cpu_seconds']}) | {base['peak_rss_mb']} "
            f"| {s['build_to_baseline']} ({s['build_to_baseline_cpu']}) "
            f"| {s['baseline_no_search']['seconds']} ({s['baseline_no_search']['cpu_seconds']}) "
            f"| {s['build_to_baseline_no_search']} ({s['build_to_baseline_no_search_cpu']}) "
            f"| {s['pagefind']['seconds']} | {s['site']['bytes'] / 1e6:.1f} "
            f"| {s['site']['largest_case_page']['bytes'] / 1024:.1f} | {search['start_page_bytes'] / 1024:.1f} "
            f"| {search['bytes'] / 1024:.1f} / {search['rare']['bytes'] / 1024:.1f} "
            f"| {search['first_results_ms']} / {search['rare']['first_results_ms']} | {search['warm']['results_ms']} "
            f"| {' / '.join(str(_kb(t['bytes'])) for t in search.get('typed', []))} "
            f"| {' / '.join(str(t['first_results_ms']) for t in search.get('typed', []))} "
            f"| {cat['open_search_bytes'] / 1024:.1f} | {cat['first_search_bytes'] / 1024:.1f} "
            f"({cat['first_search_bytes_as_github_pages_serves'] / 1024:.1f}) | {cat['first_results_ms']} "
            f"| {_typed_cells(s)} |")
    if results.get("serve"):
        sv = results["serve"]
        lines.append("")
        lines.append(f"`mkdocs serve` at {sv['cases']:,} cases: first build {sv['first_build_seconds']} s; "
                     f"edited case served again after {', '.join(map(str, sv['rebuild_seconds']))} s "
                     f"(median {sv['rebuild_median_seconds']} s).")
    lines.append("")
    lines.append("| target | measured | met |")
    lines.append("|---|---:|---|")
    for t in results["targets"]:
        met = "–" if t["met"] is None else ("yes" if t["met"] else "**no**")
        value = "not measured" if t["measured"] is None else f"{t['measured']} {t['unit']}"
        lines.append(f"| {t['target']} | {value} | {met} |")
    return "\n".join(lines)


def environment() -> dict:
    def version(name):
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return None

    try:
        chromium = subprocess.run([_chromium_args()[0], "--version"], capture_output=True, text=True,
                                  timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        chromium = None
    try:
        from goda_exempel import pagefind_bin

        pagefind = subprocess.run([pagefind_bin.find(), "--version"], capture_output=True, text=True,
                                  timeout=30).stdout.strip().removeprefix("pagefind ")
    except (OSError, subprocess.TimeoutExpired, RuntimeError):
        pagefind = None

    def git(*args):
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return None

    changed = git("status", "--porcelain", "--", "hooks", "src", "docs", "overrides", "mkdocs.yml")
    return {"commit": git("rev-parse", "--short", "HEAD"),
            "uncommitted_site_files": len(changed.splitlines()) if changed else 0,
            "cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "mkdocs": version("mkdocs"), "mkdocs-material": version("mkdocs-material"),
            "pagefind": pagefind, "chromium": chromium,
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


# --- profiling -------------------------------------------------------------------------------


def _where(filename: str) -> str:
    """A short, readable place for a profiled function's file."""
    path = filename.replace("\\", "/")
    for marker in ("/site-packages/", "/src/"):
        if marker in path:
            return path.split(marker, 1)[1]
    if "/hooks/" in path:
        return "hooks/" + path.rsplit("/hooks/", 1)[1]
    if path.startswith("/") and "/lib/python" in path:
        return "stdlib/" + path.split("/lib/python", 1)[1].split("/", 1)[-1]
    return path


def _summary(prof: Path, top: int) -> str:
    stats = pstats.Stats(str(prof))
    total = max(ct for (_, _, _, ct, _) in stats.stats.values())
    own, by_package = [], {}
    for (filename, line, func), (_, calls, tottime, cumtime, _) in stats.stats.items():
        where = _where(filename)
        package = where.split("/", 1)[0] if "/" in where else where
        if package == "~":
            package = "builtins (C code: str, re, sorted …)"
        if package == "stdlib":
            package = "stdlib/" + where.split("/")[1].removesuffix(".py")
        by_package[package] = by_package.get(package, 0.0) + tottime
        if where.startswith(("goda_exempel/", "hooks/")):
            own.append((cumtime, tottime, calls, f"{where}:{line}:{func}"))
    lines = [f"Total {total:.1f} s (under cProfile, which adds overhead).", "",
             "Project functions by cumulative time (time in the function and everything it calls):", "",
             "| cumulative s | share | own s | calls | file:line:function |", "|---:|---:|---:|---:|---|"]
    for cumtime, tottime, calls, name in sorted(own, reverse=True)[:top]:
        lines.append(f"| {cumtime:.2f} | {cumtime / total:.0%} | {tottime:.2f} | {calls} | `{name}` |")
    lines += ["", "Own time by package (where the CPU is actually spent):", "",
              "| own s | share | package |", "|---:|---:|---|"]
    for package, seconds in sorted(by_package.items(), key=lambda kv: -kv[1])[:15]:
        lines.append(f"| {seconds:.2f} | {seconds / total:.0%} | {package} |")
    stream = io.StringIO()
    pstats.Stats(str(prof), stream=stream).strip_dirs().sort_stats("tottime").print_stats(top)
    text = stream.getvalue()
    lines += ["", "Functions by own time:", "", "```", text[text.index("   ncalls"):].rstrip(), "```"]
    return "\n".join(lines)


def profile(count: int, work: Path, seed: int, out_dir: Path, top: int = 25) -> Path:
    """cProfile one build and one validation at ``count`` cases; the summary goes to
    ``out_dir/profile-<count>.txt``, the raw profiles to the temporary folder."""
    project = make_project(work / f"profile-{count}", count, seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    keep = Path(tempfile.gettempdir())
    report = io.StringIO()
    # `goda-exempel validate` spreads large folders over worker processes, which cProfile does
    # not follow: profile it in one process (the work per file is the same).
    serial = work / "validate_in_one_process.py"
    serial.write_text("import sys\nfrom goda_exempel import validate\nfrom goda_exempel.cli import main\n"
                      "validate.PARALLEL_FROM = 10**9\nsys.exit(main(['validate', 'examples']))\n",
                      encoding="utf-8")
    runs = [
        ("build", ["-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "site"]),
        ("validate", [str(serial)]),
    ]
    for name, args in runs:
        prof = keep / f"ge-bench-profile-{count}-{name}.prof"
        t0 = time.perf_counter()
        subprocess.run([PY, "-m", "cProfile", "-o", str(prof), *args], cwd=project, env=ENV, check=True,
                       capture_output=True)
        seconds = time.perf_counter() - t0
        shown = shlex.join(["python", "-m", "cProfile", "-o", prof.name, *args]).replace(str(work) + "/", "")
        report.write(f"## {name}, {count:,} cases: {seconds:.1f} s under cProfile\n\n"
                     f"In a project copy made by bench/run.py (raw profile: {prof}):\n\n"
                     f"    {shown}\n\n{_summary(prof, top)}\n\n")
    path = out_dir / f"profile-{count}.txt"
    path.write_text(report.getvalue(), encoding="utf-8")
    shutil.rmtree(project)
    return path


# --- phases: where the build's wall time goes -------------------------------------------------

# Two hooks added to the project copy only: one runs first and one last on every event, and
# both write (event, time) lines, so each phase is the time between two events.
_PHASE_HOOK = """import json, os, time
from mkdocs.plugins import event_priority

_out = open(os.environ["GE_BENCH_PHASES"], "a", encoding="utf-8")


def _mark(event, page=None):
    _out.write(json.dumps([event, time.perf_counter(), page and (page.url.split("/")[0] or "(start)")]) + "\\n")
    _out.flush()


def _on(event, page_arg=False):
    @event_priority(PRIORITY)
    def handler(*args, **kwargs):
        _mark(event + SUFFIX, kwargs.get("page") if page_arg else None)
        return args[0] if args else None
    return handler

"""
_PHASE_FIRST = _PHASE_HOOK + """PRIORITY, SUFFIX = 1000, ":first"
on_config = _on("config")
on_pre_build = _on("pre_build")
on_files = _on("files")
on_env = _on("env")
on_page_content = _on("page_content", True)
on_page_context = _on("page_context", True)
on_post_build = _on("post_build")
"""
_PHASE_LAST = _PHASE_HOOK + """PRIORITY, SUFFIX = -1000, ":last"
on_pre_build = _on("pre_build")
on_files = _on("files")
on_page_markdown = _on("page_markdown", True)
on_post_page = _on("post_page", True)
on_post_build = _on("post_build")
"""

_PHASES = [  # (label, from event, to event)
    ("start-up: Python, MkDocs, config", None, "config:first"),
    ("on_pre_build hooks (validation, related cases; the case pages begin in other processes)", "pre_build:first",
     "pre_build:last"),
    ("on_files hooks (generated pages, exports)", "files:first", "files:last"),
    ("reading and converting every page (Markdown + page hooks; case pages come from the other processes)",
     "files:last", "env:first"),
    ("rendering and writing every page (theme templates; meanwhile Pagefind finishes the index)", "env:first",
     "post_build:first"),
    ("on_post_build hooks (the rest of the wait for Pagefind, and the other hooks)", "post_build:first",
     "post_build:last"),
]


def phases(count: int, work: Path, seed: int, out_dir: Path) -> Path:
    """One instrumented build at ``count`` cases: wall time per phase and per page kind."""
    project = make_project(work / f"phases-{count}", count, seed)
    (project / "hooks" / "zz_bench_first.py").write_text(_PHASE_FIRST, encoding="utf-8")
    (project / "hooks" / "zz_bench_last.py").write_text(_PHASE_LAST, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("\nhooks:\n", "\nhooks:\n  - hooks/zz_bench_first.py\n  - hooks/zz_bench_last.py\n", 1),
        encoding="utf-8")
    marks_file = work / f"phases-{count}.jsonl"
    env = dict(ENV, GE_BENCH_PHASES=str(marks_file))
    t0 = time.perf_counter()
    subprocess.run([PY, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "site"], cwd=project,
                   env=env, check=True, capture_output=True)
    total = time.perf_counter() - t0
    marks = [json.loads(line) for line in marks_file.read_text(encoding="utf-8").splitlines()]
    at = {event: t for event, t, _ in marks}
    first = marks[0][1]
    lines = [f"## Build phases, {count:,} cases: {total:.1f} s wall", "",
             "An instrumented `mkdocs build --strict` (two timing hooks added to the project copy).", "",
             "| phase | s | share |", "|---|---:|---:|"]
    for label, start, end in _PHASES:
        if end not in at:
            continue
        if start is None:  # from process start: the whole run minus what the marks cover
            seconds = total - (marks[-1][1] - first)
        else:
            seconds = at[end] - at[start]
        lines.append(f"| {label} | {seconds:.2f} | {seconds / total:.0%} |")
    lines.append(f"| total | {total:.2f} | |")
    pages: dict[str, list[float]] = {}
    opened: dict[tuple[str, str], float] = {}
    order = {"page_markdown:last": ("md", True), "page_content:first": ("md", False),
             "page_context:first": ("tpl", True), "post_page:last": ("tpl", False)}
    for event, t, kind in marks:
        if event not in order:
            continue
        what, is_start = order[event]
        row = pages.setdefault(kind, [0, 0.0, 0.0])
        if is_start:
            opened[(what, kind)] = t
        else:
            row[1 if what == "md" else 2] += t - opened.pop((what, kind))
            if what == "md":
                row[0] += 1
    lines += ["", "Per kind of page (first part of the address):", "",
              "| pages | count | converting s | rendering s |", "|---|---:|---:|---:|"]
    for kind, (n, md, tpl) in sorted(pages.items(), key=lambda kv: -(kv[1][1] + kv[1][2])):
        lines.append(f"| {kind}/ | {n} | {md:.2f} | {tpl:.2f} |")
    path = out_dir / f"phases-{count}.txt"
    out_dir.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.rmtree(project)
    return path


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark validation, build and search at N cases.")
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated case counts")
    parser.add_argument("--serve", type=int, default=None, metavar="N",
                        help="also time `mkdocs serve` after editing one case, at N cases")
    parser.add_argument("--serve-edits", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--query", default="trygghet", help="the first search: a common word")
    parser.add_argument("--second-query", default="samverkan", help="a second search, everything warm")
    parser.add_argument("--rare-query", default="kiruna", help="a first search for a word few cases have")
    parser.add_argument("--work", type=Path, default=None, help="folder for the temporary projects")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    parser.add_argument("--profile", type=int, default=None, metavar="N",
                        help="only profile one build and one validation at N cases")
    parser.add_argument("--phases", type=int, default=None, metavar="N",
                        help="only time the phases of one instrumented build at N cases")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="ge-bench-", dir=args.work))
    try:
        if args.phases:
            path = phases(args.phases, work, args.seed, args.out.parent)
            print(path.read_text(encoding="utf-8"))
            return 0
        if args.profile:
            path = profile(args.profile, work, args.seed, args.out.parent)
            print(path.read_text(encoding="utf-8"))
            return 0
        sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
        started = dt.datetime.now(dt.timezone.utc)
        results: dict = {"started": started.isoformat(timespec="seconds"), "seed": args.seed,
                         "environment": environment(),
                         "command": shlex.join(["python", "bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
                         "sizes": []}
        for count in sizes:
            results["sizes"].append(measure_size(count, work, args.seed, (args.query, args.second_query, args.rare_query), args.keep))
        if args.serve:
            print(f"[serve {args.serve}]", file=sys.stderr, flush=True)
            project = make_project(work / f"serve-{args.serve}", args.serve, args.seed)
            results["serve"] = measure_serve(project, edits=args.serve_edits)
        results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        results["minutes"] = round((dt.datetime.now(dt.timezone.utc) - started).total_seconds() / 60, 1)
        results["targets"] = targets(results)
        results["table"] = table(results)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(results["table"])
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
