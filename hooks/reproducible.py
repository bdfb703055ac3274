"""MkDocs adapter: two builds of the same commit give byte-identical sites.

The build is dated from git (or the newest source file), never from the clock; a
SOURCE_DATE_EPOCH set by the caller is respected. The search index puts its own files in a
stable order (hooks/search.py, goda_exempel/search.py).
"""

import os
from pathlib import Path

from goda_exempel.reproducible import source_date_epoch

_OURS = "GODA_EXEMPEL_SOURCE_DATE_EPOCH"  # the value set here (mkdocs serve rebuilds in one process)


def on_config(config):
    current = os.environ.get("SOURCE_DATE_EPOCH")
    if current is None or current == os.environ.get(_OURS):
        value = str(source_date_epoch(Path(config.config_file_path).parent))
        os.environ["SOURCE_DATE_EPOCH"] = os.environ[_OURS] = value
    return config
