"""MkDocs adapter: load and validate every case in examples/, and add one page per case.

Validation runs in on_pre_build, before MkDocs cleans the site folder, so an invalid case
stops the build with every problem listed and leaves no half-built site behind.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from goda_exempel import lists, pages, render, sanitize
from goda_exempel.errors import format_problems
from goda_exempel.repo import Repo
from goda_exempel.validate import validate_dir

_cases = {}  # src_uri -> Case, for this build


def on_pre_build(config):
    root = Path(config.config_file_path).parent
    result = validate_dir(root / "examples", root)
    if not result.ok:
        count = len(result.problems)
        raise PluginError(f"{count} fel i exemplen – sajten byggdes inte:\n{format_problems(result.problems)}")
    _cases.clear()
    _cases.update({pages.case_src_uri(case): case for case in result.cases})


def on_files(files, config):
    for src_uri, case in _cases.items():
        files.append(File.generated(config, src_uri, content=pages.case_markdown(case)))
    return files


# Markers that a page in docs/ can place where a generated list of cases belongs.
_MARKERS = {
    "<!-- goda-exempel:senaste -->": lambda cases, root: lists.list_html(lists.newest(cases, 5), root),
    "<!-- goda-exempel:alla -->": lambda cases, root: lists.list_html(lists.by_title(cases), root),
}


def on_page_markdown(markdown, page, config, files):
    root = "../" * page.url.count("/")
    for marker, make in _MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make(list(_cases.values()), root))
    return markdown


def on_page_content(html, page, config, files):
    case = _cases.get(page.file.src_uri)
    if case is None:
        return html
    edit_url = Repo(config.repo_url).edit_case_url(case.id)
    page.edit_url = edit_url
    return (
        '<div class="ge-case" data-pagefind-body>'
        f"{render.summary_html(case)}{render.fact_box(case, edit_url)}"
        f'<div class="ge-case__text">{sanitize.clean(html)}</div></div>'
    )
