"""The real bank in examples/: every case traceable to a source, and no case entered twice."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from goda_exempel.model import Case
from goda_exempel.validate import validate_dir

ROOT = Path(__file__).resolve().parent.parent


def bank_problems(cases: list[Case]) -> list[str]:
    """What makes the bank untrustworthy as a whole, in Swedish, one line per problem: a case
    without a source address, and two cases with the same title or the same primary source
    (the first source listed, the one the case was written from). A secondary source, such as
    a national report or the law, may well be cited by several cases."""
    problems = []
    titles: dict[str, list[str]] = defaultdict(list)
    primary: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        urls = [s.get("url", "").strip() for s in case.meta.get("sources", [])]
        if not any(urls):
            problems.append(f"{case.path}: exemplet har ingen källa med webbadress.")
            continue
        titles[" ".join(case.title.casefold().split())].append(case.path)
        primary[urls[0].rstrip("/").casefold()].append(case.path)
    for what, seen in (("samma rubrik", titles), ("samma första källa", primary)):
        for key, paths in seen.items():
            if len(paths) > 1:
                problems.append(f"{', '.join(sorted(paths))} har {what}: {key}")
    return problems


def _case(case_id: str, title: str, urls: list[str]) -> Case:
    sources = [{"title": "Källa", "url": u, "publisher": "Utgivare"} for u in urls]
    return Case(case_id, f"examples/{case_id}.md", {"title": title, "sources": sources}, "")


def test_every_case_has_a_source_address_and_none_is_entered_twice():
    result = validate_dir(ROOT / "examples", ROOT)
    assert result.ok, result.problems
    assert len(result.cases) >= 16  # the four first cases and the twelve and more from public sources
    assert bank_problems(result.cases) == []


@pytest.mark.parametrize("cases, expected", [
    ([_case("a", "Trygga grannar", ["https://x.se/a"]), _case("b", "trygga  Grannar", ["https://x.se/b"])],
     "examples/a.md, examples/b.md har samma rubrik: trygga grannar"),
    ([_case("a", "A", ["https://x.se/a/", "https://bra.se/lag"]), _case("b", "B", ["https://X.se/a"])],
     "examples/a.md, examples/b.md har samma första källa: https://x.se/a"),
    ([_case("a", "A", [""])], "examples/a.md: exemplet har ingen källa med webbadress."),
])
def test_a_duplicate_or_a_case_without_a_source_is_named(cases, expected):
    assert bank_problems(cases) == [expected]


def test_a_secondary_source_may_be_shared():
    cases = [_case("a", "A", ["https://x.se/a", "https://bra.se/lag"]),
             _case("b", "B", ["https://x.se/b", "https://bra.se/lag"])]
    assert bank_problems(cases) == []


def test_the_words_the_browser_tests_search_for_find_one_case_each():
    """The catalogue and header tests type these words and expect one case; a new case using
    the same word (or one that begins like it) must be met by choosing another word there."""
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    from bank import ONE_CASE_WORDS, cases_with_word_starting

    for word, (stem, case_id) in ONE_CASE_WORDS.items():
        assert cases_with_word_starting(stem) == [case_id], word
