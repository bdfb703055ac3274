"""Validation: parsed case files → valid cases, or every problem at once, in Swedish.

The schema decides what a case is; this module turns its verdicts into messages a
contributor can act on, and adds the checks a JSON Schema cannot express: the cross-field
rules of ``rules.yaml`` (a date that ends before it starts …), unique titles, the body's
sections and links, personal identity numbers.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import multiprocessing
import os
import re
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import fastjsonschema

from markdown.extensions.toc import slugify as toc_slugify

from . import pages, personnummer, rules
from . import titles as title_rules
from . import schema as case_schema
from .errors import Problem
from .load import FieldPath, SourceFile, case_files, field_name, read
from .model import Case

if TYPE_CHECKING:
    import jsonschema

_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # used with fullmatch
# An unescaped $ in a schema pattern. JSON Schema patterns are ECMA-262 regular expressions, where
# $ is the end of the text; in Python it also matches before a final line break ("2026-11-01\n").
_DOLLAR = re.compile(r"(?<!\\)\$")


def python_schema() -> dict[str, Any]:
    """The resolved schema with every pattern's $ written as Python's \\Z, for both validators."""
    spec = copy.deepcopy(case_schema.resolved_schema())
    for node in case_schema._walk(spec):
        if isinstance(node.get("pattern"), str):
            node["pattern"] = _DOLLAR.sub(r"\\Z", node["pattern"])
    return spec


def _real_date(value: Any, partial: bool) -> bool:
    if not isinstance(value, str):
        return True
    m = _PARTIAL_DATE.fullmatch(value)
    if not m or (not partial and m.group(3) is None):
        return True  # the pattern reports the shape
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


@cache
def _fast_validator():
    """The same schema compiled to Python by fastjsonschema: it only says valid or not, fast.
    (Draft 7 is the newest it knows; the schema uses nothing that differs from 2020-12.)"""
    spec = python_schema()
    spec["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(spec, formats={"date": lambda v: _real_date(v, partial=False),
                                                 "partial-date": lambda v: _real_date(v, partial=True)})


def _schema_errors(meta: dict[str, Any]) -> list[jsonschema.ValidationError]:
    """Every way ``meta`` breaks the schema. A valid case is confirmed by the compiled check;
    an invalid one is explained by jsonschema, which reports every error with its path."""
    try:
        _fast_validator()(meta)
        return []
    except fastjsonschema.JsonSchemaException as refused:
        errors = list(_validator().iter_errors(meta))
        if not errors:  # the two must agree: a value one of them refuses is never taken as valid
            import jsonschema

            path = getattr(refused, "path", None) or ["data"]
            errors = [jsonschema.ValidationError(refused.message, validator="pattern", path=path[1:],
                                                 instance=getattr(refused, "value", ""),
                                                 schema=getattr(refused, "definition", None) or {})]
        return errors


@cache
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # only to explain an invalid case: a valid one never needs it

    formats = jsonschema.FormatChecker(formats=())
    formats.checks("date")(lambda v: _real_date(v, partial=False))
    formats.checks("partial-date")(lambda v: _real_date(v, partial=True))
    return jsonschema.Draft202012Validator(python_schema(), format_checker=formats)


# --- schema navigation --------------------------------------------------------------------


def subschema(path: Iterable[str | int]) -> dict[str, Any] | None:
    """The (resolved) schema that applies at a field path, following $ref, or None."""
    root = case_schema.resolved_schema()
    node: dict[str, Any] | None = root
    for part in path:
        node = _deref(root, node)
        if node is None:
            return None
        if isinstance(part, int):
            node = node.get("items")
        else:
            node = node.get("properties", {}).get(part)
    return _deref(root, node)


def _deref(root: dict[str, Any], node: dict[str, Any] | None) -> dict[str, Any] | None:
    while node is not None and "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _normalise(value: Any, path: FieldPath, raw: dict[FieldPath, str]) -> Any:
    """Where the schema wants text but YAML read a number or yes/no, use the text as written."""
    if isinstance(value, dict):
        return {k: _normalise(v, path + (k,), raw) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v, path + (i,), raw) for i, v in enumerate(value)]
    if path in raw:
        spec = subschema(path)
        if spec is not None and spec.get("type") == "string":
            return raw[path]
    if isinstance(value, str) and not value.isascii() and not unicodedata.is_normalized("NFC", value):
        spec = subschema(path)  # a controlled value (Håbo) as one code point per letter, as listed
        if spec is not None and "x-vocabulary" in spec:
            return unicodedata.normalize("NFC", value)
    return value


# --- messages -------------------------------------------------------------------------------

_TYPE_NAMES = {
    "string": "text",
    "integer": "ett heltal",
    "number": "ett tal",
    "array": "en lista (rader som börjar med -)",
    "object": "en grupp av fält",
    "boolean": "true eller false",
}


def _what(value: Any) -> str:
    if value is None:
        return "tomt"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "ett tal"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en grupp av fält"
    return "text"


def suggest(value: str, choices: list[str]) -> str | None:
    """The closest allowed value, compared without case, accents or punctuation."""
    from .load import slugify

    keyed = {slugify(c): c for c in choices}
    match = difflib.get_close_matches(slugify(value), list(keyed), n=1, cutoff=0.6)
    if match:
        return keyed[match[0]]
    labels = {}
    for spec in case_schema.vocabularies().values():
        for term in spec.terms:
            if term.id in choices:
                labels[term.label.lower()] = term.id
    match = difflib.get_close_matches(value.lower(), list(labels), n=1, cutoff=0.6)
    return labels[match[0]] if match else None


def _about(spec: dict[str, Any] | None) -> str:
    if not spec or "title" not in spec:
        return ""
    return f" ({spec['title']}: {spec.get('description', '')})".replace(": )", ")")


MAX_FIELD_PROBLEMS = 100  # per file: enough to act on; each hint (the closest allowed value) costs time


def _message(error: jsonschema.ValidationError) -> list[tuple[FieldPath, str]]:
    path: FieldPath = tuple(error.absolute_path)
    spec = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = [name for name in error.validator_value if name not in (value or {})]
        return [(path + (name,), "fältet saknas. Lägg till det" + _about(subschema(path + (name,))) + ".")
                for name in missing]
    if kind == "additionalProperties":
        allowed = list(spec.get("properties", {}))
        out = []
        for name in sorted(set(value) - set(allowed))[:MAX_FIELD_PROBLEMS + 1]:
            close = suggest(name, allowed)
            hint = f" Menade du {close}?" if close else f" Tillåtna fält här: {', '.join(allowed)}."
            out.append((path + (name,), f"okänt fält.{hint}"))
        return out
    if kind == "type":
        if value is None:
            return [(path, "fältet är tomt. Fyll i det" + _about(spec) + ", eller ta bort raden om fältet är frivilligt.")]
        if spec.get("type") == "integer" and isinstance(value, str) and value.isascii() and value.isdigit():
            return [(path, f"är ett för stort tal ({len(value)} siffror). Skriv ett belopp i hela kronor, "
                           f"högst {_MAX_KR}.")]
        wanted = _TYPE_NAMES.get(spec.get("type"), spec.get("type"))
        hint = " Sätt värdet inom citattecken." if spec.get("type") == "string" else ""
        return [(path, f"ska vara {wanted}, men är {_what(value)}.{hint}")]
    if kind == "enum":
        choices = [str(c) for c in error.validator_value]
        close = suggest(str(value), choices)
        if spec.get("x-vocabulary") == "municipalities":
            hint = f" Menade du {close}?" if close else " Skriv kommunens namn, till exempel Jönköping eller Göteborg."
            return [(path, f"{value!r} är inte en svensk kommun.{hint}".replace("'", "\""))]
        if close:
            hint = f" Menade du {close}?"
        else:
            hint = f" Tillåtna värden: {', '.join(choices)}."
        return [(path, f"\"{value}\" är inte ett tillåtet värde.{hint}")]
    if kind == "minLength":
        return [(path, f"är för kort ({len(value)} tecken); skriv minst {error.validator_value} tecken.")]
    if kind == "maxLength":
        return [(path, f"är för lång ({len(value)} tecken); högst {error.validator_value} tecken är tillåtet.")]
    if kind == "pattern":
        hint = spec.get("x-hint", "rätt form")
        if isinstance(value, str) and "\n" in value:  # a block scalar (| or >), or a \n in quotes
            return [(path, f"ska stå på en enda rad, direkt efter kolonet (utan | eller > och utan "
                           f"radbrytning). Skriv {hint}.")]
        return [(path, f"\"{value}\" har fel form. Skriv {hint}.")]
    if kind == "format":
        return [(path, f"\"{value}\" är inget riktigt datum. Kontrollera månad och dag.")]
    if kind == "minItems":
        if not value:
            return [(path, f"listan är tom. Ange minst {error.validator_value}" + _about(spec) + ".")]
        return [(path, f"listan har för få värden; ange minst {error.validator_value}.")]
    if kind == "uniqueItems":
        dupes = sorted({str(v) for v in value if value.count(v) > 1})
        return [(path, f"{', '.join(dupes)} står mer än en gång i listan. Ta bort dubbletten.")]
    if kind == "minimum":
        return [(path, f"får inte vara mindre än {error.validator_value}.")]
    return [(path, f"ogiltigt värde ({error.message}).")]  # pragma: no cover - every keyword in use is mapped


# --- checks beyond the schema ------------------------------------------------------------------


# Sensible bounds for what the site derives from dates and numbers (a period from year 1 to 9999
# made 9,999 year filters on one page).
FIRST_YEAR = 1900  # no case or source is older
YEARS_AHEAD = 10  # a planned case may end (or start) this many years from now
FIRST_ADDED = "2000-01-01"
MAX_AMOUNT = 100_000_000_000  # kronor
_MAX_KR = f"{MAX_AMOUNT:,} kr".replace(",", " ")


def _bounds(meta: dict[str, Any], today: dt.date | None = None) -> list[tuple[FieldPath, str]]:
    today = today or dt.date.today()
    tomorrow = (today + dt.timedelta(days=1)).isoformat()  # a day's margin for time zones
    last_year = today.year + YEARS_AHEAD
    out = []

    def year_of(path: FieldPath, value: Any, latest: int) -> None:
        if isinstance(value, str) and _PARTIAL_DATE.fullmatch(value) and not FIRST_YEAR <= int(value[:4]) <= latest:
            out.append((path, f"år {value[:4]} är inte rimligt. Ange ett år mellan {FIRST_YEAR} och {latest}."))

    period = meta.get("period") if isinstance(meta.get("period"), dict) else {}
    for name in ("start", "end"):
        year_of(("period", name), period.get(name), last_year)
    for index, source in enumerate(meta.get("sources") or []):
        if isinstance(source, dict):
            year_of(("sources", index, "published"), source.get("published"), today.year)
    for name in ("added", "last_reviewed"):
        value = meta.get(name)
        if isinstance(value, str) and _PARTIAL_DATE.fullmatch(value) and len(value) == 10:
            if value > tomorrow:
                out.append(((name,), f"{value} ligger i framtiden. Skriv dagens datum eller ett tidigare."))
            elif value < FIRST_ADDED:
                out.append(((name,), f"{value} är före {FIRST_ADDED[:4]}. Skriv datumet då det hände."))
    budget = meta.get("budget") if isinstance(meta.get("budget"), dict) else {}
    amount = budget.get("amount")
    if isinstance(amount, float):
        out.append((("budget", "amount"), "ska vara ett belopp i hela kronor, skrivet med bara siffror "
                                          "(370000, inte 3.7e5 eller 370000.0)."))
    elif isinstance(amount, int) and not isinstance(amount, bool) and amount > MAX_AMOUNT:
        out.append((("budget", "amount"), f"är orimligt stort. Skriv beloppet i hela kronor, högst {_MAX_KR}."))
    return out


def _title(meta: dict[str, Any]) -> list[tuple[FieldPath, str]]:
    title = meta.get("title")
    why = title_rules.problem(title) if isinstance(title, str) else None
    return [(("title",), why)] if why else []


# Python-Markdown makes a heading of # at the start of a line with or without a space after it
_HEADING = re.compile(r"^(#{1,6})[ \t]*(.*?)[ \t#]*$")
# ... and of # after list or quote markers or an indent (a heading inside a list item or a quote)
_NESTED_HEADING = re.compile(r"(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+|[ \t]*>[ \t]*| {4}|\t)+#")
# The site's Markdown (mkdocs.yml) has no fenced code blocks: ``` starts no block, and what
# follows it is rendered and checked like any other text.
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")  # a line under text that makes it a heading
_NOT_A_PARAGRAPH = re.compile(r"\s*$| {0,3}(?:[-*+>]|\d+[.)]|#)| {4}|\t")  # the line above is no paragraph
_EXPLICIT_ID = re.compile(r"\{[:\s]*[^}\n]*#[\w-]+[^}\n]*\}\s*$|<[^>]*\bid\s*=", re.I)  # {#id}, {: #id .cls}, <x id=


def _build_markers(source: SourceFile) -> list[Problem]:
    text = source.text or source.body
    found = pages.BUILD_MARKERS.search(text) if "goda-exempel" in text else None
    if not found:
        return []
    line = text.count("\n", 0, found.start()) + (1 if source.text else source.body_line)
    return [Problem(source.path, line, "", "innehåller text som webbplatsen använder när den byggs "
                                           f"(”{found.group()}”). Ta bort den.")]


def _page_id(slug: str) -> bool:
    """An automatic heading id that the page has outside the text (the title's heading is in the
    same Markdown, which numbers a repeated id: rubrik_1)."""
    return (slug in pages.PAGE_IDS and slug != pages.TITLE_ID) or slug.startswith(pages.PAGE_ID_PREFIXES)
_LINKS = [
    re.compile(r"\]\(\s*<?([^)\s>]*)"),  # [text](url)
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)"),  # [ref]: url
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>"),  # <scheme:...>
    re.compile(r"""(?:href|src)\s*=\s*["']?([^"'\s>]+)""", re.I),  # raw HTML
]
_LINK_MARKS = ("](", "]:", "<", "=")  # a line without any of these matches none of _LINKS
_WEB_ADDRESS = re.compile(r"^https?://[^\s/$.?#]", re.I)


