"""Shared fixtures: the real site built once per session, served on loopback, and a real
Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


GENERATORS = ("properdocs", "mkdocs")


def _generator() -> str:
    """The generator the tests build with: GENERATOR from the environment (`make test` exports
    the Makefile's), else the Makefile's default, so that a bare pytest builds as `make build`."""
    default = re.search(r"^GENERATOR \?= (\S+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    name = os.environ.get("GENERATOR") or default
    if name not in GENERATORS:
        raise pytest.UsageError(f"GENERATOR={name!r}: välj ett av {', '.join(GENERATORS)}.")
    return name


GENERATOR = _generator()


def mkdocs_build(site_dir: Path, config: Path = ROOT / "mkdocs.yml", strict: bool = True,
                 cwd: Path = ROOT, env: dict[str, str] | None = None,
                 generator: str = GENERATOR) -> subprocess.CompletedProcess:
    """`<generator> build` of a project (GENERATOR: ProperDocs or MkDocs, both read mkdocs.yml)."""
    args = [sys.executable, "-m", generator, "build", "-f", str(config), "-d", str(site_dir)]
    if strict:
        args.append("--strict")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, check=False)


# the browser's data saver on (navigator.connection.saveData), as Chromium reports it when the
# visitor has turned it on: the catalogue then loads nothing of the search until it is used
DATA_SAVER = "Object.defineProperty(navigator, 'connection', {value: {saveData: true}, configurable: true})"


def requests_of(page, path: bool = False) -> list[str]:
    """A list that collects what ``page`` asks for from now on: each request's URL (``path``:
    its path alone), as it is made."""
    from urllib.parse import urlsplit

    made: list[str] = []
    page.on("request", lambda request: made.append(urlsplit(request.url).path if path else request.url))
    return made


def search_settled(page, ms: int = 500) -> None:
    """Wait in the page until the search it has begun to load (window.geSok.load, shared by
    both boxes) is loaded, and then `ms` longer, after any shorter timer the page has set (a
    search waiting for more typing). Playwright's "networkidle" comes once per page load: a
    second wait for it returns at once, before the requests a test means to rule out."""
    page.evaluate("""(ms) => window.geSok.load(new URL(document.querySelector('[data-ge-search]')
        .getAttribute('data-ge-base'), document.baseURI)).then(() => new Promise((r) => setTimeout(r, ms)))""", ms)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built with --strict and its links checked, exactly as `make build` does."""
    from goda_exempel import links

    site = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    broken = links.check_site(site)
    assert broken == [], f"{GENERATOR} build: brutna länkar\n" + "\n".join(map(str, broken))
    return site


def pages_path() -> str:
    """The path the site is published under on GitHub Pages, e.g. ``/goda-exempel/``."""
    from urllib.parse import urlsplit

    from goda_exempel.repo import Repo

    repo_url = re.search(r"^repo_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    return urlsplit(Repo(repo_url).pages_url).path


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as GitHub Pages does: under the repository's path, 404.html for misses."""

    prefix = "/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "finns-inte")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output readable
        pass


def serve(directory: Path, prefix: str = "/"):
    """Serve ``directory`` on a free loopback port under ``prefix``; returns the server."""
    handler = functools.partial(type("Handler", (_PagesHandler,), {"prefix": prefix}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site's address, under the same path as on GitHub Pages."""
    prefix = pages_path()
    server = serve(built_site, prefix)
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium saknas ({CHROMIUM}). Kör `make test`, som installerar det med apt-get.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


CLI = str(Path(sys.executable).parent / "goda-exempel")  # the real console script


def run_cli(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run the installed `goda-exempel` command as a contributor would."""
    return subprocess.run([CLI, *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=timeout)


@pytest.fixture
def page_at(browser):
    """A function of a viewport width that opens a new Swedish page that wide."""
    contexts = []

    def make(width: int):
        context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 800})
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def make_serve_command() -> str:
    """The command `make serve` runs, as the Makefile says it."""
    return re.search(r"^serve:.*\n\t(.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)


def wait_for(predicate, what: str, log: list[str], timeout: float = 90):
    """Poll until ``predicate()`` is true and return it; fail with the end of ``log`` if not."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"{what} within {timeout} s; {GENERATOR} serve said:\n" + "".join(log[-40:]))


def rebuild_ended(log: list[str], mark: int) -> int | None:
    """The index of the first line after ``mark`` that says a rebuild of `serve` has ended: the
    build's "Documentation built …", or the server's "Reloading browsers", which it logs once
    the build has returned (a CI run once read the second without the first)."""
    return next((i for i, line in enumerate(list(log)) if i >= mark
                 and ("Documentation built" in line or "Reloading browsers" in line)), None)


@contextlib.contextmanager
def make_serve(tmp_path: Path):
    """`make serve`'s command, with -v, on a copy of the project on a free port.

    Yields (project folder, base URL, the lines it has logged so far, its site folder)."""
    project = tmp_path / "project"
    project.mkdir()
    for part in ("mkdocs.yml", "docs", "overrides", "hooks", "examples"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / part)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = make_serve_command().replace("$(VENV)/bin/$(GENERATOR)", f"{sys.executable} -m {GENERATOR}")
    command = command.replace("127.0.0.1:8000", f"127.0.0.1:{port}").split() + ["-v"]
    proc = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(proc.stderr), daemon=True).start()
    try:
        base = wait_for(lambda: next((m.group(1).rstrip("/") + "/" for line in list(log)
                                      if (m := re.search(r"Serving on (http://\S+)", line))), None),
                        f"{GENERATOR} serve did not start", log, timeout=180)
        site = Path(next(m.group(1) for line in log
                         if (m := re.search(r"Config value 'site_dir' = '([^']+)'", line))))
        yield project, base, log, site
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
