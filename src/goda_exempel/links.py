"""Link checks: every link inside a built site, and the web addresses the cases cite.

``check_site(site_dir)`` reads every HTML page of a built site folder and reports each
``href``/``src``/``srcset`` that points inside the site to a file that does not exist, or
to a ``#fragment`` that no element on the target page has as its id. Links are resolved
the way a browser resolves them: relative to the page, or, for absolute paths and full
addresses, relative to the site's own address (taken from the canonical link of the
front page unless given).

``check_urls(urls)`` asks each external address once (HEAD, then GET when a server
refuses HEAD) with a bounded timeout and a bounded number of parallel requests; an address
whose redirects go round in a loop, or on without end, does not answer.
``case_urls(paths)`` lists every web address in the case files with its file and line.
Messages are in Swedish: they end up in the pull request's log and the weekly issue.
"""

from __future__ import annotations

import http.client
import posixpath
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import unquote, urljoin, urlsplit

from .load import case_files, field_name, read
from .validate import shown_path

# --- the built site ------------------------------------------------------------------------

_URL_ATTRS = {"href", "src"}
_SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:", "about:")


@dataclass(frozen=True, order=True)
class BrokenLink:
    """A link in a built page that leads nowhere."""

    page: str  # site-relative path of the page, e.g. "exempel/x/index.html"
    line: int
    url: str  # the link as written in the page
    message: str

    def text(self) -> str:
        return f"{self.page}:{self.line}: {self.message}"


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)  # (line, url)
    canonical: str | None = None


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {k: v for k, v in attrs if v is not None}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        if tag == "link" and values.get("rel", "").lower() == "canonical" and "href" in values:
            self.page.canonical = values["href"]
        for name in _URL_ATTRS:
            if name in values:
                self.page.links.append((line, values[name].strip()))
        if "srcset" in values:
            for candidate in values["srcset"].split(","):
                url = candidate.strip().split(" ")[0]
                if url:
                    self.page.links.append((line, url))

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.page


def _file_for(site_dir: Path, rel: str) -> Path | None:
    """The file a site-relative path is served from (directory → index.html), or None."""
    candidate = site_dir / rel if rel else site_dir
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _site_path(site_url: str) -> str:
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def check_site(site_dir: Path, site_url: str | None = None) -> list[BrokenLink]:
    """Every broken internal link and anchor in the built site at ``site_dir``."""
    site_dir = Path(site_dir)
    pages: dict[str, _Page] = {}
    for path in sorted(site_dir.rglob("*.html")):
        pages[path.relative_to(site_dir).as_posix()] = _parse(path)
    if site_url is None:
        front = pages.get("index.html")
        site_url = front.canonical if front and front.canonical else "/"
    base = urlsplit(site_url)
    base_path = _site_path(site_url)
    # Every page is addressed as if the site were served at base_path on base's host.
    broken: list[BrokenLink] = []
    for rel_page, page in pages.items():
        page_url = base_path + (rel_page[: -len("index.html")] if rel_page.endswith("index.html") else rel_page)
        for line, url in page.links:
            problem = _check_link(site_dir, pages, base, base_path, page_url, url)
            if problem:
                broken.append(BrokenLink(rel_page, line, url, problem))
    return sorted(set(broken))


def _check_link(site_dir: Path, pages: dict[str, _Page], base: Any, base_path: str,
                page_url: str, url: str) -> str | None:
    if not url or url.lower().startswith(_SKIP_SCHEMES):
        return None
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc:  # a full address (or //host/...): inside the site only on the site's own host
        if not base.netloc or parts.netloc.lower() != base.netloc.lower():
            return None
        if parts.path != base_path.rstrip("/") and not parts.path.startswith(base_path):
            return None  # another site on the same host (e.g. another project's Pages)
    resolved = urlsplit(urljoin(page_url, url))
    path = unquote(resolved.path)
    normal = "/" + posixpath.normpath(path).lstrip("/")
    prefix = base_path.rstrip("/")  # "" when the site is served at the host's root
    if normal != prefix and not normal.startswith(prefix + "/"):
        return f"länken \"{url}\" pekar utanför webbplatsen ({normal})."
    rel = normal[len(prefix):].strip("/")
    target = _file_for(site_dir, rel)
    if target is None:
        return f"länken \"{url}\" pekar på något som inte finns i webbplatsen (/{rel})."
    fragment = unquote(resolved.fragment)
    if not fragment or target.suffix != ".html":
        return None
    target_rel = target.relative_to(site_dir).as_posix()
    page = pages.get(target_rel)
    if page is not None and fragment not in page.ids:
        return f"ankaret \"#{fragment}\" i länken \"{url}\" finns inte på sidan {target_rel}."
    return None


def site_report(broken: list[BrokenLink]) -> str:
    lines = [b.text() for b in broken]
    pages = len({b.page for b in broken})
    count = "1 trasig länk" if len(broken) == 1 else f"{len(broken)} trasiga länkar"
    lines.append(f"{count} på {pages} {'sida' if pages == 1 else 'sidor'}."
                 if broken else "Inga trasiga interna länkar eller ankare.")
    return "\n".join(lines)