# Python-Markdown recurses once per level of nesting and fails (RecursionError) at a few
# hundred levels; a case never needs more than a handful.
MAX_INDENT = 40  # columns of leading white space (a tab counts as 4)
MAX_MARKERS = 10  # list and quote markers that open one line
MAX_EMPHASIS_RUN = 100  # * and _ in a row
_MARKER = re.compile(r"[ \t]*(?:[-*+>]|\d{1,9}[.)])(?=[ \t>]|$)")
_EMPHASIS_RUN = re.compile(r"[*_]{%d,}" % (MAX_EMPHASIS_RUN + 1))


def _too_deep(text: str) -> str | None:
    """Why a body line is nested too deeply for the site to render it, or None."""
    expanded = text.expandtabs(4)
    indent = len(expanded) - len(expanded.lstrip(" "))
    if indent > MAX_INDENT and expanded.strip():
        return (f"raden är indragen {indent} steg; högst {MAX_INDENT} är tillåtet. "
                "Minska indraget (listor och citat i högst några nivåer).")
    pos = markers = 0
    while (m := _MARKER.match(text, pos)) and m.end() > pos:
        markers, pos = markers + 1, m.end()
    if markers > MAX_MARKERS:
        return (f"raden börjar med {markers} list- eller citattecken; högst {MAX_MARKERS} nivåer av "
                "listor och citat är tillåtna.")
    run = _EMPHASIS_RUN.search(text)
    if run:
        return (f"raden har {len(run.group())} tecken * eller _ i rad; högst {MAX_EMPHASIS_RUN} är "
                "tillåtet. Använd * och _ bara för kursiv och fetstil.")
    return None


