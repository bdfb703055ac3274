"""MkDocs adapter: two builds of the same commit give byte-identical sites.

The build is dated from git (or the newest source file), never from the clock; a
SOURCE_DATE_EPOCH set by the caller is respected. After every other hook, including the
one that runs Pagefind, Pagefind's filter index is put in a stable order.
"""

import logging
import os
from pathlib import Path

from mkdocs.plugins import event_priority

from goda_exempel.reproducible import source_date_epoch, stabilise_pagefind

log = logging.getLogger("mkdocs.hooks.reproducible")  # a warning fails a --strict build
_OURS = "GODA_EXEMPEL_SOURCE_DATE_EPOCH"  # the value set here (mkdocs serve rebuilds in one process)


def on_config(config):
    current = os.environ.get("SOURCE_DATE_EPOCH")
    if current is None or current == os.environ.get(_OURS):
        value = str(source_date_epoch(Path(config.config_file_path).parent))
        os.environ["SOURCE_DATE_EPOCH"] = os.environ[_OURS] = value
    return config


@event_priority(-100)
def on_post_build(config):
    folder = Path(config.site_dir) / "pagefind"
    if folder.is_dir() and not stabilise_pagefind(folder):
        log.warning("Sökindexet (Pagefind) har ett format som inte känns igen och kunde inte "
                    "sorteras; två byggen av samma version blir inte identiska.")
