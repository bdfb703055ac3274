"""Link checks: internal links and anchors in a built site; external addresses in the cases.

External addresses are only ever asked of a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from goda_exempel import links

ROOT = Path(__file__).resolve().parent.parent
CLI = str(Path(sys.executable).parent / "goda-exempel")


def run(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=timeout)


def page(title: str, body: str, head: str = "") -> str:
    return (f"<!doctype html><html lang=sv><head><meta charset=utf-8><title>{title}</title>{head}</head>"
            f"<body>\n{body}\n</body></html>\n")


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- the real site -----------------------------------------------------------------------------


def test_the_real_site_has_no_broken_internal_link_or_anchor(built_site):
    assert links.check_site(built_site) == []


def test_the_check_sees_the_real_site_s_links(built_site, tmp_path):
    """The same site with one heading id and one stylesheet gone: exactly those are reported."""
    before = set(links.check_site(built_site))
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    case_page = next((site / "exempel").glob("*/index.html"))
    rel = case_page.relative_to(site).as_posix()
    html = case_page.read_text(encoding="utf-8")
    assert 'id="sa-gjorde-vi"' in html and 'href="#sa-gjorde-vi"' in html
    case_page.write_text(html.replace('id="sa-gjorde-vi"', 'id="nagot-annat"'), encoding="utf-8")
    (site / "assets" / "stylesheets" / "goda-exempel.css").unlink()

    new = [b for b in links.check_site(site) if b not in before]
    anchors = [b for b in new if "ankaret" in b.message]
    assert anchors and {(b.page, b.url) for b in anchors} == {(rel, "#sa-gjorde-vi")}
    assert f"ankaret \"#sa-gjorde-vi\" i länken \"#sa-gjorde-vi\" finns inte på sidan {rel}." in anchors[0].message
    css = [b for b in new if b.url.endswith("goda-exempel.css")]
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert {b.page for b in css} == pages  # every page links the stylesheet, 404.html by absolute path
    assert len(new) == len(anchors) + len(css)


def test_check_links_command_on_the_real_site(built_site, tmp_path):
    result = run("check-links", str(built_site), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.strip() == "Inga trasiga interna länkar eller ankare."


# --- a tiny hand-made site -------------------------------------------------------------------------


SITE_URL = "https://exempel.github.io/projekt/"


@pytest.fixture
def tiny_site(tmp_path) -> Path:
    site = tmp_path / "site"
    write(site, "index.html", page("Start", "\n".join([
        '<a href="om/">Om</a>',
        '<a href="om/#kontakt">Kontakt</a>',
        '<a href="om/#saknas">Trasigt ankare</a>',
        '<a href="finns-inte/">Trasig länk</a>',
        '<a href="#top">Upp</a><span id="top"></span>',
        '<a href="https://annan.example.org/">Extern</a>',
        '<a href="mailto:info@example.org">Mejl</a>',
        '<a href="#">Tom</a>',
        '<img src="bild.svg" alt="">',
    ]), head=f'<link rel="canonical" href="{SITE_URL}">'))
    write(site, "om/index.html", page("Om", '<h2 id="kontakt">Kontakt</h2>\n<a href="../">Start</a>'))
    write(site, "bild.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    return site


def test_a_broken_link_and_a_broken_anchor_are_found_exactly(tiny_site):
    broken = links.check_site(tiny_site)
    assert [(b.page, b.line, b.url) for b in broken] == [
        ("index.html", 4, "om/#saknas"),
        ("index.html", 5, "finns-inte/"),
    ]
    assert [b.text() for b in broken] == [
        'index.html:4: ankaret "#saknas" i länken "om/#saknas" finns inte på sidan om/index.html.',
        'index.html:5: länken "finns-inte/" pekar på något som inte finns i webbplatsen (/finns-inte).',
    ]


def test_absolute_links_are_resolved_under_the_site_s_address(tiny_site):
    write(tiny_site, "404.html", page("Hittades inte", "\n".join([
        '<a href="/projekt/om/#kontakt">bra</a>',
        '<a href="/projekt/.">bra</a>',
        '<a href="https://exempel.github.io/projekt/om/">bra</a>',
        '<a href="https://exempel.github.io/ett-annat-projekt/">en annan webbplats</a>',
        '<a href="/projekt/saknas.css">trasig</a>',
        '<a href="https://exempel.github.io/projekt/om/#nej">trasigt ankare</a>',
        '<a href="/annat/">utanför</a>',
        '<img srcset="/projekt/bild.svg 1x, /projekt/stor.svg 2x" alt="">',
    ])))
    got = [(b.line, b.url) for b in links.check_site(tiny_site) if b.page == "404.html"]
    assert got == [(6, "/projekt/saknas.css"), (7, "https://exempel.github.io/projekt/om/#nej"),
                   (8, "/annat/"), (9, "/projekt/stor.svg")]
    outside = next(b for b in links.check_site(tiny_site) if b.url == "/annat/")
    assert "pekar utanför webbplatsen" in outside.message


def test_relative_links_cannot_climb_out_of_the_site(tiny_site):
    write(tiny_site, "om/mer/index.html", page("Mer", '<a href="../../../hemligt.html">ut</a>'))
    (tiny_site.parent / "hemligt.html").write_text("finns men hör inte till webbplatsen", encoding="utf-8")
    [b] = [b for b in links.check_site(tiny_site) if b.page == "om/mer/index.html"]
    assert "pekar utanför webbplatsen" in b.message


def test_without_a_canonical_link_the_site_is_at_the_root(tmp_path):
    write(tmp_path, "index.html", page("Start", '<a href="/a/">a</a>\n<a href="/b/">b</a>'))
    write(tmp_path, "a/index.html", page("A", ""))
    assert [b.url for b in links.check_site(tmp_path)] == ["/b/"]


def test_check_links_command_reports_in_swedish_and_fails(tiny_site):
    result = run("check-links", "site", cwd=tiny_site.parent)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "2 trasiga länkar på 1 sida."
    assert result.stdout.splitlines()[0].startswith("index.html:4: ankaret")
    missing = run("check-links", "finns-inte", cwd=tiny_site.parent)
    assert missing.returncode == 1 and "index.html saknas" in missing.stderr


# --- external addresses, against a local server only ------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    routes = {
        "/ok": (200, None), "/borta": (404, None), "/tagen": (410, None), "/fel": (500, None),
        "/flyttad": (301, "/ok"), "/flyttad-till-borta": (302, "/borta"),
        "/slinga-a": (302, "/slinga-b"), "/slinga-b": (301, "/slinga-a"), "/slinga": (307, "/slinga"),
    }

    def log_message(self, *args):
        pass

    def _answer(self, head: bool) -> None:
        if self.path == "/langsam":
            time.sleep(3)
        if self.path in ("/inget-head", "/head-404") and head:
            self.send_response(405 if self.path == "/inget-head" else 404)
            self.end_headers()
            return
        alive = ("/inget-head", "/head-404", "/langsam", "/head-slinga")
        status, location = self.routes.get(self.path, (200, None) if self.path in alive else (404, None))
        if self.path == "/head-slinga" and head:
            status, location = 302, "/head-slinga"
        if self.path.startswith("/kedja/"):  # on to the next address, without end
            status, location = 302, f"/kedja/{int(self.path.rsplit('/', 1)[1]) + 1}"
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        body = b"hej"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_check_url_tells_live_from_dead(server):
    assert links.check_url(f"{server}/ok", timeout=2).ok
    assert links.check_url(f"{server}/flyttad", timeout=2).ok
    assert links.check_url(f"{server}/inget-head", timeout=2).ok  # HEAD refused, GET answers
    assert links.check_url(f"{server}/head-404", timeout=2).ok  # HEAD says 404, GET answers
    assert links.check_url(f"{server}/borta", timeout=2).reason == "svarar 404 (finns inte)"
    assert links.check_url(f"{server}/tagen", timeout=2).reason == "svarar 410 (är borttagen)"
    assert links.check_url(f"{server}/flyttad-till-borta", timeout=2).reason == "svarar 404 (finns inte)"
    assert links.check_url(f"{server}/fel", timeout=2).reason == "svarar 500 (serverfel)"
    refused = links.check_url(f"http://127.0.0.1:{closed_port()}/", timeout=2)
    assert not refused.ok and refused.reason == "servern vägrar ansluta"


def test_redirects_in_a_loop_or_without_end_do_not_answer(server):
    for loop in ("/slinga-a", "/slinga"):  # A → B → A …, and A → A
        result = links.check_url(f"{server}{loop}", timeout=2)
        assert not result.ok and result.reason == "omdirigeras i en slinga och leder aldrig fram till en sida"
    endless = links.check_url(f"{server}/kedja/1", timeout=2)
    assert not endless.ok and endless.reason == "omdirigeras fler än 10 gånger och leder aldrig fram till en sida"
    assert links.check_url(f"{server}/kedja/1", timeout=2).reason == endless.reason
    assert links.check_url(f"{server}/head-slinga", timeout=2).ok  # HEAD sent round, GET answers


def test_a_server_that_does_not_speak_http(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    listener = socket.create_server(("127.0.0.1", 0))

    def answer():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:  # the listener is closed: the test is over
                return
            with conn:
                conn.recv(4096)
                conn.sendall(b"SSH-2.0-OpenSSH\r\n\r\n")

    threading.Thread(target=answer, daemon=True).start()
    try:
        result = links.check_url(f"http://127.0.0.1:{listener.getsockname()[1]}/", timeout=2)
    finally:
        listener.close()
    assert not result.ok and result.reason.startswith("svarar inte med giltig HTTP")


def test_a_slow_server_is_given_up_on_after_the_timeout(server):
    started = time.monotonic()
    result = links.check_url(f"{server}/langsam", timeout=0.5)
    assert time.monotonic() - started < 2.5
    assert not result.ok and result.reason == "svarar inte inom 0.5 sekunder"


def test_each_address_is_asked_once_in_parallel(server):
    urls = [f"{server}/langsam"] * 3 + [f"{server}/ok", f"{server}/borta"]
    started = time.monotonic()
    statuses = links.check_urls(urls, timeout=0.5, workers=4)
    assert time.monotonic() - started < 2.5
    assert sorted(statuses) == sorted(set(urls))
    assert {u: s.ok for u, s in statuses.items()} == {
        f"{server}/langsam": False, f"{server}/ok": True, f"{server}/borta": False}


def _case_with_urls(tmp_path: Path, server: str) -> tuple[Path, str]:
    """A real case whose sources point at the local server, plus a link in its text."""
    examples = tmp_path / "examples"
    examples.mkdir()
    text = (ROOT / "examples" / "trygga-grannar-vatterhem.md").read_text(encoding="utf-8")
    text = (text.replace("https://www.sverigesallmannytta.se/vad-vi-gor/trygga-grannar-aret-om/", f"{server}/ok")
                .replace("https://www.vatterhem.se/jag-ar-hyresgast/boendeinformation/trygghet-och-trivsel/",
                         f"{server}/borta")
                .replace("https://www.jonkoping.se/kommunpolitik/sakerhetochkrisberedskap/"
                         "brottsforebyggandearbete/tryggagrannar.4.563128a1700f6a1a799654.html", f"{server}/flyttad"))
    text = text.rstrip("\n") + f"\n\nLäs mer i [rapporten]({server}/tagen).\n"
    (examples / "trygga-grannar-vatterhem.md").write_text(text, encoding="utf-8")
    return examples, text


def test_case_urls_lists_every_address_with_its_line(tmp_path, server):
    examples, text = _case_with_urls(tmp_path, server)
    lines = text.split("\n")

    def line_of(needle: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if needle in line)

    uses = links.case_urls([examples], base=tmp_path)
    got = {(u.line, u.field, u.url) for u in uses}
    assert got == {
        (line_of(f"url: {server}/ok"), "sources[1].url", f"{server}/ok"),
        (line_of(f"url: {server}/borta"), "sources[2].url", f"{server}/borta"),
        (line_of(f"url: {server}/flyttad"), "sources[3].url", f"{server}/flyttad"),
        (line_of(f"[Trygga grannar året om]({server}/ok)"), "text", f"{server}/ok"),
        (line_of(f"[Trygga grannar]({server}/flyttad)"), "text", f"{server}/flyttad"),
        (line_of("[rapporten]"), "text", f"{server}/tagen"),
    }
    assert {u.path for u in uses} == {"examples/trygga-grannar-vatterhem.md"}


def test_external_links_command_writes_the_weekly_report(tmp_path, server):
    examples, text = _case_with_urls(tmp_path, server)
    result = run("external-links", "--timeout", "2", "--repo-url", "https://github.com/org/repo", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    report = result.stdout
    assert report.startswith("## Döda länkar\n")
    assert "2 av 4 webbadresser i exemplen svarade inte som de ska, i 1 exempel." in report
    edit = "https://github.com/org/repo/edit/main/examples/trygga-grannar-vatterhem.md"
    assert f"### [`examples/trygga-grannar-vatterhem.md`]({edit})" in report
    rows = [line for line in report.splitlines() if line.startswith("| ") and line[2].isdigit()]
    lines = text.split("\n")
    borta = next(n for n, line in enumerate(lines, 1) if f"url: {server}/borta" in line)
    tagen = next(n for n, line in enumerate(lines, 1) if "[rapporten]" in line)
    assert rows == [
        f"| {borta} | `sources[2].url` | <{server}/borta> | svarar 404 (finns inte) |",
        f"| {tagen} | `text` | <{server}/tagen> | svarar 410 (är borttagen) |",
    ]
    assert result.stderr.strip() == "4 webbadresser kontrollerade, 2 svarade inte."


def test_external_links_command_reports_a_redirect_loop(tmp_path, server):
    examples, text = _case_with_urls(tmp_path, server)
    path = examples / "trygga-grannar-vatterhem.md"
    path.write_text(text.replace("/borta", "/slinga-a").replace("/tagen", "/ok"), encoding="utf-8")
    result = run("external-links", "--timeout", "2", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    line = next(n for n, line in enumerate(text.split("\n"), 1) if f"url: {server}/borta" in line)
    assert (f"| {line} | `sources[2].url` | <{server}/slinga-a> | omdirigeras i en slinga och leder aldrig "
            "fram till en sida |") in result.stdout
    assert result.stderr.strip() == "3 webbadresser kontrollerade, 1 svarade inte."


def test_external_links_command_all_alive(tmp_path, server):
    examples, text = _case_with_urls(tmp_path, server)
    path = examples / "trygga-grannar-vatterhem.md"
    path.write_text(text.replace("/borta", "/ok").replace("/tagen", "/inget-head"), encoding="utf-8")
    result = run("external-links", "--timeout", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "## Döda länkar\n\nAlla 3 webbadresser i exemplen svarade."


def test_addresses_in_the_case_text_keep_their_parentheses(tmp_path):
    examples, text = _case_with_urls(tmp_path, "http://127.0.0.1:9")
    path = examples / "trygga-grannar-vatterhem.md"
    path.write_text(text + "\nSe [Brott](https://sv.wikipedia.org/wiki/Brott_(juridik)) och "
                           "<https://example.org/a?b=1>.\n", encoding="utf-8")
    urls = {u.url for u in links.case_urls([examples], base=tmp_path) if u.field == "text"}
    assert {"https://sv.wikipedia.org/wiki/Brott_(juridik)", "https://example.org/a?b=1"} <= urls


@pytest.fixture
def dripping(monkeypatch):
    """A loopback server that answers one byte a second, forever: each read gets a byte in time."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def drip(conn):
        with conn:
            conn.recv(4096)
            answer = b"HTTP/1.1 200 OK\r\n" + b"X-Langsam: " + b"a" * 10_000
            for byte in answer:
                if stop.is_set():
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(1)

    def accept():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    listener.close()


