"""The core on good and broken case files: one test per kind of error, asserting the file,
the line, the field and the Swedish message a contributor sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from goda_exempel.validate import validate_dir

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = (FIXTURES / "valid-case.md").read_text(encoding="utf-8")


def check(tmp_path: Path, text: str, name: str = "ale-vandringar.md", extra: dict[str, str] | None = None):
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / name).write_text(text, encoding="utf-8")
    for other, content in (extra or {}).items():
        (examples / other).write_text(content, encoding="utf-8")
    return validate_dir(examples, tmp_path)


def one(tmp_path: Path, text: str, **kw):
    result = check(tmp_path, text, **kw)
    assert len(result.problems) == 1, [p.text() for p in result.problems]
    return result.problems[0]


def test_the_fixture_is_valid(tmp_path):
    result = check(tmp_path, GOOD)
    assert result.ok, [p.text() for p in result.problems]
    case = result.cases[0]
    assert case.id == "ale-vandringar"
    assert case["period"] == {"start": "2019-09", "end": "2021"}  # a plain 2021 is read as text
    assert case.counties == ["Västra Götalands län"]


def test_real_examples_are_valid():
    root = Path(__file__).parent.parent
    result = validate_dir(root / "examples", root)
    assert result.ok, [p.text() for p in result.problems]
    assert len(result.cases) >= 4


def test_yaml_syntax_error_names_the_line(tmp_path):
    p = one(tmp_path, GOOD.replace("title: Trygghetsvandringar med boende i Ale",
                                   "title: Trygghet: vandringar i Ale"))
    assert p.text().startswith("examples/ale-vandringar.md:2: YAML-fel: ett kolon på fel ställe")
    assert "citattecken" in p.message


def test_tab_indentation_is_explained(tmp_path):
    p = one(tmp_path, GOOD.replace("  - Ale\n", "\t- Ale\n"))
    assert (p.path, p.line) == ("examples/ale-vandringar.md", 12)
    assert "tabbtecken" in p.message and "mellanslag" in p.message


def test_unknown_key_and_missing_key_are_both_reported(tmp_path):
    result = check(tmp_path, GOOD.replace("summary: >-", "sumary: >-"))
    texts = [p.text() for p in result.problems]
    assert "examples/ale-vandringar.md:3: sumary: okänt fält. Menade du summary?" in texts
    assert any(t.startswith("examples/ale-vandringar.md:1: summary: fältet saknas. Lägg till det (Ingress:")
               for t in texts), texts


def test_duplicate_key(tmp_path):
    p = one(tmp_path, GOOD.replace("status: avslutad\n", "status: avslutad\nstatus: pagaende\n"))
    assert p.text() == ("examples/ale-vandringar.md:17: status: fältet står två gånger "
                        "(första gången på rad 16). Ta bort det ena.")


def test_missing_required_field(tmp_path):
    p = one(tmp_path, GOOD.replace("kind: insats\n", ""))
    assert p.field == "kind"
    assert p.message.startswith("fältet saknas. Lägg till det (Typ av exempel:")


def test_missing_nested_field_points_at_its_parent(tmp_path):
    p = one(tmp_path, GOOD.replace("    publisher: Ale kommun\n", ""))
    assert (p.line, p.field) == (28, "sources[1].publisher")
    assert p.message.startswith("fältet saknas")


def test_near_miss_in_a_vocabulary(tmp_path):
    p = one(tmp_path, GOOD.replace("  - platser-och-fysisk-miljo", "  - platser-och-fysisk-miljö"))
    assert p.text() == ('examples/ale-vandringar.md:18: themes[1]: "platser-och-fysisk-miljö" är inte '
                        'ett tillåtet värde. Menade du platser-och-fysisk-miljo?')


def test_label_instead_of_id_is_understood(tmp_path):
    p = one(tmp_path, GOOD.replace("  - platser-och-fysisk-miljo", "  - Platser och fysisk miljö"))
    assert p.message.endswith("Menade du platser-och-fysisk-miljo?")


def test_far_miss_lists_the_allowed_values(tmp_path):
    p = one(tmp_path, GOOD.replace("kind: insats", "kind: projektet"))
    assert p.text() == ('examples/ale-vandringar.md:6: kind: "projektet" är inte ett tillåtet värde. '
                        "Tillåtna värden: insats, program, samverkansmodell, erfarenhet.")


def test_unknown_municipality(tmp_path):
    p = one(tmp_path, GOOD.replace("  - Ale\n", "  - Jönköpng\n"))
    assert p.text() == 'examples/ale-vandringar.md:12: municipalities[1]: "Jönköpng" är inte en svensk kommun. Menade du Jönköping?'


def test_date_that_does_not_exist(tmp_path):
    p = one(tmp_path, GOOD.replace("added: 2026-11-01", "added: 2018-02-30"))
    assert p.text() == ('examples/ale-vandringar.md:35: added: "2018-02-30" är inget riktigt datum. '
                        "Kontrollera månad och dag.")


def test_date_in_the_wrong_form(tmp_path):
    p = one(tmp_path, GOOD.replace("added: 2026-11-01", "added: 1 november 2026"))
    assert p.line == 35 and p.field == "added"
    assert p.message == '"1 november 2026" har fel form. Skriv ett datum som 2026-11-21.'


def test_period_that_ends_before_it_starts(tmp_path):
    p = one(tmp_path, GOOD.replace("  end: 2021", "  end: 2018-05"))
    assert p.text() == "examples/ale-vandringar.md:15: period.end: slutar (2018-05) innan arbetet började (2019-09)."


def test_review_before_added(tmp_path):
    p = one(tmp_path, GOOD.replace("last_reviewed: 2026-11-10", "last_reviewed: 2026-10-10"))
    assert p.line == 36 and p.field == "last_reviewed"


def test_wrong_type_says_what_is_expected(tmp_path):
    p = one(tmp_path, GOOD.replace("themes:\n  - platser-och-fysisk-miljo", "themes: platser-och-fysisk-miljo"))
    assert p.text() == "examples/ale-vandringar.md:17: themes: ska vara en lista (rader som börjar med -), men är text."


def test_empty_required_value(tmp_path):
    p = one(tmp_path, GOOD.replace("status: avslutad", "status:"))
    assert p.field == "status" and p.line == 16
    assert p.message.startswith("fältet är tomt. Fyll i det (Status:")


def test_link_that_is_not_http(tmp_path):
    p = one(tmp_path, GOOD.replace("Vi gick runt tillsammans", "Vi gick [runt](javascript:alert(1)) tillsammans"))
    assert p.text() == ('examples/ale-vandringar.md:45: text: länken "javascript:alert(1" är inte en webbadress. '
                        "Skriv en fullständig adress som börjar med https://.")


def test_source_url_that_is_not_http(tmp_path):
    p = one(tmp_path, GOOD.replace("url: https://example.org/ale", "url: ftp://example.org/ale"))
    assert (p.line, p.field) == (29, "sources[1].url")
    assert p.message == '"ftp://example.org/ale" har fel form. Skriv en fullständig adress som börjar med https://.'


def test_missing_body_section(tmp_path):
    p = one(tmp_path, GOOD.replace("## Så blev det\n\nBelysningen byttes och buskarna klipptes.\n\n", ""))
    assert p.field == "text"
    assert p.message.startswith('avsnittet "## Så blev det" saknas. Skriv under den rubriken:')


def test_misspelt_section_heading(tmp_path):
    result = check(tmp_path, GOOD.replace("## Så gjorde vi", "## Så gjord vi"))
    texts = [p.text() for p in result.problems]
    assert 'examples/ale-vandringar.md:43: text: okänd avsnittsrubrik "## Så gjord vi". Menade du ## Så gjorde vi?' in texts


def test_a_section_heading_written_twice(tmp_path):
    """A text given for one section that holds another section's heading (a pasted text, or
    `new --text-darfor "…\n## Så gjorde vi\n…"`) would split that section in two."""
    result = check(tmp_path, GOOD.replace("## Så blev det\n", "## Så gjorde vi\n\nMer om hur.\n\n## Så blev det\n"))
    twice = 'text: rubriken ”## Så gjorde vi” finns två gånger. Skriv allt under en av rubrikerna och ta bort den andra.'
    assert [p.text() for p in result.problems] == [f"examples/ale-vandringar.md:{line}: {twice}" for line in (43, 47)]


def test_level_one_heading_in_body(tmp_path):
    p = one(tmp_path, GOOD.replace("## Därför gjorde vi det\n", "# Rubrik\n\n## Därför gjorde vi det\n"))
    assert p.line == 39 and "rubriken kommer från title" in p.message


def test_duplicate_titles_across_files(tmp_path):
    result = check(tmp_path, GOOD, extra={"ale-kopia.md": GOOD})
    texts = [p.text() for p in result.problems]
    assert texts == ["examples/ale-vandringar.md:2: title: samma rubrik som examples/ale-kopia.md. "
                     "Välj en rubrik som skiljer exemplen åt."]


def test_file_name_must_be_an_id(tmp_path):
    p = one(tmp_path, GOOD, name="Trygghet i Åre.md")
    assert p.text() == ("examples/Trygghet i Åre.md:1: filnamnet får bara innehålla små bokstäver a–z, siffror "
                        "och bindestreck (inga å, ä, ö, mellanslag eller punkter). Byt namn till trygghet-i-are.md.")


def test_scope_lokal_needs_a_municipality(tmp_path):
    p = one(tmp_path, GOOD.replace("municipalities:\n  - Ale\n", ""))
    assert p.field == "municipalities" and p.message.startswith("ange minst en kommun: ett lokalt")
    assert p.line == 10  # scope: lokal, the line that makes the field needed


def test_national_scope_needs_no_municipality(tmp_path):
    result = check(tmp_path, GOOD.replace("scope: lokal\nmunicipalities:\n  - Ale\n", "scope: nationell\n"))
    assert result.ok, [p.text() for p in result.problems]


def test_yaml_booleans_and_dates_stay_text(tmp_path):
    result = check(tmp_path, GOOD.replace("title: Trygghetsvandringar med boende i Ale", "title: no no no no"))
    assert result.ok
    assert result.cases[0].title == "no no no no"


def test_personnummer_is_rejected(tmp_path):
    p = one(tmp_path, GOOD.replace("Boende kände sig", "Boende (811228-9874) kände sig"))
    assert p.text() == ("examples/ale-vandringar.md:41: text: innehåller ett personnummer. "
                        "Personnummer får aldrig publiceras; ta bort det.")


def test_every_error_is_reported_at_once(tmp_path):
    broken = (GOOD.replace("kind: insats", "kind: projektet")
                  .replace("added: 2026-11-01", "added: 2018-02-30")
                  .replace("  - Ale\n", "  - Alle\n")
                  .replace("## Så blev det", "## Resultat"))
    result = check(tmp_path, broken)
    fields = sorted({(p.line, p.field) for p in result.problems})
    assert (6, "kind") in fields and (35, "added") in fields and (12, "municipalities[1]") in fields
    assert any(p.field == "text" and "Resultat" in p.message for p in result.problems)
    assert not result.cases


@pytest.mark.parametrize("text, line, start", [
    ("", 1, "filen saknar framsida"),
    ("Bara text\n", 1, "filen saknar framsida"),
    ("---\ntitle: x\n", 1, "framsidan stängs aldrig"),
    ("---\n- a\n- b\n---\n", 2, "framsidan ska bestå av fält"),
    ("---\nbase: &a [1]\nother: *a\n---\n", 2, "YAML-ankare (&namn) är inte tillåtna"),
])
def test_broken_front_matter(tmp_path, text, line, start):
    problems = check(tmp_path, text).problems
    assert problems[0].line == line
    assert problems[0].message.startswith(start), problems[0].message


def _meta(text: str):
    from goda_exempel.load import parse
    from goda_exempel.validate import _normalise

    source = parse(text.encode(), "x.md", "x")
    return _normalise(source.meta, (), source.raw)


@pytest.mark.parametrize("old, new", [
    ("kind: insats", "kind: projekt"), ("added: 2026-11-01", "added: 2018-02-30"),
    ("  start: 2019-09", "  start: 2019-13"), ("  start: 2019-09", "  start: '2019-09-31'"),
    ("  end: 2021", "  end: snart"), ("  - Ale\n", "  - Alle\n"), ("  - Ale\n", "  - Ale\n  - Ale\n"),
    ("title: Trygghetsvandringar med boende i Ale", "title: Kort"), ("title: Trygghetsvandringar med boende i Ale", "title: 12345"),
    ("url: https://example.org/ale", "url: example.org"), ("url: https://example.org/ale", "url: 'https://a b'"),
    ("    publisher: Ale kommun\n", ""), ("scope: lokal\n", "scope: nationell\n"),
    ("scope: lokal\nmunicipalities:\n  - Ale\n", "scope: regional\n"), ("status: avslutad", "status: true"),
    ("evaluation:\n  level: uppfoljning", "evaluation:\n  level: uppfoljning\n  extra: 1"),
    ("contacts:\n", "budget:\n  amount: -5\n  per: ar\ncontacts:\n"),
    ("contacts:\n", "budget:\n  amount: 5\n  per: ar\ncontacts:\n"),
    ("    organisation: Ale kommun", "    organisation: Ale kommun\n    email: inte-en-adress"),
    ("themes:\n  - platser-och-fysisk-miljo", "themes: []"), ("", ""),
])
def test_the_fast_check_and_jsonschema_agree(old, new):
    """Valid cases are confirmed by the compiled schema; it must say "valid" exactly when
    jsonschema finds no error, or a broken case could pass unexplained."""
    from goda_exempel.validate import _fast_validator, _validator
    import fastjsonschema

    meta = _meta(GOOD.replace(old, new, 1) if old else GOOD)
    try:
        _fast_validator()(meta)
        fast_ok = True
    except fastjsonschema.JsonSchemaException:
        fast_ok = False
    assert fast_ok == (not list(_validator().iter_errors(meta)))


def test_a_changed_file_is_checked_again(tmp_path):
    assert check(tmp_path, GOOD).ok
    examples = tmp_path / "examples"
    (examples / "ale-vandringar.md").write_text(GOOD.replace("kind: insats", "kind: insatts"), encoding="utf-8")
    result = validate_dir(examples, tmp_path)
    assert [p.field for p in result.problems] == ["kind"]


def test_many_files_are_checked_in_parallel_with_the_same_result(tmp_path, monkeypatch):
    from goda_exempel import validate

    others = {f"ale-{i}.md": GOOD.replace("i Ale", f"i Ale {i}") for i in range(4)}
    others["trasig.md"] = GOOD.replace("kind: insats", "kind: insatts").replace("i Ale", "i Ale 9")
    serial = check(tmp_path / "a", GOOD, extra=others) if (tmp_path / "a").mkdir() is None else None
    monkeypatch.setattr(validate, "PARALLEL_FROM", 2)
    validate._checked.clear()
    root = tmp_path / "b"
    (root / "examples").mkdir(parents=True)
    for name, text in {"ale-vandringar.md": GOOD, **others}.items():
        (root / "examples" / name).write_text(text, encoding="utf-8")
    parallel = validate.validate_paths([root / "examples"], root, processes=2)
    assert [p.text() for p in parallel.problems] == [p.text() for p in serial.problems]
    assert [c.id for c in parallel.cases] == [c.id for c in serial.cases]
    assert len(parallel.cases) == 5


# --- titles as readers see them (goda_exempel.titles) ------------------------------------------

from goda_exempel import load as _load  # noqa: E402
from goda_exempel.validate import validate_source as _validate_source, validate_sources as _validate_sources  # noqa: E402

_GILTIGT = (Path(__file__).parent / "nasty" / "giltigt.md").read_text(encoding="utf-8")
_TITLE = "title: Trygghetsvandringar med boende i Ale"


def _with_title(title: str, case_id: str = "ale"):
    text = _GILTIGT.replace(_TITLE, "title: " + json.dumps(title, ensure_ascii=False))
    return _load.parse(text.encode("utf-8"), f"examples/{case_id}.md", case_id)


@pytest.mark.parametrize("title, message", [
    ("Trygghet\u202eelA i", "innehåller ett osynligt tecken som vänder skrivriktningen (U+202E). Ta bort det."),
    ("Trygghet\u2066 i Ale\u2069", "innehåller ett osynligt tecken som vänder skrivriktningen (U+2066). Ta bort det."),
    ("Trygg\u200bhet i Ale", "innehåller ett osynligt tecken (U+200B). Ta bort det."),
    ("Trygg\u00adhet i Ale", "innehåller ett osynligt tecken (U+00AD). Ta bort det."),
    ("\u200b\u200b\u200b\u200b\u200b", "innehåller ett osynligt tecken (U+200B). Ta bort det."),
    ("       ", "rubriken består bara av mellanslag. Skriv en rubrik som säger vad exemplet handlar om."),
    ("\u3000\u3000\u3000\u3000\u3000\u00a0", "rubriken består bara av mellanslag. Skriv en rubrik som säger vad exemplet handlar om."),
])
def test_a_title_with_invisible_characters_or_only_blanks_is_refused(title, message):
    case, problems = _validate_source(_with_title(title))
    assert (2, "title", message) in [(p.line, p.field, p.message) for p in problems]


@pytest.mark.parametrize("first, second", [
    ("Trygghet på torget i Håbo", "Trygghet på torget i Ha\u030abo"),  # NFC and NFD
    ("Trygghet på torget i Ale", "Trygghet på torget i \u0410le"),  # Cyrillic А
    ("Trygghet på torget i Ale", "Trygghet på t\u043erget i Ale"),  # Cyrillic о
    ("Trygghet på torget i Ale", "Trygghet på t\u03bfrget i Ale"),  # Greek ο
    ("Trygghet på torget i Ale", "TRYGGHET PÅ TORGET I ALE"),
    ("Trygghet på torget i Ale", "Trygghet  på torget i\u00a0Ale"),
    ("Trygghet på torget i Ale", "Ｔrygghet på torget i Ale"),  # fullwidth T
])
def test_titles_that_look_the_same_are_the_same(first, second):
    result = _validate_sources([_with_title(first, "forsta"), _with_title(second, "andra")])
    assert [(p.path, p.field, p.message) for p in result.problems] == [
        ("examples/andra.md", "title", "samma rubrik som examples/forsta.md. Välj en rubrik som skiljer exemplen åt.")]


def test_titles_that_differ_to_a_reader_are_different():
    result = _validate_sources([_with_title("Trygghet på torget i Malmö", "forsta"),
                                _with_title("Trygghet på torget i Malmo", "andra")])
    assert result.ok, result.problems


def test_a_municipality_in_decomposed_form_is_the_municipality():
    text = _GILTIGT.replace("scope: lokal", "scope: lokal").replace("  - Ale\n", "  - Ha\u030abo\n")
    case, problems = _validate_source(_load.parse(text.encode("utf-8"), "examples/ale.md", "ale"))
    assert problems == [] and case.meta["municipalities"] == ["Håbo"]
    assert [m.name for m in case.municipalities] == ["Håbo"]


# --- dates and numbers within sensible bounds -----------------------------------------------------

import datetime as _dt  # noqa: E402

_TOMORROW = (_dt.date.today() + _dt.timedelta(days=1)).isoformat()
_LATE = (_dt.date.today() + _dt.timedelta(days=3)).isoformat()
_MAX_YEAR = _dt.date.today().year + 10


@pytest.mark.parametrize("old, new, expected", [
    ("last_reviewed: 2026-11-10", f"last_reviewed: {_LATE}",
     (33, "last_reviewed", f"{_LATE} ligger i framtiden. Skriv dagens datum eller ett tidigare.")),
    ("last_reviewed: 2026-11-10", "last_reviewed: 9999-12-31",
     (33, "last_reviewed", "9999-12-31 ligger i framtiden. Skriv dagens datum eller ett tidigare.")),
    ("added: 2026-11-01", "added: 1999-12-31", (32, "added", "1999-12-31 är före 2000. Skriv datumet då det hände.")),
    ("  end: 2021", "  end: 9999-12-31", (15, "period.end", f"år 9999 är inte rimligt. Ange ett år mellan 1900 och {_MAX_YEAR}.")),
    ("  start: 2019-09", "  start: 0001", (14, "period.start", f"år 0001 är inte rimligt. Ange ett år mellan 1900 och {_MAX_YEAR}.")),
    ("  end: 2021", "  end: 9999", (15, "period.end", f"år 9999 är inte rimligt. Ange ett år mellan 1900 och {_MAX_YEAR}.")),
    ("    publisher: Ale kommun", "    publisher: Ale kommun\n    published: 2999",
     (29, "sources[1].published", f"år 2999 är inte rimligt. Ange ett år mellan 1900 och {_dt.date.today().year}.")),
    ("evaluation:", "budget:\n  amount: 3.7e5\n  per: ar\nevaluation:",
     (24, "budget.amount", "ska vara ett belopp i hela kronor, skrivet med bara siffror (370000, inte 3.7e5 eller 370000.0).")),
    ("evaluation:", "budget:\n  amount: 370000.0\n  per: ar\nevaluation:",
     (24, "budget.amount", "ska vara ett belopp i hela kronor, skrivet med bara siffror (370000, inte 3.7e5 eller 370000.0).")),
    ("evaluation:", "budget:\n  amount: 1000000000000\n  per: ar\nevaluation:",
     (24, "budget.amount", "är orimligt stort. Skriv beloppet i hela kronor, högst 100 000 000 000 kr.")),
])
def test_dates_and_numbers_out_of_bounds(old, new, expected):
    assert old in _GILTIGT
    text = _GILTIGT.replace(old, new)
    case, problems = _validate_source(_load.parse(text.encode("utf-8"), "examples/ale.md", "ale"))
    assert [(p.line, p.field, p.message) for p in problems] == [expected]


def test_tomorrow_is_allowed_for_time_zones():
    text = _GILTIGT.replace("last_reviewed: 2026-11-10", f"last_reviewed: {_TOMORROW}")
    case, problems = _validate_source(_load.parse(text.encode("utf-8"), "examples/ale.md", "ale"))
    assert problems == []


# --- one Markdown reading: what the page shows is what the checks read -----------------------------


def _with_body(old: str, new: str):
    assert old in _GILTIGT
    text = _GILTIGT.replace(old, new)
    return _validate_source(_load.parse(text.encode("utf-8"), "examples/ale.md", "ale"))


def test_text_after_an_unclosed_fence_is_checked():
    """The site's Markdown has no fenced code: after ``` the text is rendered, so it is checked."""
    case, problems = _with_body("Belysningen byttes", "```\nBelysningen byttes [x](javascript:alert(1))\n\n# Ny rubrik")
    found = [(p.line, p.message[:40]) for p in problems]
    assert (47, "länken \"javascript:alert(1\" är inte en w") in found
    assert (49, "en rubrik med en # är inte tillåten: rub") in found


