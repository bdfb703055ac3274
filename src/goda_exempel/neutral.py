"""The site's generated parts, for any MkDocs-compatible generator: what hooks/ hands MkDocs
during a build, as files before the generator runs and after it.

Before (``goda-exempel write-pages``): a copy of the site's docs folder with every generated page
written into it (the case pages, facet pages and overviews, the A–Ö lists) and the generated
parts of the site's own pages (the newest cases, catalogue, map, place list, statistics) put
where their markers are, and the open data files. After (``goda-exempel write-site-data``):
the search index, from the built case pages, and the open data again, written into the
built site. hooks/cases.py and hooks/export.py call the same functions
(``generated_pages``, ``MARKERS``, ``site_files``); hooks/search.py builds the same index
while MkDocs renders, from the same case pages.

Links. The core writes relative links in raw HTML: ``root`` leads from a page's address to the
site's root. MkDocs leaves links in raw HTML alone, so the browser resolves them against the
page's address; Zensical resolves them against the page's source file. Both agree when the
source file sits where its address does, so every generated page is written as
``<address>/index.md`` (``exempel/<id>/index.md``, not ``exempel/<id>.md``: the same address
for MkDocs). The site's own pages with a marker (``karta.md``, address ``karta/``) are where
their authors put them; with ``links="site"`` their generated parts link from the site's path
(``/goda-exempel/…``, from ``site_url``), which resolves alike everywhere the site is served
at that path; with ``links="relative"`` (MkDocs, and the default) exactly as the hooks do.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import browse, casepage, export, facets, form, lists, load, map as sweden_map, pages, search, selection, stats, written_toc
from .model import Case
from .repo import Repo

# Markers that a page in docs/ places where a generated part belongs: (cases, root) -> HTML.
MARKERS = {
    "<!-- goda-exempel:start -->": lambda cases, root: browse.start_html(cases, root),
    "<!-- goda-exempel:senaste -->": lambda cases, root: browse.newest_html(cases, root),
    "<!-- goda-exempel:katalog -->": lambda cases, root: browse.catalogue_html(cases, root),
    "<!-- goda-exempel:karta -->": lambda cases, root: sweden_map.svg(cases, root),
    "<!-- goda-exempel:kommunlista -->": lambda cases, root: browse.place_list(cases, root),
    "<!-- goda-exempel:statistik -->": lambda cases, root: stats.html(cases, root),
}

# MkDocs' own Markdown extensions, which it puts before the ones mkdocs.yml lists
_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


def generated_pages(cases: list[Case]) -> tuple[dict[str, str], set[str]]:
    """src_uri -> Markdown of every generated page, and which of them are HTML already (the
    facet pages, overviews and A–Ö lists; a case page's content comes from casepage)."""
    generated = {pages.case_src_uri(case): pages.case_markdown(case) for case in cases}
    html_only = browse.facet_files(cases)
    generated.update(html_only)
    return generated, set(html_only)


def page_url(src_uri: str) -> str:
    """A page's address from the site root, as MkDocs makes it with directory URLs."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def relative_root(url: str) -> str:
    """The relative link from a page's address to the site's root (what the hooks use)."""
    return "../" * url.count("/")


def fill_markers(markdown: str, cases: list[Case], root: str) -> str:
    """``markdown`` with each marker replaced by its generated HTML (a block of its own)."""
    for marker, make in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, f"\n\n{make(cases, root)}\n\n")
    return markdown


def contribute_links(markdown: str, repo: Repo) -> str:
    """``[text](goda-exempel:NAME)`` links as the repository's addresses."""
    for name, url in form.links(repo).items():
        markdown = markdown.replace(f"]({name})", f"]({url})")
    return markdown


def case_ids(project: Path) -> list[str]:
    """The ids the form "Dela ditt exempel" knows are taken: every case file's name."""
    examples = project / "examples"
    return [p.stem for p in load.case_files(examples) if p.suffix == ".md"] if examples.is_dir() else []


def contribute(markdown: str, repo: Repo, root: str, case_ids: list[str], mail: str | None = None) -> str:
    """What hooks/contribute.py does during a build: the repository's addresses
    (``contribute_links``), and the form "Dela ditt exempel" where its marker is (``mail``: the
    editors' address, ``extra: redaktion_epost``)."""
    markdown = contribute_links(markdown, repo)
    if form.MARKER in markdown:
        html = form.page_html(repo, f"{root}assets/javascripts/dela.js", case_ids, mail)
        markdown = markdown.replace(form.MARKER, f"\n\n{html}\n\n", 1)
    return markdown


class PageError(ValueError):
    """A finished case page that must not be published (its Swedish message, file and line)."""


@dataclass(frozen=True)
class Config:
    """What the generated parts need from mkdocs.yml."""
    root: Path  # the project folder
    docs_dir: Path
    site_url: str
    site_name: str
    repo_url: str
    language: str
    markdown: casepage.MarkdownSetup
    mail: str | None = None  # extra: redaktion_epost, the form's e-mail to the editors


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; tags such as !ENV or !!python/name become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(path: Path) -> Config:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    root = path.resolve().parent
    repo_url = data.get("repo_url", "")
    extensions, configs = list(_BUILTIN_EXTENSIONS), {}
    for item in data.get("markdown_extensions") or []:
        name, settings = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in extensions:
            extensions.append(name)
        if settings:
            configs[name] = settings
    return Config(root=root, docs_dir=root / data.get("docs_dir", "docs"),
                  site_url=data.get("site_url") or Repo(repo_url).pages_url,
                  site_name=data.get("site_name", ""), repo_url=repo_url,
                  language=(data.get("theme") or {}).get("language", "sv"),
                  markdown=casepage.MarkdownSetup(extensions, configs),
                  mail=form.mail_address((data.get("extra") or {}).get(form.MAIL_SETTING)))


def write_pages(config: Config, cases: list[Case], out: Path, links: str = "relative") -> list[str]:
    """Copy the docs folder to ``out`` and write every generated page into it (each as
    ``<address>/index.md``), and the generated parts of the pages with markers. Returns the
    generated pages' paths in ``out``. A case page with a personnummer (``PageError``) stops
    it before ``out`` is touched, as it stops a build with the hooks."""
    related = facets.related(cases)
    made_pages = {}
    for case in cases:
        made = casepage.make(casepage.Job(case, related.get(case.id, []), config.repo_url), config.markdown)
        problem = casepage.personnummer_problem(case, made.html)
        if problem:
            raise PageError(problem)
        made_pages[case.id] = made
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(config.docs_dir, out)
    site_root = urlsplit(config.site_url).path or "/"
    if not site_root.endswith("/"):
        site_root += "/"
    repo = Repo(config.repo_url)
    ids = case_ids(config.root)
    for page in sorted(out.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        url = page_url(page.relative_to(out).as_posix())
        root = site_root if links == "site" else relative_root(url)
        # what hooks/contribute.py does: the repository's addresses, and the form
        filled = contribute(text, repo, root, ids, config.mail)
        if any(marker in filled for marker in MARKERS):
            filled = fill_markers(filled, cases, root)
        if filled != text:
            page.write_text(filled, encoding="utf-8")
    # the open data, as MkDocs copies the hooks' files: the site's pages link to them
    _write_exports(config, cases, out)
    by_src = {pages.case_src_uri(case): case for case in cases}
    generated, _ = generated_pages(cases)
    written = []
    for src_uri, content in generated.items():
        case = by_src.get(src_uri)
        if case is not None:  # its content as the hooks give it to MkDocs, title and summary as front matter
            made = made_pages[case.id]
            # the table of contents the hooks give the generator, for goda_exempel.written_toc
            content = (pages.front_matter(case.title, case.meta["summary"]) + written_toc.comment(made.toc)
                       + "\n\n" + made.html + "\n")
        # the edit button: a case's file in examples/, none for the other generated pages
        # (read by overrides/partials/actions.html; the hooks set page.edit_url themselves)
        content = with_edit_url(content, made.edit_url if case is not None else None)
        url = page_url(src_uri)
        target = f"{url}index.md"
        if (out / target).exists() or (out / src_uri).exists():
            raise FileExistsError(f"docs/{src_uri} finns redan; sidan skapas av bygget. Ta bort den ur docs/.")
        (out / target).parent.mkdir(parents=True, exist_ok=True)
        (out / target).write_text(content, encoding="utf-8")
        written.append(target)
    return written


def with_edit_url(markdown: str, url: str | None) -> str:
    """``markdown`` with ``edit_url`` (null: no edit button) in its front matter."""
    line = f"edit_url: {json.dumps(url)}\n"
    if markdown.startswith("---\n"):
        return "---\n" + line + markdown[4:]
    return f"---\n{line}---\n\n{markdown}"


def site_files(cases: list[Case], site_url: str, site_name: str) -> dict[str, bytes]:
    """Every file the site publishes besides its pages: the open data (goda_exempel.export) and
    the catalogue's selection file (goda_exempel.selection), by its path from the site root."""
    return {**export.site_files(cases, site_url, site_name), **selection.site_files(cases)}


def _write_exports(config: Config, cases: list[Case], folder: Path) -> None:
    for path, content in site_files(cases, config.site_url, config.site_name).items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(content)


def write_site_data(config: Config, cases: list[Case], site: Path) -> None:
    """The open data and the catalogue's selection file (``site_files``; again: a generator that
    does not copy them from the pages' folder) and the search index, from the built case pages, into the built site at ``site``. A built case
    page with a personnummer (``PageError``) stops it before anything is written."""
    found = []
    for case in cases:
        built = site / pages.case_url(case) / "index.html"
        page = search.page_from_html(pages.case_url(case), built.read_text(encoding="utf-8"), config.language)
        if page is None:
            raise search.SearchIndexError(f"{built}: sidan har inget data-pagefind-body.")
        problem = casepage.personnummer_problem(case, page.body)
        if problem:
            raise PageError(problem)
        found.append(page)
    _write_exports(config, cases, site)
    search.build_index(found, site / "pagefind")


# The hooks whose work write_pages and write_site_data do
CASE_HOOKS = ("hooks/cases.py", "hooks/export.py", "hooks/search.py")


def derived_config(path: Path, docs_dir: str, *, hooks: bool = True, site_url: str | None = None,
                   custom_dir: str | None = None, site_dir: str | None = None,
                   edit_uri: str | None = None) -> str:
    """mkdocs.yml for a build from ``write_pages``' folder: ``docs_dir`` is that folder, the
    case hooks are left out (with ``hooks=False``, every hook), the Markdown extension that
    gives a written case page its table of contents is added, and the other settings are
    the project's (``site_url``, ``custom_dir``, ``site_dir``, ``edit_uri`` replaced if given;
    without hooks/repo.py a generator derives neither site_url nor edit_uri from repo_url)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    data["docs_dir"] = docs_dir
    data["hooks"] = [h for h in data.get("hooks") or [] if hooks and h not in CASE_HOOKS]
    # a written case page's table of contents (goda_exempel/written_toc.py)
    extensions = data.get("markdown_extensions") or []
    if written_toc.NAME not in extensions:
        data["markdown_extensions"] = [*extensions, written_toc.NAME]
    if not data["hooks"]:
        del data["hooks"]
    if site_url:
        data["site_url"] = site_url
    if custom_dir:
        data["theme"]["custom_dir"] = custom_dir
    if site_dir:
        data["site_dir"] = site_dir
    if edit_uri:
        data["edit_uri"] = edit_uri
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
