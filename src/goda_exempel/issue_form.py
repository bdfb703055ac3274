"""The GitHub issue form "Dela ditt exempel", and turning its answers into a case.

One element per question, derived from the schema (``fields.py``): its label is the field's
title, its help the field's description, its choices the vocabulary's labels. The same
elements are what ``goda-exempel new`` asks for and what ``goda-exempel from-issue`` reads
back, so the form, the converter and the prompts cannot drift apart.

Each question's id is stable, because the site's form opens the issue form with its answers
filled in through the address (GitHub prefills a question from the query parameter named by its
id): a field's id is its path joined with "-" (``period-start``, ``evaluation-reports``), with
``exempel-`` before a name GitHub's new-issue page reads itself (``exempel-title``: ``?title=``
is the issue's own title), a section of the text is ``text-<section id>`` (``text-darfor``), the
licence is ``samtycke``. The file id, ``added`` and ``last_reviewed`` are never asked: the
converter makes them.

Lists of things with several parts (organisations, sources, contacts, reports) are written
one per line with the parts separated by ``|``, in the order the schema lists them; a ``|``
inside a part is written ``\\|``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from . import schema
from .errors import Problem
from .fields import Field, by_key, condition_text, fields

TEMPLATE_PATH = ".github/ISSUE_TEMPLATE/dela-exempel.yml"
CONFIG_PATH = ".github/ISSUE_TEMPLATE/config.yml"
# Set by the form; the workflow is started by a maintainer adding another label (see
# .github/workflows/from-issue.yml), never by the form itself.
FORM_LABEL = "exempelförslag"
AUTOMATIC = ("added", "last_reviewed")  # set to the day the case file is written
SECTION_PREFIX = "text-"
CONSENT_ID = "samtycke"
CONSENT = ("Jag har rätt att dela texten och godkänner att den publiceras i kunskapsbanken "
           "under licensen CC BY 4.0.")
SEPARATOR = "|"
_SPLIT = re.compile(r"(?<!\\)\|")
NO_RESPONSE = "_No response_"  # what GitHub writes for a question left empty


@dataclass(frozen=True)
class Element:
    """One question: a field of the front matter, or a section of the text."""

    name: str  # the element's id in the issue form, and the flag of `goda-exempel new`
    label: str
    description: str
    widget: str  # input, textarea or dropdown
    required: bool
    field: Field | None = None
    section: schema.Term | None = None
    multiple: bool = False

    @property
    def options(self) -> list[str]:
        vocab = self.field.vocabulary if self.field else None
        return [t.label for t in vocab.terms] if vocab and self.widget == "dropdown" else []


def _length_text(spec: dict[str, Any]) -> str:
    low, high = spec.get("minLength"), spec.get("maxLength")
    if low and high:
        return f"{low}–{high} tecken."
    if high:
        return f"Högst {high} tecken."
    if low:
        return f"Minst {low} tecken."
    return ""


def _join(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def line_format(field: Field) -> str:
    """``Namn | Typ`` for a list of organisations: the parts of one line, in order."""
    return f" {SEPARATOR} ".join(c.title + ("" if c.required else " (frivilligt)") for c in field.children)


def _as_answer(field: Field, value: Any) -> str:
    """A value as a person writes it in an answer: a vocabulary id by its label."""
    vocab = field.vocabulary
    return vocab.label_of(value) if vocab and isinstance(value, str) else str(value)


def line_example(field: Field) -> str:
    """``Ale kommun | Kommun``: one line of a list of objects, from the schema's ``examples``."""
    example = field.example
    parts = [_as_answer(c, example[c.key]) if c.key in example else "" for c in field.children]
    while parts and not parts[-1]:
        parts.pop()
    return f" {SEPARATOR} ".join(parts)


def line_shape(field: Field) -> str:
    """``i formen: Namn | Typ, med | mellan delarna, till exempel: ”Ale kommun | Kommun”``: the
    shape of one line of a list of objects, with an example."""
    example = line_example(field)
    return (f"i formen: {line_format(field)}, med {SEPARATOR} mellan delarna"
            + (f", till exempel: ”{example}”" if example else ""))


def _choices_text(child: Field) -> str:
    vocab = child.vocabulary
    return f"{child.title} är en av: {', '.join(t.label for t in vocab.terms)}." if vocab else ""


