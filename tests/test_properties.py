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


# --- every case that validation accepts builds -------------------------------------------------
# Cases generated from the schema and the vocabularies (tests/valid_cases.py): each is validated,
# and each that passes goes through everything the site derives from a case (in this process,
# fast), and a batch of them through a real `mkdocs build --strict`.

import os  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402

from hypothesis import assume  # noqa: E402

import valid_cases  # noqa: E402
from goda_exempel import browse, casepage, export, facets, lists, map as sweden_map, search, stats  # noqa: E402
from goda_exempel.sorting import swedish_key  # noqa: E402
from goda_exempel.validate import validate_dir  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GENERATED = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
_valid_seen = {"valid": 0, "all": 0}


def _derive_everything(cases) -> None:
    """What the site makes from cases, outside MkDocs: each must work for any valid case."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    setup = casepage.MarkdownSetup(list(config.markdown_extensions), dict(config.mdx_configs))
    for case in cases:
        swedish_key(case.title)
        assert case.start_year >= 1 and (case.end_year is None or case.end_year >= case.start_year)
        facets.active_years(case)
        search.annotations(case)
        content = casepage.make(casepage.Job(case, [], "https://github.com/x/y"), setup)
        assert case.id and content.html
    facets.index(cases)
    facets.related(cases)
    browse.facet_files(cases)
    browse.catalogue_html(cases, "")
    browse.place_list(cases, "")
    lists.list_html(lists.newest(cases, 5), "")
    sweden_map.svg(cases, "")
    stats.html(cases)
    export.site_files(cases, "https://example.org/goda-exempel/", "Goda exempel")


@GENERATED
@given(text=valid_cases.case_text())
def test_every_generated_case_that_validates_is_made_into_pages(text):
    source = load.parse(text.encode("utf-8"), "examples/genererat.md", "genererat")
    case, problems = validate_source(source)
    _valid_seen["all"] += 1
    assume(case is not None)
    _valid_seen["valid"] += 1
    _derive_everything([case])


@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(texts=st.lists(valid_cases.case_text(), min_size=12, max_size=12))
def test_a_batch_of_generated_valid_cases_builds_with_mkdocs(texts, tmp_path_factory):
    from conftest import mkdocs_build

    project = tmp_path_factory.mktemp("generated")
    for part in ("mkdocs.yml", "docs", "overrides", "hooks"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, project / part)
    examples = project / "examples"
    examples.mkdir()
    for number, text in enumerate(texts):
        (examples / f"genererat-{number}.md").write_text(text, encoding="utf-8")
    result = validate_dir(examples, project)
    for path in {p.path for p in result.problems}:  # keep only what validation accepts
        (project / path).unlink()
    assert result.cases, "no generated case was valid: the generator no longer matches the schema"
    site = project / "site"
    built = mkdocs_build(site, config=project / "mkdocs.yml", cwd=project)
    assert built.returncode == 0, built.stdout + built.stderr
    for case in validate_dir(examples, project).cases:
        assert (site / "exempel" / case.id / "index.html").is_file()
