"""Reading case files: bytes → front matter (with a line for every field) and body.

Nothing here knows the schema. The YAML reader is deliberately strict and small:
YAML 1.2 core scalars only (``no``, ``on`` and ``2018-02-30`` stay text), no anchors,
aliases, merge keys or custom tags, no duplicate keys, limited depth. Every problem is
reported as a :class:`Problem` with the file's line; nothing raises to the caller.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import ids
from .errors import Problem

MAX_BYTES = 200_000  # a long case is about 15 kB
MAX_LINE_CHARS = 5_000
MAX_DEPTH = 10
# Kept for code that calls it: what an id is lives in ids.py. \Z, not $, which would take a final \n.
ID_PATTERN = re.compile(r"^" + ids.PATTERN.pattern + r"\Z")
# Characters that are invisible or that YAML reads as a line break (so its line numbers
# would no longer match the file's); U+FEFF after the start of the file, which libyaml and
# PyYAML read differently; U+D800–U+DFFF and U+FFFE/U+FFFF can only come from a \-escape
# inside double quotes, and cannot be written to a UTF-8 file at all.
_BAD_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_LINE_BREAKS = "\x85\u2028\u2029"
_BAD_KEY_CHARACTER = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")

FieldPath = tuple[str | int, ...]


@dataclass
class SourceFile:
    """A case file as read: front matter and body, not yet validated."""

    id: str
    path: str  # as shown to people, e.g. "examples/trygga-grannar.md"
    meta: dict[str, Any] | None = None
    body: str = ""
    body_line: int = 1  # file line of the first body line
    text: str = ""  # the whole file as decoded (LF line ends), if it could be decoded
    lines: dict[FieldPath, int] = field(default_factory=dict)
    # plain scalars that YAML read as a number or a boolean, with their text as written
    raw: dict[FieldPath, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: FieldPath) -> int:
        """The line of a field, or of its nearest ancestor that is in the file."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def field_name(path: FieldPath) -> str:
    """``("sources", 0, "url")`` → ``"sources[1].url"`` (list positions counted from 1)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


slugify = ids.slugify  # kept for code that calls it


# --- bytes to text -----------------------------------------------------------------------


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text with LF line ends, or a problem that says what the file is instead."""

    def fail(line: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(path, line, "", message)]

    if len(data) > MAX_BYTES:
        return fail(1, too_big(len(data)))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(data) >= 4 and data.count(b"\x00") * 3 >= len(data)
    ):
        return fail(1, "filen är sparad som UTF-16. Spara den som UTF-8 (utan BOM) och försök igen.")
    if b"\x00" in data:
        return fail(data[: data.index(b"\x00")].count(b"\n") + 1,
                    "filen innehåller binära data (nolltecken). Ett exempel ska vara en textfil i UTF-8.")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        return fail(line, "filen är inte sparad som UTF-8 (den ser ut att vara Latin-1 eller "
                          "Windows-1252). Spara den som UTF-8 och försök igen.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line_text in enumerate(text.split("\n") if len(text) > MAX_LINE_CHARS else (), 1):
        if len(line_text) > MAX_LINE_CHARS:
            return fail(number, f"raden har {len(line_text)} tecken; högst {MAX_LINE_CHARS} är "
                                "tillåtet. Dela upp texten i stycken.")
    bad = _BAD_CHARACTER.search(text)
    if bad:
        return fail(text[: bad.start()].count("\n") + 1, _bad_character_message(bad.group()))
    return text, []


def too_big(size: int) -> str:
    return (f"filen är {-(-size // 1000)} kB; ett exempel får vara högst {MAX_BYTES // 1000} kB. "
            "Korta texten eller länka till en rapport.")


def _bad_character_message(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char in _LINE_BREAKS:
        return f"filen innehåller ett osynligt radbrytningstecken ({code}). Ersätt det med en vanlig radbrytning."
    return f"filen innehåller ett osynligt styrtecken ({code}). Ta bort det."


# --- the strict YAML reader ----------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, mark: Any, message: str):
        super().__init__(message)
        self.line = mark.line if mark is not None else 0
        self.message = message


class _Loader(yaml.SafeLoader):
    """SafeLoader composing nodes only, with YAML 1.2 core scalar resolution."""

    yaml_implicit_resolvers: dict = {}

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, "YAML-alias (*namn) är inte tillåtna. Skriv ut värdet i stället.")
        if getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, "YAML-ankare (&namn) är inte tillåtna. Skriv ut värdet där det behövs.")
        if getattr(event, "tag", None) not in (None, "!"):
            raise _Refused(event.start_mark, "YAML-taggar (som !!str eller !namn) är inte tillåtna. "
                                             "Ta bort taggen och sätt värdet inom citattecken om det behövs.")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"värdena är nästlade i mer än {MAX_DEPTH} nivåer.")
        try:
            return yaml.composer.Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


