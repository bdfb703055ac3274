"""The fast paths of the reader and the validator agree with the straightforward code.

Validation skips work that cannot find anything (body lines that cannot be too deep or hold a
link, a file without ten digits in a row) and composes YAML in libyaml when nothing in the front
matter needs the strict reader. Each test here compares a fast path with the plain version it
replaces, on the repository's cases, the hostile corpus and generated text.
"""

from __future__ import annotations

import difflib
import re
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goda_exempel import load, personnummer, schema as case_schema, validate
from goda_exempel.errors import Problem
from goda_exempel.load import field_name

ROOT = Path(__file__).resolve().parent.parent
NASTY = ROOT / "tests" / "nasty"
FILES = sorted(NASTY.glob("*.md")) + sorted((ROOT / "examples").glob("*.md"))
BOUNDED = settings(deadline=timedelta(seconds=3), suppress_health_check=[HealthCheck.too_slow])


# --- the plain versions, as they were before the fast paths ---------------------------------------

_MAY_LINK = re.compile(r"\]\(|\]:|<|href|src", re.I)


def plain_body(body: str, first_line: int, path: str) -> list[Problem]:
    """Every check on every line of the body."""
    problems: list[Problem] = []
    sections = case_schema.section_headings()
    expected = [s.label for s in sections]
    found: list[tuple[str, int, int]] = []
    lines = body.split("\n")
    for offset, text in enumerate(lines):
        line = first_line + offset
        deep = validate._too_deep(text)
        if deep:
            problems.append(Problem(path, line, "text", deep))
        if offset and lines[offset - 1].strip() and validate._SETEXT.match(text) \
                and not validate._NOT_A_PARAGRAPH.match(lines[offset - 1]):
            problems.append(Problem(path, line, "text", "en rubrik understruken med === eller --- är inte tillåten. "
                                                        "Skriv avsnitten som ## Rubrik, och lämna en tom rad före "
                                                        "--- om du menar ett streck."))
        explicit = validate._EXPLICIT_ID.search(text)
        if explicit:
            problems.append(Problem(path, line, "text", f"ett eget id ({explicit.group().strip()}) är inte tillåtet: "
                                                        "sidan ger rubrikerna id själv. Ta bort det."))
        if validate._NESTED_HEADING.match(text):
            problems.append(Problem(path, line, "text", "en rubrik i en lista, ett citat eller ett indrag är inte "
                                                        "tillåten. Skriv rubriken först på raden (## Avsnitt eller "
                                                        "### Underrubrik), eller skriv inte # först i punkten."))
        heading = validate._HEADING.match(text)
        if heading and len(heading.group(1)) > 2 and validate._page_id(validate.toc_slugify(heading.group(2), "-")):
            problems.append(Problem(path, line, "text", f"rubriken \"{heading.group(2)}\" får samma id som en "
                                                        "del av sidan själv. Välj en annan rubrik."))
        if heading and len(heading.group(1)) <= 2:
            title = heading.group(2)
            if len(heading.group(1)) == 1:
                problems.append(Problem(path, line, "text", "en rubrik med en # är inte tillåten: rubriken kommer "
                                                            "från title. Använd ## för avsnitten."))
                continue
            if title not in expected:
                close = difflib.get_close_matches(title, expected, n=1, cutoff=0.5)
                hint = f" Menade du ## {close[0]}?" if close else f" Avsnitten heter: {', '.join(expected)}."
                problems.append(Problem(path, line, "text", f"okänd avsnittsrubrik \"## {title}\".{hint}"))
            found.append((title, line, 0))
            continue
        if found and text.strip():
            title, at, count = found[-1]
            found[-1] = (title, at, count + 1)
        for pattern in validate._LINKS if _MAY_LINK.search(text) else ():
            for m in pattern.finditer(text):
                url = m.group(1)
                if url and not url.startswith("#") and not re.match(r"^https?://[^\s/$.?#]", url, re.I):
                    problems.append(Problem(path, line, "text", f"länken \"{url[:80]}\" är inte en webbadress. "
                                                                "Skriv en fullständig adress som börjar med https://."))
    titles = [f[0] for f in found]
    for title, line, _ in found:
        if titles.count(title) > 1 and title in expected:
            problems.append(Problem(path, line, "text", f"rubriken ”## {title}” finns två gånger. Skriv allt "
                                                        "under en av rubrikerna och ta bort den andra."))
    end_line = first_line + body.count("\n")
    for section in sections:
        if section.required and section.label not in titles:
            problems.append(Problem(path, end_line if found else first_line, "text",
                                    f"avsnittet \"## {section.label}\" saknas. Skriv under den rubriken: "
                                    f"{section.description}"))
    known = [t for t in titles if t in expected]
    if known != sorted(known, key=expected.index):
        line = next(f[1] for f in found if f[0] in expected
                    and known.index(f[0]) != sorted(known, key=expected.index).index(f[0]))
        problems.append(Problem(path, line, "text", "avsnitten står i fel ordning. Ordningen är: "
                                                    + ", ".join(expected) + "."))
    for title, line, count in found:
        if count == 0 and title in expected:
            problems.append(Problem(path, line, "text", f"avsnittet \"## {title}\" är tomt. Skriv något "
                                                        "under rubriken eller ta bort den."))
    return problems


