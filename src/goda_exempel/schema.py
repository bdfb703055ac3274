"""The case schema and the controlled vocabularies: the one definition of a case.

``case.schema.json`` gives the structure; a field that takes a controlled value carries
``"x-vocabulary": NAME`` and its allowed values come from ``vocabularies.yaml`` (or, for
municipalities, from the geographic data). ``resolved_schema()`` is the schema with those
values filled in as ``enum``: it is what validation uses and what the site publishes.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Iterator

import yaml

from . import geo


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str
    required: bool = False
    absent: str | None = None  # a section: what the page says when a case leaves it out


@dataclass(frozen=True)
class Vocabulary:
    name: str
    label: str
    terms: tuple[Term, ...]

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.terms]

    def label_of(self, term_id: str) -> str:
        for t in self.terms:
            if t.id == term_id:
                return t.label
        return term_id


def _data_text(name: str) -> str:
    return resources.files("goda_exempel").joinpath("data", name).read_text("utf-8")


@cache
def raw_schema() -> dict[str, Any]:
    """The schema exactly as written in ``case.schema.json``."""
    return json.loads(_data_text("case.schema.json"))


@cache
def vocabularies() -> dict[str, Vocabulary]:
    data = yaml.safe_load(_data_text("vocabularies.yaml"))
    vocabs = {
        name: Vocabulary(name, spec["label"], tuple(Term(**t) for t in spec["values"]))
        for name, spec in data.items()
    }
    vocabs["municipalities"] = Vocabulary(
        "municipalities",
        "Kommun",
        tuple(
            Term(m.name, m.name, m.county)
            for m in sorted(geo.municipalities().values(), key=lambda m: m.code)
        ),
    )
    return vocabs


def vocabulary(name: str) -> Vocabulary:
    return vocabularies()[name]


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


@cache
def resolved_schema() -> dict[str, Any]:
    """The schema with every ``x-vocabulary`` expanded into an ``enum``. Shared: do not modify."""
    schema = copy.deepcopy(raw_schema())
    for node in _walk(schema):
        if "x-vocabulary" in node:
            node["enum"] = vocabulary(node["x-vocabulary"]).ids
    return schema


def field_order() -> list[str]:
    """Top-level fields in the order the schema lists them (the canonical file order)."""
    return list(raw_schema()["properties"])


def section_headings() -> list[Term]:
    """The body sections, in order, with their guiding questions."""
    return list(vocabulary("sections").terms)