_SCALARS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]
for _tag, _regexp, _first in _SCALARS:
    _Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# PyYAML's messages, in plain Swedish with the usual fix (first match wins).
_YAML_MESSAGES = [
    ("found character '\\t'", "tabbtecken är inte tillåtna i YAML. Använd mellanslag för indrag."),
    ("while scanning an anchor", "ett & i början av ett värde. Sätt värdet inom citattecken."),
    ("while scanning an alias", "ett * i början av ett värde. Sätt värdet inom citattecken."),
    ("while scanning a tag", "ett ! i början av ett värde. Sätt värdet inom citattecken."),
    ("directive", "en rad som börjar med %. Ta bort raden, eller sätt texten inom citattecken."),
    ("document", "en rad som börjar med %, --- eller ... inne i framsidan. Framsidan ska bara innehålla "
                 "fält och sluta med en rad med bara ---."),
    ("expected a comment or a line break", "text efter det avslutande citattecknet. Sätt hela värdet inom "
                                           "citattecken, och skriv citat inuti texten med ”…”."),
    ("expected ',' or ']'", "en lista inom [ ] som inte stängs. Skriv värdena med komma emellan och avsluta med ]."),
    ("expected ',' or '}'", "en grupp inom { } som inte stängs. Avsluta med }, eller sätt texten inom citattecken."),
    ("block scalar", "fel efter | eller >. Skriv bara | (eller >-) sist på raden och börja texten på nästa "
                     "rad med indrag."),
    ("escape", "ett okänt \\-tecken inom dubbla citattecken. Använd enkla citattecken i stället."),
    ("mapping values are not allowed", "ett kolon på fel ställe. Sätt texten inom citattecken "
                                       "om den innehåller ': ', till exempel title: \"Trygghet: så gjorde vi\"."),
    ("could not find expected ':'", "ett fältnamn utan kolon, eller en text som fortsätter på nästa rad "
                                    "utan indrag. Skriv fält: värde, och sätt långa texter inom citattecken."),
    ("found unexpected end of stream", "ett citattecken som aldrig stängs. Avsluta texten med samma citattecken."),
    ("expected <block end>, but found ':'", "ett kolon utan fältnamn före. Skriv fält: värde."),
    ("expected <block end>, but found '-'", "ett listelement (-) med fel indrag. Ge alla element i listan samma indrag."),
    ("expected <block end>", "fel indrag. Fält på samma nivå ska ha exakt samma indrag."),
    ("found undefined", "ett tecken som inte kan inleda ett värde. Sätt värdet inom citattecken."),
    ("cannot start any token", "ett tecken som inte kan inleda ett värde. Sätt värdet inom citattecken."),
    ("expected the node content", "ett värde saknas eller börjar med ett tecken som inte är tillåtet. "
                                  "Sätt värdet inom citattecken."),
]


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    problem = f"{error.context or ''} {error.problem or ''}"
    for english, swedish in _YAML_MESSAGES:
        if english in problem:
            return f"YAML-fel: {swedish}"
    return "YAML-fel: raden kan inte läsas. Kontrollera indrag, kolon och citattecken."