def plain_personnummer(source: load.SourceFile) -> list[Problem]:
    """A search on every line of the file."""
    problems = []
    message = "innehåller ett personnummer. Personnummer får aldrig publiceras; ta bort det."
    starts = sorted((line, len(path), path) for path, line in source.lines.items())
    for number, text in enumerate(source.text.split("\n"), 1):
        if not (validate.find_personnummer(text) or personnummer.find(personnummer.reader_form(text))):
            continue
        if number >= source.body_line:
            where = "text"
        else:
            before = [path for line, _, path in starts if line <= number]
            where = field_name(before[-1]) if before else ""
        problems.append(Problem(source.path, number, where, message))
    return problems


# --- generated text -------------------------------------------------------------------------

GOOD_PNR = "811218-9876"
SECTIONS = [s.label for s in case_schema.section_headings()]
LINE_PIECES = [
    "", " ", "\t", "text", "Trygghet", "å", "## ", "# ", "### ", "#", "##", "####### x", "```", "~~~", "  ```",
    "- ", "* ", "+ ", "> ", "1. ", "2) ", "123456789. ", "1234567890. ", "- - - - - - - - - - - ",
    " " * 11, " " * 40, "\t" * 11, "\t" * 10, " " * 41, "*" * 101, "_" * 101, "_" * 50, "*_" * 51, "**fet**",
    "[a](https://a.se)", "[a](javascript:alert(1))", "[a]( ftp://x)", "[a](#ankare)", "[a](<x y>)", "](",
    "[ref]: /lokal", "   [ref]: https://b.se", "[ref]:", "<https://a.se>", "<mailto:a@b.se>", "<b>", "<",
    'href="/x"', "HREF=x", "src = 'y'", "ſrc=z", "Src =", "=", "href", GOOD_PNR, "8112189876",
    "19811218-9876", "811218 9876", "0701234567", "٨١١٢١٨-٩٨٧٦", "1090000", "2013-10-07",
] + [f"## {label}" for label in SECTIONS] + [f"## {label}x" for label in SECTIONS[:2]]
body_lines = st.lists(st.lists(st.sampled_from(LINE_PIECES), max_size=4).map("".join), max_size=30)


def _sample_sources() -> list[load.SourceFile]:
    return [load.read(path, f"examples/{path.name}") for path in FILES]


# --- the body -------------------------------------------------------------------------------


def test_body_checks_agree_on_the_cases_and_the_corpus():
    for source in _sample_sources():
        assert validate._body(source.id, source.body, source.body_line, source.path) == \
            plain_body(source.body, source.body_line, source.path), source.path


@BOUNDED
@given(lines=body_lines, first_line=st.integers(1, 60))
def test_body_checks_agree_on_generated_bodies(lines, first_line):
    body = "\n".join(lines)
    assert validate._body("x", body, first_line, "examples/x.md") == plain_body(body, first_line, "examples/x.md")


@BOUNDED
@given(lines=body_lines)
def test_body_checks_agree_inside_a_real_case(lines):
    source = load.read(NASTY / "giltigt.md", "examples/giltigt.md")
    body = source.body + "\n" + "\n".join(lines)
    assert validate._body("x", body, source.body_line, "examples/x.md") == \
        plain_body(body, source.body_line, "examples/x.md")


