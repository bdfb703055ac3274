"""ProperDocs and MkDocs 1.6.1 build the same site from the same project.

The tests build with one of them (GENERATOR, see conftest.py); this test builds with the other
one as well and compares the two sites file by file: they may differ only in the generator's own
`<meta name="generator">` line of each page. Anything else (a hook that behaves differently, a
page or file one of them leaves out, a change in the search index or the data) fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import GENERATOR, GENERATORS, mkdocs_build

pytestmark = pytest.mark.build

GENERATOR_LINE = re.compile(rb'<meta name="generator" content="[^"]*">')


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def differences(one: Path, two: Path) -> list[str]:
    """What differs between two built sites, leaving out each page's generator line."""
    a, b = site_files(one), site_files(two)
    found = [f"bara i {one.name}: {name}" for name in sorted(a.keys() - b.keys())]
    found += [f"bara i {two.name}: {name}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        if GENERATOR_LINE.sub(b"", a[name]) != GENERATOR_LINE.sub(b"", b[name]):
            found.append(f"olika: {name}")
    return found


def test_the_two_generators_build_the_same_site_but_for_the_generator_line(built_site, tmp_path):
    other = next(name for name in GENERATORS if name != GENERATOR)
    site = tmp_path / other
    result = mkdocs_build(site, generator=other)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert differences(built_site, site) == []
    # and the generator line is what differs, in every page
    page = (built_site / "index.html").read_bytes(), (site / "index.html").read_bytes()
    assert all(len(GENERATOR_LINE.findall(p)) == 1 for p in page) and page[0] != page[1]


def test_the_comparison_finds_any_other_difference(tmp_path):
    one, two = tmp_path / "ett", tmp_path / "tva"
    for site, generator in ((one, b"mkdocs-1.6.1"), (two, b"mkdocs-ProperDocs 1.6.7")):
        (site / "sok").mkdir(parents=True)
        (site / "index.html").write_bytes(b'<head><meta name="generator" content="' + generator + b'"></head>')
        (site / "sok" / "index.json").write_bytes(b"{}")
    assert differences(one, two) == []
    (two / "index.html").write_bytes((two / "index.html").read_bytes() + b"<p>mer</p>")
    (two / "extra.xml").write_bytes(b"")
    assert differences(one, two) == ["bara i tva: extra.xml", "olika: index.html"]