# --- web addresses in the case files -------------------------------------------------------

_FULL_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
# Markdown links and autolinks in the case text
_BODY_URLS = (
    # one level of balanced parentheses inside the address, as in Wikipedia's addresses
    re.compile(r"\]\(\s*<?(https?://(?:[^\s()<>]|\([^\s()<>]*\))+)>?(?:\s+\"[^\"]*\")?\s*\)", re.IGNORECASE),
    re.compile(r"<(https?://[^\s>]+)>", re.IGNORECASE),
)


@dataclass(frozen=True, order=True)
class UrlUse:
    """One web address as it appears in one case file."""

    path: str  # e.g. "examples/x.md"
    line: int
    field: str  # e.g. "sources[1].url", or "text" for the case's body
    url: str


def case_urls(paths: Iterable[Path], base: Path | None = None) -> list[UrlUse]:
    """Every full web address in the case files (front matter values and body links)."""
    base = base or Path.cwd()
    files: list[Path] = []
    for path in paths:
        files.extend(case_files(path) if path.is_dir() else [path])
    uses: list[UrlUse] = []
    for file in files:
        source = read(file, shown_path(file, base))
        if source.meta is None:
            continue

        def walk(value: Any, at: tuple[str | int, ...]) -> None:
            if isinstance(value, dict):
                for k, v in value.items():
                    walk(v, at + (k,))
            elif isinstance(value, list):
                for i, v in enumerate(value):
                    walk(v, at + (i,))
            elif isinstance(value, str) and _FULL_URL.match(value.strip()):
                uses.append(UrlUse(source.path, source.line_of(at), field_name(at), value.strip()))

        walk(source.meta, ())
        for offset, text in enumerate(source.body.split("\n")):
            for pattern in _BODY_URLS:
                for m in pattern.finditer(text):
                    uses.append(UrlUse(source.path, source.body_line + offset, "text", m.group(1)))
    return sorted(set(uses))


# --- asking the web ------------------------------------------------------------------------------

USER_AGENT = "goda-exempel-lankkontroll/1.0 (+https://github.com/goda-exempel/goda-exempel)"
DEFAULT_TIMEOUT = 15.0  # seconds per request
DEFAULT_WORKERS = 8
DEFAULT_TOTAL = 20 * 60.0  # seconds for the whole run: well within the weekly workflow's 30 minutes


@dataclass(frozen=True)
class UrlStatus:
    url: str
    ok: bool
    reason: str  # Swedish, e.g. "svarar 404 (finns inte)"
    status: int | None = None


_REASONS = {
    401: "kräver inloggning", 403: "nekar åtkomst", 404: "finns inte", 410: "är borttagen",
    429: "för många förfrågningar", 500: "serverfel", 502: "felaktig gateway",
    503: "tjänsten är inte tillgänglig", 504: "tidsgräns i gateway",
}


def _opener() -> urllib.request.OpenerDirector:
    # urllib follows up to 10 redirects; a redirected HEAD continues as GET, which is fine.
    return urllib.request.build_opener()


def _ask(opener: urllib.request.OpenerDirector, url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={
        "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/pdf,*/*;q=0.8",
        "Accept-Language": "sv,en;q=0.5",
    })
    try:
        with opener.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)  # enough to know the body starts; never the whole file
            return response.status
    except urllib.error.HTTPError as e:
        e.close()
        if 300 <= e.code < 400 and str(e.msg).startswith(urllib.request.HTTPRedirectHandler.inf_msg):
            raise _EndlessRedirect(_redirect_reason(request)) from None
        return e.code


