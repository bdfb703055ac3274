"""MkDocs adapter: the form "Dela ditt exempel" where a page has the form's marker, and the
repository's addresses where a page links to ``goda-exempel:NAME``."""

from pathlib import Path

from goda_exempel import form, load
from goda_exempel.repo import Repo


def on_page_markdown(markdown, page, config, files):
    for name, url in form.links(Repo(config.repo_url)).items():
        markdown = markdown.replace(f"]({name})", f"]({url})")
    return markdown


def on_page_content(html, page, config, files):
    if form.MARKER not in html:
        return html
    root = "../" * page.url.count("/")
    examples = Path(config.config_file_path).parent / "examples"
    ids = [p.stem for p in load.case_files(examples) if p.suffix == ".md"] if examples.is_dir() else []
    return html.replace(form.MARKER, form.page_html(Repo(config.repo_url), f"{root}assets/javascripts/dela.js", ids), 1)
