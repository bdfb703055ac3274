"""MkDocs adapter: the form "Dela ditt exempel" where a page has the form's marker (with the
editors' e-mail address from ``extra: redaktion_epost``), and the repository's addresses where a
page links to ``goda-exempel:NAME``."""

from pathlib import Path

from goda_exempel import form, neutral
from goda_exempel.repo import Repo


def on_page_markdown(markdown, page, config, files):
    return neutral.contribute_links(markdown, Repo(config.repo_url))


def on_page_content(html, page, config, files):
    if form.MARKER not in html:
        return html
    root = neutral.relative_root(page.url)
    ids = neutral.case_ids(Path(config.config_file_path).parent)
    mail = form.mail_address(config.extra.get(form.MAIL_SETTING))
    return html.replace(form.MARKER, form.page_html(Repo(config.repo_url), f"{root}assets/javascripts/dela.js", ids, mail), 1)