class _Builder:
    """Turns composed YAML nodes into plain values, recording a line for every field."""

    def __init__(self, source: SourceFile, first_line: int, escapes: bool = True):
        self.source = source
        self.offset = first_line  # file line of YAML line 0
        # False: the YAML has no \-escape and passed decode(), so no text value can hold a
        # character _BAD_CHARACTER finds, and the search for one is not needed
        self.escapes = escapes

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.offset

    def problem(self, node: yaml.Node, path: FieldPath, message: str) -> None:
        self.source.problems.append(Problem(self.source.path, self.line(node), field_name(path), message))

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        lines, offset = self.source.lines, self.offset
        items = []
        for index, item in enumerate(node.value):
            item_path = path + (index,)
            lines[item_path] = item.start_mark.line + offset
            items.append(self.build(item, item_path))
        return items

    def mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, int] = {}
        lines, offset = self.source.lines, self.offset
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (_STR, "tag:yaml.org,2002:int"):
                self.problem(key_node, path, "ett fältnamn måste vara ett ord, till exempel title.")
                continue
            key = key_node.value
            if not key.strip() or (not key.isprintable() and _BAD_KEY_CHARACTER.search(key)):
                self.problem(key_node, path, "ett fältnamn måste vara ett ord, till exempel title.")
                continue
            key_path = path + (key,)
            if key == "<<":
                self.problem(key_node, key_path, "YAML-sammanslagning (<<) är inte tillåten. Skriv ut fälten.")
                continue
            if key in seen:
                self.problem(key_node, key_path,
                             f"fältet står två gånger (första gången på rad {seen[key]}). Ta bort det ena.")
                continue
            seen[key] = lines[key_path] = key_node.start_mark.line + offset
            result[key] = self.build(value_node, key_path)
        return result

    def scalar(self, node: yaml.ScalarNode, path: FieldPath) -> Any:
        value = node.value
        if node.tag == _STR:
            bad = self.escapes and _BAD_CHARACTER.search(value)
            if bad:  # only a \-escape inside double quotes can get here
                self.problem(node, path, f"innehåller ett osynligt styrtecken (U+{ord(bad.group()):04X}), "
                                         "skrivet som \\-kod inom citattecken. Ta bort det.")
                return _BAD_CHARACTER.sub("\ufffd", value)
            return value
        if node.tag in (_SEQ, _MAP):
            return value
        plain = node.style in (None, "")  # PyYAML says None for a plain scalar, libyaml ""
        if node.tag == "tag:yaml.org,2002:null":
            return None
        if node.tag == "tag:yaml.org,2002:bool":
            result: Any = value.lower() == "true"
        elif node.tag == "tag:yaml.org,2002:int":
            try:
                result = int(value)
            except ValueError:  # more digits than Python converts; no field wants such a number
                return value
        elif node.tag == "tag:yaml.org,2002:float":
            result = float(value.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf")
                           .replace(".nan", "nan").replace(".NaN", "nan").replace(".NAN", "nan"))
        else:
            self.problem(node, path, f"YAML-taggen {node.tag} är inte tillåten. Ta bort taggen.")
            return value
        if plain:
            self.source.raw[path] = value
        return result


