"""The benchmark's parts work: the generated cases are valid and cover every facet, and the
runner, at a tiny size, writes every figure. No timing is asserted: figures are in bench/."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from goda_exempel import schema
from goda_exempel.load import read
from goda_exempel.validate import validate_dir

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402
import run  # noqa: E402


def _vocabulary_fields(node, path=()):
    """(field path, vocabulary name) for every field the schema ties to a vocabulary."""
    root = schema.raw_schema()
    if "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    if "x-vocabulary" in node:
        yield path, node["x-vocabulary"]
    for name, sub in node.get("properties", {}).items():
        yield from _vocabulary_fields(sub, path + (name,))
    if "items" in node:
        yield from _vocabulary_fields(node["items"], path + ("*",))


def _values(meta, path):
    if not path:
        return [meta]
    head, rest = path[0], path[1:]
    if head == "*":
        return [v for item in meta for v in _values(item, rest)]
    return _values(meta[head], rest) if isinstance(meta, dict) and head in meta else []


def test_generated_cases_are_valid_and_cover_every_value_of_every_facet(tmp_path):
    count = 450  # about 3 in 4 cases name a municipality; every one of the 290 is used in turn
    paths = generate.generate(count, tmp_path / "examples", seed=3)
    result = validate_dir(tmp_path / "examples", tmp_path)
    assert result.problems == []
    assert len(result.cases) == count

    used: dict[str, set] = {}
    for case in result.cases:
        for path, vocab in _vocabulary_fields(schema.raw_schema()):
            used.setdefault(vocab, set()).update(_values(case.meta, path))
    fields = dict((vocab, path) for path, vocab in _vocabulary_fields(schema.raw_schema()))
    for vocab in fields:
        missing = set(schema.vocabulary(vocab).ids) - used.get(vocab, set())
        assert not missing, f"{vocab}: never used: {sorted(missing)[:5]}"

    # every body section, Swedish text of realistic length, unique titles
    headings = [f"## {s.label}" for s in schema.section_headings()]
    sizes = []
    for path in paths:
        body = read(path).body
        assert all(h in body for h in headings), path
        sizes.append(len(body.encode()))
    sizes.sort()
    assert 2000 <= sizes[len(sizes) // 2] <= 4000, sizes[len(sizes) // 2]
    assert sizes[0] >= 1500 and sizes[-1] <= 6000
    assert max(Counter(c.title.lower() for c in result.cases).values()) == 1


def test_generation_is_deterministic_from_the_seed(tmp_path):
    def texts(folder, seed):
        return {p.name: p.read_text(encoding="utf-8") for p in generate.generate(25, tmp_path / folder, seed)}

    assert texts("a", 7) == texts("b", 7)
    assert texts("a", 7) != texts("c", 8)


@pytest.mark.build
@pytest.mark.browser
def test_runner_writes_every_figure(tmp_path):
    out = tmp_path / "latest.json"
    # "arbetade" is in every generated summary, so the first search has results
    # In a process of its own: the runner drives Chromium with Playwright's sync API, which
    # cannot start inside a session where the browser tests already run one.
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "5", "--serve", "5",
                           "--serve-edits", "1", "--query", "arbetade", "--out", str(out),
                           "--work", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(out.read_text(encoding="utf-8"))

    (row,) = results["sizes"]
    assert row["cases"] == 5
    for step in ("validate", "build", "baseline", "baseline_no_search", "pagefind"):
        assert row[step]["seconds"] > 0, step
        assert row[step]["cpu_seconds"] > 0, step
        assert row[step]["peak_rss_mb"] > 10, step
        assert row[step]["command"], step
    # sampled per program, so the MkDocs process and the Pagefind indexer can be told apart
    assert row["build"]["peak_rss_by_program"]["mkdocs"] > 10
    assert row["build_to_baseline"] > 0 and row["build_to_baseline_cpu"] > 0
    assert row["site"]["bytes"] > row["site"]["search_index_bytes"] > 0
    page = row["site"]["largest_case_page"]
    assert page["path"].startswith("exempel/") and page["bytes"] > 1000
    assert row["baseline_site"]["largest_case_page"]["bytes"] > 1000
    # the baseline is a plain Material site: its built-in search index is there
    assert row["baseline_site"]["search_index_bytes"] > 0
    assert row["build_to_baseline_no_search"] > 0 and row["build_to_baseline_no_search_cpu"] > 0

    search = row["search"]
    assert search["results_shown"] >= 1
    assert search["first_results_ms"] > 0
    assert search["warm"]["results_ms"] > 0 and search["warm"]["results_shown"] >= 0
    assert search["rare"]["bytes"] > 0 and search["rare"]["first_results_ms"] > 0
    urls = [f["url"] for f in search["files"]]
    assert any(u.endswith("pagefind.js") for u in urls)
    assert any(".pf_index" in u for u in urls) and any(".pf_fragment" in u for u in urls)
    assert search["bytes"] == sum(f["bytes"] for f in search["files"]) > 0
    # what the start page loads before anything is typed is counted apart
    assert search["start_page_bytes"] == sum(f["bytes"] for f in search["start_page_files"]) > 0
    assert "" in [f["url"] for f in search["start_page_files"]]  # the page itself
    assert not any(".pf_" in f["url"] for f in search["start_page_files"])
    # typed by keyboard, at each pace: up to the whole query's list
    assert [t["typing_ms"] for t in search["typed"]] == list(run.HEADER_TYPING)
    for t in search["typed"]:
        assert t["results_shown"] >= 1 and t["first_results_ms"] > 0
        assert any(".pf_fragment" in f["url"] for f in t["files"]) and t["bytes"] > 0

    # the figures are of the index the build wrote (Pagefind alone writes beside the site)
    assert row["search_index_is_the_builds"] is True
    catalogue = row["catalogue"]
    # once idle, the catalogue loads the search by itself: counted as part of the first search
    assert catalogue["open_search_bytes"] == sum(f["bytes"] for f in catalogue["open_search_files"]) > 0
    assert any(f["url"].endswith("pagefind.js") for f in catalogue["open_search_files"])
    assert catalogue["status"].endswith("exempel")  # the result list was shown
    assert catalogue["first_results_ms"] > 0 and catalogue["bytes"] > 0
    assert catalogue["first_search_bytes"] == catalogue["open_search_bytes"] + catalogue["bytes"]
    # pagefind.js compressed
    assert 0 < catalogue["first_search_bytes_as_github_pages_serves"] < catalogue["first_search_bytes"]
    assert any(".pf_fragment" in f["url"] for f in catalogue["files"])
    # typed letter by letter: every way of typing is measured, each up to the whole query's list
    typed = row["catalogue_typed"]
    assert [t["typing_ms"] for t in typed] == [ms for ms in run.CATALOGUE_TYPING if ms]
    for t in typed:
        assert t["status"].endswith("exempel") and t["first_results_ms"] > 0 and t["bytes"] > 0
        assert t["first_search_bytes"] == t["open_search_bytes"] + t["bytes"]

    serve = results["serve"]
    assert serve["cases"] == 5 and len(serve["rebuild_seconds"]) == 1 and serve["rebuild_seconds"][0] > 0

    assert [t["target"] for t in results["targets"]] == [t[0] for t in run.TARGETS]
    assert results["environment"]["cpus"] >= 1
    printed = done.stdout
    assert printed.strip() == results["table"].strip()
    assert "| 5 |" in printed
    # the temporary projects are removed afterwards
    assert [p.name for p in tmp_path.iterdir()] == ["latest.json"]


@pytest.mark.browser
def test_the_worker_experiment_runs_on_a_built_site(built_site):
    """bench/workers/run.py: Pagefind in a module worker answers, and every layout is timed."""
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "workers" / "run.py"), str(built_site), "grannarna", "1"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["main thread", "one worker, every shard"]  # one shard here
    for line in lines:
        found = re.search(r"first 'grannarna' \d+ ms \((\d+) results\), then 'samverkan' \d+ ms", line)
        assert found and int(found.group(1)) >= 1, line


def test_rounds_builds_the_four_variants_and_prints_their_medians(tmp_path):
    import rounds

    folders = rounds.builds(tmp_path, 6, seed=2)
    figures = rounds.measure(folders, 1)
    assert (folders["the project (the build)"] / "site" / "pagefind" / "pagefind-entry.json").is_file()
    assert (folders["the project without its search index"] / "site" / "exempel").is_dir()
    assert not (folders["the project without its search index"] / "site" / "pagefind").exists()
    assert (folders[rounds.BASELINE] / "site" / "search" / "search_index.json").is_file()
    assert not (folders["plain Material, no search"] / "site" / "search").exists()
    table = rounds.table(figures, 6, 1)
    rows = [line for line in table.splitlines() if line.startswith("| ")][1:]
    assert [row.split(" | ")[0].lstrip("| ") for row in rows] == list(folders)
    assert rows[1].endswith("| 1.00 (1.00) |")  # the baseline against itself
    paired = [line[2:] for line in table.splitlines() if line.startswith("- ")]  # ÷ the same round's baseline
    assert [line.split(": ")[0] for line in paired] == [name for name in folders if name != rounds.BASELINE]
    assert all(f["seconds"] > 0 and f["cpu_seconds"] > 0 for runs in figures.values() for f in runs)


def test_pagefind_edits_undoes_each_edit_and_measures_every_variant(tmp_path, browser):
    import pagefind_edits

    from goda_exempel import pagefind_js

    found = pagefind_edits.sites(tmp_path, 6, seed=2)
    assert list(found) == [pagefind_edits.BUILT, *pagefind_edits.UNDONE]
    unedited = (found["pagefind.js unedited (pagefind_js.py)"] / "pagefind" / "pagefind.js").read_text("utf-8")
    assert all(e.old in unedited and e.new not in unedited for e in pagefind_js.EDITS)
    figures = pagefind_edits.measure(found, 1, "trygghet", browser)  # the suite's Chromium
    assert all(runs[0]["bytes"] > 0 and runs[0]["ms"] >= 0 and runs[0]["results_shown"] > 0
               for runs in figures.values())
    table = pagefind_edits.table(figures, 6, 1, "trygghet")
    assert [row.split(" | ")[0].lstrip("| ") for row in table.splitlines() if row.startswith("| ")][1:] == list(found)


@pytest.mark.browser
def test_the_slow_phone_benchmark_times_a_shared_filtered_address(built_site, tmp_path):
    """bench/slow_phone.py on the built site: both figures are measured, and while the search
    loads the list shows the page's own cases, not an empty list."""
    (tmp_path / "site").symlink_to(built_site)
    shutil.copytree(ROOT / "examples", tmp_path / "examples")  # a linked folder is not read (load.py)
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "slow_phone.py"), "--site", str(tmp_path),
                           "--rounds", "1"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    (row,) = figures["rounds"]
    assert 0 < row["list_ms"] <= row["results_ms"] and row["status"].endswith("exempel")
    assert "median: list shown" in done.stdout
