"""Contributed text is untrusted: a hostile case builds into a site with none of its markup, and
a case with a Swedish personal identity number never validates."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree

import pytest

from conftest import ROOT, mkdocs_build
from goda_exempel import load
from goda_exempel.validate import find_personnummer, validate_source

NASTY = Path(__file__).parent / "nasty"
VALID = NASTY / "giltigt.md"

TITLE = 'Trygghet i Ale </title><script>alert("titel")</script> & "citat"'
SUMMARY = ('Boende och kommunen gick trygghetsvandringar. "><b>fet</b><script>alert("ingress")</script> '
           "och <iframe src=https://example.org/ingress></iframe> slut.")
ORGANISATION = 'Ale kommun <script>alert("organisation")</script>'

# Raw HTML in the body that the validator lets through (no href or src it can see that is not
# https://): only the sanitiser stands between it and the site.
BODY_HTML = """
<script>alert("kropp")</script>
<img src="https://example.org/x.png" onerror="alert('bild')">
<iframe src="https://example.org/ram"></iframe>
<a href=" javascript:alert('mellanslag')">klicka här</a>
<a href=" data:text/html,&lt;script&gt;alert('data')&lt;/script&gt;">dataadress</a>
<a href="https://example.org/klick" onclick="alert('klick')" target="_blank">en extern sida</a>
<svg onload="alert('svg')"><circle r="5"></circle></svg>
<details open ontoggle="alert('details')">detaljer</details>
<object data="https://example.org/objekt"></object>
<embed src="https://example.org/inbaddat.swf">
<form action="https://example.org/formular"><input name="namn" onfocus="alert('fokus')" autofocus></form>
<style>body { display: none }</style>
<meta http-equiv="refresh" content="0;url=https://example.org/omdirigering">
<base href="https://example.org/">
<p style="background: url(https://example.org/stil)">Stilat stycke.</p>
<!-- <script>alert("kommentar")</script> -->