@pytest.mark.parametrize("underline", ["===", "---", "-"])
def test_a_setext_heading_is_refused(underline):
    case, problems = _with_body("Belysningen byttes", f"Belysningen byttes\n{underline}\n\nText.")
    assert [(p.line, p.message) for p in problems] == [(47, "en rubrik understruken med === eller --- är inte "
                                                            "tillåten. Skriv avsnitten som ## Rubrik, och lämna en "
                                                            "tom rad före --- om du menar ett streck.")]


def test_a_line_after_a_blank_line_is_a_rule_not_a_heading():
    case, problems = _with_body("Belysningen byttes", "Belysningen byttes\n\n---\n\nText.")
    assert problems == []


@pytest.mark.parametrize("text, shown", [
    ("### Mer {#rubrik}", "{#rubrik}"), ("### Mer {: #ge-facts-ale }", "{: #ge-facts-ale }"),
    ("Ett stycke.\n{: #liknande-exempel}", "{: #liknande-exempel}"), ('<span id="rubrik">x</span>', "<span id="),
])
def test_an_explicit_id_is_refused(text, shown):
    case, problems = _with_body("Belysningen byttes", text + "\n\nBelysningen byttes")
    assert case is None
    assert any(p.message == f"ett eget id ({shown}) är inte tillåtet: sidan ger rubrikerna id själv. Ta bort det."
               for p in problems), problems


