"""MkDocs adapter: build the Pagefind search index after every build."""

from pathlib import Path

from mkdocs.exceptions import PluginError

from goda_exempel.search import SearchIndexError, build_index


def on_post_build(config):
    try:
        build_index(Path(config.site_dir))
    except SearchIndexError as e:
        raise PluginError(str(e)) from None
