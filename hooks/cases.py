"""MkDocs adapter: load and validate every case in examples/, and add the pages made from them:
one page per case, one per facet value, and the generated lists, map and statistics.

Validation runs in on_pre_build, before MkDocs cleans the site folder, so an invalid case
stops the build with every problem listed and leaves no half-built site behind.
"""

import os
import re
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from goda_exempel import browse, facets, lists, map as sweden_map, pages, render, sanitize, search, stats
from goda_exempel.errors import format_problems
from goda_exempel.repo import Repo
from goda_exempel.validate import validate_paths

_build = {"cases": {}, "related": {}}  # this build's cases by src_uri, and their related cases


def on_startup(command, dirty):
    # A one-off build checks the cases in every core; `mkdocs serve` runs threads (where
    # forking is unsafe) and re-checks only the files that changed.
    _build["processes"] = 1 if command == "serve" else (os.cpu_count() or 1)


def on_pre_build(config):
    root = Path(config.config_file_path).parent
    result = validate_paths([root / "examples"], root, processes=_build.get("processes", 1))
    if not result.ok:
        count = len(result.problems)
        raise PluginError(f"{count} fel i exemplen – sajten byggdes inte:\n{format_problems(result.problems)}")
    _build["cases"] = {pages.case_src_uri(case): case for case in result.cases}
    _build["related"] = facets.related(result.cases)


def on_files(files, config):
    cases = list(_build["cases"].values())
    generated = {src: pages.case_markdown(case) for src, case in _build["cases"].items()}
    generated.update(browse.facet_files(cases))
    for src_uri, content in generated.items():
        files.append(File.generated(config, src_uri, content=content))
    return files


# Markers that a page in docs/ places where a generated part belongs: (cases, root) -> HTML.
_MARKERS = {
    "<!-- goda-exempel:senaste -->": lambda cases, root: lists.list_html(lists.newest(cases, 5), root),
    "<!-- goda-exempel:katalog -->": lambda cases, root: browse.catalogue_html(cases, root),
    "<!-- goda-exempel:karta -->": lambda cases, root: sweden_map.svg(cases, root),
    "<!-- goda-exempel:kommunlista -->": lambda cases, root: browse.place_list(cases, root),
    "<!-- goda-exempel:statistik -->": lambda cases, root: stats.html(cases),
}


def on_page_markdown(markdown, page, config, files):
    case = _build["cases"].get(page.file.src_uri)
    if case is not None:
        # The theme prints the page title and description as they are (no autoescape in
        # MkDocs' Jinja): a contributor's title must reach the page as text, never as markup.
        page.meta["title"] = escape(case.title)
        page.meta["description"] = escape(case.meta["summary"])
    root = "../" * page.url.count("/")
    for marker, make in _MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make(list(_build["cases"].values()), root))
    return markdown


def on_page_content(html, page, config, files):
    case = _build["cases"].get(page.file.src_uri)
    if case is None:
        return html
    page.edit_url = Repo(config.repo_url).edit_case_url(case.id)
    end = html.index("</h1>") + len("</h1>")  # the title, made from the escaped title alone
    title = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", html[:end])  # no "#" after the title
    return (
        f'<div class="ge-case" data-pagefind-body>{title}'
        f"{render.summary_html(case)}{render.fact_box(case, page.edit_url, browse.fact_link)}"
        f'<div class="ge-case__text">{sanitize.clean(html[end:])}</div>{search.annotations(case)}</div>'
        f"{browse.related_html(_build['related'].get(case.id, []))}"
    )
