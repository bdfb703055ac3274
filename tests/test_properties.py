"""Generated input (Hypothesis): nothing a contributor can write makes the reader or the
validator raise or hang, and every valid case survives a trip through ``serialize.dump_case``."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goda_exempel import load
from goda_exempel.serialize import dump_case
from goda_exempel.validate import validate_source

VALID = Path(__file__).parent / "nasty" / "giltigt.md"
BASE_TEXT = VALID.read_text(encoding="utf-8")

# Every example must finish well within this; a hang or a blow-up fails the test.
BOUNDED = settings(deadline=timedelta(seconds=3), suppress_health_check=[HealthCheck.too_slow])

# Pieces that YAML, Markdown and the reader treat specially.
PIECES = [
    "title", "summary", "period", "start", "end", "sources", "url", ": ", ":", "- ", "  ", "    ", "\t",
    "&a ", "*a", "!!str ", "!!python/object:os.system ", "!x ", "<<: ", "? ", "|", "|-", ">", ">-", "'",
    '"', "[", "]", "{", "}", ",", "#", "%YAML 1.1", "%", "---", "...", "\\", "\\x07", "\\ud800", "\\0",
    "1", "0x1F", "1e5", "9" * 40, ".inf", ".nan", "no", "on", "yes", "2018-02-30", "null", "~", "true",
    "å", "ö", "\u2028", "\x85", "\ufeff", "\x07", "@", "`", "\r", "\r\n", "\n", "\n", "\n", "=",
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "https://a.se", "811218-9876", "## ",
    "# ", "- - - - - - - - - - - - ", "*" * 120,
]
yamlish = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def check(data: bytes) -> None:
    """What must hold for any input: problems, not exceptions, each with a real line."""
    source = load.parse(data, "examples/x.md", "x")
    case, problems = validate_source(source)
    lines = data.count(b"\n") + data.count(b"\r") + 2
    for problem in problems:
        assert problem.path == "examples/x.md"
        assert 1 <= problem.line <= lines, problem
        assert problem.message and problem.text().encode("utf-8")
    assert (case is None) == bool(problems)


@BOUNDED
@given(st.binary(max_size=4000))
def test_arbitrary_bytes(data):
    check(data)


@BOUNDED
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_after_a_front_matter_line(data):
    check(b"---\n" + data)


@BOUNDED
@given(front=yamlish, body=yamlish)
def test_yaml_like_text(front, body):
    check(f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass"))


@BOUNDED
@given(edits=st.lists(st.tuples(st.integers(0, len(BASE_TEXT)), st.integers(0, 8),
                                st.lists(st.sampled_from(PIECES), max_size=4).map("".join)), max_size=4))
def test_small_edits_to_a_valid_case(edits):
    text = BASE_TEXT
    for position, cut, insert in edits:
        text = text[:position] + insert + text[position + cut:]
    check(text.encode("utf-8", "surrogatepass"))


# --- valid cases round-trip through serialize.dump_case ------------------------------------------

_base = load.parse(VALID.read_bytes(), "examples/giltigt.md", "giltigt")
BASE_CASE, _problems = validate_source(_base)
assert BASE_CASE is not None, _problems

# Text a contributor could type: any printable character, line breaks, YAML look-alikes.
_printable = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"),
                           blacklist_characters="\u2028\u2029\ufeff\ufffe\uffff")
_text = st.one_of(
    st.text(_printable, min_size=1, max_size=80),
    st.lists(st.one_of(st.text(_printable, max_size=30), st.sampled_from(PIECES[:60])),
             min_size=1, max_size=12).map("".join).filter(
        lambda s: s.strip() and not load._BAD_CHARACTER.search(s) and "\r" not in s and "\t" not in s),
    st.sampled_from(["no", "on", "yes", "off", "2018-02-30", "null", "~", "1e5", "0x1F", "007", ".inf",
                     "true", "- x", "# x", "a: b", "'", '"', "|", ">", "&a", "*a", "!x", "%x", "@x",
                     "---", "...", " leading", "trailing ", "two\nlines", "trailing newline\n"]),
)

# Fields whose value is free text; the mutation writes any text there.
TEXT_FIELDS = [("title",), ("summary",), ("organisations", 0, "name"), ("areas",),
               ("evaluation", "description"), ("sources", 0, "title"), ("sources", 0, "publisher"),
               ("contacts", 0, "role"), ("contacts", 0, "organisation"), ("contacts", 0, "name")]


def _put(meta: dict, path: tuple, value) -> None:
    node = meta
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = [value] if path == ("areas",) else value


_body_line = st.one_of(st.text(_printable, max_size=60).filter(lambda s: not load._BAD_CHARACTER.search(s)),
                       st.sampled_from(["", "---", "...", "  two spaces end  ", "\tindented", "# x",
                                        "<script>x</script>", "| a | b |", "> quote"]))


@BOUNDED
@given(changes=st.lists(st.tuples(st.sampled_from(TEXT_FIELDS), _text), max_size=5),
       extra=st.lists(_body_line, max_size=8))
def test_any_text_in_a_valid_case_round_trips(changes, extra):
    meta = copy.deepcopy(BASE_CASE.meta)
    for path, value in changes:
        _put(meta, path, value)
    body = BASE_CASE.body.rstrip("\n") + "\n\n" + "\n".join(extra)
    text = dump_case(meta, body)
    source = load.parse(text.encode("utf-8"), "examples/giltigt.md", "giltigt")
    assert source.problems == []
    assert source.meta == meta  # every value back exactly, as text where it was text
    # the canonical form starts the body after one blank line and ends it with its last visible
    # character: blank lines around it and spaces after its last line are all that may go
    assert source.body.lstrip("\n").rstrip() == body.lstrip("\n").rstrip()
    assert dump_case(source.meta, source.body) == text  # and writing it again changes nothing
