"""The case schema as a tree of fields, for the tools that ask people for a case.

The web form (``form.py``), the GitHub issue form (``issue_form.py``) and ``goda-exempel
new`` all walk this one tree, so every label, help text, limit and allowed value they show
comes from ``case.schema.json`` and ``vocabularies.yaml`` and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import rules, schema

# A vocabulary with more terms than this is typed with suggestions (municipalities),
# not picked from a list of boxes.
SUGGEST_OVER = 30


@dataclass(frozen=True)
class Field:
    key: str
    path: tuple[str, ...]  # from the top of the front matter; list positions left out
    spec: dict[str, Any] = field(repr=False, compare=False)  # the schema node, $ref resolved
    required: bool
    kind: str  # text, integer, date, choice, choices, strings, objects, group
    children: tuple["Field", ...] = ()  # group: its fields; objects: the fields of one item

    @property
    def title(self) -> str:
        return self.spec.get("title", self.key)

    @property
    def description(self) -> str:
        return self.spec.get("description", "")

    @property
    def hint(self) -> str | None:
        """How a value should be written (``x-hint``), for messages about its form."""
        return self.text_spec.get("x-hint")

    @property
    def text_spec(self) -> dict[str, Any]:
        """The node that constrains one text value: the field's own, or its items' for a list."""
        if self.kind in ("strings", "choices"):
            return _deref(self.spec.get("items", {}))
        return self.spec

    @property
    def vocabulary(self) -> schema.Vocabulary | None:
        name = self.text_spec.get("x-vocabulary")
        return schema.vocabulary(name) if name else None

    @property
    def min_items(self) -> int:
        return int(self.spec.get("minItems", 0))

    @property
    def unique(self) -> bool:
        return bool(self.spec.get("uniqueItems"))

    @property
    def long(self) -> bool:
        """Text long enough to deserve a text area rather than a one-line box. Text with a
        ``pattern`` (an address, a date) is one line: browsers check patterns only there."""
        spec = self.text_spec
        return self.kind == "text" and spec.get("maxLength", 0) > 200 and "pattern" not in spec

    @property
    def example(self) -> dict[str, Any]:
        """For a list of objects: one item as the schema's ``examples`` give it (or empty)."""
        items = _deref(self.spec.get("items", {})) if self.kind == "objects" else {}
        return dict((items.get("examples") or [{}])[0])

    @property
    def name(self) -> str:
        """A stable identifier made of the path, e.g. ``period-start``."""
        return "-".join(self.path)


def _deref(node: dict[str, Any]) -> dict[str, Any]:
    root = schema.raw_schema()
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _kind(spec: dict[str, Any]) -> str:
    kind = spec.get("type")
    if kind == "object":
        return "group"
    if kind == "integer":
        return "integer"
    if kind == "array":
        items = _deref(spec.get("items", {}))
        if items.get("type") == "object":
            return "objects"
        vocab = items.get("x-vocabulary")
        if vocab and len(schema.vocabulary(vocab).terms) <= SUGGEST_OVER:
            return "choices"
        return "strings"
    if "x-vocabulary" in spec:
        return "choice"
    if spec.get("format") == "date":
        return "date"
    return "text"


def _fields(node: dict[str, Any], path: tuple[str, ...]) -> tuple[Field, ...]:
    required = set(node.get("required", []))
    out = []
    for key, raw in node.get("properties", {}).items():
        spec = _deref(raw)
        kind = _kind(spec)
        children: tuple[Field, ...] = ()
        if kind == "group":
            children = _fields(spec, path + (key,))
        elif kind == "objects":
            children = _fields(_deref(spec["items"]), path + (key,))
        out.append(Field(key, path + (key,), spec, key in required, kind, children))
    return tuple(out)


@cache
def fields() -> tuple[Field, ...]:
    """The top-level fields in the schema's order, each with its sub-fields."""
    return _fields(schema.raw_schema(), ())


def by_key(key: str) -> Field:
    return next(f for f in fields() if f.key == key)


@dataclass(frozen=True)
class Condition:
    """``then`` fields required when every ``when`` field has one of the listed values."""

    when: dict[str, tuple[str, ...]]
    then: tuple[str, ...]
    min_items: dict[str, int]


@cache
def conditions() -> tuple[Condition, ...]:
    """The ``required-when`` rules of ``rules.yaml`` on top-level fields, as conditions."""
    out = []
    for rule in rules.rules():
        if rule.kind != "required-when" or len(rule.field) != 1 or len(rule.when_field) != 1:
            continue
        key = rule.field[0]
        mins = {key: 1} if by_key(key).kind in ("strings", "choices", "objects") else {}
        out.append(Condition({rule.when_field[0]: rule.when_in}, (key,), mins))
    return tuple(out)


def condition_text(key: str) -> str | None:
    """``Obligatoriskt när Geografisk räckvidd är Lokal eller Regional.`` for a conditional field."""
    parts = []
    for cond in conditions():
        if key not in cond.then:
            continue
        clauses = []
        for name, values in cond.when.items():
            f = by_key(name)
            vocab = f.vocabulary
            labels = [vocab.label_of(v) if vocab else v for v in values]
            joined = " eller ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)
            clauses.append(f"{f.title} är {joined}")
        parts.append(" och ".join(clauses))
    return f"Obligatoriskt när {' eller när '.join(parts)}." if parts else None