def test_deep_lines_are_still_found_past_the_whole_body_test():
    for text in [" " * 41 + "x", "\t" * 11 + "x", "- " * 11 + "x", "> " * 11, "1. " * 11 + "x", "*" * 101,
                 "_" * 101, "x" + "_*" * 50 + "_"]:
        body = f"## {SECTIONS[0]}\n\ntext\n{text}\n"
        problems = validate._body("x", body, 10, "examples/x.md")
        assert problems == plain_body(body, 10, "examples/x.md")
        assert any(p.line == 13 for p in problems), text


def test_every_character_re_ignorecase_matches_to_href_or_src_needs_an_equals_sign():
    """The link check looks only at lines with ](, ]:, < or =: the raw-HTML pattern cannot match
    without =, whatever letters (in any case, any alphabet) come before it."""
    pattern = validate._LINKS[3]
    assert pattern.search("HREF=x") and pattern.search("ſrc=x") and pattern.search("Src = 'x'")
    assert not pattern.search("href x") and not pattern.search("ſrc") and not pattern.search("SRC: x")


# --- personal identity numbers --------------------------------------------------------------


def test_personnummer_agrees_on_the_cases_and_the_corpus():
    for source in _sample_sources():
        if source.text:
            assert validate._personnummer(source) == plain_personnummer(source), source.path


@BOUNDED
@given(lines=body_lines, where=st.integers(0, 60))
def test_personnummer_agrees_anywhere_in_a_file(lines, where):
    text = (NASTY / "giltigt.md").read_text(encoding="utf-8").split("\n")
    at = min(where, len(text))
    text[at:at] = lines
    source = load.parse("\n".join(text).encode("utf-8"), "examples/x.md", "x")
    if source.text:
        assert validate._personnummer(source) == plain_personnummer(source)


def test_the_prefilter_holds_for_every_form_of_personnummer():
    for number in [GOOD_PNR, "811218+9876", "811218 9876", "8112189876", "19811218-9876", "19811218 9876",
                   "198112189876", "٨١١٢١٨-٩٨٧٦"]:
        assert validate.find_personnummer(number), number
        assert personnummer.MAY_BE.search(number), number


# --- YAML composed in C -------------------------------------------------------------------------


def parse_both(data: bytes) -> tuple[load.SourceFile, load.SourceFile]:
    """The file read as usual, and read with every front matter through the strict reader."""
    fast = load.parse(data, "examples/x.md", "x")
    tree, load._Tree = load._Tree, None
    try:
        strict = load.parse(data, "examples/x.md", "x")
    finally:
        load._Tree = tree
    return fast, strict


def assert_same(data: bytes) -> None:
    fast, strict = parse_both(data)
    assert repr(fast) == repr(strict)  # repr: NaN is not equal to itself; the order of fields counts
    assert list(fast.lines.items()) == list(strict.lines.items())
    assert repr(validate.validate_source(fast)) == repr(validate.validate_source(strict))


def test_the_c_composer_is_available_and_reads_every_valid_case():
    assert load._Tree is not None
    for path in FILES:
        source = load.read(path, f"examples/{path.name}")
        if not source.problems:
            text = source.text.split("\n")
            front = "\n".join(text[1:source.body_line - 2])
            assert load._compose_simple(front) is not None, path


def test_the_same_result_for_the_cases_and_the_corpus():
    for path in FILES:
        assert_same(path.read_bytes())


def front(text: str) -> bytes:
    return f"---\n{text}\n---\n\n## Därför gjorde vi det\n\nText.\n".encode("utf-8", "surrogatepass")


