"""MkDocs adapter: load and validate every case in examples/, and add the pages made from them:
one page per case, one per facet value, and the generated lists, map and statistics.

Validation runs in on_pre_build, before MkDocs cleans the site folder, so an invalid case
stops the build with every problem listed (hooks/swap.py keeps the last good site whatever
fails later).

A case page's content comes from goda_exempel.casepage, not from MkDocs' Markdown: `mkdocs
build` has it made in forked processes from on_pre_build on, while MkDocs reads the other
pages (`mkdocs serve` makes each page as MkDocs reaches it), and on_page_content gives MkDocs
the content with the table of contents and anchors it would have taken from its own conversion.

`mkdocs serve --dirty` (what `make serve` runs) rebuilds only the pages whose inputs changed
since the previous build: a case's own page, the pages that list it (facet and A–Ö pages,
related cases, the catalogue, start page, map and statistics) and any page whose Markdown
file changed. A change to mkdocs.yml or overrides/ rebuilds everything. Plain MkDocs cannot
know this, as it sees every generated page as changed and every other page as unchanged.
"""

import hashlib
import json
import logging
import os
import re
from html import escape
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

from goda_exempel import browse, casepage, facets, neutral, pages, search, selection
from goda_exempel.errors import format_problems
from goda_exempel.validate import validate_paths

_build = {"cases": {}, "related": {}}  # this build's cases by src_uri, and their related cases


def on_startup(command, dirty):
    # A one-off build checks the cases in every core; `mkdocs serve` runs threads (where
    # forking is unsafe) and re-checks only the files that changed.
    _build["processes"] = 1 if command == "serve" else (os.cpu_count() or 1)
    _build["dirty"] = command == "serve" and dirty
    pages_log = logging.getLogger(mkdocs_pages.__name__)  # properdocs.structure.pages under ProperDocs
    if not any(isinstance(f, _CaseWarnings) for f in pages_log.filters):
        pages_log.addFilter(_CaseWarnings())
    if _build["dirty"]:
        # MkDocs warns that a dirty build may leave stale pages; _mark_changes below is what
        # prevents that, and with `strict: true` the warning would stop every rebuild.
        # The logger is the build module's own: ProperDocs' build (which answers to `mkdocs.*`
        # imports) logs as properdocs.commands.build.
        logging.getLogger(mkdocs_build.__name__).addFilter(_DirtyWarning())


class _CaseWarnings(logging.Filter):
    """MkDocs' own warnings about a case page, in Swedish with the case file and line: the
    page is generated (exempel/x.md is in no folder), so MkDocs' message names a path the
    contributor cannot find."""

    _ANCHOR = re.compile(r"Doc file '([^']+)' contains a link '([^']*)', but there is no such anchor on this page\.")

    def filter(self, record):
        m = self._ANCHOR.match(record.getMessage())
        case = _build["cases"].get(m.group(1)) if m else None
        if m and case is None and _build.get("docs"):
            # a page of docs/: named by its file and the line the link is on
            page = Path(_build["docs"]) / m.group(1)
            link = m.group(2)
            lines = page.read_text(encoding="utf-8").split("\n") if page.is_file() else []
            line = next((i + 1 for i, text in enumerate(lines) if f"]({link})" in text or link in text), 1)
            record.msg = (f"docs/{m.group(1)}:{line}: länken \"{link}\" leder inte till något ställe på "
                          "sidan. Länka till en rubrik på sidan (ankaret är rubriken med små bokstäver och "
                          "bindestreck) eller ta bort länken.")
            record.args = ()
        if case is not None:
            link = m.group(2)
            offset = next((i for i, text in enumerate(case.body.split("\n")) if link in text), 0)
            record.msg = (f"{case.path}:{case.body_line + offset}: text: länken \"{link}\" leder inte till "
                          "något ställe i exemplet. Länka till en rubrik i texten (ankaret är rubriken med "
                          "små bokstäver och bindestreck, till exempel #sa-gjorde-vi) eller ta bort länken.")
            record.args = ()
        return True


class _DirtyWarning(logging.Filter):
    def filter(self, record):
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_pre_build(config):
    root = Path(config.config_file_path).parent
    result = validate_paths([root / "examples"], root, processes=_build.get("processes", 1))
    if not result.ok:
        count = len(result.problems)
        raise PluginError(f"{count} fel i exemplen – sajten byggdes inte:\n{format_problems(result.problems)}")
    if not result.cases:
        raise PluginError("examples/ innehåller inga exempel – sajten byggdes inte. Lägg till minst ett "
                          "exempel (goda-exempel new) och bygg igen.")
    _build["cases"] = {pages.case_src_uri(case): case for case in result.cases}
    _build["docs"] = config.docs_dir
    _build["related"] = facets.related(result.cases)
    _build["markdown"] = casepage.MarkdownSetup(list(config.markdown_extensions), dict(config.mdx_configs or {}))
    _close_batch()
    if _build.get("processes", 1) > 1 and len(result.cases) >= casepage.PARALLEL_FROM:
        # the case pages' content is made in other processes while MkDocs reads the other pages,
        # in the search index's order, so that each can go to Pagefind as soon as it is made
        ordered = sorted(result.cases, key=lambda case: search.index_order(pages.case_url(case), case.title))
        _build["batch"] = casepage.Batch([_job(case, config) for case in ordered], _build["markdown"],
                                         _build["processes"])


def _job(case, config):
    return casepage.Job(case, _build["related"].get(case.id, []), config.repo_url)


def _close_batch():
    batch = _build.pop("batch", None)
    if batch is not None:
        batch.close()


