"""Which cases a change adds, changes or removes: ``git diff`` between two refs.

Used for the pull request's job summary, so a reviewer sees at once which cases to read.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import ids
from .load import parse

EXAMPLES = "examples"
ADDED, CHANGED, REMOVED = "added", "changed", "removed"
_STATUS = {"A": ADDED, "M": CHANGED, "T": CHANGED, "D": REMOVED}
_LABEL = {ADDED: "Nytt", CHANGED: "Ändrat", REMOVED: "Borttaget"}


class ChangesError(RuntimeError):
    pass


@dataclass(frozen=True)
class CaseChange:
    status: str  # ADDED, CHANGED or REMOVED
    path: str  # e.g. "examples/x.md"
    title: str | None  # from the file as it is after the change (before it, if removed)

    @property
    def id(self) -> str:
        return PurePosixPath(self.path).stem


def _git(repo: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if result.returncode != 0:
        raise ChangesError(result.stderr.decode("utf-8", "replace").strip())
    return result.stdout


def _is_case(path: str) -> bool:
    p = PurePosixPath(path)
    return p.parent == PurePosixPath(EXAMPLES) and p.suffix == ".md" and p.name != "README.md"


def _title(repo: Path, ref: str, path: str) -> str | None:
    try:
        data = _git(repo, "show", f"{ref}:{path}")
    except ChangesError:
        return None
    source = parse(data, path, PurePosixPath(path).stem)
    title = (source.meta or {}).get("title")
    return title.strip() if isinstance(title, str) and title.strip() else None


def case_changes(base: str, head: str = "HEAD", repo: Path = Path(".")) -> list[CaseChange]:
    """The case files added, changed or removed on ``head`` since it left ``base``."""
    out = _git(repo, "diff", "--name-status", "--no-renames", "-z", f"{base}...{head}", "--", EXAMPLES)
    fields = out.decode("utf-8", "replace").split("\0")
    changes = []
    for status, path in zip(fields[0::2], fields[1::2]):
        kind = _STATUS.get(status[:1])
        if kind is None or not _is_case(path):
            continue
        title = _title(repo, base if kind == REMOVED else head, path)
        changes.append(CaseChange(kind, path, title))
    order = [ADDED, CHANGED, REMOVED]
    return sorted(changes, key=lambda c: (order.index(c.status), c.path))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary(changes: list[CaseChange], artifact_url: str | None = None) -> str:
    """A short Markdown summary (Swedish) for the pull request's job summary."""
    out = ["### Exempel i ändringen", ""]
    if not changes:
        out.append("Ändringen lägger inte till, ändrar eller tar bort något exempel.")
    else:
        out += ["| | exempel | fil |", "| --- | --- | --- |"]
        for c in changes:
            name = _cell(c.title) if c.title else "(rubrik saknas)"
            if not ids.is_id(c.id):
                name += " – filnamnet är inte giltigt"
            out.append(f"| {_LABEL[c.status]} | {name} | `{_cell(c.path)}` |")
    if artifact_url:
        out += ["", f"Den byggda webbplatsen finns att [ladda ner som zip-fil]({artifact_url}). Packa upp "
                    "den, kör `python3 -m http.server -d MAPPEN` och öppna http://localhost:8000/."]
    out.append("")
    return "\n".join(out)