REFUSED = {
    "title: &a x": "YAML-ankare (&namn) är inte tillåtna. Skriv ut värdet där det behövs.",
    "title: x\nsummary: &a [b]\nkind: *a": "YAML-ankare (&namn) är inte tillåtna. Skriv ut värdet där det behövs.",
    "title: [&a b]": "YAML-ankare (&namn) är inte tillåtna. Skriv ut värdet där det behövs.",
    "title: {x: &a b}": "YAML-ankare (&namn) är inte tillåtna. Skriv ut värdet där det behövs.",
    "&a title: x": "YAML-ankare (&namn) är inte tillåtna. Skriv ut värdet där det behövs.",
    "title:\n- &a\n  b: c": "YAML-ankare (&namn) är inte tillåtna. Skriv ut värdet där det behövs.",
    "title: !!str x": "YAML-taggar (som !!str eller !namn) är inte tillåtna. Ta bort taggen och sätt värdet "
                      "inom citattecken om det behövs.",
    "title: !x x": "YAML-taggar (som !!str eller !namn) är inte tillåtna. Ta bort taggen och sätt värdet "
                   "inom citattecken om det behövs.",
    "title: !<tag:yaml.org,2002:str> x": "YAML-taggar (som !!str eller !namn) är inte tillåtna. Ta bort taggen "
                                         "och sätt värdet inom citattecken om det behövs.",
    "title: !!seq [a]": "YAML-taggar (som !!str eller !namn) är inte tillåtna. Ta bort taggen och sätt värdet "
                        "inom citattecken om det behövs.",
    "!!map {title: x}": "YAML-taggar (som !!str eller !namn) är inte tillåtna. Ta bort taggen och sätt värdet "
                        "inom citattecken om det behövs.",
    "title: " + "[" * 10 + "x" + "]" * 10: "värdena är nästlade i mer än 10 nivåer.",
    "title: " + "{a: " * 10 + "x" + "}" * 10: "värdena är nästlade i mer än 10 nivåer.",
    "title:" + "".join(f"\n{'  ' * i}a{i}:" for i in range(11)) + " x": "värdena är nästlade i mer än 10 nivåer.",
    "title:\n" + "- " * 10 + "x": "värdena är nästlade i mer än 10 nivåer.",
    "title: *a": "YAML-alias (*namn) är inte tillåtna. Skriv ut värdet i stället.",
    "title: x\nkind: *a": "YAML-alias (*namn) är inte tillåtna. Skriv ut värdet i stället.",
}


def test_every_refusal_is_the_strict_readers():
    for text, message in REFUSED.items():
        try:
            load._compose_simple(text)
        except load._NotSimple:
            pass
        else:
            raise AssertionError(f"composed in C: {text!r}")
        fast, strict = parse_both(front(text))
        assert [p.message for p in fast.problems] == [message], text
        assert fast == strict


ACCEPTED = [  # the C composer reads these; what they say (problems included) is the strict reader's
    "title: x\ntitle: y",  # a field twice
    "title: x\nperiod:\n  <<: {start: '2019'}",  # a merge key
    "title: ! x",  # the non-specific tag: a plain string
    "title: Polis & kommun\nsummary: H&M, 1&2, &\nkind: a&b",  # & that cannot start an anchor
    "title: Hej!\nsummary: Nej !\nkind: '!x'",
    "title: 5 * 3",
    "title: " + "[" * 8 + "x" + "]" * 8,  # ten levels: allowed
    "title:\n" + "- " * 8 + "x",  # ten levels
    "? [a, b]\n: c",  # a key that is not a word
    "1: a\n2.5: b\ntrue: c\nnull: d\n~: e\n'': f",
    "title: 0x1F\nsummary: 1e5\nkind: .inf\nscope: .NaN\nstatus: -.5\nadded: +12\nend: no\nx: on\ny: ~\nz: TRUE",
    "title: \"\\x07\"",  # a control character as a \-escape
    "# only a comment",
    "",
]


def test_what_the_c_composer_reads_is_what_the_strict_reader_reads():
    for text in ACCEPTED:
        assert load._compose_simple(text) is not None or text in ("# only a comment", ""), text
        assert_same(front(text))


def test_very_deep_nesting_stops_early():
    """The C composer recurses in C: the depth check in its resolver call stops it at MAX_DEPTH."""
    for text in ["title: " + "[\n " * 60_000, "title: " + "{a: \n" * 30_000, "title: " + "[\n" * 40_000 + "]\n" * 40_000]:
        fast, strict = parse_both(front(text))
        assert fast == strict
        assert [p.message for p in fast.problems] == ["värdena är nästlade i mer än 10 nivåer."]
    for text in ["[" * 1_000_000, "{a: " * 300_000, "- " * 500_000]:
        with pytest.raises(load._NotSimple):
            load._compose_simple(text)


