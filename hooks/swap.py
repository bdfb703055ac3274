"""MkDocs adapter: a failed `mkdocs build` never harms the last good site.

MkDocs empties the site folder early in a build and writes into it page by page, so a build
that fails late (an error in a hook, Pagefind, or a warning under `strict: true`, which MkDocs
only turns into a failure after every hook has run) would leave a half-written or empty site.
Here a one-off build writes into a new folder next to the site folder, and only a build with
no error and (under strict) no warning puts it in place of the old one. This hook is listed
last in mkdocs.yml, so its on_post_build runs after every other hook's.

`mkdocs serve` (its own temporary folder) and a `--dirty` build (which reuses the old pages)
write into the site folder as before.

The last line a contributor reads. A failed build ends with MkDocs' own line ("Aborted with 2
warnings in strict mode!", "Aborted with a BuildError!"), in English. A one-off build that fails
ends here instead with a Swedish line: MkDocs prints the message of an ``Abort`` as it is, and
re-raises any error that is not a ``BuildError``, so ``on_post_build`` (warnings under strict)
and ``on_build_error`` (a hook's error, which is logged first, as MkDocs does) raise one.
"""

import importlib
import logging
import os
import shutil
from pathlib import Path

from mkdocs import utils as mkdocs_utils

# The generator's own package: ProperDocs answers to `mkdocs` imports but logs as properdocs.
_GENERATOR = mkdocs_utils.__name__.split(".")[0]
_exceptions = importlib.import_module(f"{_GENERATOR}.exceptions")

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
    if config.strict and (count := _warnings()):
        # MkDocs would stop the build next, in English; on_build_error removes the new folder
        raise _exceptions.Abort(f"Bygget avbröts: {_count(count, 'varning', 'varningar')} ovan räknas som fel "
                                f"(strict).{_kept()}")
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
    """How many warnings MkDocs has counted for its strict check, from its own counter."""
    return sum(n for h in logging.getLogger(_GENERATOR).handlers if isinstance(h, mkdocs_utils.CountHandler)
               for level, n in h.counts.items() if level >= logging.WARNING)


def _kept():
    target = _state["target"]
    return " Den förra versionen av webbplatsen är kvar." if target is not None and target.exists() else ""


def _count(n, one, many):
    return f"1 {one}" if n == 1 else f"{n} {many}"


def _remove(path):
    if path is not None and path.exists():
        shutil.rmtree(path, ignore_errors=True)


def on_build_error(error):
    _remove(_state["building"])
    if _state["active"] and isinstance(error, _exceptions.BuildError):
        # what MkDocs does with it, but the last line in Swedish (not under `serve`, which goes on)
        logging.getLogger(_GENERATOR).error(str(error))
        raise _exceptions.Abort(f"Bygget avbröts av felet ovan.{_kept()}")


def on_shutdown():
    _remove(_state["building"])
