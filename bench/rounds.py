"""Where the build's time goes, against the baseline: four builds of the same N cases, built in
turn, round after round, so that a busy moment of the machine hits all of them alike, and the
median of each.

    .venv/bin/python bench/rounds.py --cases 1000 --rounds 5

The four builds (copies made as run.py makes them, with the same generated cases):

- plain Material with no search (``plugins: []``);
- plain Material with its built-in search: the baseline of the 1.25 × target;
- the project without its search index (``hooks/search.py`` left out of mkdocs.yml);
- the project: the real build.

Wall and CPU seconds (user + system of every process, Pagefind's included) come from
run.timed, as in the runner's table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402

BASELINE = "plain Material with its built-in search (the baseline)"


def without_search_index(dest: Path, project: Path) -> Path:
    """The project as it is, but with hooks/search.py left out of mkdocs.yml."""
    shutil.copytree(project, dest, symlinks=True, ignore=shutil.ignore_patterns("site"))
    config = dest / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if line.strip() != "- hooks/search.py"]
    if len(kept) != len(lines) - 1:
        raise RuntimeError("mkdocs.yml does not list hooks/search.py once")
    config.write_text("".join(kept), encoding="utf-8")
    return dest


def builds(work: Path, count: int, seed: int) -> dict[str, Path]:
    project = run.make_project(work / "project", count, seed)
    return {
        "plain Material, no search": run.make_baseline(work / "plain", project, search=False),
        BASELINE: run.make_baseline(work / "baseline", project),
        "the project without its search index": without_search_index(work / "no-index", project),
        "the project (the build)": project,
    }


def measure(folders: dict[str, Path], rounds: int) -> dict[str, list[dict]]:
    figures: dict[str, list[dict]] = {name: [] for name in folders}
    for number in range(rounds):
        for name, folder in folders.items():
            print(f"[round {number + 1}] {name}", file=sys.stderr, flush=True)
            shutil.rmtree(folder / "site", ignore_errors=True)
            figures[name].append(run.timed([run.PY, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "site"],
                                           folder, name))
    return figures


def table(figures: dict[str, list[dict]], count: int, rounds: int) -> str:
    base = statistics.median(f["seconds"] for f in figures[BASELINE])
    base_cpu = statistics.median(f["cpu_seconds"] for f in figures[BASELINE])
    lines = [f"Builds of the same {count:,} cases, {rounds} rounds, medians (lowest–highest):", "",
             "| build | wall s | CPU s | ÷ baseline: wall (CPU) |", "|---|---:|---:|---:|"]
    for name, runs in figures.items():
        wall = [f["seconds"] for f in runs]
        cpu = [f["cpu_seconds"] for f in runs]
        lines.append(f"| {name} | {statistics.median(wall):.2f} ({min(wall):.2f}–{max(wall):.2f}) "
                     f"| {statistics.median(cpu):.2f} ({min(cpu):.2f}–{max(cpu):.2f}) "
                     f"| {statistics.median(wall) / base:.2f} ({statistics.median(cpu) / base_cpu:.2f}) |")
    lines += ["", "Each build ÷ the baseline of the same round, median (lowest–highest):", ""]
    for name, runs in figures.items():
        if name == BASELINE:
            continue
        paired = [f["seconds"] / b["seconds"] for f, b in zip(runs, figures[BASELINE])]
        lines.append(f"- {name}: {statistics.median(paired):.2f} ({min(paired):.2f}–{max(paired):.2f})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None, help="folder for the copies (default: a temporary one)")
    parser.add_argument("--out", type=Path, default=None, help="also write every figure as JSON")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="ge-rounds-", dir=args.work))
    try:
        started = time.strftime("%Y-%m-%d %H:%M:%S")
        load = os.getloadavg()[0]
        figures = measure(builds(work, args.cases, args.seed), args.rounds)
        print(table(figures, args.cases, args.rounds))
        print(f"\n1-minute load average {load:.2f} at the start and {os.getloadavg()[0]:.2f} at the end.")
        if args.out:
            args.out.write_text(json.dumps({"cases": args.cases, "rounds": args.rounds, "started": started,
                                            "command": " ".join(["bench/rounds.py", *(argv or sys.argv[1:])]),
                                            "builds": figures}, indent=1, ensure_ascii=False), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
