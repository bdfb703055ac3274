"""Open data: every validated case as JSON (with its JSON Schema), as CSV, and as an Atom feed.

Pure functions from a list of validated :class:`Case` objects to bytes. Nothing here reads
a clock, the environment or the file system, so the same cases always give the same bytes
(a build is byte-reproducible). The site publishes ``data/exempel.json``,
``data/case.schema.json``, ``data/exempel.csv`` and ``feed.xml`` (``hooks/export.py``);
``goda-exempel export`` writes the same bytes.

JSON (``exempel.json``)
    ``{"version", "schema", "generated_from", "count", "cases"}``. Each case is
    ``{"id", "url", <front matter exactly as in the file, in schema order>, "derived"}``,
    sorted by id. Without ``id``, ``url`` and ``derived`` a case validates against the
    published schema (``case.schema.json``, the schema with every vocabulary as an ``enum``).

CSV (``exempel.csv``)
    One row per case, sorted by id, a header row with the field names, UTF-8 with a byte order
    mark, ``;`` between cells and CRLF line ends. Columns, in the schema's field order:

    * ``id`` and ``url`` first;
    * a text field: the text;
    * a list of vocabulary ids (themes, methods, municipalities …): the ids joined with ``"; "``
      (no id contains ``;``; the export refuses one that does);
    * an object whose properties include a required one (``period``, ``evaluation``,
      ``budget``): one column per property, named ``object.property`` (``period.start``); the
      object is absent when all its cells are empty;
    * anything else (numbers, free-text lists such as ``areas``, lists of objects such as
      ``sources``): the value as JSON;
    * last, ``derived.counties`` and ``derived.municipality_codes``, joined with ``"; "``.

    An empty cell means the field is absent. A cell that starts with an apostrophe ``'`` has
    had one added, and the apostrophe is not part of the value: it is added before every value
    that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (which a spreadsheet
    would run as a formula), before a value that starts with ``'`` itself, and as the whole
    cell for a value that is present but empty (``""`` or an empty list). :func:`read_csv`
    undoes all of it.

Atom (``feed.xml``)
    The newest cases by ``added``, in Swedish, with each case's page, summary and themes.
    ``updated`` is the case's ``last_reviewed`` date; the feed's is the latest of those.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any, Iterable
from urllib.parse import urljoin

from . import lists, pages, schema
from .model import Case
from .serialize import ordered

EXPORT_VERSION = 1
SCHEMA_FILE = "case.schema.json"
# Where the site publishes each file, relative to the site root.
JSON_PATH = "data/exempel.json"
SCHEMA_PATH = f"data/{SCHEMA_FILE}"
CSV_PATH = "data/exempel.csv"
FEED_PATH = "feed.xml"
FEED_ENTRIES = 20

# Keys a case has in the export besides its front matter.
EXTRA_KEYS = ("id", "url", "derived")


def _site_root(site_url: str) -> str:
    if not site_url:
        raise ValueError("site_url is required: the export holds absolute addresses")
    return site_url if site_url.endswith("/") else site_url + "/"


def case_page_url(case: Case, site_url: str) -> str:
    """The absolute address of the case's page."""
    return urljoin(_site_root(site_url), pages.case_url(case))


def _by_id(cases: Iterable[Case]) -> list[Case]:
    return sorted(cases, key=lambda c: c.id)


def _front_matter(case: Case) -> dict[str, Any]:
    return ordered(case.meta, schema.raw_schema())


def _derived(case: Case) -> dict[str, list[str]]:
    return {
        "counties": case.counties,
        "municipality_codes": [m.code for m in case.municipalities],
    }


def last_change(cases: Iterable[Case]) -> str | None:
    """The latest ``added`` or ``last_reviewed`` date (ISO), or None without cases."""
    dates = [c.meta[k] for c in cases for k in ("added", "last_reviewed")]
    return max(dates) if dates else None


