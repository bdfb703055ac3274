"""Printing a case, in real Chromium: each case page printed to an A4 PDF holds the title, the
fact box (every label and value), the text's section headings and every source address
written out in full, in that order, and none of the navigation, search, related cases or
footer; it begins with the site's name, the case's address and the day it was printed, and no
page but the last is half empty. The PDF's text is read back with pdftotext (Debian's
poppler-utils)."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess

import pytest

from conftest import ROOT
from goda_exempel.repo import Repo

pytestmark = pytest.mark.browser

# What the screen shows around a case and paper must not: menus, search, related cases, footer.
NOT_ON_PAPER = ["Sök bland exemplen", "Gå till innehållet", "Bläddra", "Organisationstyper", "Så bidrar du",
                "Om kunskapsbanken", "Innehållsförteckning", "Liknande exempel", "Föreslå ändring",
                "Texterna får återanvändas", "Tillgänglighetsredogörelse", "Material for MkDocs"]


def _cases():
    from goda_exempel.validate import validate_dir

    result = validate_dir(ROOT / "examples")
    assert not result.problems
    return {case.id: case for case in result.cases}


CASES = _cases()
PAGES_URL = Repo(re.search(r"^repo_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)).pages_url


def squash(text: str) -> str:
    """Text without any whitespace: lines and columns on paper break where the screen does not."""
    return re.sub(r"\s+", "", text)


def html_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment.replace("<br>", " ")))


@pytest.fixture(scope="module")
def pdftotext():
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext saknas. Kör `make browser`, som installerar poppler-utils med apt-get.")
    return tool


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_a_printed_case_has_title_facts_text_and_sources_and_nothing_else(page, site_url, pdftotext,
                                                                          tmp_path, case_id):
    from goda_exempel import render, schema

    case = CASES[case_id]
    page.goto(site_url + f"exempel/{case_id}/", wait_until="networkidle")
    page.emulate_media(media="print")
    pdf = tmp_path / f"{case_id}.pdf"
    page.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Page size:.*\(A4\)$", info, re.M), info
    # -raw: in the order printed, and a line ending in "-" (inside an address) is not joined up
    text = subprocess.run([pdftotext, "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = squash(text)

    def where(part: str) -> int:
        position = flat.find(squash(part))
        assert position >= 0, f"”{part}” saknas i utskriften av {case_id}"
        return position

    title = where(case.title)
    facts = where("Fakta om exemplet")
    for label, value in render.fact_rows(case):
        assert where(label) > facts
        where(html_text(value))
    sources = [s["url"] for s in case.meta["sources"]]
    sources += [r["url"] for r in case.meta["evaluation"].get("reports", [])]
    for url in sources:
        where(url)  # written out in full, not only as a link

    headings = [term.label for term in schema.section_headings() if f"## {term.label}" in case.body]
    assert len(headings) >= 4
    positions = [where(label) for label in headings]
    assert title < facts < positions[0] and positions == sorted(positions)
    # the addresses of links in the text are written out too
    for url in re.findall(r"\]\((https?://[^)\s]+)\)", case.body):
        where(url)

    left = [part for part in NOT_ON_PAPER if squash(part) in flat]
    assert not left, f"utskriften av {case_id} har med {left}"

    # where it comes from and when it was printed, before the title
    today = dt.date.today()
    printed = f"Goda exempel · {PAGES_URL}exempel/{case_id}/ · " \
              f"utskrivet {render.swedish_date(today.isoformat())}"
    assert flat.find(squash(printed)) == 0, text[:300]

    # no half-empty page before the last: the text reaches at least 60 % down each page
    bbox = subprocess.run([pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = bbox.split("<page ")[1:]
    for number, part in enumerate(pages[:-1], 1):
        height = float(re.search(r'height="([\d.]+)"', part).group(1))
        lowest = max(float(y) for y in re.findall(r'yMax="([\d.]+)"', part))
        assert lowest / height > 0.6, f"sidan {number} av {len(pages)} i utskriften av {case_id} är halvtom"