def test_a_heading_whose_id_the_page_uses_is_refused():
    case, problems = _with_body("Belysningen byttes", "### Liknande exempel\n\nBelysningen byttes")
    assert [(p.line, p.message) for p in problems] == [
        (46, "rubriken \"Liknande exempel\" får samma id som en del av sidan själv. Välj en annan rubrik.")]


def test_a_link_with_id_in_its_address_is_fine():
    case, problems = _with_body("Belysningen byttes", "Belysningen byttes, se [listan](https://example.org/?id=5).")
    assert problems == []


@pytest.mark.parametrize("where, old, new, line", [
    ("summary", "  belysning och buskage inom en månad.", "  belysning och buskage goda-exempel-html-0-abc inom en månad.", 5),
    ("body", "Belysningen byttes", "<!-- goda-exempel:katalog --> Belysningen byttes", 46),
])
def test_the_builds_own_placeholder_text_is_refused(where, old, new, line):
    case, problems = _with_body(old, new)
    assert case is None and [p.line for p in problems] == [line], problems
    assert problems[0].message.startswith("innehåller text som webbplatsen använder när den byggs")


def test_a_personnummer_broken_over_two_lines_of_a_value_is_refused(tmp_path):
    """The page shows a value of several lines as one paragraph: "811218-" and "9876" run together."""
    broken = GOOD.replace("summary: >-\n", "summary: |-\n  Anmälan från 811228-\n  9874 ledde till arbetet.\n", 1)
    assert broken != GOOD
    result = check(tmp_path, broken)
    assert [(p.field, p.message) for p in result.problems] == [
        ("summary", "innehåller ett personnummer. Personnummer får aldrig publiceras; ta bort det.")]
