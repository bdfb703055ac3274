"""``goda-exempel new``: the questions, each answer checked as soon as it is given.

The questions are the issue form's elements (``issue_form.elements()``); an answer is checked
by validating the case made of every answer so far (``validate.validate_source``: the schema,
the vocabularies and the rules across fields) and keeping what concerns the answers given, so
no rule is written here. What this module adds is the conversation: choices by their Swedish
labels or numbers, a suggestion the contributor can take with Enter, the file id settled right
after the title, and every answer kept in ``Interview.values`` so that a draft can be saved at
any moment (see ``draft.py``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import issue_form, load, rules, scaffold, validate
from .errors import Problem, visible
from .fields import Field
from .model import ONGOING

Ask = Callable[[str], str]
Say = Callable[[str], None]

END_OF_TEXT = "."


class Unresolved(Exception):
    """The case has problems that no question can fix (they are in ``problems``)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("unresolved")
        self.problems = problems


def _is_list(e: issue_form.Element) -> bool:
    return e.field is not None and e.field.kind in ("strings", "objects")


def _label_vocabulary(f: Field | None) -> bool:
    """A field answered by picking from a list: numbers or Swedish labels are turned into ids."""
    return f is not None and f.kind in ("choice", "choices") and f.vocabulary is not None


def _pieces(f: Field, text: str) -> list[str]:
    return issue_form.choices(f, text) if f.kind == "choices" else [issue_form.choice(f, text)]


def from_numbers(e: issue_form.Element, text: str) -> str:
    """Let people answer a choice with its number (``2`` or ``1, 3``)."""
    options = e.options
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    if options and parts and all(re.fullmatch(r"[0-9]{1,4}", p) and 1 <= int(p) <= len(options) for p in parts):
        return ", ".join(options[int(p) - 1] for p in parts)
    return text


def _closest(f: Field, piece: str) -> str | None:
    """The label meant by a piece that is no value: the one label it begins, or the closest."""
    vocab = f.vocabulary
    assert vocab is not None
    folded = piece.strip().casefold()
    starting = [t.label for t in vocab.terms if folded and t.label.casefold().startswith(folded)]
    if len(starting) == 1:
        return starting[0]
    close = validate.suggest(piece, vocab.ids)
    return vocab.label_of(close) if close else None


def _choice_problems(f: Field, text: str, where: str = "") -> list[str]:
    """Values that are not in the field's vocabulary, named with the vocabulary's labels."""
    vocab = f.vocabulary
    assert vocab is not None
    out = []
    for piece in _pieces(f, text):
        if piece not in vocab.ids:
            close = _closest(f, piece)
            out.append(f"{where}”{piece}” finns inte bland valen." + (f" Menade du {close}?" if close else ""))
    if out:
        labels = [t.label for t in vocab.terms]
        if where == "":
            how = "en eller flera siffror" if f.kind == "choices" else "en siffra"
            allowed = f" Svara med {how} från 1 till {len(labels)} eller med namnet"
            allowed += f": {', '.join(labels)}." if len(labels) <= 6 else " i listan ovan."
        else:
            allowed = f" Välj en av: {', '.join(labels)}."
        out[-1] += allowed
    return out


# --- suggestions: the answer with each wrong part replaced by the closest right one ----------


def _swedish_date(text: str) -> str | None:
    """``oktober 2010`` → ``2010-10``; ``17 oktober 2010`` → ``2010-10-17``."""
    from .render import MONTHS

    m = re.fullmatch(r"(?:(\d{1,2})\.?\s+)?([a-zåäö]+)\.?\s+(\d{4})", text.strip().lower())
    if not m:
        return None
    day, name, year = m.groups()
    month = next((i for i, full in enumerate(MONTHS, 1) if len(name) >= 3 and full.startswith(name)), None)
    if month is None:
        return None
    return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")


def _fix_part(f: Field, text: str) -> str:
    """The closest value the field can take, or the text unchanged (checked by the caller)."""
    value = text.strip()
    vocab = f.vocabulary
    if vocab is not None:
        if issue_form.choice(f, value) in vocab.ids:
            return value
        if f.kind in ("choice", "choices"):
            return _closest(f, value) or value
        close = validate.suggest(value, vocab.ids)
        return vocab.label_of(close) if close else value
    spec = f.text_spec
    pattern = spec.get("pattern", "")
    if spec.get("format") == "partial-date":
        if ONGOING in pattern and difflib.get_close_matches(load.slugify(value), [load.slugify(ONGOING)], cutoff=0.6):
            return ONGOING
        return _swedish_date(value) or value
    if pattern.startswith("^https?://") and value and "://" not in value:
        return "https://" + value.lstrip("/")
    return value