Läs [en extern rapport](https://example.org/rapport "Rapporten") eller <https://example.org/auto>.

### <img src="https://example.org/r" onerror="alert('rubrik')"> Rubrik med bild

Sist en mXSS-fälla som aldrig stängs:

<math><mtext><table><mglyph><style><img src="https://example.org/m" onerror="alert('mxss')">
"""


def hostile_case() -> str:
    text = VALID.read_text(encoding="utf-8")
    text = text.replace("title: Trygghetsvandringar med boende i Ale", f"title: '{TITLE}'")
    text = re.sub(r"summary: >-\n(  .*\n)+", f"summary: '{SUMMARY}'\n", text)
    text = text.replace("  - name: Ale kommun", f"  - name: '{ORGANISATION}'")
    text = text.replace("Boende kände sig otrygga på gångvägarna.",
                        "Boende kände sig otrygga på gångvägarna.\n" + BODY_HTML)
    return text


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The real project with one extra, hostile case, built with --strict."""
    project = tmp_path_factory.mktemp("fientligt")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "overrides", "hooks", "examples"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "examples" / "fientligt-exempel.md").write_text(hostile_case(), encoding="utf-8")
    site = project / "site"
    result = mkdocs_build(site, config=project / "mkdocs.yml", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_hostile_case_is_a_valid_case():
    """Otherwise the build test below would prove nothing."""
    source = load.parse(hostile_case().encode("utf-8"), "examples/fientligt-exempel.md", "fientligt-exempel")
    case, problems = validate_source(source)
    assert problems == []
    assert case.title == TITLE and case.meta["summary"] == SUMMARY


class Elements(HTMLParser):
    """Every element as the browser's parser sees it, with the text inside script elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.text = ""  # all the text outside tags, as a reader sees it

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "title", "h1"):
            self._open.append(tag)
            self.texts.setdefault(tag, []).append("")

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        self.text += data
        if self._open:
            self.texts[self._open[-1]][-1] += data


def elements(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


TEXT_ATTRIBUTES = {"content", "title", "aria-label", "alt"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}


def test_no_page_of_the_site_runs_or_loads_anything_from_the_case(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 5
    mentioned = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        mentioned += "Trygghet i Ale" in html.unescape(text)
        parsed = elements(page)
        for tag, attrs in parsed.elements:
            where = f"{page.relative_to(hostile_site)}: <{tag} {attrs}>"
            assert tag not in {"iframe", "object", "embed", "base", "frame", "applet"}, where
            assert not (tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh"), where
            for name, value in attrs.items():
                assert not name.startswith("on"), where
                if name not in TEXT_ATTRIBUTES:  # the case's text may be there, as inert text
                    assert "alert(" not in value, where
                if name in URL_ATTRIBUTES:
                    scheme = value.strip().lower().split(":", 1)[0]
                    assert scheme not in {"javascript", "data", "vbscript"}, where
            if any("example.org" in value for name, value in attrs.items() if name not in TEXT_ATTRIBUTES):
                # the only way the case's addresses may reach a page: as a plain link
                assert tag == "a" and set(attrs) <= {"href", "title", "rel"}, where
                assert attrs["href"].startswith("https://example.org/"), where
        assert not any("alert(" in script for script in parsed.texts.get("script", [])), page
    assert mentioned >= 3  # the case page, the start page's list and the catalogue at least


def test_the_case_page_shows_the_hostile_text_as_text(hostile_site):
    page = hostile_site / "exempel" / "fientligt-exempel" / "index.html"
    parsed = elements(page)
    assert parsed.texts["title"] == [f"{TITLE} - Goda exempel"]
    assert [t.strip() for t in parsed.texts["h1"]] == [TITLE]
    descriptions = [a["content"] for tag, a in parsed.elements if tag == "meta" and a.get("name") == "description"]
    assert descriptions == [SUMMARY]
    assert ORGANISATION in parsed.text  # in the fact box, as text


def test_the_feed_carries_the_hostile_text_as_text(hostile_site):
    feed = ElementTree.parse(hostile_site / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entry = next(e for e in feed.iter(f"{atom}entry") if e.findtext(f"{atom}title") == TITLE)
    assert entry.findtext(f"{atom}summary") == SUMMARY
    for element in entry:  # a feed reader renders type="html" as HTML
        assert element.get("type", "text") == "text" or element.tag.endswith("link"), element.tag


def case_text(page: Path) -> str:
    """The contributed body as it is on the page: the element the sanitiser wrote."""
    text = page.read_text(encoding="utf-8")
    start = text.index('<div class="ge-case__text">')
    end = text.index("</div>", start)
    return text[start:end]


def test_grep_the_case_text_for_markup_that_must_not_be_there(hostile_site):
    body = case_text(hostile_site / "exempel" / "fientligt-exempel" / "index.html")
    for needle in ("<script", "onerror=", "<iframe", "javascript:", "data:", "<object", "<embed",
                   "<form", "<input", "<style", "<meta", "<base", "<svg", "<math", "<img", "<details",
                   "style=", "target=", "<!--"):
        assert needle not in body.lower(), needle
    # event attributes may only be there as text, inside an escaped tag
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", body, re.IGNORECASE)


def test_nothing_after_the_hostile_markup_is_lost(hostile_site):
    """Tags off the allow-list are shown as text: an unclosed <style> or <math> (which nh3
    would remove with everything after it) cannot take the rest of the case with it."""
    parser = Elements()
    parser.feed(case_text(hostile_site / "exempel" / "fientligt-exempel" / "index.html"))
    body = parser.text  # what a reader sees
    for text in ("Boende kände sig otrygga", 'klicka här', "en extern sida", "detaljer", "Stilat stycke.",
                 '<script>alert("kropp")</script>', "<math><mtext>", "Läs en extern rapport",
                 "Rubrik med bild", "Så gjorde vi", "Vi gick runt tillsammans", "Åtgärda snabbt"):
        assert text in body, text


def test_external_links_in_the_case_open_with_noopener(hostile_site):
    page = hostile_site / "exempel" / "fientligt-exempel" / "index.html"
    text = page.read_text(encoding="utf-8")
    start = text.index('<div class="ge-case"')
    links = [attrs for tag, attrs in elements(page).elements if tag == "a"]
    parser = Elements()
    parser.feed(text[start:])
    external = [a for tag, a in parser.elements
                if tag == "a" and urlparse(a.get("href", "")).netloc not in ("", "goda-exempel.github.io")]
    hrefs = {a["href"] for a in external}
    assert {"https://example.org/klick", "https://example.org/rapport", "https://example.org/auto",
            "https://example.org/ale"} <= hrefs
    for attrs in external:
        assert "noopener" in attrs.get("rel", "").split(), attrs
    assert links  # the page has links at all


# --- personnummer -------------------------------------------------------------------------------


def check_digit(nine: str) -> str:
    """The Luhn check digit of YYMMDDNNN (written out here, not taken from the code under test)."""
    total = 0
    for index, char in enumerate(nine):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


def with_check(yymmdd: str, nnn: str) -> str:
    return yymmdd + nnn + check_digit(yymmdd + nnn)


def wrong_check(yymmdd: str, nnn: str) -> str:
    return yymmdd + nnn + str((int(check_digit(yymmdd + nnn)) + 1) % 10)


GOOD = with_check("811218", "987")  # 8112189876
COORDINATION = with_check("811278", "987")  # day + 60: a co-ordination number


@pytest.mark.parametrize("text", [
    f"{GOOD[:6]}-{GOOD[6:]}",
    f"{GOOD[:6]}+{GOOD[6:]}",  # someone 100 years old or more
    GOOD,
    f"19{GOOD[:6]}-{GOOD[6:]}",
    f"19{GOOD}",
    f"{COORDINATION[:6]}-{COORDINATION[6:]}",
    f"Kontakt: Anna Andersson ({GOOD[:6]}-{GOOD[6:]}), fältare.",
    f"pnr:{GOOD[:6]}-{GOOD[6:]}.",
    f"20{with_check('050101', '234')}",  # born 2005, with the century
    f"{with_check('050101', '234')[:6]}-{with_check('050101', '234')[6:]}",
])
def test_personnummer_is_found(text):
    assert find_personnummer(text)


PHONE = next(n for n in (f"070{i:07d}" for i in range(1234567, 1234600))
             if n[:6] != "070000" and check_digit(n[:9]) == n[9] and 1 <= int(n[2:4]) <= 12
             and 1 <= int(n[4:6]) <= 31)  # a mobile number that also passes the checksum


@pytest.mark.parametrize("text", [
    f"{GOOD[:6]}-{wrong_check('811218', '987')[6:]}",  # wrong check digit
    wrong_check("811218", "987"),
    f"19{wrong_check('811218', '987')}",
    "811318-9876",  # month 13
    "811232-9873",  # day 32
    PHONE,  # a mobile number written without spaces, even though its check digit fits
    "070-123 45 67", "08-123 456 78", "031-123 45 67", "0701-23 45 67", "+46 70 123 45 67",
    "+46701234567", "0046701234567",
    "556036-0793", "212000-1355", "802002-4280", "Org.nr 556012-5790",  # organisation numbers
    "2018-02-30", "20180230", "2016-04-01–2018-12-31", "1 januari 2020", "2019-09-01 kl. 18.00",
    "370 000 kronor", "1 500 000 kr", "ISBN 978-91-7485-123-4",
    f"{GOOD}1", f"1{GOOD}", f"{GOOD[:6]}-{GOOD[6:]}-1",  # part of a longer number
])
def test_no_false_alarm(text):
    assert find_personnummer(text) == []


def test_the_phone_number_above_would_pass_the_checksum():
    """So the phone test shows the phone rule at work, not luck with the check digit."""
    assert check_digit(PHONE[:9]) == PHONE[9]


PNR = f"{GOOD[:6]}-{GOOD[6:]}"
MESSAGE = "innehåller ett personnummer. Personnummer får aldrig publiceras; ta bort det."


@pytest.mark.parametrize("old, new, line, field", [
    ("title: Trygghetsvandringar med boende i Ale", f"title: Trygghetsvandringar {PNR} i Ale", 2, "title"),
    ("  belysning och buskage inom en månad.", f"  belysning och buskage ({PNR}) inom en månad.", 5, "summary"),
    ("    organisation: Ale kommun", f"    organisation: Ale kommun\n    name: Anna {PNR}", 32, "contacts[1].name"),
    ("    organisation: Ale kommun", f"    organisation: Ale kommun\n    name: {GOOD}", 32, "contacts[1].name"),
    ("kind: insats", f"kind: insats  # {PNR}", 6, "kind"),  # a YAML comment is in the repository too
    ("Belysningen byttes", f"Belysningen ({PNR}) byttes", 46, "text"),
])
def test_personnummer_anywhere_in_a_case_is_rejected(old, new, line, field):
    text = VALID.read_text(encoding="utf-8")
    assert old in text
    source = load.parse(text.replace(old, new).encode("utf-8"), "examples/ale.md", "ale")
    case, problems = validate_source(source)
    assert case is None
    assert [(p.line, p.field, p.message) for p in problems] == [(line, field, MESSAGE)]
    assert PNR not in problems[0].text() and GOOD not in problems[0].text()  # not repeated in CI logs


# Disguises a reader does not notice: the number as a reader sees it is still a personnummer.
DISGUISES = {
    "en dash (Word)": f"{GOOD[:6]}\u2013{GOOD[6:]}",
    "em dash": f"{GOOD[:6]}\u2014{GOOD[6:]}",
    "minus sign": f"{GOOD[:6]}\u2212{GOOD[6:]}",
    "non-breaking hyphen": f"{GOOD[:6]}\u2011{GOOD[6:]}",
    "no-break space": f"{GOOD[:6]}\u00a0{GOOD[6:]}",
    "thin space": f"{GOOD[:6]}\u2009{GOOD[6:]}",
    "zero-width space": f"{GOOD[:6]}\u200b-{GOOD[6:]}",
    "soft hyphen": f"{GOOD[:3]}\u00ad{GOOD[3:]}",
    "word joiner": f"{GOOD[:6]}\u2060{GOOD[6:]}",
    "fullwidth digits": "".join(chr(0xFF10 + int(c)) for c in GOOD),
    "dash with spaces": f"{GOOD[:6]} - {GOOD[6:]}",
    "HTML entity dash": f"{GOOD[:6]}&#8211;{GOOD[6:]}",
    "HTML entity digits": "".join(f"&#{ord(c)};" for c in GOOD),
    "named entity": f"{GOOD[:6]}&ndash;{GOOD[6:]}",
    "Markdown escape": f"{GOOD[:6]}\\-{GOOD[6:]}",
    "HTML tags inside": f"{GOOD[:6]}<b>-</b>{GOOD[6:]}",
    "Markdown emphasis inside": f"{GOOD[:6]}*-*{GOOD[6:]}",
    "Markdown code": f"`{GOOD[:6]}`-`{GOOD[6:]}`",
    "co-ordination number, en dash": f"{COORDINATION[:6]}\u2013{COORDINATION[6:]}",
    "in a web address": f"https://example.org/person/{GOOD[:6]}-{GOOD[6:]}",
    "in a web address, no dash": f"https://example.org/?pnr={GOOD}",
}


@pytest.mark.parametrize("name", sorted(DISGUISES))
def test_personnummer_in_disguise_is_found_in_the_body(name):
    text = VALID.read_text(encoding="utf-8").replace("Belysningen byttes", f"Belysningen ({DISGUISES[name]}) byttes")
    case, problems = validate_source(load.parse(text.encode("utf-8"), "examples/ale.md", "ale"))
    assert [(p.line, p.field, p.message) for p in problems] == [(46, "text", MESSAGE)]


@pytest.mark.parametrize("name", sorted(DISGUISES))
def test_personnummer_in_disguise_is_found_in_a_field(name):
    value = DISGUISES[name].replace("\\", "\\\\")
    text = VALID.read_text(encoding="utf-8").replace(
        "title: Trygghetsvandringar med boende i Ale", f'title: "Trygghetsvandringar {value} i Ale"')
    case, problems = validate_source(load.parse(text.encode("utf-8"), "examples/ale.md", "ale"))
    assert (2, "title", MESSAGE) in [(p.line, p.field, p.message) for p in problems]


@pytest.mark.parametrize("yaml_value", [
    f'"{GOOD[:6]}\\u2013{GOOD[6:]}"',  # a YAML escape inside double quotes
    f'"{GOOD[:6]}\\x2D{GOOD[6:]}"',
    f">-\n    Trygghetsvandringar {GOOD[:6]}-\n    {GOOD[6:]} i Ale",  # folded over two lines
])
def test_personnummer_behind_yaml_escapes_and_folds_is_found(yaml_value):
    text = VALID.read_text(encoding="utf-8").replace(
        "title: Trygghetsvandringar med boende i Ale", f"title: {yaml_value}")
    case, problems = validate_source(load.parse(text.encode("utf-8"), "examples/ale.md", "ale"))
    assert case is None and [p.field for p in problems] == ["title"], problems


def test_personnummer_broken_over_two_lines_of_a_paragraph():
    text = VALID.read_text(encoding="utf-8").replace("Belysningen byttes", f"Belysningen {GOOD[:6]}-\n{GOOD[6:]} byttes")
    case, problems = validate_source(load.parse(text.encode("utf-8"), "examples/ale.md", "ale"))
    assert case is None and [(p.field, p.message) for p in problems] == [("text", MESSAGE)]


@pytest.mark.parametrize("case_id", [f"projekt-{GOOD[:6]}-{GOOD[6:]}", f"projekt-{GOOD}", f"19{GOOD}-ale"])
def test_personnummer_in_a_file_name_is_refused(case_id):
    case, problems = validate_source(load.parse(VALID.read_bytes(), f"examples/{case_id}.md", case_id))
    assert [(p.line, p.message) for p in problems] == [
        (1, "filnamnet innehåller ett personnummer. Byt namn på filen till något som beskriver exemplet.")]


@pytest.mark.parametrize("text", ["070\u2013123 45 67", "08\u00a0123 456 78", "Org.nr 556012\u20135790",
                                  "2016-04-01\u20132018-12-31", "1\u00a0500\u00a0000 kr", "&#8211; 370 000 kr"])
def test_no_false_alarm_in_reader_form(text):
    from goda_exempel import personnummer

    assert personnummer.find_in_reader_form(text) == []