def _element(field: Field, label: str, required: bool, group: Field | None = None) -> Element:
    cond = condition_text(field.key) if group is None else None
    if group is not None and not group.required and field.required:
        cond = f"Obligatoriskt om du fyller i något under {group.title}."
    spec = field.text_spec
    if field.kind == "choice":
        terms = "\n".join(f"- {t.label}: {t.description}" for t in field.vocabulary.terms)
        return Element(field.name, label, f"{field.description}\n\n{terms}", "dropdown", required, field)
    if field.kind == "choices":
        return Element(field.name, label, _join(field.description, "Välj ett eller flera."),
                       "dropdown", required and field.min_items > 0, field, multiple=True)
    if field.kind == "strings":
        extra = "Skriv en per rad." if not field.vocabulary else "Skriv en per rad eller med komma emellan."
        length = _length_text(spec)
        return Element(field.name, label, _join(field.description, extra, length and f"Varje rad: {length[0].lower()}{length[1:]}", cond),
                       "textarea", required and field.min_items > 0, field)
    if field.kind == "objects":
        parts = [_choices_text(c) for c in field.children if c.vocabulary]
        desc = _join(field.description, f"En per rad, {line_shape(field)}.", *parts,
                     f"Skriv `\\{SEPARATOR}` för ett {SEPARATOR}-tecken i en text.")
        return Element(field.name, label, desc, "textarea", required and field.min_items > 0, field)
    widget = "textarea" if field.long else "input"
    return Element(field.name, label, _join(field.description, _length_text(spec), cond), widget, required, field)


@cache
def elements() -> tuple[Element, ...]:
    """Every question, in the order of the schema and then the text's sections."""
    out: list[Element] = []
    for f in fields():
        if f.key in AUTOMATIC:
            continue
        if f.kind == "group":
            for child in f.children:
                out.append(_element(child, f"{f.title} – {child.title}", f.required and child.required, f))
        else:
            out.append(_element(f, f.title, f.required))
    for s in schema.section_headings():
        out.append(Element(SECTION_PREFIX + s.id, s.label, s.description, "textarea", s.required, section=s))
    return tuple(out)


def element(name: str) -> Element:
    return next(e for e in elements() if e.name == name)


# --- the template ---------------------------------------------------------------------------

INTRO = (
    "Tack för att du delar ett exempel! Fyll i det du vet. Fält markerade med * är "
    "obligatoriska. En ansvarig i projektet läser förslaget, gör om det till en exempelfil och "
    "öppnar en pull request där du står som författare. Blir något fel får du en kommentar "
    "här med vad som behöver rättas; då redigerar du ärendet.\n\n"
    "Skriv roller och organisationer, inte privatpersoner, och aldrig personnummer. "
    "Vill du hellre fylla i ett formulär med förhandsvisning finns det på webbplatsen "
    "under ”Dela ditt exempel”."
)


# Query parameters GitHub's new-issue page reads itself (?title=… is the issue's own title). A
# question named like one of them gets another id, so that a prefilled link fills the question.
GITHUB_PARAMETERS = frozenset({"title", "body", "labels", "assignees", "milestone", "projects", "template", "type"})


def question_id(name: str) -> str:
    """The issue form's id of the question ``name``: the site's form prefills by it."""
    return f"exempel-{name}" if name in GITHUB_PARAMETERS else name


def template() -> dict[str, Any]:
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": INTRO}}]
    for e in elements():
        attributes: dict[str, Any] = {"label": e.label, "description": e.description}
        if e.widget == "dropdown":
            attributes["multiple"] = e.multiple
            attributes["options"] = e.options
        elif e.field is not None and e.field.kind == "objects":
            attributes["placeholder"] = line_format(e.field)
        item: dict[str, Any] = {"type": e.widget, "id": question_id(e.name), "attributes": attributes}
        if e.required:
            item["validations"] = {"required": True}
        body.append(item)
    body.append({"type": "checkboxes", "id": CONSENT_ID, "attributes": {
        "label": "Licens", "options": [{"label": CONSENT, "required": True}]}})
    return {
        "name": "Dela ditt exempel",
        "description": "Föreslå ett nytt exempel till kunskapsbanken.",
        "title": "Nytt exempel: ",
        "labels": [FORM_LABEL],
        "body": body,
    }


def _yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def template_text() -> str:
    return ("# Generated from src/goda_exempel/data/case.schema.json by `goda-exempel issue-form`.\n"
            "# Do not edit by hand: change the schema and run the command again.\n" + _yaml(template()))


def config_text(pages_url: str) -> str:
    base = pages_url.rstrip("/") + "/"
    config = {
        "blank_issues_enabled": True,
        "contact_links": [
            {"name": "Dela ditt exempel på webbplatsen",
             "url": base + "dela-ditt-exempel/",
             "about": "Ett formulär med förhandsvisning som sparar utkastet medan du skriver."},
            {"name": "Så bidrar du",
             "url": base + "bidra/",
             "about": "De tre sätten att bidra, vad som gör ett bra exempel och hur granskningen går till."},
        ],
    }
    return "# Generated by `goda-exempel issue-form` from repo_url in mkdocs.yml.\n" + _yaml(config)


# --- answers to a case -------------------------------------------------------------------------


def choice(field: Field, text: str) -> str:
    """A vocabulary id from an id or a label (any letter case); unknown text is kept as written."""
    vocab = field.vocabulary
    value = text.strip()
    if vocab is None:
        return value
    for term in vocab.terms:
        if value == term.id:
            return term.id
    folded = value.casefold()
    for term in vocab.terms:
        if folded in (term.label.casefold(), term.id.casefold()):
            return term.id
    return value


