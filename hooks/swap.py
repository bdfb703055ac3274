"""MkDocs adapter: a failed `mkdocs build` never harms the last good site.

MkDocs empties the site folder early in a build and writes into it page by page, so a build
that fails late (an error in a hook, Pagefind, or a warning under `strict: true`, which MkDocs
only turns into a failure after every hook has run) would leave a half-written or empty site.
Here a one-off build writes into a new folder next to the site folder, and only a build with
no error and (under strict) no warning puts it in place of the old one. This hook is listed
last in mkdocs.yml, so its on_post_build runs after every other hook's.

`mkdocs serve` (its own temporary folder) and a `--dirty` build (which reuses the old pages)
write into the site folder as before.
"""

import logging
import os
import shutil
from pathlib import Path

from mkdocs import utils as mkdocs_utils

# The generator's own package: ProperDocs answers to `mkdocs` imports but logs as properdocs.
_GENERATOR = mkdocs_utils.__name__.split(".")[0]

_state = {"active": False, "target": None, "building": None}


def on_startup(command, dirty):
    _state["active"] = command in ("build", "gh-deploy") and not dirty


def on_config(config):
    if not _state["active"]:
        return config
    if _state["target"] is None:
        target = Path(config.site_dir)
        _state["target"] = target
        _state["building"] = target.parent / f".{target.name}.bygge-{os.getpid()}"
    _remove(_state["building"])
    config.site_dir = str(_state["building"])
    return config


def on_post_build(config):
    building, target = _state["building"], _state["target"]
    if building is None:
        return
    if config.strict and _warnings():
        # MkDocs stops the build next (in English); on_shutdown removes the new folder
        logging.getLogger(f"{_GENERATOR}.hooks.swap").error(
            "Bygget avbröts: varningarna ovan räknas som fel. Den förra versionen av webbplatsen är kvar.")
        return
    old = target.parent / f".{target.name}.gammal-{os.getpid()}"
    if target.exists():
        for entry in target.iterdir():  # MkDocs keeps hidden entries (.git, .nojekyll): so do we
            if entry.name.startswith(".") and not (building / entry.name).exists():
                entry.rename(building / entry.name)
        target.rename(old)
    building.rename(target)
    config.site_dir = str(target)
    _remove(old)
    _state["building"] = None


def _warnings():
    """The warnings MkDocs has counted for its strict check, from its own counter."""
    return any(isinstance(h, mkdocs_utils.CountHandler) and any(level >= logging.WARNING for level in h.counts)
               for h in logging.getLogger(_GENERATOR).handlers)


def _remove(path):
    if path is not None and path.exists():
        shutil.rmtree(path, ignore_errors=True)


def on_build_error(error):
    _remove(_state["building"])


def on_shutdown():
    _remove(_state["building"])
