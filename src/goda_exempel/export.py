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
    For a spreadsheet: one row per case, sorted by id, UTF-8 with a byte order mark, ``;``
    between cells and CRLF line ends. The header row and the values are in Swedish, in the
    schema's field order: the page's address first; each field under the schema's title; an
    object whose properties include a required one (``period``, ``evaluation``, ``budget``) one
    column per property ("Tidsperiod: start"); a vocabulary's values as their labels ("Barn och
    unga", not ``barn-unga``); a list's values joined with ``"; "``; a list of objects (sources,
    contacts …) one object a line, its values joined with ``" – "`` (a value that repeats an earlier one of the
    same object left out: "Polisen", not "Polisen – Polisen"); last the counties and the
    municipality codes. An empty cell means the field is absent or empty. A cell that would
    start with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or an apostrophe has an
    apostrophe added, so that no spreadsheet runs it as a formula. Programs read the JSON, which
    has every value exactly as the case file has it, ids included.

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
LIST_SEPARATOR = "; "  # between the values of a list of words (themes, municipalities …)
ITEM_SEPARATOR = "\n"  # between the items of a list of objects (sources, contacts …): one a line
OBJECT_SEPARATOR = " – "  # between the values of one object (a name may hold a comma)
_GUARDED = ("=", "+", "-", "@", "\t", "\r", "'")  # formula triggers, and the guard itself
_GUARD = "'"


@dataclass(frozen=True)
class Column:
    name: str  # header, in Swedish: the schema's titles, e.g. "Tidsperiod: start"
    path: tuple[str, ...]  # where the value lives in the front matter; () for the derived columns
    spec: dict[str, Any]  # the value's schema


def _deref(spec: dict[str, Any]) -> dict[str, Any]:
    root = schema.raw_schema()
    while "$ref" in spec:
        spec = root["$defs"][spec["$ref"].rsplit("/", 1)[-1]]
    return spec


def csv_columns() -> list[Column]:
    """The CSV's columns, derived from the schema's field order and titles."""
    columns = [Column("Adress", (), {})]
    for name, spec in schema.raw_schema()["properties"].items():
        spec = _deref(spec)
        if spec.get("type") == "object" and spec.get("properties") and spec.get("required"):
            for sub, sub_spec in spec["properties"].items():
                sub_spec = _deref(sub_spec)
                columns.append(Column(f"{spec['title']}: {sub_spec['title'].lower()}", (name, sub), sub_spec))
        else:
            columns.append(Column(spec["title"], (name,), spec))
    columns += [Column("Län", (), {}), Column("Kommunkoder", (), {})]
    return columns


def cell_text(value: Any, spec: dict[str, Any]) -> str:
    """A present value as a spreadsheet user reads it: words (a vocabulary's labels, not its
    ids), a list's values joined with "; ", a list of objects one a line with each object's
    values joined with " – " in the schema's order. No JSON."""
    spec = _deref(spec)
    if isinstance(value, list):
        items = _deref(spec.get("items", {}))
        separator = ITEM_SEPARATOR if items.get("type") == "object" else LIST_SEPARATOR
        return separator.join(cell_text(v, items) for v in value)
    if isinstance(value, dict):
        order = list(spec.get("properties", {}))
        keys = sorted(value, key=lambda k: order.index(k) if k in order else len(order))
        texts = [cell_text(value[k], spec.get("properties", {}).get(k, {})) for k in keys]
        # "Polisen", not "Polisen – Polisen" (an organisation named as its type)
        return OBJECT_SEPARATOR.join(t for i, t in enumerate(texts) if t and t.casefold() not in
                                     [u.casefold() for u in texts[:i]])
    if isinstance(value, str) and "x-vocabulary" in spec:
        return schema.vocabulary(spec["x-vocabulary"]).label_of(value)
    return str(value)


def guard(text: str) -> str:
    """A cell's text that no spreadsheet runs as a formula: an apostrophe before a value that
    starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or an apostrophe."""
    return _GUARD + text if text.startswith(_GUARDED) else text


def _row(case: Case, site_url: str, columns: list[Column]) -> list[str]:
    meta = _front_matter(case)
    row = []
    for column in columns:
        if column.name == "Adress":
            text = case_page_url(case, site_url)
        elif column.name == "Län":
            text = LIST_SEPARATOR.join(case.counties)
        elif column.name == "Kommunkoder":
            text = LIST_SEPARATOR.join(m.code for m in case.municipalities)
        else:
            value: Any = meta
            for key in column.path:
                value = value.get(key) if isinstance(value, dict) else None
            text = "" if value is None else cell_text(value, column.spec)
        row.append(guard(text))
    return row


def to_csv(cases: Iterable[Case], site_url: str) -> bytes:
    columns = csv_columns()
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([c.name for c in columns])
    for case in _by_id(cases):
        writer.writerow(_row(case, site_url, columns))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def read_csv(data: bytes) -> list[dict[str, str]]:
    """The CSV export's rows, each as {header: cell text}."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=DELIMITER)
    return list(reader)


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
