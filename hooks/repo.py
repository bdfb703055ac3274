"""MkDocs adapter: derive site_url and edit_uri from repo_url (the one place a fork edits)."""

from goda_exempel.repo import Repo


def on_config(config):
    repo = Repo(config.repo_url)
    if not config.site_url:  # `mkdocs serve` sets its own local address first
        config.site_url = repo.pages_url
    config.edit_uri = repo.edit_uri
    return config