try:  # libyaml's parser (shipped in PyYAML's wheels) under the same checks: ten times faster
    from yaml._yaml import CParser as _CParser

    class _FastLoader(yaml.composer.Composer, _CParser, yaml.constructor.SafeConstructor,
                      yaml.resolver.Resolver):
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
        compose_node = _Loader.compose_node

        def __init__(self, stream: str):
            _CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            yaml.composer.Composer.__init__(self)
            self._depth = 0

    class _Tree(_CParser):
        """libyaml's own composer (in C): the node tree with the same marks as ``_FastLoader``,
        without an event object per node. It cannot refuse anchors and tags itself, so it is
        only used where the text shows there are none (see ``_compose_simple``); the node
        count and the depth are kept through the resolver calls it makes for every node."""

        def __init__(self, stream: str):
            _CParser.__init__(self, stream)
            self._depth = 0
            self.nodes = 0  # every node except an alias (libyaml calls descend_resolver for them)
            self.resolved = 0  # the nodes without a tag (libyaml calls resolve only for them)

        def descend_resolver(self, parent, index):  # noqa: ANN001 - PyYAML's signature
            self.nodes += 1
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise _NotSimple  # stops the C recursion here; the strict reader says why

        def ascend_resolver(self):
            self._depth -= 1

        def resolve(self, kind, value, implicit):  # noqa: ANN001 - PyYAML's signature
            """``Resolver.resolve`` with ``_Loader``'s resolvers and no path resolvers."""
            self.resolved += 1
            if kind is yaml.ScalarNode:
                if implicit[0]:
                    for tag, regexp in _IMPLICIT.get(value[:1], ()):
                        if regexp.match(value):
                            return tag
                return _STR
            return _SEQ if kind is yaml.SequenceNode else _MAP
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    _FastLoader = _Tree = None

_IMPLICIT = _Loader.yaml_implicit_resolvers  # first character ("" for empty text) -> [(tag, regexp)]


class _NotSimple(Exception):
    """The front matter needs the strict reader."""


# An anchor (&name) starts a token: it follows white space, an indicator, a quote or the start,
# and its name begins with a character libyaml allows in one. Text without such an & has no
# anchor, and so no alias that resolves either.
_MAY_BE_ANCHOR = re.compile(r"""(?:^|[\s\[\]{},:?\-'"|>!%@`])&[0-9A-Za-z_-]""")


def _compose_simple(text: str):
    """The node tree composed in C, or ``_NotSimple`` if the text may hold an anchor, an alias,
    a tag or nesting deeper than MAX_DEPTH, or is not valid YAML. Where it returns a tree, the
    strict reader would return the same tree and refuse nothing."""
    if _Tree is None or ("&" in text and _MAY_BE_ANCHOR.search(text)):
        raise _NotSimple
    tree = _Tree(text)
    try:
        node = tree.get_single_node()
    except Exception as e:  # undefined aliases, YAML errors, too deep: all for the strict reader
        raise _NotSimple from e
    if tree.nodes != tree.resolved:  # a node with a tag
        raise _NotSimple
    return node


def _compose(text: str):
    """The YAML node tree. Text that is not valid YAML is read again by PyYAML's own parser,
    whose error messages the Swedish ones above are written for."""
    try:
        return _compose_simple(text)
    except _NotSimple:
        pass
    return _compose_strict(text)


def _compose_strict(text: str):
    """``_compose`` without the C composer: every node passes ``_Loader.compose_node``."""
    if _FastLoader is not None:
        loader = _FastLoader(text)
        try:
            return loader.get_single_node()
        except yaml.MarkedYAMLError:
            pass
        finally:
            loader.dispose()
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def parse_yaml(source: SourceFile, text: str, first_line: int, decoded: bool = False) -> None:
    """Fill ``source.meta`` and ``source.lines`` from YAML text starting at ``first_line``.
    ``decoded``: the text comes from ``decode()``, which refuses every bad character."""
    try:
        node = _compose(text)
    except _Refused as e:
        source.problems.append(Problem(source.path, e.line + first_line, "", e.message))
        return
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if "end of stream" in str(e.problem) and e.context_mark is not None:
            mark = e.context_mark  # where the unclosed quote or bracket began
        line = (mark.line if mark else 0) + first_line
        directive = next((i for i, t in enumerate(text.split("\n")) if t.startswith("%")), None)
        if directive is not None and "document" in f"{e.context} {e.problem}":
            line = directive + first_line  # PyYAML points at the line after a % directive
        source.problems.append(Problem(source.path, line, "", _yaml_message(e)))
        return
    except yaml.YAMLError:  # pragma: no cover - decode() rejects what PyYAML's reader cannot read
        source.problems.append(Problem(source.path, first_line, "", "YAML-fel: framsidan kan inte läsas. "
                                                                    "Kontrollera indrag, kolon och citattecken."))
        return
    if node is None:
        source.meta = {}
        return
    if not isinstance(node, yaml.MappingNode):
        source.problems.append(Problem(source.path, node.start_mark.line + first_line, "",
                                       "framsidan ska bestå av fält som title: Rubrik, ett per rad."))
        return
    source.meta = _Builder(source, first_line, escapes=not decoded or "\\" in text).mapping(node, ())


