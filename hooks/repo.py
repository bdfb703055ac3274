"""MkDocs adapter: derive site_url, edit_uri and repo_name from repo_url (the one place a fork edits)."""

from goda_exempel.repo import Repo


def on_config(config):
    repo = Repo(config.repo_url)
    if not config.site_url:  # `mkdocs serve` sets its own local address first
        config.site_url = repo.pages_url
    config.edit_uri = repo.edit_uri
    config.repo_name = f"{repo.owner}/{repo.name}"
    return config
