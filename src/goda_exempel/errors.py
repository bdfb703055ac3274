"""Problems found in case files, and how they are printed."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file: where (file, line, field) and what, in Swedish."""

    path: str  # as shown to people, e.g. "examples/x.md"
    line: int
    field: str  # dotted field path, e.g. "sources.0.url"; "" for the file as a whole
    message: str

    def text(self) -> str:
        where = f"{shown(self.path)}:{self.line}"
        message = visible(self.message)
        return f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in the pull request."""
        title = f"Fel i {self.field}" if self.field else "Fel i exemplet"
        return (
            f"::error file={_prop(self.path)},line={self.line},title={_prop(title)}"
            f"::{_data(self.message)}"
        )


def shown(path: str) -> str:
    """A path on one line: a file name with a line break or another control character is
    printed with the character as a code (\\n, \\x1b), so every problem stays one line."""
    if path.isprintable():
        return path
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)


def visible(text: str) -> str:
    """A message on one line that reads as it is: a value quoted in it with a line break, a
    carriage return (which would send the cursor back over the file and line), another control
    character or a bidi control (which would turn the rest of the line around) has the character
    as a code (\\n, \\r, \\u202e)."""
    return "".join(repr(c)[1:-1] if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def format_problems(problems: list[Problem], fmt: str = "text") -> str:
    lines = [p.github() if fmt == "github" else p.text() for p in sorted(problems)]
    return "\n".join(lines)
