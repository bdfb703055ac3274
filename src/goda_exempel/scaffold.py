"""A new case file: its id, its text, a safe place in examples/, and the checks before writing.

``goda-exempel new`` (questions or flags) and ``goda-exempel from-issue`` both end here, and
the site's form (``dela.js``) builds the text the same way; the tests hold them to the
same output for the same answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import ids, issue_form, load, schema, serialize, validate
from .errors import Problem

MAX_ID = ids.MAX_LENGTH


def body_from_sections(texts: dict[str, str]) -> str:
    """The case text: ``## Heading`` and the text for every section that has any, in order."""
    parts = []
    for section in schema.section_headings():
        text = texts.get(section.id, "").strip()
        if text:
            parts.append(f"## {section.label}\n\n{text}")
    return "\n\n".join(parts)


def suggest_id(title: str) -> str:
    """A file name from a title (kept for code that calls it: see ``ids.from_title``)."""
    return ids.from_title(title)


class BadId(ValueError):
    """An id that is not a plain file name inside the examples folder."""


def case_path(out_dir: Path, case_id: str) -> Path:
    """``out_dir/<id>.md``, refusing any id that is not a-z, 0-9 and dashes or that leaves out_dir."""
    if not isinstance(case_id, str) or not ids.PATTERN.fullmatch(case_id):
        raise BadId(f"id:t ”{case_id}” går inte att använda som filnamn. Det får bara innehålla små "
                    f"bokstäver a–z, siffror och bindestreck, till exempel {ids.from_title(str(case_id))}.")
    if not ids.is_id(case_id):
        raise BadId(f"id:t ”{case_id}” går inte att använda: {ids.problem(case_id)}")
    root = out_dir.resolve()
    path = (root / f"{case_id}.md").resolve()
    if path.parent != root:
        raise BadId(f"id:t ”{case_id}” pekar ut ur mappen {out_dir}.")
    return path


def text_at(sections: dict[str, str], line: int) -> tuple[str, int] | None:
    """The question whose text is at ``line`` of ``body_from_sections(sections)`` (1 is its
    first line), and the line's number in that text (0 for its heading or the blank line
    after it); None past the end."""
    heading = 1
    for section in schema.section_headings():
        text = sections.get(section.id, "").strip()
        if not text:
            continue
        last = heading + 2 + text.count("\n")  # the heading, a blank line, then the text
        if line <= last:
            return issue_form.SECTION_PREFIX + section.id, max(line - (heading + 2) + 1, 0)
        heading = last + 2
    return None


@dataclass
class NewCase:
    id: str
    path: Path
    shown: str  # the path as shown to people, e.g. examples/x.md
    text: str
    problems: list[Problem] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)  # the texts the body was made of
    body_line: int = 1  # the file line of the body's first heading

    @property
    def ok(self) -> bool:
        return not self.problems

    def text_at(self, line: int) -> tuple[str, int] | None:
        """The question whose text is at file ``line``, and the line's number in that text."""
        return text_at(self.sections, line - self.body_line + 1) if line >= self.body_line else None


def today() -> str:
    return dt.date.today().isoformat()


def build(meta: dict[str, Any], sections: dict[str, str], case_id: str, out_dir: Path,
          date: str | None = None, base: Path | None = None) -> NewCase:
    """The file text for a new case, checked exactly as ``goda-exempel validate`` would check it,
    together with every case already in ``out_dir`` (so a repeated title is found)."""
    base = base or Path.cwd()
    path = case_path(out_dir, case_id)
    shown = validate.shown_path(path, base)
    meta = dict(meta)
    for key in issue_form.AUTOMATIC:
        meta.setdefault(key, date or today())
    text = serialize.dump_case(meta, body_from_sections(sections))
    source = load.parse(text.encode("utf-8"), shown, case_id)
    blank = len(source.body) - len(source.body.lstrip("\n"))  # the blank line after the front matter
    new = NewCase(case_id, path, shown, text, sections=dict(sections), body_line=source.body_line + blank)
    others = []
    if out_dir.is_dir():
        others = [load.read(p, validate.shown_path(p, base)) for p in load.case_files(out_dir)
                  if p.suffix == ".md" and p.resolve() != path]
    result = validate.validate_sources(others + [source])
    new.problems = [p for p in result.problems if p.path == shown]
    if path.exists():
        new.problems.insert(0, Problem(shown, 1, "", f"det finns redan ett exempel med id:t {case_id}. "
                                                     "Välj en annan rubrik eller ett annat id."))
    if not new.problems:
        written = next(c for c in result.cases if c.path == shown)
        if written.meta != meta:  # a safety net: the file must say exactly what was typed
            new.problems.append(Problem(shown, 1, "", "texten kunde inte sparas oförändrad. "
                                                      "Rapportera felet till projektet."))
    return new


def write(new: NewCase) -> None:
    """Write the file; never over an existing one."""
    new.path.parent.mkdir(parents=True, exist_ok=True)
    with new.path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(new.text)


# --- problems to questions ---------------------------------------------------------------------


def element_of(problem: Problem, new: NewCase | None = None) -> str | None:
    """The question a problem belongs to, or None when it concerns the file as a whole. A
    problem in the text belongs to the section it names (``"## Label"``: one missing or empty),
    or else, given the ``new`` file it was found in, to the section whose text has its line (a
    problem of one line, such as a heading written twice, names it ``”## Label”`` and is placed
    by its line)."""
    if problem.field == "text":
        for s in schema.section_headings():
            if f"## {s.label}\"" in problem.message:
                return issue_form.SECTION_PREFIX + s.id
        at = new.text_at(problem.line) if new is not None and problem.path == new.shown else None
        return at[0] if at else None
    names = {e.name for e in issue_form.elements()}
    parts = [p for p in problem.field.replace("]", "").replace("[", ".").split(".") if not p.isdigit()]
    for size in (2, 1):
        name = "-".join(parts[:size])
        if name in names:
            return name
    return None
