"""Cases the schema must take as they are: one written from a public source that does not state
a contact, a follow-up level or lessons; a national model tried in named pilot municipalities;
a programme led by a private housing developer with a foundation and a trade association. Each
is valid, is counted where it belongs, and its page says what the source does not state."""

from __future__ import annotations

import json
from pathlib import Path

from goda_exempel import browse, export, facets, lists, map, pages, render, schema, stats
from goda_exempel.validate import validate_dir

ROOT = Path(__file__).resolve().parent.parent

NATIONAL = """---
title: Nationell modell för trygga bostadsområden prövad i pilotkommuner
summary: >-
  En nationell modell för att förebygga brott i bostadsområden prövades i tre pilotkommuner,
  där fastighetsägare, kommun och polis arbetade tillsammans.
kind: samverkansmodell
organisations:
  - name: Stiftelsen Tryggare Boende
    type: stiftelse
partners:
  - name: Fastighetsägarna Sverige
    type: branschorganisation
scope: nationell
pilot_municipalities:
  - Kiruna
  - Ale
  - Malmö
period:
  start: "2021"
  end: pågående
status: pagaende
themes:
  - platser-och-fysisk-miljo
prevention:
  - situationell
target_groups:
  - fastighetsagare
  - byggherrar
methods:
  - platssamverkan
  - trygghetsmatning
  - kunskapsoversikt
evaluation:
  level: framgar-inte
sources:
  - title: Modellen för trygga bostadsområden
    url: https://example.org/modell
    publisher: Stiftelsen Tryggare Boende
added: "2026-12-01"
last_reviewed: "2026-12-01"
---

## Därför gjorde vi det

Brott och otrygghet samlades i några bostadsområden.

## Så gjorde vi

Fastighetsägare, kommun och polis gjorde en gemensam lägesbild och en trygghetsmätning.

## Så blev det

Tre kommuner prövade modellen.
"""

DEVELOPER = """---
title: Byggföretagets program för trygghet i nya stadsdelar
summary: >-
  Ett privat byggföretag och en stiftelse arbetade med trygghet redan när nya stadsdelar
  planerades, tillsammans med kommunen.
kind: program
organisations:
  - name: Byggbolaget AB
    type: bostadsbolag
  - name: Stiftelsen Trygg Stad
    type: stiftelse
scope: lokal
municipalities:
  - Jönköping
period:
  start: "2019"
  end: "2023"
status: avslutad
themes:
  - platser-och-fysisk-miljo
prevention:
  - situationell
target_groups:
  - byggherrar
  - boende
methods:
  - platssamverkan
evaluation:
  level: uppfoljning
sources:
  - title: Trygghet i nya stadsdelar
    url: https://example.org/program
    publisher: Byggbolaget AB
contacts:
  - role: Hållbarhetschef
    organisation: Byggbolaget AB
added: "2026-12-01"
last_reviewed: "2026-12-01"
---

## Därför gjorde vi det

Nya stadsdelar planerades utan tanke på trygghet.

## Så gjorde vi

Trygghet skrevs in i planeringen från början.

## Så blev det

Två stadsdelar byggdes enligt programmet.

## Våra viktigaste slutsatser

Börja tidigt.
"""


def check(tmp_path: Path, **files: str):
    examples = tmp_path / "examples"
    examples.mkdir(parents=True)
    for name, text in files.items():
        (examples / f"{name}.md").write_text(text, encoding="utf-8")
    return validate_dir(examples, tmp_path)


def cases(tmp_path: Path):
    result = check(tmp_path, nationell=NATIONAL, byggforetag=DEVELOPER)
    assert result.ok, [p.text() for p in result.problems]
    return {c.id: c for c in result.cases}


def test_both_cases_are_valid_with_the_new_values(tmp_path):
    found = cases(tmp_path)
    assert found["nationell"].organisation_types == ["stiftelse", "branschorganisation"]
    assert set(found["nationell"]["methods"]) == {"platssamverkan", "trygghetsmatning", "kunskapsoversikt"}