def on_files(files, config):
    generated, _build["html_pages"] = neutral.generated_pages(list(_build["cases"].values()))
    for src_uri, content in generated.items():
        files.append(File.generated(config, src_uri, content=content))
    if _build.get("dirty"):
        _mark_changes(files, generated, config)
    return files


def _mark_changes(files, generated, config):
    """For a dirty rebuild: tell MkDocs which pages changed since the previous build."""
    previous = _build.get("fingerprints")
    now = {src: _fingerprint(src, content) for src, content in generated.items()}
    setup = _setup_stamp(config)
    # the generated lists, map and statistics show the cases' facts, never their text
    facts = hashlib.sha256(json.dumps([(src, case.meta) for src, case in sorted(_build["cases"].items())],
                                      sort_keys=True, default=str).encode("utf-8")).hexdigest()
    everything = previous is None or previous["setup"] != setup
    for file in files.documentation_pages():
        if file.src_uri in now:
            changed = everything or previous["pages"].get(file.src_uri) != now[file.src_uri]
        elif everything or (facts != previous["facts"] and any(m in file.content_string for m in _MARKERS)):
            changed = True
        else:
            continue  # a page in docs/: MkDocs compares its file's time with the built page
        file.is_modified = (lambda changed=changed: changed)
    if previous is not None:  # pages of removed cases or emptied facets must not linger
        for src in previous["pages"].keys() - now.keys():
            dest = Path(config.site_dir) / File(src, config.docs_dir, config.site_dir,
                                                config.use_directory_urls).dest_uri
            dest.unlink(missing_ok=True)
    _build["fingerprints"] = {"pages": now, "setup": setup, "facts": facts}


def _fingerprint(src_uri, content):
    """What a generated page is made of: its Markdown, and for a case its facts and related cases."""
    case = _build["cases"].get(src_uri)
    if case is not None:
        content += json.dumps(case.meta, sort_keys=True, default=str, ensure_ascii=False)
        content += browse.related_html(_build["related"].get(case.id, []))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _setup_stamp(config):
    """When mkdocs.yml or a theme override last changed (either changes every page)."""
    root = Path(config.config_file_path).parent
    paths = [Path(config.config_file_path)]
    if config.theme.custom_dir:
        paths += sorted(p for p in Path(config.theme.custom_dir).rglob("*") if p.is_file())
    return [(str(p.relative_to(root) if p.is_relative_to(root) else p), p.stat().st_mtime_ns) for p in paths]


_MARKERS = neutral.MARKERS  # a page in docs/ places them where a generated part belongs


def on_page_markdown(markdown, page, config, files):
    case = _build["cases"].get(page.file.src_uri)
    if case is not None:
        # The theme prints the page title and description as they are (no autoescape in
        # MkDocs' Jinja): a contributor's title must reach the page as text, never as markup.
        page.meta["title"] = escape(case.title)
        page.meta["description"] = escape(case.meta["summary"])
    if case is not None:
        return ""  # made by casepage, not by MkDocs' Markdown (see on_page_content)
    # Generated HTML skips Markdown: it is HTML already, and Markdown would only parse it twice
    # (its raw-HTML pass and MkDocs' anchor scan), most of a list page's build time.
    if page.file.src_uri in _build.get("html_pages", ()):
        _html[page.file.src_uri] = {_WHOLE: markdown}
        return ""
    root = neutral.relative_root(page.url)
    parts = {}
    for marker, make in _MARKERS.items():
        if marker in markdown:
            token = f"goda-exempel-html-{len(parts)}-{_TOKEN}"
            parts[token] = make(list(_build["cases"].values()), root)
            markdown = markdown.replace(marker, f"\n\n{token}\n\n")
    if parts:
        _html[page.file.src_uri] = parts
    if "<!-- goda-exempel:katalog -->" in page.file.content_string:
        _head[page.file.src_uri] = browse.catalogue_head(root, selection.written(list(_build["cases"].values())))
    return markdown


_TOKEN = hashlib.sha256(b"goda-exempel").hexdigest()[:16]  # a word no page contains
_WHOLE = object()
_html = {}  # src_uri -> {placeholder: HTML} from on_page_markdown, put back in on_page_content


def _put_back(html, page):
    parts = _html.pop(page.file.src_uri, None)
    if parts is None:
        return html
    if _WHOLE in parts:
        return parts[_WHOLE]
    for token, part in parts.items():
        html = html.replace(f"<p>{token}</p>", part).replace(token, part)
    return html


def on_page_content(html, page, config, files):
    case = _build["cases"].get(page.file.src_uri)
    if case is None:
        return _put_back(html, page)
    batch = _build.get("batch")
    content = batch.get(case.id) if batch else casepage.make(_job(case, config), _build["markdown"])
    problem = casepage.personnummer_problem(case, content.html)
    if problem:
        raise PluginError(problem)
    # what MkDocs would have taken from converting the page's Markdown itself
    page.toc = get_toc(content.toc)
    page.present_anchor_ids = content.ids
    page.links_to_anchors = {page.file: content.anchors} if content.anchors else {}
    page.edit_url = content.edit_url
    return content.html


_head = {}  # src_uri -> HTML for the start of the page's <head>


def on_post_page(output, page, config):
    head = _head.pop(page.file.src_uri, None)
    if not head:
        return output
    charset = '<meta charset="utf-8">'  # first in the head, as browsers look for it there
    return output.replace(charset, charset + head, 1) if charset in output else output.replace("<head>", "<head>" + head, 1)


def on_post_build(config):
    _close_batch()


def on_build_error(error):
    _close_batch()
