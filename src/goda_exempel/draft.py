"""Drafts of ``goda-exempel new``: the answers so far, kept so that nothing typed is lost.

A draft is a small YAML file in ``.goda-exempel/`` next to the examples folder (the folder
ignores itself in git). Validation and the site read only ``examples/`` and ``docs/``, so a
draft never counts as a case. ``goda-exempel new --fortsatt <draft>`` asks what is missing.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import yaml

from . import issue_form

FOLDER = ".goda-exempel"
COMMAND = "goda-exempel new --fortsatt"


class BadDraft(ValueError):
    """A file that is not a draft written by ``goda-exempel new``."""


def folder(out_dir: Path) -> Path:
    """``.goda-exempel`` beside the examples folder (in the project's root for ``examples``)."""
    return out_dir.parent / FOLDER


def new_path(out_dir: Path, case_id: str | None) -> Path:
    """A draft file name that is not taken: ``utkast-<id>.yaml``, or by the time without an id."""
    stem = f"utkast-{case_id}" if case_id else "utkast-" + dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder(out_dir) / f"{stem}.yaml"
    n = 2
    while path.exists():
        path = folder(out_dir) / f"{stem}-{n}.yaml"
        n += 1
    return path


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def save(path: Path, case_id: str | None, values: dict[str, str], partial: dict[str, str]) -> None:
    """Write the draft (a whole new file each time: a stop half-way never leaves half a draft)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ignore = path.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Utkast från goda-exempel new: aldrig i git.\n*\n", encoding="utf-8")
    order = [e.name for e in issue_form.elements()]
    data: dict[str, Any] = {"id": case_id,
                            "svar": {n: values[n] for n in order if n in values}}
    if partial:
        data["påbörjat"] = {n: partial[n] for n in order if n in partial}
    text = (f"# Utkast från goda-exempel new. Fortsätt med: {COMMAND} {shown(path)}\n"
            + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100))
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


def load(path: Path) -> tuple[str | None, dict[str, str], dict[str, str]]:
    """The draft's id, answers and unfinished texts."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadDraft(f"{path}: filen finns inte.") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        raise BadDraft(f"{path}: filen går inte att läsa som ett utkast från goda-exempel new.") from None
    if not isinstance(data, dict) or not isinstance(data.get("svar", {}), dict):
        raise BadDraft(f"{path}: filen är inte ett utkast från goda-exempel new.")
    names = {e.name for e in issue_form.elements()}

    def texts(key: str) -> dict[str, str]:
        given = data.get(key) or {}
        return {str(k): str(v) for k, v in given.items() if k in names and v is not None}

    case_id = data.get("id")
    return (str(case_id) if case_id else None), texts("svar"), texts("påbörjat")


def shown(path: Path) -> str:
    """The path as the person would type it: relative to where they are, if it is below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
