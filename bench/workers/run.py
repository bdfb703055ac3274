"""Are the first results sooner with the index shards searched in parallel Web Workers?

    .venv/bin/python bench/workers/run.py SITE [QUERY] [ROUNDS]

SITE is a built site with a sharded index (e.g. one kept by ``bench/run.py --keep``). For each
layout (which shards each worker holds; one worker holding all is what the site would do with
Pagefind off the main thread) it opens a fresh page, loads the workers, preloads the query's
word index in each, then times the first search (all workers at once), a search for another
word, and the first query again. Pagefind on the main thread, as the site runs it, is timed the
same way. Prints one line per round, in milliseconds.
"""

from __future__ import annotations

import functools
import http.server
import json
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import run  # noqa: E402  (bench/run.py: the Chromium set-up)

HERE = Path(__file__).resolve().parent

PAGE = """<!doctype html><html lang="sv"><body><script>
let n = 0; const pending = new Map();
window.mk = () => { const w = new Worker("/workers/worker.js", { type: "module" });
  w.onmessage = (e) => { const p = pending.get(e.data.id); pending.delete(e.data.id);
    e.data.error ? p[1](e.data.error) : p[0](e.data.result); }; return w; };
window.call = (w, method, ...args) => new Promise((res, rej) => {
  const id = ++n; pending.set(id, [res, rej]); w.postMessage({ id, method, args }); });
</script></body></html>"""

IN_WORKERS = """async ([layout, query, other]) => {
  const base = location.origin + "/pagefind/";
  const ws = layout.map(() => mk());
  await Promise.all(ws.map((w, i) => call(w, "init", base, base + layout[i][0], "/", layout[i].slice(1).map((s) => base + s))));
  await Promise.all(ws.map((w) => call(w, "preload", query)));
  let found = 0;
  const time = async (q) => { const t = performance.now(); const r = await Promise.all(ws.map((w) => call(w, "search", q)));
    found = r.reduce((sum, x) => sum + x.n, 0); return Math.round(performance.now() - t); };
  const first = await time(query);
  const results = found;
  await Promise.all(ws.map((w) => call(w, "preload", other)));
  return {first, results, other: await time(other), again: await time(query)};
}"""

MAIN_THREAD = """async ([layout, query, other]) => {
  const base = location.origin + "/pagefind/";
  const pf = await import(base + "pagefind.js");
  await pf.options({ baseUrl: "/", noWorker: true });
  layout[0].slice(1).forEach((s) => pf.mergeIndex(base + s, { baseUrl: "/" }));
  await pf.preload(query, {});
  let found = 0;
  const time = async (q) => { const t = performance.now(); found = (await pf.search(q, {})).results.length; return Math.round(performance.now() - t); };
  const first = await time(query);
  const results = found;
  await pf.preload(other, {});
  return {first, results, other: await time(other), again: await time(query)};
}"""


def main(argv: list[str]) -> int:
    site = Path(argv[0]).resolve()
    query = argv[1] if len(argv) > 1 else "trygghet"
    rounds = int(argv[2]) if len(argv) > 2 else 3
    shards = [""] + [f"del-{i}/" for i in range(1, len(json.loads((site / "pagefind" / "delar.json").read_text())["delar"]))]
    layouts = [("main thread", MAIN_THREAD, [shards]), ("one worker, every shard", IN_WORKERS, [shards])]
    if len(shards) > 1:
        layouts.append(("two workers", IN_WORKERS, [shards[:1], shards[1:]]))
        layouts.append(("a worker per shard", IN_WORKERS, [[s] for s in shards]))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "pagefind").symlink_to(site / "pagefind")
        (root / "workers").mkdir()
        (root / "workers" / "worker.js").write_text((HERE / "worker.js").read_text())
        (root / "index.html").write_text(PAGE)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(run._Quiet, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        chromium, args = run._chromium_args()
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=args)
            for name, script, layout in layouts:
                for _ in range(rounds):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(url)
                    r = page.evaluate(script, [layout, query, "samverkan"])
                    print(f"{name}: first {query!r} {r['first']} ms ({r['results']} results), "
                          f"then 'samverkan' {r['other']} ms, {query!r} again {r['again']} ms", flush=True)
                    context.close()
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
