"""How long ``mkdocs serve`` takes to serve a case page again after that case is edited.

Starts ``mkdocs serve`` on a free loopback port in a project folder, waits for the first
build, then edits one case file (a sentence added to its text, as a contributor would) and
polls that case's page until the new sentence is served. Repeated a few times; each figure
is seconds from the write to the page that contains the new text.

    .venv/bin/python bench/serve_rebuild.py /tmp/project --edits 3

The project folder is one that ``bench/run.py`` prepared (mkdocs.yml, docs/, overrides/,
hooks/ and a generated examples/).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import string
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 120) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _marker(rng: random.Random) -> str:
    # letters only: no digit run that could look like a personal identity number
    return "Mätpunkt" + "".join(rng.choice(string.ascii_lowercase) for _ in range(12))


def measure_serve(project: Path, edits: int = 3, startup_timeout: float = 1800,
                  rebuild_timeout: float = 600, seed: int = 7) -> dict:
    """Run ``mkdocs serve`` in ``project`` and time the rebuild after editing one case."""
    rng = random.Random(seed)
    cases = sorted((project / "examples").glob("*.md"))
    case = cases[len(cases) // 2]
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(project / "mkdocs.yml"),
               "--dev-addr", f"127.0.0.1:{port}"]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log: list[str] = []
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    reader = threading.Thread(target=lambda: log.extend(proc.stderr), daemon=True)
    reader.start()
    result: dict = {"cases": len(cases), "edited": case.relative_to(project).as_posix(),
                    "command": " ".join(["mkdocs", "serve", "--dirty", "-f", "mkdocs.yml", "--dev-addr", "127.0.0.1:PORT"])}
    try:
        base = None
        while base is None:
            if proc.poll() is not None or time.perf_counter() - started > startup_timeout:
                raise RuntimeError("mkdocs serve did not start:\n" + "".join(log[-30:]))
            for line in list(log):
                m = re.search(r"Serving on (http://\S+)", line)
                if m:
                    base = m.group(1).rstrip("/") + "/"
            time.sleep(0.1)
        page_url = f"{base}exempel/{case.stem}/"
        first = _get(page_url, timeout=startup_timeout)
        if first is None:
            raise RuntimeError(f"{page_url} was not served:\n" + "".join(log[-30:]))
        result["first_build_seconds"] = round(time.perf_counter() - started, 2)
        original = case.read_text(encoding="utf-8")
        seconds = []
        try:
            for _ in range(edits):
                marker = _marker(rng)
                time.sleep(1.0)  # let the watcher settle after the previous build
                t0 = time.perf_counter()
                case.write_text(original.rstrip("\n") + f"\n\nTillagt för mätningen: {marker}.\n",
                                encoding="utf-8")
                while True:
                    text = _get(page_url, timeout=rebuild_timeout)
                    if text is not None and marker in text:
                        break
                    if proc.poll() is not None or time.perf_counter() - t0 > rebuild_timeout:
                        raise RuntimeError("the edited page was never served:\n" + "".join(log[-30:]))
                    time.sleep(0.05)
                seconds.append(round(time.perf_counter() - t0, 2))
        finally:
            case.write_text(original, encoding="utf-8")
        result["rebuild_seconds"] = seconds
        result["rebuild_median_seconds"] = sorted(seconds)[len(seconds) // 2]
        result["log_tail"] = [line.rstrip() for line in log[-6:]]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a project folder prepared by bench/run.py")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(measure_serve(args.project, args.edits), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
