"""Writing a case file: front matter in the schema's field order, then the body.

Used by every tool that writes a case (``new``, ``from-issue``, ``fmt``). Whatever it
writes, ``load.parse`` reads back as the same values: a string that any YAML reader could
take for something else (``no``, ``2018-02-30``, ``1e5``, ``null``) is quoted.
"""

from __future__ import annotations

import re
from typing import Any

import frontmatter
import yaml

from . import schema


class _Dumper(yaml.SafeDumper):
    """SafeDumper that also quotes what a YAML 1.2 reader would not read as text."""


_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        # literal block keeps line breaks as written; PyYAML falls back to quotes if it must
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def ordered(value: Any, spec: dict[str, Any] | None) -> Any:
    """Order mapping keys as the schema lists them; keys it does not know go last, as they came."""
    root = schema.raw_schema()
    while spec is not None and "$ref" in spec:
        spec = root["$defs"][spec["$ref"].rsplit("/", 1)[-1]]
    if isinstance(value, dict):
        props = (spec or {}).get("properties", {})
        keys = [k for k in props if k in value] + [k for k in value if k not in props]
        return {k: ordered(value[k], props.get(k)) for k in keys}
    if isinstance(value, list):
        return [ordered(v, (spec or {}).get("items")) for v in value]
    return value


def dump_meta(meta: dict[str, Any]) -> str:
    return yaml.dump(ordered(meta, schema.raw_schema()), Dumper=_Dumper, allow_unicode=True,
                     sort_keys=False, default_flow_style=False, width=100, indent=2)


def dump_case(meta: dict[str, Any], body: str) -> str:
    """The whole file: ``---``, front matter, ``---``, a blank line, the body, a final newline."""
    post = frontmatter.Post(body.strip("\n"), **ordered(meta, schema.raw_schema()))
    text = frontmatter.dumps(post, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                             default_flow_style=False, width=100, indent=2)
    return text.rstrip("\n") + "\n"