def _fix(e: issue_form.Element, text: str) -> str:
    f = e.field
    if f is None:
        return text
    if f.kind == "objects":
        out = []
        for line in issue_form.lines(text):
            parts = issue_form.split_line(line)
            fixed = [_fix_part(c, p) if p else p for c, p in zip(f.children, parts)] + parts[len(f.children):]
            out.append(f" {issue_form.SEPARATOR} ".join(p.replace(issue_form.SEPARATOR, "\\" + issue_form.SEPARATOR)
                                                         for p in fixed))
        return "\n".join(out)
    if f.kind == "strings":
        return ", ".join(_fix_part(f, p) for p in issue_form.lines(text, commas=f.vocabulary is not None))
    if f.kind == "choices":
        return ", ".join(_fix_part(f, p) for p in _pieces(f, text))
    if f.kind in ("choice", "text"):
        return _fix_part(f, text)
    return text


# --- the conversation --------------------------------------------------------------------------


@dataclass
class Interview:
    ask: Ask
    say: Say
    out_dir: Path
    date: str | None = None
    case_id: str | None = None  # settled after the title (or given with --id)
    fixed_id: str | None = None  # --id: used instead of one made from the title
    values: dict[str, str] = field(default_factory=dict)  # element name -> answer as typed
    partial: dict[str, str] = field(default_factory=dict)  # a text being typed, line by line
    saved: Callable[[Interview], None] = lambda _: None  # called after each settled answer
    history: bool = False  # arrow up brings back earlier answers (readline)

    # -- checks --

    def problems(self, values: dict[str, str] | None = None, current: str | None = None) -> dict[str, list[str]]:
        """Messages by question, for the questions answered in ``values``. A problem in the text
        that names no section belongs to ``current``. In a list of one line, a message names
        the part of the line; in a longer one, the line too."""
        values = self.values if values is None else values
        answers = issue_form.to_case(values)
        found: dict[str, list[str]] = {}
        for name, message in answers.problems:
            found.setdefault(name, []).append(message)
        labelled = set()  # choices already explained with their labels
        for name, text in values.items():
            e = issue_form.element(name)
            wrong: list[str] = []
            if _label_vocabulary(e.field) and text.strip():
                wrong = _choice_problems(e.field, text)
            elif e.field is not None and e.field.kind == "objects":
                rows = issue_form.lines(text)
                for number, line in enumerate(rows, 1):
                    for child, part in zip(e.field.children, issue_form.split_line(line)):
                        if _label_vocabulary(child) and part:
                            where = f"{child.title}: " if len(rows) == 1 else f"rad {number}, {child.title}: "
                            wrong += _choice_problems(child, part, where)
            if wrong:
                found.setdefault(name, []).extend(wrong)
                labelled.add(name)
        body = scaffold.body_from_sections(answers.sections)
        source = load.SourceFile(id=self.case_id or "utkast", path="utkast", meta=answers.meta, body=body)
        _, checked = validate.validate_source(source)
        for p in checked:
            name = scaffold.element_of(p)
            where = ""
            at = scaffold.text_at(answers.sections, p.line) if p.field == "text" and name is None else None
            if at and at[0] in values:  # the text with the line, and its line there
                name, where = at[0], f"rad {at[1]}: " if at[1] else ""
            elif p.field == "text" and name is None and current is not None:
                name = current
                where = self._text_line(body, current, p.line)
            elif name in values:
                where = self._where(p, name, len(issue_form.lines(values[name])) == 1)
            if name in values and name not in labelled:
                found.setdefault(name, []).append(where + p.message)
        return {name: messages for name, messages in found.items() if name in values and messages}

    @staticmethod
    def _text_line(body: str, name: str, line: int) -> str:
        """``rad 3: `` for a line of one section's text (counted from its first line)."""
        section = issue_form.element(name).section
        heading = f"## {section.label}" if section else None
        lines = body.split("\n")
        if heading not in lines:
            return ""
        number = line - (lines.index(heading) + 3) + 1  # the heading, a blank line, then the text
        return f"rad {number}: " if number >= 1 else ""

    @staticmethod
    def _where(p: Problem, name: str, one_line: bool = False) -> str:
        """``rad 2, Webbadress: `` for a part of one line of a list; nothing for the whole answer."""
        e = issue_form.element(name)
        if e.field is None or e.field.kind not in ("objects", "strings"):
            return ""
        m = re.search(r"\[(\d+)\](?:\.([a-z_]+))?$", p.field)
        if not m:
            return ""
        index, key = m.groups()
        part = next((c.title for c in e.field.children if c.key == key), "") if key else ""
        if one_line:
            return f"{part}: " if part else ""
        return f"rad {index}" + (f", {part}" if part else "") + ": "

    def suggestion(self, name: str, text: str) -> str | None:
        """The answer with its wrong parts replaced by the closest right ones, if that passes."""
        fixed = _fix(issue_form.element(name), text)
        if not fixed.strip() or fixed.strip() == text.strip():
            return None
        return None if self.problems({**self.values, name: fixed}, name).get(name) else fixed

    # -- asking --

    def _prompt(self, default: str | None) -> str:
        return f"[{default}] > " if default else "> "

    def _input(self, prompt: str, default: str | None = None) -> str:
        text = self.ask(prompt)
        return default if default and not text.strip() else text

    def _header(self, e: issue_form.Element) -> None:
        self.say("")
        self.say(f"{e.label}{' *' if e.required else ''}")
        for line in e.description.split("\n"):
            if line.strip():
                # The description is Markdown for GitHub's issue form; a terminal shows no code
                # spans, so `\|` is printed as \| (what to type).
                self.say(f"  {line.replace('`', '')}")
        if e.options:
            for number, label in enumerate(e.options, 1):
                self.say(f"  {number}) {label}")
            how = "Svara med en eller flera siffror, med komma emellan" if e.multiple else "Svara med en siffra"
            self.say(f"  {how}, eller med namnet.")

    def _read_lines(self, name: str, end: str, first: list[str]) -> str:
        out = list(first)
        self.partial[name] = "\n".join(out)
        while True:
            line = self.ask("  > ")
            if line.strip() == end:
                break
            out.append(line)
            self.partial[name] = "\n".join(out)
        self.partial.pop(name, None)
        return "\n".join(out)

    def _read_list(self, e: issue_form.Element) -> str:
        """A list, one item a line, each line checked when it is given."""
        done: list[str] = []
        if e.name in self.partial:
            done = issue_form.lines(self.partial[e.name])
            self.say("  Det här hade du redan skrivit:")
            for line in done:
                self.say(f"  {line}")
        self.partial[e.name] = "\n".join(done)
        default = None
        retry = False  # a wrong line is asked again: Enter then skips it, and the list goes on
        while True:
            text = self._input("  > " if not default else f"  [{default}] > ", default)
            if not text.strip():
                if retry:
                    retry = False
                    continue
                break
            problems = self.problems({**self.values, e.name: "\n".join(done + [text])}, e.name).get(e.name, [])
            if not problems:
                done.append(text.strip())
                self.partial[e.name] = "\n".join(done)
                default, retry = None, False
                continue
            retry = True
            for message in problems:
                self.say(f"  Fel: {message}")
            default = self.suggestion(e.name, text)
            if not default and e.field is not None and e.field.kind == "objects" \
                    and not any("i formen:" in m for m in problems):
                self.say(f"  Skriv raden {issue_form.line_shape(e.field)}.")
            if default:
                asked = "" if any(f"Menade du {default}?" in m for m in problems) else f"Menade du {default}? "
                self.say(f"  {asked}Tryck Enter för att ta det, eller skriv raden igen.")
            else:
                self.say("  Skriv raden igen" + (" (pil upp hämtar den)" if self.history else "")
                         + ", eller tryck Enter för att hoppa över den.")
        self.partial.pop(e.name, None)
        return "\n".join(done)

    def _read(self, e: issue_form.Element, default: str | None) -> str:
        """One answer as typed (numbers of a choice turned into its labels)."""
        while True:
            if _is_list(e):
                self.say("  En per rad. Avsluta med en tom rad.")
                text = self._read_list(e)
            elif e.widget == "textarea":
                self.say(f"  Flera rader går bra. Avsluta med en rad med bara en punkt ({END_OF_TEXT}).")
                first = self.partial[e.name].split("\n") if e.name in self.partial else []
                if first:
                    self.say("  Det här hade du redan skrivit; skriv vidare:")
                    for line in first:
                        self.say(f"  {line}")
                text = self._read_lines(e.name, END_OF_TEXT, first)
            else:
                text = self._input(self._prompt(default), default)
            text = from_numbers(e, text)
            if text.strip() or not e.required:
                return text
            self.say("  Det här fältet är obligatoriskt.")

    def answer(self, name: str, default: str | None = None, header: bool = True) -> None:
        """Ask one question until its answer, and every answer before it, passes the checks."""
        e = issue_form.element(name)
        if header:
            self._header(e)
        self.values[name] = self._read(e, default)
        self._check(name)

    def _check(self, name: str) -> None:
        e = issue_form.element(name)
        while True:
            found = self.problems(current=name)
            mine = found.pop(name, [])
            cause = self._cause(name) if mine else None
            if mine and not cause:  # the same problem in another answer (a heading in two texts)
                cause = next((other for other, messages in found.items()
                              if {_bare(m) for m in messages} & {_bare(m) for m in mine}), None)
            if cause:  # wrong because of an earlier answer: either may be the one to change
                for message in mine:  # named like the other field below, since two are in play
                    self.say(f"  Fel: {e.label}: {message}")
                for message in found.get(cause, []):
                    self.say(f"  Fel: {issue_form.element(cause).label}: {message}")
                self._change_one_of(cause, name)
                continue
            if mine:
                for message in mine:
                    self.say(f"  Fel: {message}")
                suggested = self.suggestion(name, self.values[name])
                if suggested and "\n" not in suggested:
                    asked = "" if any(f"Menade du {suggested}?" in m for m in mine) else f"Menade du {suggested}? "
                    self.say(f"  {asked}Tryck Enter för att ta det, eller skriv ett annat svar.")
                elif e.widget == "textarea" and not _is_list(e):
                    self.say("  Skriv texten igen" + (" (pil upp hämtar raderna du skrev)" if self.history else "") + ".")
                else:
                    self.say("  Försök igen" + (" (pil upp hämtar ditt svar)" if self.history else "") + ".")
                self.values[name] = self._read(e, suggested if suggested and "\n" not in suggested else None)
                continue
            if found:  # the answer does not fit one given earlier: ask which to change
                other = next(iter(found))
                for message in found[other]:
                    self.say(f"  Fel: {issue_form.element(other).label}: {message}")
                self._change_one_of(other, name)
                continue
            break
        if name == "title":
            self.settle_id()
        self.saved(self)

    def _left_out(self, name: str) -> bool:
        """Whether a rule across fields says, from the answers so far, that ``name`` stays empty
        (the municipalities of national work, reports without any follow-up): not asked then."""
        meta = issue_form.to_case(self.values).meta
        return any(rule.kind == "empty-when" and "-".join(rule.field) == name and rule.applies(meta)
                   for rule in rules.rules())

    def _cause(self, name: str) -> str | None:
        """The earlier answer that, by a rule across fields (``rules.yaml``), makes the answer
        to ``name`` wrong: the other date, or the field a condition reads."""
        meta = issue_form.to_case(self.values).meta
        for rule in rules.rules():
            if rule.broken(meta) and "-".join(rule.field) == name:
                other = "-".join(rule.other or rule.when_field)
                if other in self.values and other != name:
                    return other
        return None

    def _change_one_of(self, other: str, name: str) -> None:
        pair = [other, name]
        self.say("  Vilket svar vill du ändra?")
        for number, which in enumerate(pair, 1):
            shown = " ".join(self.values.get(which, "").split())
            self.say(f"  {number}) {issue_form.element(which).label} (nu: {shown[:60] or 'tomt'})")
        while True:
            pick = self.ask("> ").strip()
            if pick in ("1", "2"):
                break
            self.say("  Svara med 1 eller 2.")
        which = pair[int(pick) - 1]
        e = issue_form.element(which)
        self.say("")
        self.say(f"{e.label}{' *' if e.required else ''}")
        for number, label in enumerate(e.options, 1):
            self.say(f"  {number}) {label}")
        single = not _is_list(e) and e.widget != "textarea"
        if not single and self.values.get(which, "").strip():  # what to write again, by its line numbers
            self.say("  Nu står det:")
            for number, line in enumerate(self.values[which].split("\n"), 1):
                self.say(f"  {number:>3}  {line}")
            self.say("  Skriv det igen med ändringen" + (" (pil upp hämtar raderna du skrev)" if self.history else "") + ".")
        self.values[which] = self._read(e, self.values.get(which) if single else None)

    # -- the id --

    def _others(self) -> list[load.SourceFile]:
        if not self.out_dir.is_dir():
            return []
        base = Path.cwd()
        return [load.read(p, validate.shown_path(p, base)) for p in load.case_files(self.out_dir)
                if p.suffix == ".md"]

    def settle_id(self) -> None:
        """Right after the title: the file id, and no clash with a case already there."""
        title = self.values.get("title", "").strip()
        others = self._others()
        shown = "utkast"
        source = load.SourceFile(id="", path=shown, meta={"title": title})
        clash = [p for p in validate.validate_sources(others + [source]).problems
                 if p.path == shown and p.field == "title"]
        if clash:
            self.say(f"  Fel: {visible(clash[0].message)}")
            self.answer("title", header=False)  # asks again, and settles the id then
            return
        taken = {o.id for o in others}
        case_id = self.fixed_id or scaffold.suggest_id(title)
        while True:
            try:
                path = scaffold.case_path(self.out_dir, case_id)
            except scaffold.BadId as e:
                self.say(f"  Fel: {e}")
                case_id = self._ask_id(load.slugify(case_id))
                continue
            if case_id in taken or path.exists():
                self.say("")
                self.say(f"Det finns redan ett exempel med id:t {case_id} "
                         f"({validate.shown_path(path, Path.cwd())}); det skrivs aldrig över.")
                self.say("  Är det samma arbete? Ändra då hellre i den filen (Ctrl-C avbryter, dina svar sparas).")
                free = next(f"{case_id}-{n}" for n in range(2, 1000)
                            if f"{case_id}-{n}" not in taken
                            and not (self.out_dir / f"{case_id}-{n}.md").exists())
                case_id = self._ask_id(free)
                continue
            break
        if case_id != scaffold.suggest_id(title):
            self.fixed_id = case_id  # chosen by the person: kept if the title changes
        self.case_id = case_id

    def _ask_id(self, default: str) -> str:
        self.say("Id för det nya exemplet (filnamnet utan .md): små bokstäver a–z, siffror och bindestreck.")
        self.say(f"  Tryck Enter för {default}, eller skriv ett annat id.")
        return self._input(self._prompt(default), default).strip()

    # -- the whole case --

    def run(self, given: dict[str, str] | None = None) -> scaffold.NewCase:
        """Every question in order; an answer in ``given`` (a draft) is checked instead of asked."""
        given = dict(given or {})
        for e in issue_form.elements():
            if self._left_out(e.name) and not given.get(e.name, "").strip():
                continue
            if e.name in given and e.name not in self.partial:
                self.values[e.name] = given[e.name]
                if self.problems(current=e.name):
                    self._header(e)
                    self.say(f"  Ditt svar i utkastet: {' '.join(given[e.name].split())[:200]}")
                self._check(e.name)
            else:
                self.answer(e.name)
        return self.finish()

    def finish(self) -> scaffold.NewCase:
        """The file, checked together with the cases already there; a problem a question can
        fix is asked again, any other ends the interview (``Unresolved``)."""
        while True:
            answers = issue_form.to_case(self.values)
            new = scaffold.build(answers.meta, answers.sections, self.case_id or "utkast", self.out_dir, self.date)
            if not new.problems:
                return new
            redo = [(scaffold.element_of(p), p) for p in new.problems]
            if any(name is None for name, _ in redo):
                raise Unresolved(new.problems)
            name, p = redo[0]
            self.say("")
            self.say(f"{issue_form.element(name).label}: {visible(p.message)}")
            self.answer(name)


def _bare(message: str) -> str:
    """A message without where it is (``rad 2: ``), to find the same problem in two answers."""
    return re.sub(r"^rad \d+: ", "", message)