def test_every_new_value_has_a_swedish_label_and_description():
    for name, term_id in [("organisation_types", "stiftelse"), ("organisation_types", "branschorganisation"),
                          ("methods", "platssamverkan"), ("methods", "trygghetsmatning"),
                          ("methods", "kunskapsoversikt"), ("target_groups", "fastighetsagare"),
                          ("target_groups", "byggherrar"), ("evaluation_levels", "framgar-inte")]:
        term = next(t for t in schema.vocabulary(name).terms if t.id == term_id)
        assert term.label and term.label != term.id and term.description.endswith(".")


def test_named_pilot_municipalities_count_in_the_facets_statistics_map_and_exports(tmp_path):
    found = cases(tmp_path)
    all_cases = list(found.values())
    national = found["nationell"]
    assert [m.name for m in national.municipalities] == ["Kiruna", "Ale", "Malmö"]
    index = facets.index(all_cases)
    assert [c.id for c in index["kommun"]["Kiruna"]] == ["nationell"]
    assert "Norrbottens län" in index["lan"]
    assert ("Norrbottens län", 1) in stats.counts(all_cases, "lan")
    assert 'aria-label="Norrbottens län: 1 exempel i 1 kommun"' in map.svg(all_cases, "../")
    assert ">Kiruna</a>" in browse.place_list(all_cases, "../")
    data = json.loads(export.to_json(all_cases, "https://example.org/"))
    record = next(c for c in data["cases"] if c["id"] == "nationell")
    assert record["pilot_municipalities"] == ["Kiruna", "Ale", "Malmö"]
    assert len(record["derived"]["municipality_codes"]) == 3
    header = export.to_csv(all_cases, "https://example.org/").decode("utf-8-sig").split("\r\n")[0]
    assert "Pilotkommuner" in header.split(";")  # the CSV is for people: Swedish column names


def test_a_national_case_without_named_pilots_counts_in_no_county(tmp_path):
    text = NATIONAL.replace("pilot_municipalities:\n  - Kiruna\n  - Ale\n  - Malmö\n", "")
    result = check(tmp_path, nationell=text)
    assert result.ok, [p.text() for p in result.problems]
    assert result.cases[0].municipalities == [] and result.cases[0].counties == []


def test_pilots_and_municipalities_each_belong_to_their_scope(tmp_path):
    result = check(tmp_path, nationell=NATIONAL.replace("pilot_municipalities:", "municipalities:"))
    assert [(p.field, p.message.split(".")[0]) for p in result.problems] == [
        ("municipalities", "anges inte för ett nationellt arbete")]
    result = check(tmp_path / "lokal", byggforetag=DEVELOPER.replace("municipalities:\n  - Jönköping\n",
                                                          "municipalities:\n  - Jönköping\npilot_municipalities:\n  - Habo\n"))
    assert [p.field for p in result.problems] == ["pilot_municipalities"]


def test_the_page_says_what_the_source_does_not_state(tmp_path):
    national = cases(tmp_path)["nationell"]
    rows = dict(render.fact_rows(national))
    assert rows["Kontakt"] == '<span class="ge-muted">Framgår inte av källan</span>'
    assert rows["Uppföljning"].startswith("Framgår inte av källan")
    assert "Kiruna" in rows["Pilotkommuner"] and "Norrbottens län" in rows["Pilotkommuner"]
    assert rows["Geografisk räckvidd"] == "Nationell" and "Kommuner" not in rows
    assert lists.places_text(national) == "Nationell, pilotkommuner: Kiruna, Ale, Malmö"
    assert lists.places_text(cases(tmp_path / "b")["byggforetag"]) == "Jönköping"
    text = pages.case_text_markdown(national)
    assert text.endswith("## Så blev det\n\nTre kommuner prövade modellen.\n\n"
                         "## Våra viktigaste slutsatser\n\nFramgår inte av källan.\n")


def test_lessons_left_out_go_before_further_reading(tmp_path):
    text = NATIONAL.rstrip("\n") + "\n\n## Fördjupning\n\nRapporten.\n"
    result = check(tmp_path, nationell=text)
    assert result.ok
    body = pages.case_text_markdown(result.cases[0])
    assert body.index("## Våra viktigaste slutsatser") < body.index("## Fördjupning")


def test_a_case_with_its_own_lessons_and_contact_shows_them(tmp_path):
    developer = cases(tmp_path)["byggforetag"]
    assert "Framgår inte" not in pages.case_text_markdown(developer)
    assert "Hållbarhetschef" in dict(render.fact_rows(developer))["Kontakt"]
