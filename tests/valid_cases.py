"""Hypothesis strategies for case files that may be valid, made from the schema and the
vocabularies (never from a list kept here): every field, every YAML style a contributor may
use (plain, quoted, literal and folded blocks), and text from every Unicode category.

What is generated is not assumed valid: the tests validate it, and hold every case that
passes to the promise that it builds.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json

from hypothesis import strategies as st

from goda_exempel import load, schema, validate

# Any character a UTF-8 file can hold, from every general category (letters and digits
# outside ASCII, superscripts, combining marks, format characters, unassigned code points),
# except those the reader refuses for the whole file (tested elsewhere: nothing would build).
_CHAR = st.characters(blacklist_categories=("Cs",)).filter(lambda c: not load._BAD_CHARACTER.match(c))
_SPECIAL = st.sampled_from(["m²", "①", "٣", "𝟗", "e\u0301", "å", "a\u030a", "Ⅻ", "½", "ǅ", "ß", "İ",
                            "\u200d", "\u00a0", "#", "*", "_", "[x]", "<b>", "&amp;", "{#id}", ":", " - ",
                            "1.", "|", ">", "`", "~~~", "\\", "'", '"', "%", "@", "!"])


def free_text(min_size: int, max_size: int, lines: bool = True) -> st.SearchStrategy[str]:
    piece = st.one_of(st.text(_CHAR, min_size=1, max_size=12), _SPECIAL, st.just(" "),
                      *([st.just("\n")] if lines else []))
    filler = "Trygghet i området. " * (min_size // 10 + 1)
    return st.lists(piece, max_size=8).map("".join).map(
        lambda s: (s + (" " + filler if len(s) < min_size else ""))[:max_size])


def _year() -> st.SearchStrategy[int]:  # the bounds validation sets, and the years most cases have
    return st.one_of(st.integers(1990, dt.date.today().year), st.integers(validate.FIRST_YEAR, dt.date.today().year))


def _partial_date() -> st.SearchStrategy[str]:
    return st.tuples(_year(), st.integers(0, 12), st.integers(0, 31)).map(
        lambda t: f"{t[0]:04d}" + (f"-{t[1]:02d}" if t[1] else "") + (f"-{t[2]:02d}" if t[1] and t[2] else ""))


def _date() -> st.SearchStrategy[str]:
    return st.dates(dt.date.fromisoformat(validate.FIRST_ADDED), dt.date.today()).map(lambda d: d.isoformat())


_HOST = st.text("abcdefghijklmnopqrstuvwxyzåäö0123456789", min_size=1, max_size=12)
_PATH = st.text(st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), max_size=20).filter(
    lambda s: not load._BAD_CHARACTER.search(s) and not any(c.isspace() for c in s))


def _url() -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(["https://", "http://"]), _HOST, st.sampled_from([".se", ".org", ".nu"]),
                     _PATH).map(lambda t: f"{t[0]}{t[1]}{t[2]}/{t[3]}")


def _email() -> st.SearchStrategy[str]:
    return st.tuples(_HOST, _HOST).map(lambda t: f"{t[0]}@{t[1]}.se")


def _for(spec: dict, path: tuple) -> st.SearchStrategy:
    root = schema.resolved_schema()
    while "$ref" in spec:
        spec = root["$defs"][spec["$ref"].rsplit("/", 1)[-1]]
    if "enum" in spec:
        return st.sampled_from(spec["enum"])
    kind = spec.get("type")
    if kind == "object":
        props = spec.get("properties", {})
        required = set(spec.get("required", []))
        fields = {k: _for(v, path + (k,)) for k, v in props.items()}
        return st.fixed_dictionaries({k: v for k, v in fields.items() if k in required},
                                     optional={k: v for k, v in fields.items() if k not in required})
    if kind == "array":
        low = spec.get("minItems", 0)
        items = spec["items"]
        while "$ref" in items:
            items = root["$defs"][items["$ref"].rsplit("/", 1)[-1]]
        if "enum" in items:  # distinct values without rejection: a prefix of a shuffled list
            high = min(max(low, 3), len(items["enum"]))
            return st.tuples(st.permutations(items["enum"]), st.integers(low, high)).map(
                lambda t: list(t[0][: t[1]]))
        return st.lists(_for(spec["items"], path + (0,)), min_size=low, max_size=max(low, 2),
                        unique=bool(spec.get("uniqueItems")))
    if kind == "integer":
        return st.one_of(st.integers(spec.get("minimum", 0), 10**9), st.integers(0, validate.MAX_AMOUNT))
    if spec.get("format") == "partial-date":
        return _partial_date()
    if spec.get("format") == "date":
        return _date()
    name = path[-1]
    if name == "url":
        return _url()
    if name == "email":
        return _email()
    one_line = name in ("title", "name", "role", "organisation", "publisher") or path[:1] == ("areas",)
    return free_text(spec.get("minLength", 0), spec.get("maxLength", 400), lines=not one_line)


def _consistent(meta: dict) -> dict:
    """The draws put in the order the cross-field rules ask for (they are tested on their own)."""
    period = meta["period"]
    if period["end"] != "pågående" and period["end"][:4] < period["start"][:4]:
        period["start"], period["end"] = period["end"], period["start"]
    if meta["last_reviewed"] < meta["added"]:
        meta["added"], meta["last_reviewed"] = meta["last_reviewed"], meta["added"]
    if meta["scope"] in ("lokal", "regional") and not meta.get("municipalities"):
        meta["municipalities"] = ["Ale"]
    return meta


meta_strategy = st.builds(_consistent, _for(schema.resolved_schema(), ()))


# --- YAML text in every style -----------------------------------------------------------------

def _scalar(value, indent: int, style: str) -> str:
    if not isinstance(value, str):
        return " " + json.dumps(value)
    lines = value.split("\n")
    blockable = (value and value == value.strip() and all(line == line.lstrip() for line in lines))
    if style == "|" and " " not in value:  # keeps a final line break: for free text only
        style = "|-"
    if style in ("|", "|-", ">-") and blockable and (style != ">-" or "\n" not in value):
        pad = " " * (indent + 2)
        return f" {style}\n" + "\n".join(pad + line if line else "" for line in lines) + (
            "" if style.endswith("-") else "")
    if style == "'" and "\n" not in value:
        return " '" + value.replace("'", "''") + "'"
    return " " + json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted


def _emit(value, indent: int, styles) -> str:
    pad = " " * indent
    out = []
    if isinstance(value, dict):
        for key, item in value.items():
            if item == []:
                out.append(f"{pad}{key}: []")
            elif isinstance(item, (dict, list)):
                out.append(f"{pad}{key}:\n{_emit(item, indent + 2, styles)}")
            else:
                out.append(f"{pad}{key}:{_scalar(item, indent, next(styles))}")
    else:
        for item in value:
            if isinstance(item, dict):
                inner = _emit(item, indent + 2, styles)
                out.append(f"{pad}- {inner[indent + 2:]}")
            else:
                out.append(f"{pad}-{_scalar(item, indent + 2, next(styles))}")
    return "\n".join(out)


def _body(texts: list[str]) -> str:
    parts = []
    for section, text in zip(schema.section_headings(), texts):
        if section.required or text.strip():
            parts.append(f"## {section.label}\n\n{text.strip() or 'Text.'}")
    return "\n\n".join(parts)


@st.composite
def case_text(draw) -> str:
    """A whole case file: front matter in mixed YAML styles, and a body with every section."""
    meta = draw(meta_strategy)
    styles = itertools.cycle(draw(st.lists(st.sampled_from(["|", "|-", ">-", "'", '"']), min_size=1, max_size=40)))
    texts = draw(st.lists(free_text(1, 300), min_size=len(schema.section_headings()),
                          max_size=len(schema.section_headings())))
    return f"---\n{_emit(meta, 0, styles)}\n---\n\n{_body(texts)}\n"