# --- files ----------------------------------------------------------------------------------


def parse(data: bytes, path: str, case_id: str) -> SourceFile:
    """Parse one case file's bytes. Problems are collected in ``.problems``; never raises."""
    source = SourceFile(id=case_id, path=path)
    text, problems = decode(data, path)
    source.problems.extend(problems)
    if text is None:
        return source
    source.text = text
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        source.problems.append(Problem(path, 1, "", "filen saknar framsida. Den ska börja med en rad "
                                                    "med bara --- följd av fälten och en rad till med ---."))
        return source
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if close is None:
        source.problems.append(Problem(path, 1, "", "framsidan stängs aldrig. Lägg till en rad med bara "
                                                    "--- efter det sista fältet."))
        return source
    parse_yaml(source, "\n".join(lines[1:close]), first_line=2, decoded=True)
    source.body = "\n".join(lines[close + 1:])
    source.body_line = close + 2
    return source


def check_file_name(path: Path, shown: str) -> list[Problem]:
    if path.suffix != ".md":
        return [Problem(shown, 1, "", "en exempelfil ska sluta på .md.")]
    why = ids.problem(path.stem)
    return [Problem(shown, 1, "", why)] if why else []


def read(path: Path, shown: str | None = None) -> SourceFile:
    shown = shown or path.as_posix()
    if path.is_symlink():
        source = SourceFile(id=path.stem, path=shown)
        source.problems.append(Problem(shown, 1, "", "filen är en länk. Lägg själva filen i examples/."))
        return source
    try:  # only a regular file is opened: a named pipe (FIFO) or a device would block or never end
        kind = path.stat().st_mode
    except OSError:
        kind = None
    if kind is not None and not stat.S_ISREG(kind):
        source = SourceFile(id=path.stem, path=shown)
        source.problems.append(Problem(shown, 1, "", "är inte en vanlig fil (utan till exempel en namngiven "
                                                     "rörledning eller en enhet). Lägg en textfil här."))
        return source
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
            size = os.fstat(handle.fileno()).st_size
    except OSError as e:
        source = SourceFile(id=path.stem, path=shown)
        source.problems.append(Problem(shown, 1, "", f"filen kan inte läsas ({e.strerror})."))
        return source
    if len(data) > MAX_BYTES:  # only the start was read: say how big the file really is
        source = SourceFile(id=path.stem, path=shown)
        source.problems.append(Problem(shown, 1, "", too_big(max(size, len(data)))))
    else:
        source = parse(data, shown, path.stem)
    source.problems[:0] = check_file_name(path, shown)
    return source


def case_files(root: Path) -> list[Path]:
    """The case files directly in ``root`` (``examples/``): no subfolders, no links out of it."""
    root = root.resolve()
    files = []
    with os.scandir(root) as entries:  # the file type without a stat per file
        names = sorted((entry.name, entry) for entry in entries)
    for name, entry in names:
        if name.startswith(".") or name == "README.md":  # the folder's guide; readme.md is refused
            continue
        try:
            folder = entry.is_dir()
        except OSError:  # e.g. a link that points at itself: as Path.is_dir() decides
            folder = (root / name).is_dir()
        if not folder:
            files.append(root / name)
    return files