YAML_PIECES = [
    "title", "summary", "period", "start", "end", ": ", ":", "- ", "  ", "    ", "\t", "\n", "\n", "\n",
    "&a ", "&a", "& ", "*a", "*a ", "!!str ", "!x ", "! ", "!", "!<x> ", "<<: ", "? ", "|", "|-", ">", ">-",
    "'", '"', "[", "]", "{", "}", ",", "#", " #", "%YAML 1.1", "%", "---", "...", "\\", "\\x07", "\\0",
    "1", "0x1F", "1e5", ".inf", ".nan", "no", "true", "null", "~", "å", "@", "`", "x", "Polis & kommun",
    "H&M", "a&b", "[&a x]", "{&a x: y}", "-&a", "?&a", ":&a", "'&a'", "\"&a\"", "|&a", ">&a", "!&a",
]
yaml_text = st.lists(st.sampled_from(YAML_PIECES), max_size=50).map("".join)


@BOUNDED
@given(text=yaml_text)
def test_the_same_result_for_generated_front_matter(text):
    assert_same(front(text))


@BOUNDED
@given(edits=st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 6),
                                st.lists(st.sampled_from(YAML_PIECES), max_size=4).map("".join)), max_size=4))
def test_the_same_result_for_small_edits_to_a_valid_case(edits):
    text = (NASTY / "giltigt.md").read_text(encoding="utf-8")
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut:]
    assert_same(text.encode("utf-8", "surrogatepass"))


@BOUNDED
@given(value=st.one_of(st.text(max_size=12), st.sampled_from(["", "1", "-1", "+1", "1.5", ".5", "1e5", "1.",
                                                              ".inf", "-.INF", ".NaN", "true", "False", "TRUE",
                                                              "tRue", "null", "Null", "~", "no", "0x1F", "0o7"])),
       plain=st.booleans(), quoted=st.booleans())
def test_the_c_composers_resolver_is_the_strict_readers(value, plain, quoted):
    tree, strict = load._Tree(""), load._Loader("")
    for kind in (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode):
        implicit = (plain, quoted) if kind is yaml.ScalarNode else plain
        value_of = value if kind is yaml.ScalarNode else None
        assert tree.resolve(kind, value_of, implicit) == strict.resolve(kind, value_of, implicit)


def parse_searching_every_value(data: bytes) -> load.SourceFile:
    """``load.parse`` with every text value searched for bad characters, as if not decoded."""
    original = load.parse_yaml
    load.parse_yaml = lambda source, text, first_line, decoded=False: original(source, text, first_line)
    try:
        return load.parse(data, "examples/x.md", "x")
    finally:
        load.parse_yaml = original


@BOUNDED
@given(text=st.lists(st.sampled_from(YAML_PIECES + ["\\u2028", "\\ufeff", "\\x85", "\\t", "\\e", "\\N",
                                                    "\\L", "\\P", "\\_", '"\\x07"', "title: \"a\\x9fb\"",
                                                    "? \"a\\x01\"\n: b", "\"a\tb\": c", "? |\n  a\n  b\n: c"]),
                    max_size=40).map("".join))
def test_text_values_are_searched_for_bad_characters_only_where_they_can_be(text):
    data = front(text)
    assert repr(load.parse(data, "examples/x.md", "x")) == repr(parse_searching_every_value(data))


@pytest.mark.parametrize("text", [
    'title: "a\\x07b"', 'title: "a\\u2028b"', 'title: "\\ufeff"', 'title: "\\x85"', 'title: "\\0"',
    'title: "\\ud800"', 'title: ["\\x9f"]', '"a\\x01": b', 'title: "a\\tb"', 'title: "a\\nb"', "title: 'a\\x07'",
    "title: a\\x07", "title: |\n  a\\x07\n", '"a\tb": c', "? |\n  a\n  b\n: c",
])
def test_bad_characters_from_escapes_are_found(text):
    data = front(text)
    fast = load.parse(data, "examples/x.md", "x")
    assert repr(fast) == repr(parse_searching_every_value(data))


def test_a_key_without_control_characters_is_printable():
    """The key check runs its search only on keys that are not str.isprintable()."""
    import sys

    for code in range(sys.maxunicode + 1):
        if load._BAD_KEY_CHARACTER.match(chr(code)):
            assert not chr(code).isprintable(), hex(code)


# --- finding the files --------------------------------------------------------------------------


def plain_case_files(root: Path) -> list[Path]:
    root = root.resolve()
    return [path for path in sorted(root.iterdir())
            if not (path.name.startswith(".") or path.name == "README.md" or path.is_dir())]


