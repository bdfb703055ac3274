"""Cross-field rules: what must hold between fields of a case, from ``data/rules.yaml``.

The file is the one source of these rules. ``check`` applies them for validation;
``as_json`` hands the same rules to the web form's script, which applies them in the browser
with the same messages. The format and the rule kinds are documented at the top of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

FieldPath = tuple[str, ...]

KINDS = ("not-before", "required-when", "empty-when", "not-in-when")
PARTIAL_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_PARTIAL_DATE = re.compile(PARTIAL_DATE)
_MISSING = object()


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    field: FieldPath
    message: str
    other: FieldPath = ()  # not-before
    when_field: FieldPath = ()  # the *-when kinds
    when_in: tuple[str, ...] = ()
    not_in: tuple[str, ...] = ()  # not-in-when
    examples: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def reads(self) -> FieldPath:
        """The other field the rule reads: where a message about a missing field points."""
        return self.other or self.when_field

    def applies(self, meta: dict[str, Any]) -> bool:
        """For the *-when kinds: whether the condition holds."""
        return _one_of(get(meta, self.when_field), self.when_in)

    def broken(self, meta: dict[str, Any]) -> bool:
        value = get(meta, self.field)
        if self.kind == "not-before":
            other = get(meta, self.other)
            if not (isinstance(value, str) and isinstance(other, str)
                    and _PARTIAL_DATE.match(value) and _PARTIAL_DATE.match(other)):
                return False
            return value[: len(other)] < other[: len(value)]
        if not self.applies(meta):
            return False
        if self.kind == "required-when":
            return value is _MISSING or value == "" or value == []
        if self.kind == "empty-when":
            return value is not _MISSING and value not in ("", [], None)
        return _one_of(value, self.not_in)  # not-in-when

    def text(self, meta: dict[str, Any]) -> str:
        return (self.message.replace("{value}", _shown(get(meta, self.field)))
                .replace("{other}", _shown(get(meta, self.other)) if self.other else "{other}"))


def get(meta: Any, path: FieldPath) -> Any:
    """The value at a path of keys, or ``_MISSING``."""
    for key in path:
        if not isinstance(meta, dict) or key not in meta:
            return _MISSING
        meta = meta[key]
    return meta


def _one_of(value: Any, choices: tuple[str, ...]) -> bool:
    if isinstance(value, list):
        return any(isinstance(v, str) and v in choices for v in value)
    return isinstance(value, str) and value in choices


def _shown(value: Any) -> str:
    return "" if value is _MISSING else str(value)


def _path(value: Any, where: str) -> FieldPath:
    if not (isinstance(value, list) and value and all(isinstance(k, str) for k in value)):
        raise ValueError(f"rules.yaml: {where} must be a list of field names")
    return tuple(value)


def parse(data: Any) -> tuple[Rule, ...]:
    """Rules from the parsed file; a malformed rule is an error for the developer who wrote it."""
    out = []
    for spec in data["rules"]:
        rid = spec.get("id", "?")
        if spec.get("kind") not in KINDS:
            raise ValueError(f"rules.yaml: {rid}: kind must be one of {', '.join(KINDS)}")
        if not isinstance(spec.get("message"), str):
            raise ValueError(f"rules.yaml: {rid}: a message is required")
        known = {"id", "kind", "field", "message", "other", "when", "not_in", "examples"}
        if set(spec) - known:
            raise ValueError(f"rules.yaml: {rid}: unknown keys {sorted(set(spec) - known)}")
        kw: dict[str, Any] = {}
        if spec["kind"] == "not-before":
            kw["other"] = _path(spec.get("other"), f"{rid}: other")
        else:
            when = spec.get("when") or {}
            kw["when_field"] = _path(when.get("field"), f"{rid}: when.field")
            kw["when_in"] = tuple(when.get("in") or ())
            if not kw["when_in"]:
                raise ValueError(f"rules.yaml: {rid}: when.in must list values")
        if spec["kind"] == "not-in-when":
            kw["not_in"] = tuple(spec.get("not_in") or ())
            if not kw["not_in"]:
                raise ValueError(f"rules.yaml: {rid}: not_in must list values")
        out.append(Rule(rid, spec["kind"], _path(spec.get("field"), f"{rid}: field"), spec["message"].strip(),
                        examples=spec.get("examples") or {}, **kw))
    ids = [r.id for r in out]
    if len(set(ids)) != len(ids):
        raise ValueError("rules.yaml: two rules have the same id")
    return tuple(out)


@cache
def rules() -> tuple[Rule, ...]:
    text = resources.files("goda_exempel").joinpath("data", "rules.yaml").read_text("utf-8")
    return parse(yaml.safe_load(text))


def broken(meta: dict[str, Any]) -> list[Rule]:
    """The rules the front matter breaks, in the file's order."""
    return [rule for rule in rules() if rule.broken(meta)]


def check(meta: dict[str, Any]) -> list[tuple[FieldPath, str]]:
    """(field path, Swedish message) for every rule the front matter breaks, in the file's order."""
    return [(rule.field, rule.text(meta)) for rule in broken(meta)]


def as_json() -> dict[str, Any]:
    """The rules for a browser script, as plain JSON-able data:

    ``{"datePattern": "^[0-9]{4}…$", "rules": [{"id", "kind", "field": [...], "message",
    and by kind "other": [...] | "when": {"field": [...], "in": [...]}, "not_in": [...]}]}``.
    ``field``, ``other`` and ``when.field`` are paths of keys from the top of the front matter
    (join with "-" for the form's field names); ``message`` has the placeholders ``{value}``
    and ``{other}``. See the top of rules.yaml for what each kind means.
    """
    out = []
    for r in rules():
        item: dict[str, Any] = {"id": r.id, "kind": r.kind, "field": list(r.field), "message": r.message}
        if r.kind == "not-before":
            item["other"] = list(r.other)
        else:
            item["when"] = {"field": list(r.when_field), "in": list(r.when_in)}
        if r.kind == "not-in-when":
            item["not_in"] = list(r.not_in)
        out.append(item)
    return {"datePattern": PARTIAL_DATE, "rules": out}
