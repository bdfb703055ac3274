"""The slow phone: how long a shared, filtered catalogue address takes to show its results on
a phone with a slow connection and a slow processor, and what the page shows meanwhile.

Builds a copy of the project with N generated cases (run.make_project), serves it on loopback
and opens a filtered "Hitta exempel" address in Chromium at 390 px with the connection and the
processor slowed through the DevTools protocol (Network.emulateNetworkConditions,
Emulation.setCPUThrottlingRate), in a fresh context each round (nothing cached). The site is
served as GitHub Pages serves it: text files gzip-compressed (Pagefind's own files are
compressed already).

Figures, per round (ms from the start of navigation, measured in the page):
  list shown   the first frame, after the first paint, in which the result list is laid out with
               an entry (the page's own or the search's); until 2 December 2026 the mark
               counted an entry in a list that the page still kept hidden
  results      the first such frame in which the list shows the filtered view's results
               (#ge-results without aria-busy, with at least one entry)
and the list's length and status text at the moment the page's own HTML had been read (none
when the results came before that: the page's scripts run before the end of its HTML has been
read, and the theme's script holds that end back).

    .venv/bin/python bench/slow_phone.py --cases 300 --rounds 5
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import io
import threading
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (the benchmark runner: project copies, Chromium, a loopback server)

# the profile of issue #20: 150 ms round trip, 1.6 Mbit/s down, CPU four times slower
LATENCY_MS = 150
DOWN_BYTES_S = 1_600_000 / 8
UP_BYTES_S = 750_000 / 8
CPU_SLOWDOWN = 4

_WATCH = """(() => {
  // Read once a frame, after the first paint: what a person sees (a list that is in the page but
  // not laid out, display: none, is not seen; reading layout at every change of the page while
  // it loads would add work the page does not do).
  const marks = {};
  const painted = () => performance.getEntriesByType('paint').some(e => e.name === 'first-contentful-paint');
  const check = () => {
    const results = document.querySelector('#ge-results');
    const items = document.querySelectorAll('#ge-results .ge-results__list li').length;
    const shown = items && results && results.getClientRects().length > 0;
    if (shown && marks.list === undefined) marks.list = performance.now();
    if (shown && !document.documentElement.classList.contains('ge-busy') && !results.hasAttribute('aria-busy')
        && marks.results === undefined) {
      marks.results = performance.now();
      marks.count = document.querySelector('.ge-results__status').textContent;
    }
  };
  const frame = () => {
    if (painted()) check();
    if (marks.results === undefined) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  document.addEventListener('DOMContentLoaded', () => {
    marks.atHtml = {items: document.querySelectorAll('#ge-results .ge-results__list li').length,
                    status: (document.querySelector('.ge-results__status') || {}).textContent};
  });
  window.__geSlow = marks;
})();"""


def address(examples: Path) -> str:
    """A shared filtered address: the most used theme and county, by their labels (as old links
    have them; the catalogue also understands ids)."""
    from goda_exempel import facets
    from goda_exempel.validate import validate_paths

    cases = validate_paths([examples], examples.parent).cases
    themes = Counter(t for c in cases for t in facets.facet("tema").values_of(c))
    counties = Counter(x for c in cases for x in facets.facet("lan").values_of(c))
    theme = facets.facet("tema").label_of(themes.most_common(1)[0][0])
    county = counties.most_common(1)[0][0]
    return "hitta-exempel/?" + urlencode({"tema": theme, "lan": county})


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """Text files gzip-compressed, as a web host sends them."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if path.suffix not in run._COMPRESSED_BY_HOST or not path.is_file() \
                or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()

        return io.BytesIO(body)


def measure(site: Path, path: str, rounds: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    out = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    chromium, args = run._chromium_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=args)
        for _ in range(rounds):
            context = browser.new_context(locale="sv-SE", viewport={"width": 390, "height": 844})
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": LATENCY_MS,
                     "downloadThroughput": DOWN_BYTES_S, "uploadThroughput": UP_BYTES_S})
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            page.add_init_script(_WATCH)
            page.goto(base + path, wait_until="commit")
            page.wait_for_function("window.__geSlow && window.__geSlow.results !== undefined", timeout=60_000)
            marks = page.evaluate("window.__geSlow")
            out.append({"list_ms": round(marks["list"]), "results_ms": round(marks["results"]),
                        "status": marks["count"], "at_html": marks.get("atHtml")})
            context.close()
        browser.close()
    server.shutdown()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--site", type=Path, default=None, help="a project made by an earlier run (--keep)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the built project in this folder")
    args = parser.parse_args(argv)
    project = args.site or args.keep
    if project is None or not (project / "site").exists():
        project = project or Path(tempfile.mkdtemp(prefix="ge-slow-")) / "project"
        run.make_project(project, args.cases, args.seed)
        subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-q", "-d", "site"],
                       cwd=project, env=run.ENV, check=True)
    path = address(project / "examples")
    rows = measure(project / "site", path, args.rounds)
    print(f"{args.cases} cases, {path}")
    print(f"profile: {LATENCY_MS} ms round trip, {DOWN_BYTES_S * 8 / 1e6:.1f} Mbit/s, CPU {CPU_SLOWDOWN}x slower")
    print("| round | list shown ms | results ms | status | list at HTML read |\n| --- | --- | --- | --- | --- |")
    for i, row in enumerate(rows, 1):
        at = row["at_html"]
        read = f"{at.get('items')} entries, \"{at.get('status')}\"" if at else "— (the results came first)"
        print(f"| {i} | {row['list_ms']} | {row['results_ms']} | {row['status']} | {read} |")
    print(f"median: list shown {statistics.median(r['list_ms'] for r in rows):.0f} ms, "
          f"results {statistics.median(r['results_ms'] for r in rows):.0f} ms")
    print(json.dumps({"cases": args.cases, "address": path, "rounds": rows}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