def source_digest(cases: Iterable[Case]) -> str:
    """SHA-256 of the cases' content (id, front matter as sorted JSON, text), by id."""
    digest = hashlib.sha256()
    for case in _by_id(cases):
        digest.update(f"{case.id}\n".encode())
        digest.update(json.dumps(case.meta, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        digest.update(b"\n")
        digest.update(case.body.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


# --- JSON ---------------------------------------------------------------------------------------


def published_schema(site_url: str | None = None) -> dict[str, Any]:
    """The schema as published: vocabularies filled in as enums, ``$id`` where it is published."""
    published = dict(schema.resolved_schema())  # shallow copy: the shared schema stays as it is
    if site_url:
        published["$id"] = urljoin(_site_root(site_url), SCHEMA_PATH)
    clash = set(EXTRA_KEYS) & set(published["properties"])
    if clash:  # the export adds these keys beside the front matter; they must stay unambiguous
        raise ValueError(f"schema fields clash with export keys: {sorted(clash)}")
    return published


def schema_json(site_url: str | None = None) -> bytes:
    return _json_bytes(published_schema(site_url))


def export_data(cases: Iterable[Case], site_url: str) -> dict[str, Any]:
    cases = _by_id(cases)
    return {
        "version": EXPORT_VERSION,
        "schema": SCHEMA_FILE,
        "generated_from": {"sha256": source_digest(cases), "last_change": last_change(cases)},
        "count": len(cases),
        "cases": [
            {"id": c.id, "url": case_page_url(c, site_url), **_front_matter(c), "derived": _derived(c)}
            for c in cases
        ],
    }


def to_json(cases: Iterable[Case], site_url: str) -> bytes:
    return _json_bytes(export_data(cases, site_url))


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- CSV ----------------------------------------------------------------------------------------

# Swedish Excel splits a double-clicked .csv file on its list separator, which is ";" in a
# Swedish locale, and reads it as UTF-8 only when the file starts with a byte order mark.
# A "sep=;" first line would make any locale split on ";", but Excel then ignores the byte
# order mark and shows å/ä/ö garbled, and every other CSV reader sees a bogus first row.
# So: BOM, ";" and no "sep=" line. In an English-locale Excel, use Data > From Text/CSV.
DELIMITER = ";"
LIST_SEPARATOR = "; "
_GUARDED = ("=", "+", "-", "@", "\t", "\r", "'")  # formula triggers, and the guard itself
_GUARD = "'"


@dataclass(frozen=True)
class Column:
    name: str  # header, e.g. "period.start"
    path: tuple[str, ...]  # where the value lives in the front matter; () for id/url/derived
    kind: str  # "text", "joined" (vocabulary ids) or "json"


def _deref(spec: dict[str, Any]) -> dict[str, Any]:
    root = schema.raw_schema()
    while "$ref" in spec:
        spec = root["$defs"][spec["$ref"].rsplit("/", 1)[-1]]
    return spec


def _kind(spec: dict[str, Any]) -> str:
    spec = _deref(spec)
    if spec.get("type") == "string":
        return "text"
    if spec.get("type") == "array":
        items = _deref(spec.get("items", {}))
        if items.get("type") == "string" and "x-vocabulary" in items:
            return "joined"
    return "json"


def csv_columns() -> list[Column]:
    """The CSV's columns, derived from the schema's field order."""
    columns = [Column("id", (), "text"), Column("url", (), "text")]
    for name, spec in schema.raw_schema()["properties"].items():
        spec = _deref(spec)
        if spec.get("type") == "object" and spec.get("properties") and spec.get("required"):
            for sub, sub_spec in spec["properties"].items():
                columns.append(Column(f"{name}.{sub}", (name, sub), _kind(sub_spec)))
        else:
            columns.append(Column(name, (name,), _kind(spec)))
    columns += [Column("derived.counties", (), "joined"), Column("derived.municipality_codes", (), "joined")]
    return columns


def encode_cell(value: Any, kind: str) -> str:
    """A present value as cell text (see the module docstring); reversed by :func:`decode_cell`."""
    if kind == "text":
        if not isinstance(value, str):
            raise TypeError(f"expected text, got {value!r}")
        text = value
    elif kind == "joined":
        if any(not isinstance(v, str) or ";" in v or not v for v in value):
            raise ValueError(f"cannot join {value!r} with {LIST_SEPARATOR!r} reversibly")
        text = LIST_SEPARATOR.join(value)
    else:
        text = json.dumps(value, ensure_ascii=False)
    if text == "" or text.startswith(_GUARDED):
        text = _GUARD + text
    return text


def decode_cell(text: str, kind: str) -> Any:
    """The value of a non-empty cell."""
    if text.startswith(_GUARD):
        text = text[len(_GUARD):]
    if kind == "text":
        return text
    if kind == "joined":
        return text.split(LIST_SEPARATOR) if text else []
    return json.loads(text)


def _row(case: Case, site_url: str, columns: list[Column]) -> list[str]:
    meta = _front_matter(case)
    derived = _derived(case)
    row = []
    for column in columns:
        if column.name == "id":
            value: Any = case.id
        elif column.name == "url":
            value = case_page_url(case, site_url)
        elif column.name.startswith("derived."):
            value = derived[column.name.split(".", 1)[1]]
        else:
            value = meta
            for key in column.path:
                value = value.get(key) if isinstance(value, dict) else None
        row.append("" if value is None else encode_cell(value, column.kind))
    return row


def to_csv(cases: Iterable[Case], site_url: str) -> bytes:
    columns = csv_columns()
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([c.name for c in columns])
    for case in _by_id(cases):
        writer.writerow(_row(case, site_url, columns))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@dataclass(frozen=True)
class CsvRow:
    id: str
    url: str
    meta: dict[str, Any]  # the front matter, as in the case file
    derived: dict[str, list[str]]


def read_csv(data: bytes) -> list[CsvRow]:
    """Read the CSV export back: every field's value exactly as the case file has it."""
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=DELIMITER)
    header = next(reader)
    kinds = {c.name: c for c in csv_columns()}
    rows = []
    for cells in reader:
        values = dict(zip(header, cells, strict=True))
        meta: dict[str, Any] = {}
        derived: dict[str, list[str]] = {}
        for name, text in values.items():
            if text == "" or name in ("id", "url"):
                continue
            column = kinds[name]
            value = decode_cell(text, column.kind)
            if name.startswith("derived."):
                derived[name.split(".", 1)[1]] = value
            elif len(column.path) == 1:
                meta[column.path[0]] = value
            else:
                meta.setdefault(column.path[0], {})[column.path[1]] = value
        rows.append(CsvRow(values["id"], values["url"], ordered(meta, schema.raw_schema()), derived))
    return rows


# --- Atom ---------------------------------------------------------------------------------------

ATOM_NS = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot hold at all (the loader refuses them in files, but a YAML escape
# such as "\x01" could still produce one).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def feed_title(site_name: str) -> str:
    return f"{site_name}: nya exempel"


def _atom_time(date: str) -> str:
    return f"{date}T00:00:00Z"


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def to_atom(cases: Iterable[Case], site_url: str, site_name: str, count: int = FEED_ENTRIES) -> bytes:
    """An Atom feed (RFC 4287) of the ``count`` newest cases by ``added``."""
    root_url = _site_root(site_url)
    cases = list(cases)
    entries = lists.newest(cases, count)
    themes = schema.vocabulary("themes")

    # Unqualified tags under an explicit default namespace: ElementTree's default_namespace
    # option refuses the unqualified attributes Atom uses (rel, href, type).
    feed = ET.Element("feed", {"xmlns": ATOM_NS, _XML_LANG: "sv"})
    _el(feed, "id", root_url)
    _el(feed, "title", feed_title(site_name))
    _el(feed, "subtitle", f"Exempel som har lagts till i {site_name}.")
    _el(feed, "link", rel="self", type="application/atom+xml", href=urljoin(root_url, FEED_PATH))
    _el(feed, "link", rel="alternate", type="text/html", href=root_url)
    # No wall clock: the feed changes when a case does. 1970 only for a feed without cases.
    _el(feed, "updated", _atom_time(max((c.meta["last_reviewed"] for c in entries), default="1970-01-01")))
    author = _el(feed, "author")
    _el(author, "name", site_name)
    _el(author, "uri", root_url)
    for case in entries:
        url = case_page_url(case, root_url)
        entry = _el(feed, "entry")
        _el(entry, "id", url)
        _el(entry, "title", case.title)
        _el(entry, "link", rel="alternate", type="text/html", href=url)
        _el(entry, "published", _atom_time(case.meta["added"]))
        _el(entry, "updated", _atom_time(case.meta["last_reviewed"]))
        _el(entry, "summary", case.meta["summary"], type="text")
        for theme in case.meta["themes"]:
            _el(entry, "category", term=theme, label=themes.label_of(theme))
    ET.indent(feed, space="  ")
    tree = ET.ElementTree(feed)
    out = io.BytesIO()
    tree.write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue() + b"\n"


# --- all formats --------------------------------------------------------------------------------

FORMATS = ("json", "csv", "atom")


def export(cases: Iterable[Case], fmt: str, site_url: str, site_name: str) -> bytes:
    cases = list(cases)
    if fmt == "json":
        return to_json(cases, site_url)
    if fmt == "csv":
        return to_csv(cases, site_url)
    if fmt == "atom":
        return to_atom(cases, site_url, site_name)
    raise ValueError(f"unknown format {fmt!r}")


def site_files(cases: Iterable[Case], site_url: str, site_name: str) -> dict[str, bytes]:
    """Every open-data file the site publishes, by its path from the site root."""
    cases = list(cases)
    return {
        JSON_PATH: to_json(cases, site_url),
        SCHEMA_PATH: schema_json(site_url),
        CSV_PATH: to_csv(cases, site_url),
        FEED_PATH: to_atom(cases, site_url, site_name),
    }