def test_a_server_that_answers_one_byte_a_second_is_given_up_on_in_total(dripping, server):
    started = time.monotonic()
    statuses = links.check_urls([f"{dripping}/a", f"{server}/ok"], timeout=3, workers=2)
    assert time.monotonic() - started < 6
    assert statuses[f"{dripping}/a"].reason == "svarar inte inom 3 sekunder"
    assert statuses[f"{server}/ok"].ok


def test_the_whole_run_is_bounded(dripping):
    urls = [f"{dripping}/{i}" for i in range(6)]
    started = time.monotonic()
    statuses = links.check_urls(urls, timeout=3, workers=2, total=4)
    assert time.monotonic() - started < 7
    assert sorted(statuses) == sorted(urls)
    assert {s.reason for s in statuses.values()} <= {
        "svarar inte inom 3 sekunder", "kontrollerades inte: hela körningen får ta högst 4 sekunder"}
    assert sum(s.reason.startswith("kontrollerades inte") for s in statuses.values()) >= 2


def test_the_command_ends_on_a_dripping_server(tmp_path, dripping, server):
    examples, text = _case_with_urls(tmp_path, server)  # every address on loopback
    text = text.rstrip("\n") + f"\n\nLäs mer i [rapporten]({dripping}/rapport).\n"
    (examples / "trygga-grannar-vatterhem.md").write_text(text, encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "goda_exempel.cli", "external-links", "--timeout", "3",
                             "--total", "20", str(examples)], cwd=tmp_path, capture_output=True, text=True,
                            timeout=60, env=dict(os.environ, NO_PROXY="127.0.0.1", no_proxy="127.0.0.1"))
    assert time.monotonic() - started < 40
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "svarar inte inom 3 sekunder" in result.stdout