# Whole-body tests that most bodies pass, so that their lines need no further check. Each is
# a necessary condition for what it guards (the line-by-line check decides):
# a line too deep for _too_deep: more leading blanks than MAX_INDENT allows even if all were
# tabs, or more list and quote markers than MAX_MARKERS (without their lookahead) ...
_MAY_BE_DEEP = re.compile(r"\n(?:[ \t]{%d}|(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])){%d})"
                          % (MAX_INDENT // 4 + 1, MAX_MARKERS + 1))
# ... or a run of * and _ (count first: the search is slower)
_MAY_BE_EMPHASIS_RUN = re.compile(r"[*_][*_]{%d}" % MAX_EMPHASIS_RUN)


def _may_be_deep(body: str) -> bool:
    if _MAY_BE_DEEP.search("\n" + body):
        return True
    return body.count("*") + body.count("_") > MAX_EMPHASIS_RUN and bool(_MAY_BE_EMPHASIS_RUN.search(body))


def _link_lines(body: str) -> set[int]:
    """The offsets of the body lines that can hold a link: those with a text every pattern in
    _LINKS needs, found with str.find rather than a regular expression per line."""
    found = []
    for mark in _LINK_MARKS:
        at = body.find(mark)
        while at != -1:
            found.append(at)
            at = body.find(mark, at + 1)
    offsets, line, counted = set(), 0, 0
    for at in sorted(found):
        line += body.count("\n", counted, at)
        counted = at
        offsets.add(line)
    return offsets


def _body(case_id: str, body: str, first_line: int, path: str) -> list[Problem]:
    problems: list[Problem] = []
    sections = case_schema.section_headings()
    expected = [s.label for s in sections]
    found: list[tuple[str, int, int]] = []  # heading, line, non-empty lines after it
    check_depth = _may_be_deep(body)
    link_lines = _link_lines(body)
    lines = body.split("\n")
    for offset, text in enumerate(lines):
        line = first_line + offset
        if check_depth:
            deep = _too_deep(text)
            if deep:
                problems.append(Problem(path, line, "text", deep))
        setext = _SETEXT.match(text) if text[:1] in "=- " and offset and lines[offset - 1].strip() else None
        if setext and not _NOT_A_PARAGRAPH.match(lines[offset - 1]):
            problems.append(Problem(path, line, "text", "en rubrik understruken med === eller --- är inte tillåten. "
                                                        "Skriv avsnitten som ## Rubrik, och lämna en tom rad före "
                                                        "--- om du menar ett streck."))
        explicit = _EXPLICIT_ID.search(text) if "#" in text or "id" in text else None
        if explicit:
            problems.append(Problem(path, line, "text", f"ett eget id ({explicit.group().strip()}) är inte tillåtet: "
                                                        "sidan ger rubrikerna id själv. Ta bort det."))
        if "#" in text and text[:1] != "#" and _NESTED_HEADING.match(text):
            problems.append(Problem(path, line, "text", "en rubrik i en lista, ett citat eller ett indrag är inte "
                                                        "tillåten. Skriv rubriken först på raden (## Avsnitt eller "
                                                        "### Underrubrik), eller skriv inte # först i punkten."))
        heading = _HEADING.match(text) if text[:1] == "#" else None
        if heading and len(heading.group(1)) > 2 and _page_id(toc_slugify(heading.group(2), "-")):
            problems.append(Problem(path, line, "text", f"rubriken \"{heading.group(2)}\" får samma id som en "
                                                        "del av sidan själv. Välj en annan rubrik."))
        if heading and len(heading.group(1)) <= 2:
            title = heading.group(2)
            if len(heading.group(1)) == 1:
                problems.append(Problem(path, line, "text", "en rubrik med en # är inte tillåten: rubriken kommer "
                                                            "från title. Använd ## för avsnitten."))
                continue
            if title not in expected:
                close = difflib.get_close_matches(title, expected, n=1, cutoff=0.5)
                hint = f" Menade du ## {close[0]}?" if close else f" Avsnitten heter: {', '.join(expected)}."
                problems.append(Problem(path, line, "text", f"okänd avsnittsrubrik \"## {title}\".{hint}"))
            found.append((title, line, 0))
            continue
        if found and text.strip():
            title, at, count = found[-1]
            found[-1] = (title, at, count + 1)
        if offset in link_lines:
            for pattern in _LINKS:
                for m in pattern.finditer(text):
                    url = m.group(1)
                    if url and not url.startswith("#") and not _WEB_ADDRESS.match(url):
                        problems.append(Problem(path, line, "text", f"länken \"{url[:80]}\" är inte en webbadress. "
                                                                    "Skriv en fullständig adress som börjar med https://."))
    titles = [f[0] for f in found]
    for title, line, _ in found:
        if titles.count(title) > 1 and title in expected:
            problems.append(Problem(path, line, "text", f"rubriken ”## {title}” finns två gånger. Skriv allt "
                                                        "under en av rubrikerna och ta bort den andra."))
    end_line = first_line + body.count("\n")
    for section in sections:
        if section.required and section.label not in titles:
            problems.append(Problem(path, end_line if found else first_line, "text",
                                    f"avsnittet \"## {section.label}\" saknas. Skriv under den rubriken: "
                                    f"{section.description}"))
    known = [t for t in titles if t in expected]
    if known != sorted(known, key=expected.index):
        line = next(f[1] for f in found if f[0] in expected and known.index(f[0]) != sorted(known, key=expected.index).index(f[0]))
        problems.append(Problem(path, line, "text", "avsnitten står i fel ordning. Ordningen är: "
                                                    + ", ".join(expected) + "."))
    for title, line, count in found:
        if count == 0 and title in expected:
            problems.append(Problem(path, line, "text", f"avsnittet \"## {title}\" är tomt. Skriv något "
                                                        "under rubriken eller ta bort den."))
    return problems


find_personnummer = personnummer.find  # the names other modules and the tests use


def _personnummer(source: SourceFile) -> list[Problem]:
    """Every line with a personnummer or samordningsnummer: as written, and as a reader sees it
    (personnummer.reader_form), in the fields' values, in the file name and across the lines
    of a paragraph."""
    message = "innehåller ett personnummer. Personnummer får aldrig publiceras; ta bort det."
    found: dict[int, str] = {}  # line -> field

    def scan(value: Any, path: FieldPath) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                scan(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                scan(v, path + (i,))
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            text = str(value)
            if personnummer.in_text(text):
                line = source.line_of(path)
                if line not in found and field_name(path) not in found.values():
                    found[line] = field_name(path)

    text = source.text or ""
    if text:
        # Every line of the file as written, comments and field names included: the exact line
        # of a long text, and the field that line belongs to.
        lines = text.split("\n")
        numbers = {text.count("\n", 0, at) + 1 for at in personnummer.find(text)} \
            if personnummer.MAY_BE.search(text) else set()
        numbers.update(i + 1 for i, line in enumerate(lines) if personnummer.find_in_reader_form(line))
        starts = sorted((line, len(path), path) for path, line in source.lines.items())
        for number in sorted(numbers):
            if number >= source.body_line:
                where = "text"
            else:
                before = [path for line, _, path in starts if line <= number]
                where = field_name(before[-1]) if before else ""
            found[number] = where
    else:  # a SourceFile made in code, not read from a file
        for offset, line in enumerate(source.body.split("\n")):
            if personnummer.find(line) or personnummer.find_in_reader_form(line):
                found[source.body_line + offset] = "text"
    if source.meta:
        scan(source.meta, ())  # values as YAML reads them: escapes and folded lines resolved
    body_lines = [n for n in found if n >= source.body_line]
    if not body_lines and personnummer.find_in_reader_form(" ".join(source.body.split())):
        found[source.body_line] = "text"  # a number broken over two lines of a paragraph
    problems = [Problem(source.path, line, where, message) for line, where in sorted(found.items())]
    if personnummer.in_id(source.id):
        problems.append(Problem(source.path, 1, "", "filnamnet innehåller ett personnummer. Byt namn på "
                                                    "filen till något som beskriver exemplet."))
    return problems


# --- entry points ------------------------------------------------------------------------------


@dataclass
class Result:
    cases: list[Case]  # empty when the caller asked for the verdict only (keep_cases=False)
    problems: list[Problem]
    count: int  # valid cases

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_source(source: SourceFile) -> tuple[Case | None, list[Problem]]:
    problems = list(source.problems)
    if source.meta is None:
        return None, problems
    meta = _normalise(source.meta, (), source.raw)
    found: list[tuple[FieldPath, str]] = []
    errors = _schema_errors(meta)
    # a value of the wrong type fails other keywords too; say only what the type should be
    mistyped = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    for error in errors:
        if len(found) > MAX_FIELD_PROBLEMS:
            break  # a message can take a while (the closest allowed value): stop well before a hang
        if error.validator == "type" or tuple(error.absolute_path) not in mistyped:
            found = list(dict.fromkeys([*found, *_message(error)]))  # the same message once
    if len(found) > MAX_FIELD_PROBLEMS:
        found = found[:MAX_FIELD_PROBLEMS]
        problems.append(Problem(source.path, 1, "", f"fälten har fler än {MAX_FIELD_PROBLEMS} fel; bara de "
                                                    f"första {MAX_FIELD_PROBLEMS} visas. Rätta dem och kontrollera igen."))
    found.extend(_title(meta))
    found.extend(_bounds(meta))
    for path, message in found:
        problems.append(Problem(source.path, source.line_of(path), field_name(path), message))
    for rule in rules.broken(meta):  # a missing field is pointed at by the field the rule reads
        line = source.line_of(rule.field) if rule.field in source.lines else source.line_of(rule.reads)
        problems.append(Problem(source.path, line, field_name(rule.field), rule.text(meta)))
    problems.extend(_body(source.id, source.body, source.body_line, source.path))
    problems.extend(_personnummer(source))
    problems.extend(_build_markers(source))
    if problems:
        return None, sorted(set(problems))
    return Case(source.id, source.path, meta, source.body, source.body_line), []


@dataclass(frozen=True)
class Checked:
    """One file's verdict, with what the checks across files need (small, to pass between processes)."""

    id: str
    path: str
    title: str | None
    title_line: int
    case: Case | None  # None if not valid, or left out (keep_cases=False)
    problems: list[Problem]
    valid: bool


def check_source(source: SourceFile) -> Checked:
    case, problems = validate_source(source)
    title = (source.meta or {}).get("title")
    return Checked(source.id, source.path, title if isinstance(title, str) else None,
                   source.line_of(("title",)), case, problems, case is not None)


def validate_sources(sources: list[SourceFile]) -> Result:
    """Validate parsed files: each on its own, then what must hold across them."""
    return _combine([check_source(source) for source in sources])


def _combine(checked: list[Checked]) -> Result:
    problems: list[Problem] = []
    ids: dict[str, str] = {}
    titles: dict[str, str] = {}
    for item in checked:
        if item.id in ids:
            problems.append(Problem(item.path, 1, "", f"samma id som {ids[item.id]}. Byt namn på filen."))
        ids.setdefault(item.id, item.path)
        if item.title is not None:
            key = title_rules.key(item.title)  # the same to a reader: NFC, case, look-alike letters
            if key in titles:
                problems.append(Problem(item.path, item.title_line, "title",
                                        f"samma rubrik som {titles[key]}. Välj en rubrik som skiljer exemplen åt."))
            titles.setdefault(key, item.path)
        problems.extend(item.problems)
    bad = {p.path for p in problems}  # a problem across files makes a valid file invalid too
    valid = [item for item in checked if item.valid and item.path not in bad]
    return Result([item.case for item in valid if item.case is not None], sorted(set(problems)), len(valid))


def shown_path(path: Path, base: Path) -> str:
    try:  # the folder resolved, the file not: a link is named as the link, not as its target
        return (_resolved(path.parent) / path.name).relative_to(_resolved(base)).as_posix()
    except ValueError:
        return path.as_posix()


def _links_out(folder: Path, base: Path) -> bool:
    """A folder inside ``base`` as written that is a link to a folder outside it."""
    written = Path(os.path.abspath(folder))
    return written.is_relative_to(os.path.abspath(base)) and not _resolved(folder).is_relative_to(_resolved(base))


def _resolved(folder: Path) -> Path:
    return Path(os.path.realpath(folder))


def shown_paths(files: list[Path], base: Path) -> list[str]:
    """``[shown_path(f, base) for f in files]``, resolving each folder (and the base) once."""
    root = _resolved(base)
    prefixes: dict[Path, str | None] = {}  # folder -> its shown path and "/", None if not under base
    shown = []
    for path in files:
        folder = path.parent
        if folder not in prefixes:
            try:
                relative = _resolved(folder).relative_to(root).as_posix()
                prefixes[folder] = "" if relative == "." else relative + "/"
            except ValueError:
                prefixes[folder] = None
        prefix = prefixes[folder]
        shown.append(shown_path(path, base) if prefix is None or not path.name else prefix + path.name)
    return shown


# Files already checked in this process, by what their stat says: `mkdocs serve` and a second
# hook re-check only what changed. (path, shown path, mtime, size, inode) -> verdict
_checked: dict[tuple, Checked] = {}
PARALLEL_FROM = 500  # files; below this a second process costs more than it saves


def _read_and_check(item: tuple[Path, str]) -> Checked:
    return check_source(read(*item))


# The files the forked processes check, set before they are forked: they inherit the list, and
# are sent only where each slice of it starts and ends.
_todo: list[tuple[Path, str]] = []
_SLICE = 100


def _check_slice(task: tuple[int, int, bool]) -> list[Checked]:
    start, stop, keep_cases = task
    done = [_read_and_check(item) for item in _todo[start:stop]]
    if not keep_cases:  # what the verdict needs goes back, not the case itself
        done = [replace(checked, case=None) for checked in done]
    return done


def _stat_key(path: Path, shown: str) -> tuple | None:
    try:
        st = path.lstat()
    except OSError:
        return None
    return (str(path), shown, st.st_mtime_ns, st.st_size, st.st_ino)


def validate_paths(paths: list[Path], base: Path | None = None, processes: int = 1,
                   keep_cases: bool = True) -> Result:
    """Validate files and folders (a folder means every case file directly in it).

    ``processes`` > 1 checks large sets in that many forked processes; the command line uses
    it (a forked child must not share a lock with a running thread, so a long-running host
    such as ``mkdocs serve`` keeps the default of one). With ``keep_cases=False`` the result
    has the problems and the count of valid cases but not the cases, which then need not be
    sent back from those processes.
    """
    global _todo
    base = base or Path.cwd()
    files: list[Path] = []
    outside: list[Problem] = []
    for path in paths:
        if path.is_dir() and _links_out(path, base):
            outside.append(Problem(shown_path(path, base), 1, "", "mappen är en länk till en mapp utanför "
                                                                  "förrådet. Lägg exemplen i själva mappen."))
            continue
        if path.is_dir():
            files.extend(case_files(path))
            outside.extend(_folders_in(path, base))
        else:
            files.append(path)
    items = list(zip(files, shown_paths(files, base)))
    keys = [_stat_key(*item) for item in items]
    todo = [i for i, key in enumerate(keys) if key is None or key not in _checked]
    forked = processes > 1 and len(todo) >= PARALLEL_FROM
    if forked:
        _fast_validator()  # compiled once here, not in every process
        _todo = [items[i] for i in todo]
        tasks = [(start, start + _SLICE, keep_cases) for start in range(0, len(todo), _SLICE)]
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
                done = [checked for part in pool.map(_check_slice, tasks) for checked in part]
        finally:
            _todo = []
    else:
        done = [_read_and_check(items[i]) for i in todo]
    fresh = dict(zip(todo, done))
    if keep_cases or not forked:  # a verdict without its case is not kept for a later call
        for i, result in fresh.items():
            if keys[i] is not None:
                _checked[keys[i]] = result
    result = _combine([fresh[i] if i in fresh else _checked[keys[i]] for i in range(len(items))])
    if outside:
        result.problems = sorted(set(result.problems + outside))
    if not keep_cases:
        result.cases = []
    return result


def _folders_in(folder: Path, base: Path) -> list[Problem]:
    """A folder inside examples/ (even one named x.md): the build reads only the files directly
    in examples/, so a case put in a folder would be left out without a word."""
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries if not e.name.startswith(".") and _is_dir(e))
    return [Problem(shown_path(folder / name, base), 1, "", "är en mapp. Exempel läses bara från filer som ligger "
                    "direkt i examples/; flytta filerna dit och ta bort mappen.") for name in names]


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def validate_dir(examples: Path, base: Path | None = None) -> Result:
    return validate_paths([examples], base or examples.parent)