def choices(field: Field, text: str) -> list[str]:
    """``Barn och unga, ANDT`` → ids. Labels may contain commas; the longest known one wins."""
    vocab = field.vocabulary
    names = sorted({n for t in vocab.terms for n in (t.label, t.id)}, key=len, reverse=True) if vocab else []
    out: list[str] = []
    rest = text.strip()
    while rest:
        for name in names:
            head = rest[: len(name)]
            if head.casefold() == name.casefold() and (len(rest) == len(name) or rest[len(name)] in ",\n"):
                out.append(choice(field, head))
                rest = rest[len(name):]
                break
        else:
            cut = re.search(r"[,\n]", rest)
            piece = rest[: cut.start()] if cut else rest
            if piece.strip():
                out.append(choice(field, piece))
            rest = rest[len(piece):]
        rest = rest.lstrip(",\n \t")
    return out


def lines(text: str, commas: bool = False) -> list[str]:
    parts = re.split(r"[\n,]" if commas else r"\n", text)
    return [p.strip() for p in parts if p.strip()]


def split_line(line: str) -> list[str]:
    return [p.strip().replace("\\" + SEPARATOR, SEPARATOR) for p in _SPLIT.split(line)]


def integer(text: str) -> int | str:
    compact = re.sub(r"\s", "", text)
    compact = re.sub(r"(?i)(kr|kronor|sek)\.?$", "", compact)
    # a minus as typed (-, or − and – from a word processor) makes a negative number, which the
    # schema's minimum then refuses ("får inte vara mindre än 0"), not a text that is no number
    compact = re.sub(r"^[−–]", "-", compact)
    # more digits than Python's int() reads from text (4,300) stay text: validation says too big
    return int(compact) if re.fullmatch(r"-?[0-9]{1,4000}", compact) else text.strip()


def scalar(field: Field, text: str) -> Any:
    if field.kind == "integer":
        return integer(text)
    if field.kind == "choice":
        return choice(field, text)
    return text.strip()


@dataclass
class Answers:
    """A case built from answers, before it is written: front matter, section texts, problems."""

    meta: dict[str, Any]
    sections: dict[str, str]
    problems: list[tuple[str, str]]  # (element name, Swedish message) found while reading


def _objects(e: Element, text: str, problems: list[tuple[str, str]]) -> list[dict[str, Any]]:
    assert e.field is not None
    items = []
    children = e.field.children
    for number, line in enumerate(lines(text), 1):
        parts = split_line(line)
        if len(parts) > len(children):
            problems.append((e.name, f"rad {number} har {len(parts)} delar men ska ha högst "
                                     f"{len(children)}. Skriv raden {line_shape(e.field)}. Skriv "
                                     f"\\{SEPARATOR} för ett {SEPARATOR}-tecken i en text."))
            parts = parts[: len(children) - 1] + [f" {SEPARATOR} ".join(parts[len(children) - 1:])]
        item = {c.key: scalar(c, p) for c, p in zip(children, parts) if p}
        items.append(item)
    return items


def to_case(values: dict[str, str]) -> Answers:
    """Answers by element name (text as typed; empty means not answered) → a case's parts."""
    meta: dict[str, Any] = {}
    sections: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for e in elements():
        text = values.get(e.name) or ""
        if not text.strip():
            continue
        if e.section is not None:
            sections[e.section.id] = text
            continue
        f = e.field
        assert f is not None
        if f.kind == "choices":
            value: Any = choices(f, text)
        elif f.kind == "strings":
            value = lines(text, commas=f.vocabulary is not None)
        elif f.kind == "objects":
            value = _objects(e, text, problems)
        else:
            value = scalar(f, text)
        if isinstance(value, list) and f.unique:
            value = list(dict.fromkeys(value))
        if value in ([], ""):
            continue
        target = meta
        for key in f.path[:-1]:
            target = target.setdefault(key, {})
        target[f.path[-1]] = value
    return Answers(meta, sections, problems)


def where(problem: Problem) -> str:
    """The question a validation problem belongs to, as the contributor saw it."""
    if problem.field in ("", "text"):
        return "Texten" if problem.field == "text" else "Exemplet"
    m = re.match(r"^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?(?:\[(\d+)\])?(?:\.([a-z_]+))?", problem.field)
    if not m:
        return problem.field
    top, index, sub, index2, sub2 = m.groups()
    names = {e.name: e for e in elements()}
    if sub and f"{top}-{sub}" in names:  # a field in a group: period.start, evaluation.reports[1].url
        e = names[f"{top}-{sub}"]
        out = e.label
        if index2 and e.field is not None and e.field.kind == "objects":
            out += f", rad {index2}"
            if sub2:
                out += ", " + next((c.title for c in e.field.children if c.key == sub2), sub2)
        return out
    if top in names:
        e = names[top]
        out = e.label
        if index:
            out += f", rad {index}"
        if sub and e.field is not None:
            out += ", " + next((c.title for c in e.field.children if c.key == sub), sub)
        return out
    try:
        return by_key(top).title
    except StopIteration:
        return problem.field