class _EndlessRedirect(Exception):
    """Redirects that never lead to a page: urllib gave up following them."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _redirect_reason(request: urllib.request.Request) -> str:
    # urllib stops at an address reached max_repeats times (a loop: A → B → A …) or after
    # max_redirections addresses; the addresses it followed are counted in redirect_dict.
    handler = urllib.request.HTTPRedirectHandler
    visited: dict[str, int] = getattr(request, "redirect_dict", None) or {}
    if len(visited) >= handler.max_redirections and max(visited.values()) < handler.max_repeats:
        return f"omdirigeras fler än {handler.max_redirections} gånger och leder aldrig fram till en sida"
    return "omdirigeras i en slinga och leder aldrig fram till en sida"


def check_url(url: str, timeout: float = DEFAULT_TIMEOUT) -> UrlStatus:
    """Whether a web address answers: HEAD first, GET when HEAD gets an error status.

    ``timeout`` bounds every connect and read; ``check_urls`` bounds the sum of them.
    """
    opener = _opener()
    try:
        try:
            status = _ask(opener, url, "HEAD", timeout)
        except _EndlessRedirect:
            status = None  # HEAD may be sent round where GET is not: ask again with GET
        if status is None or status >= 400:  # many servers answer HEAD badly (405, 403, even 404): ask again with GET
            status = _ask(opener, url, "GET", timeout)
    except _EndlessRedirect as e:
        return UrlStatus(url, False, e.reason)
    except (TimeoutError, socket.timeout):
        return UrlStatus(url, False, f"svarar inte inom {timeout:g} sekunder")
    except urllib.error.URLError as e:
        return UrlStatus(url, False, _network_reason(e.reason, timeout))
    except (ssl.SSLError, ConnectionError, OSError) as e:
        return UrlStatus(url, False, _network_reason(e, timeout))
    except http.client.HTTPException as e:
        return UrlStatus(url, False, f"svarar inte med giltig HTTP ({type(e).__name__})")
    except ValueError:
        return UrlStatus(url, False, "är inte en giltig webbadress")
    if status < 400:
        return UrlStatus(url, True, f"svarar {status}", status)
    meaning = _REASONS.get(status, "fel")
    return UrlStatus(url, False, f"svarar {status} ({meaning})", status)


def _network_reason(reason: object, timeout: float) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"svarar inte inom {timeout:g} sekunder"
    if isinstance(reason, socket.gaierror):
        return "adressen finns inte (namnet kan inte slås upp)"
    if isinstance(reason, ssl.SSLError):
        return "certifikatet eller den krypterade anslutningen är felaktig"
    if isinstance(reason, ConnectionRefusedError):
        return "servern vägrar ansluta"
    if isinstance(reason, ConnectionError):
        return "anslutningen bröts"
    return f"kan inte nås ({reason})"


def check_urls(urls: Iterable[str], timeout: float = DEFAULT_TIMEOUT,
               workers: int = DEFAULT_WORKERS, total: float = DEFAULT_TOTAL) -> dict[str, UrlStatus]:
    """Check each distinct address once, at most ``workers`` at a time.

    ``timeout`` bounds each address in all (every request and redirect together), not only
    each read: a server that sends one byte a second is given up on. ``total`` bounds the
    whole run; the addresses not checked by then are reported as not checked. A request that
    is given up on goes on in a daemon thread, which ends with the process.
    """
    unique = sorted(set(urls))
    results: dict[str, UrlStatus] = {}
    pending = list(unique)
    running: dict[str, tuple[list[UrlStatus], float]] = {}  # url -> (its result when done, its deadline)
    done = threading.Condition()
    end_of_run = time.monotonic() + total

    def work(url: str, box: list[UrlStatus]) -> None:
        result = check_url(url, timeout)
        with done:
            box.append(result)
            done.notify_all()

    with done:
        while pending or running:
            now = time.monotonic()
            while pending and len(running) < max(1, workers) and now < end_of_run:
                url, box = pending.pop(0), []
                running[url] = (box, now + timeout)
                threading.Thread(target=work, args=(url, box), daemon=True).start()
            for url, (box, deadline) in list(running.items()):
                if box:
                    results[url] = box[0]
                elif now >= deadline:
                    results[url] = UrlStatus(url, False, f"svarar inte inom {timeout:g} sekunder")
                else:
                    continue
                del running[url]
            if now >= end_of_run:
                for url in pending + list(running):
                    results[url] = UrlStatus(url, False, f"kontrollerades inte: hela körningen får ta högst "
                                                         f"{total:g} sekunder")
                break
            if running:
                done.wait(max(0.01, min([d for _, d in running.values()] + [end_of_run]) - now))
    return {url: results[url] for url in unique}


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def external_report(uses: list[UrlUse], statuses: dict[str, UrlStatus],
                    edit_url: Callable[[str], str] | None = None) -> str:
    """The dead links as Markdown (Swedish), grouped by case file, for the weekly issue.

    ``edit_url(case_id)`` gives a link to each case file (the issue is read on GitHub).
    """
    dead = [u for u in uses if not statuses[u.url].ok]
    checked = len(statuses)
    if not dead:
        return (f"## Döda länkar\n\nAlla {checked} webbadresser i exemplen svarade.\n")
    files = sorted({u.path for u in dead})
    out = ["## Döda länkar", "",
           f"{len({u.url for u in dead})} av {checked} webbadresser i exemplen svarade inte som de "
           f"ska, i {len(files)} exempel. Kontrollera länken, "
           "byt till en fungerande adress (till exempel en arkiverad kopia) eller ta bort den.", ""]
    for path in files:
        heading = f"[`{path}`]({edit_url(Path(path).stem)})" if edit_url else f"`{path}`"
        out += [f"### {heading}", "", "| rad | fält | adress | problem |", "| --- | --- | --- | --- |"]
        for u in (u for u in dead if u.path == path):
            out.append(f"| {u.line} | `{u.field}` | <{_md_cell(u.url)}> | {_md_cell(statuses[u.url].reason)} |")
        out.append("")
    return "\n".join(out)
