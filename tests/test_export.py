"""Open data: JSON (validated against the published schema), CSV (Swedish headers and labels, read
back with Python's csv module, formula guard), Atom (parses, holds the cases), determinism, the real built site
and the real ``goda-exempel export`` command."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goda_exempel import export, load, schema
from goda_exempel.repo import Repo
from goda_exempel.serialize import dump_case
from goda_exempel.validate import validate_dir, validate_source

ROOT = Path(__file__).resolve().parent.parent
CLI = str(Path(sys.executable).parent / "goda-exempel")
SITE = "https://exempel.test/kunskapsbank/"
ATOM = "{http://www.w3.org/2005/Atom}"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

REAL = validate_dir(ROOT / "examples", ROOT)
assert REAL.ok, REAL.problems
REAL_CASES = REAL.cases


def _days_after_newest(days: int) -> str:
    # at most a day after the newest real case: validation refuses dates after tomorrow
    newest = max(max(c.meta["added"], c.meta["last_reviewed"]) for c in REAL_CASES)
    return (date.fromisoformat(newest) + timedelta(days=days)).isoformat()


def _tricky_case():
    """A valid case full of what breaks naive CSV and XML writers, validated for real."""
    base = next(c for c in REAL_CASES if c.id == "trygga-grannar-vatterhem")
    meta = copy.deepcopy(base.meta)
    meta.update({
        "title": '=HYPERLINK("https://x.test";"klicka") "citat"; å ä ö Å Ä Ö 🙂 <b>&amp;',
        "summary": ('+Ett påhittat exempel med semikolon; "citattecken", en radbrytning\n'
                    "och emoji 🙂 – för att pröva exporten med å, ä och ö."),
        "organisations": [{"name": '@Föreningen "Trygg"; Malmö', "type": "civilsamhalle"}],
        "partners": [],
        "municipalities": ["Malmö", "Upplands Väsby"],
        "areas": ["-Söder; norr", "'Citat'", "Rad\nbrytning", "=1+1"],
        "evaluation": {"level": "uppfoljning", "description": '-Minus först, "och" ;semikolon\nny rad',
                       "reports": [{"title": "@rapport 🙂", "url": "https://example.org/a;b?c=%22d%22"}]},
        "budget": {"amount": 0, "per": "totalt", "note": ""},
        "sources": [{"title": "=1+1", "url": "https://example.org/källa", "publisher": "'Apostrof först"}],
        "contacts": [{"role": "Samordnare", "organisation": "Malmö stad", "name": "Åsa Öberg",
                      "email": "asa@example.se"}],
        # one day after the newest real case, so the tricky case is first in the feed
        "added": _days_after_newest(1),
        "last_reviewed": _days_after_newest(1),
    })
    del meta["methods"]
    text = dump_case(meta, base.body)
    case, problems = validate_source(load.parse(text.encode("utf-8"), "examples/knepigt-exempel.md",
                                                "knepigt-exempel"))
    assert not problems, problems
    return case


TRICKY = _tricky_case()
CASES = REAL_CASES + [TRICKY]


# --- JSON ----------------------------------------------------------------------------------------


def test_json_cases_validate_against_the_published_schema():
    published = json.loads(export.schema_json(SITE))
    jsonschema.Draft202012Validator.check_schema(published)
    validator = jsonschema.Draft202012Validator(published)
    data = json.loads(export.to_json(CASES, SITE))
    assert len(data["cases"]) == data["count"] == len(REAL_CASES) + 1
    for item in data["cases"]:
        front_matter = {k: v for k, v in item.items() if k not in export.EXTRA_KEYS}
        errors = [e.message for e in validator.iter_errors(front_matter)]
        assert errors == [], item["id"]
    # the schema really checks the exported values: a wrong vocabulary id is caught
    broken = dict(data["cases"][0], themes=["inget-sadant-tema"])
    broken = {k: v for k, v in broken.items() if k not in export.EXTRA_KEYS}
    assert not validator.is_valid(broken)


def test_json_holds_every_case_exactly_sorted_by_id():
    data = json.loads(export.to_json(CASES, SITE))
    assert data["version"] == export.EXPORT_VERSION
    assert data["schema"] == "case.schema.json"
    assert [c["id"] for c in data["cases"]] == sorted(c.id for c in CASES)
    by_id = {c.id: c for c in CASES}
    for item in data["cases"]:
        case = by_id[item["id"]]
        assert {k: v for k, v in item.items() if k not in export.EXTRA_KEYS} == case.meta
        assert list(item)[:2] == ["id", "url"] and list(item)[-1] == "derived"
        assert item["url"] == f"{SITE}exempel/{case.id}/"
    tricky = next(i for i in data["cases"] if i["id"] == "knepigt-exempel")
    assert tricky["derived"] == {"counties": ["Skåne län", "Stockholms län"],
                                 "municipality_codes": ["1280", "0114"]}
    assert tricky["title"] == TRICKY.title  # text as written, not HTML-escaped


def test_published_schema_has_vocabularies_and_its_address():
    published = json.loads(export.schema_json(SITE))
    assert published["$id"] == SITE + "data/case.schema.json"
    assert published["properties"]["themes"]["items"]["enum"] == schema.vocabulary("themes").ids
    assert "Malmö" in published["properties"]["municipalities"]["items"]["enum"]
    assert schema.resolved_schema()["$id"] == schema.raw_schema()["$id"]  # shared schema untouched


# --- CSV -----------------------------------------------------------------------------------------


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_is_excel_friendly_utf8_with_bom_semicolons_and_crlf():
    data = export.to_csv(CASES, SITE)
    assert data.startswith("\ufeffAdress;Rubrik;Ingress;Typ av exempel;".encode("utf-8"))
    assert "å ä ö Å Ä Ö 🙂".encode("utf-8") in data
    assert data.endswith(b"\r\n")
    rows = _rows(data)
    header = rows[0]
    assert header == [c.name for c in export.csv_columns()]
    top_level = [c.path[0] for c in export.csv_columns() if c.path]
    assert list(dict.fromkeys(top_level)) == schema.field_order()  # the schema's field order
    assert len(rows) == 1 + len(CASES)
    assert all(len(r) == len(header) for r in rows)
    # every record ends in CRLF: strip the quoted cells, and no bare LF or CR is left
    unquoted = b"".join(data.split(b'"')[::2])
    assert unquoted.count(b"\r\n") == len(rows)
    assert unquoted.replace(b"\r\n", b"").count(b"\n") == 0
    assert unquoted.replace(b"\r\n", b"").count(b"\r") == 0


def test_csv_is_in_swedish_words_with_no_ids_and_no_json():
    """A spreadsheet user reads the schema's titles and the vocabularies' labels; the ids are in
    the JSON, which is for programs."""
    rows = export.read_csv(export.to_csv(CASES, SITE))
    header = list(rows[0])
    assert not set(header) & set(schema.field_order()), header  # no field names ("title", "themes")
    assert all(name[0].isupper() for name in header)
    by_url = {f"{SITE}exempel/{c.id}/": c for c in CASES}
    assert sorted(r["Adress"] for r in rows) == sorted(by_url)
    for row in rows:
        case = by_url[row["Adress"]]
        labels = lambda vocab, ids: "; ".join(schema.vocabulary(vocab).label_of(i) for i in ids)  # noqa: E731
        assert row["Teman"] == labels("themes", case.meta["themes"])
        assert row["Målgrupper"] == labels("target_groups", case.meta["target_groups"])
        assert row["Status"] == schema.vocabulary("statuses").label_of(case.meta["status"])
        assert row["Uppföljning: nivå"] == schema.vocabulary("evaluation_levels").label_of(case.meta["evaluation"]["level"])
        for cell in row.values():
            assert not cell.lstrip("'").startswith(("[", "{")), cell
        # ids such as "alla-invanare" (a one-word id, "ingen", is also a word of the texts)
        ids = {i for v in schema.vocabularies().values() for i in v.ids if "-" in i and i != v.label_of(i)}
        words = {w for cell in row.values() for w in cell.replace(";", " ").split()}
        assert not words & ids, (row["Adress"], words & ids)


def test_csv_cells_as_documented():
    rows = export.read_csv(export.to_csv(CASES, SITE))
    cell = next(r for r in rows if r["Adress"].endswith("/knepigt-exempel/"))
    assert cell["Rubrik"] == "'" + TRICKY.title  # guarded: starts with =
    assert cell["Ingress"] == "'" + TRICKY.meta["summary"]  # guarded: starts with +, newline kept
    assert cell["Kommuner"] == "Malmö; Upplands Väsby"
    assert cell["Områden"] == "'-Söder; norr; 'Citat'; Rad\nbrytning; =1+1"
    assert cell["Organisationer"] == "'@Föreningen \"Trygg\"; Malmö – Civilsamhälle"
    assert cell["Samarbetspartner"] == ""  # present but empty
    assert cell["Metoder"] == ""  # absent
    assert cell["Tidsperiod: start"] == TRICKY.meta["period"]["start"]
    assert cell["Uppföljning: beskrivning"].startswith("'-Minus först")
    assert cell["Uppföljning: rapporter"] == "'@rapport 🙂 – https://example.org/a;b?c=%22d%22"
    assert cell["Budget: belopp i kronor"] == "0"
    assert cell["Budget: avser"] == schema.vocabulary("budget_periods").label_of("totalt")
    assert cell["Källor"] == "'=1+1 – https://example.org/källa – 'Apostrof först"
    assert cell["Kontakt"] == "Samordnare – Malmö stad – Åsa Öberg – asa@example.se"
    assert cell["Län"] == "Skåne län; Stockholms län"
    assert cell["Kommunkoder"] == "1280; 0114"
    real = next(r for r in rows if r["Adress"].endswith("/trygga-grannar-vatterhem/"))
    assert real["Budget: belopp i kronor"] == real["Budget: avser"] == real["Budget: kommentar"] == ""  # no budget
    assert real["Samarbetspartner"].split("\n")[0] == "Polisen"  # not "Polisen – Polisen"


def test_no_csv_cell_starts_like_a_formula():
    for row in _rows(export.to_csv(CASES, SITE)):
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell


@given(st.text())
def test_guarded_cells_never_start_like_a_formula(text):
    cell = export.guard(text)
    assert not cell.startswith(FORMULA_START)
    assert cell in (text, "'" + text)


# --- Atom ----------------------------------------------------------------------------------------


def test_atom_feed_parses_and_lists_the_newest_cases():
    data = export.to_atom(CASES, SITE, "Goda exempel")
    feed = ET.fromstring(data)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
    assert feed.findtext(f"{ATOM}title") == "Goda exempel: nya exempel"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == SITE + "feed.xml"
    assert feed.findtext(f"{ATOM}updated") == TRICKY.meta["last_reviewed"] + "T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(CASES)
    first = entries[0]  # the newest by added
    assert first.findtext(f"{ATOM}title") == TRICKY.title  # markup-like text stays text
    assert first.find(f"{ATOM}title").findall("*") == []
    assert first.find(f"{ATOM}link").get("href") == SITE + "exempel/knepigt-exempel/"
    assert first.findtext(f"{ATOM}id") == SITE + "exempel/knepigt-exempel/"
    assert first.findtext(f"{ATOM}summary") == TRICKY.meta["summary"]
    assert first.findtext(f"{ATOM}published") == TRICKY.meta["added"] + "T00:00:00Z"
    assert first.findtext(f"{ATOM}updated") == TRICKY.meta["last_reviewed"] + "T00:00:00Z"
    labels = [c.get("label") for c in first.findall(f"{ATOM}category")]
    assert labels == [schema.vocabulary("themes").label_of(t) for t in TRICKY.meta["themes"]]
    assert {e.findtext(f"{ATOM}title") for e in entries} == {c.title for c in CASES}


def test_atom_feed_limits_entries_and_drops_characters_xml_cannot_hold():
    odd = replace(TRICKY, meta={**TRICKY.meta, "summary": "Före\x01efter \ufffe slut"})
    feed = ET.fromstring(export.to_atom(REAL_CASES + [odd], SITE, "Goda exempel", count=2))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert entries[0].findtext(f"{ATOM}summary") == "Föreefter  slut"


# --- determinism ---------------------------------------------------------------------------------


def test_exports_are_byte_identical_whatever_the_input_order():
    first = export.site_files(CASES, SITE, "Goda exempel")
    again = export.site_files(list(reversed(CASES)), SITE, "Goda exempel")
    assert first == again
    assert set(first) == {"data/exempel.json", "data/case.schema.json", "data/exempel.csv", "feed.xml"}


def test_generated_from_follows_the_content_not_the_clock():
    data = json.loads(export.to_json(REAL_CASES, SITE))
    assert data["generated_from"]["last_change"] == max(c.meta["last_reviewed"] for c in REAL_CASES)
    edited = [replace(c, body=c.body + "\nEn rad till.\n") if i == 0 else c for i, c in enumerate(REAL_CASES)]
    assert json.loads(export.to_json(edited, SITE))["generated_from"]["sha256"] != data["generated_from"]["sha256"]


# --- the real site and the real command -----------------------------------------------------------

PAGES_URL = Repo(next(line.split(":", 1)[1].strip() for line in (ROOT / "mkdocs.yml").read_text("utf-8").splitlines()
                      if line.startswith("repo_url:"))).pages_url


@pytest.mark.build
def test_built_site_publishes_the_open_data(built_site):
    data = json.loads((built_site / "data" / "exempel.json").read_text("utf-8"))
    ids = sorted(c.id for c in REAL_CASES)
    assert data["count"] == len(ids) and [c["id"] for c in data["cases"]] == ids
    for item in data["cases"]:
        assert item["url"] == urljoin(PAGES_URL, f"exempel/{item['id']}/")
        assert (built_site / "exempel" / item["id"] / "index.html").is_file()
    published = json.loads((built_site / "data" / "case.schema.json").read_text("utf-8"))
    assert published["$id"] == PAGES_URL + "data/case.schema.json"
    validator = jsonschema.Draft202012Validator(published)
    for item in data["cases"]:
        assert validator.is_valid({k: v for k, v in item.items() if k not in export.EXTRA_KEYS})
    rows = export.read_csv((built_site / "data" / "exempel.csv").read_bytes())
    assert [r["Adress"] for r in rows] == [urljoin(PAGES_URL, f"exempel/{i}/") for i in ids]
    feed = ET.parse(built_site / "feed.xml").getroot()
    assert sorted(e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")) == [urljoin(PAGES_URL, f"exempel/{i}/") for i in ids]


@pytest.mark.build
def test_om_links_the_files_and_every_page_announces_the_feed_to_feed_readers_only(built_site):
    # Material's script takes every link[rel=alternate] for a language version and fetches the
    # sitemap next to it on every page view (1.8 MB at 10,000 cases): the feed is announced
    # with rel="alternate feed", which feed readers and browsers find and that selector does not.
    pages = [p for p in built_site.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) >= 8
    for page in pages:
        html = page.read_text("utf-8")
        assert 'rel="alternate"' not in html, page
        links = re.findall(r'<link rel="alternate feed" type="application/atom\+xml"[^>]*href="([^"]+)"', html)
        assert len(links) == 1, page
        assert (page.parent / links[0]).resolve() == (built_site / "feed.xml").resolve() or links[0].endswith("/feed.xml"), page
    om = (built_site / "om" / "index.html").read_text("utf-8")
    for target in ("data/exempel.json", "data/case.schema.json", "data/exempel.csv", "feed.xml"):
        assert f'href="../{target}"' in om
        assert (built_site / target).is_file()


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, "export", *args], cwd=cwd, capture_output=True, check=False)


@pytest.mark.build
@pytest.mark.parametrize("fmt, path", [("csv", "data/exempel.csv"), ("json", "data/exempel.json"),
                                       ("atom", "feed.xml")])
def test_cli_writes_the_same_bytes_as_the_site(built_site, fmt, path):
    result = _cli("--format", fmt)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == (built_site / path).read_bytes()


def test_cli_csv_with_site_url_and_out_file(tmp_path):
    out = tmp_path / "exempel.csv"
    result = _cli("--format", "csv", "--site-url", SITE, "--out", str(out))
    assert result.returncode == 0
    assert result.stdout == b""
    assert result.stderr.decode().strip() == f"Skrev {len(REAL_CASES)} exempel till {out}."
    rows = export.read_csv(out.read_bytes())
    assert [r["Adress"] for r in rows] == [f"{SITE}exempel/{c}/" for c in sorted(c.id for c in REAL_CASES)]
    assert {r["Rubrik"] for r in rows} == {c.title for c in REAL_CASES}


def test_cli_refuses_invalid_examples_in_swedish(tmp_path):
    (tmp_path / "examples").mkdir()
    good = (ROOT / "examples" / "trygga-grannar-vatterhem.md").read_text("utf-8")
    (tmp_path / "examples" / "trasig.md").write_text(good.replace("kind: insats", "kind: insatts"), "utf-8")
    result = _cli("--format", "json", "--site-url", SITE, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == b""
    err = result.stderr.decode()
    assert 'examples/trasig.md:7: kind: "insatts" är inte ett tillåtet värde. Menade du insats?' in err
    assert "1 fel i 1 fil." in err and "Traceback" not in err


def test_cli_needs_a_site_address_without_mkdocs_yml(tmp_path):
    (tmp_path / "examples").mkdir()
    result = _cli("--format", "atom", cwd=tmp_path)
    assert result.returncode == 1
    assert "ange --site-url" in result.stderr.decode()