def test_case_files_and_shown_paths_agree_with_the_plain_versions(tmp_path, monkeypatch):
    project = tmp_path / "projekt"
    examples = project / "examples"
    (examples / "undermapp").mkdir(parents=True)
    for name in ["b.md", "a.md", "ä.md", "A.md", ".dold.md", "README.md", "readme.MD", "x.txt", "10.md", "9.md"]:
        (examples / name).write_text("x", encoding="utf-8")
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (outside / "c.md").write_text("x", encoding="utf-8")
    (examples / "lank.md").symlink_to(outside / "c.md")
    (examples / "mapplank").symlink_to(outside)
    (examples / "trasig.md").symlink_to(tmp_path / "finns-inte")
    (examples / "slinga.md").symlink_to(examples / "slinga.md")
    (tmp_path / "genvag").symlink_to(examples)
    assert load.case_files(examples) == plain_case_files(examples)
    assert load.case_files(tmp_path / "genvag") == plain_case_files(tmp_path / "genvag")

    monkeypatch.chdir(project)
    files = (load.case_files(examples) + [examples / "a.md", Path("examples/b.md"), Path("examples/../examples/a.md"),
             tmp_path / "genvag" / "a.md", outside / "c.md", Path("../utanfor/c.md"), Path("examples/undermapp"),
             Path("examples/finns-inte.md"), Path("/"), Path(".")])
    for base in [project, examples, tmp_path, outside, tmp_path / "genvag", Path("."), Path("examples")]:
        assert validate.shown_paths(files, base) == [validate.shown_path(f, base) for f in files], base


# --- checking in forked processes -----------------------------------------------------------------


def test_forked_check_without_the_cases_gives_the_same_verdict(tmp_path, monkeypatch):
    good = (NASTY / "giltigt.md").read_text(encoding="utf-8")
    title = "title: Trygghetsvandringar med boende i Ale"
    assert title in good
    examples = tmp_path / "examples"
    examples.mkdir()
    for i in range(9):
        (examples / f"ale-{i}.md").write_text(good.replace(title, f"{title} {i}"), encoding="utf-8")
    (examples / "samma-rubrik.md").write_text(good.replace(title, f"{title} 3"), encoding="utf-8")
    (examples / "trasig.md").write_text(good.replace("kind: insats", "kind: insatts"), encoding="utf-8")
    (examples / "ankare.md").write_bytes((NASTY / "ankare-och-alias.md").read_bytes())

    validate._checked.clear()
    serial = validate.validate_paths([examples], tmp_path)
    assert serial.count == len(serial.cases) == 9  # samma-rubrik has the title of ale-3
    validate._checked.clear()
    monkeypatch.setattr(validate, "PARALLEL_FROM", 2)
    monkeypatch.setattr(validate, "_SLICE", 3)
    slim = validate.validate_paths([examples], tmp_path, processes=2, keep_cases=False)
    assert (slim.problems, slim.count, slim.cases) == (serial.problems, 9, [])
    assert not validate._checked  # verdicts without their cases are not kept for the next call
    full = validate.validate_paths([examples], tmp_path, processes=2)
    assert (full.problems, full.count) == (serial.problems, 9)
    assert [c.path for c in full.cases] == [c.path for c in serial.cases]
    assert [c.meta for c in full.cases] == [c.meta for c in serial.cases]
    assert validate._todo == []


# --- start-up ----------------------------------------------------------------------------------


def _commands(parser) -> dict:
    return next(a for a in parser._actions if a.dest == "command").choices


def test_a_parser_with_one_command_reads_its_arguments_as_the_full_parser_does():
    from goda_exempel import cli

    full = cli.build_parser()
    assert list(_commands(full)) == ["changes", "check-links", "export", "external-links", "fmt", "from-issue",
                                     "issue-form", "new", "stale", "validate", "write-pages", "write-site-data"]
    for name, command in _commands(full).items():
        alone = cli.build_parser(name)
        assert list(_commands(alone)) == [name]
        assert _commands(alone)[name].format_help() == command.format_help()
        assert alone.format_usage() == full.format_usage()
    for argv in [["validate"], ["validate", "examples", "x.md", "--format", "github"], ["stale", "--years", "3"],
                 ["fmt", "--check"], ["export", "--format", "csv"]]:
        assert vars(cli.build_parser(argv[0]).parse_args(argv)) == vars(full.parse_args(argv))
    assert list(_commands(cli.build_parser("finns-inte"))) == list(_commands(full))
    assert list(_commands(cli.build_parser("check_links"))) == list(_commands(full))
