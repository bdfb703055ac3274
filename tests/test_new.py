"""`goda-exempel new`: a valid case file from questions or from flags, never over an existing one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from goda_exempel import draft, issue_form, load, rules, scaffold, schema, validate
from terminal import Terminal

ROOT = Path(__file__).resolve().parent.parent
DATE = "2026-11-21"

FLAGS = [
    "--title", "Trygghetsvandringar med boende i Ale",
    "--summary", "Kommunen och bostadsbolaget gick trygghetsvandringar med boende varje höst.",
    "--kind", "Insats",
    "--organisations", "Ale kommun | Kommun",
    "--organisations", "Alebyggen | bostadsbolag",
    "--scope", "lokal",
    "--municipalities", "Ale",
    "--period-start", "2019-09",
    "--period-end", "pågående",
    "--status", "Pågående",
    "--themes", "Platser och fysisk miljö",
    "--themes", "lokalt-engagemang",
    "--prevention", "Situationell",
    "--target-groups", "Boende och hyresgäster",
    "--evaluation-level", "Intern uppföljning",
    "--sources", "Trygghetsvandringar i Ale | https://example.org/ale | Ale kommun",
    "--contacts", "Trygghetssamordnare | Ale kommun",
    "--text-darfor", "Boende kände sig otrygga.",
    "--text-sa-gjorde-vi", "Vi gick runt.",
    "--text-sa-blev-det", "Belysningen byttes.",
    "--text-slutsatser", "Gör det varje år.",
]


def new(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "goda_exempel.cli", "new", "--today", DATE, *args],
                          cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "examples").mkdir()
    return tmp_path


def test_flags_write_a_valid_file(project):
    result = new(*FLAGS, cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "examples/trygghetsvandringar-med-boende-i-ale.md"
    path = project / "examples" / "trygghetsvandringar-med-boende-i-ale.md"
    meta = load.read(path).meta
    assert meta["organisations"][1] == {"name": "Alebyggen", "type": "bostadsbolag"}
    assert meta["themes"] == ["platser-och-fysisk-miljo", "lokalt-engagemang"]
    assert meta["added"] == meta["last_reviewed"] == DATE
    assert validate.validate_dir(project / "examples", project).ok
    check = subprocess.run([sys.executable, "-m", "goda_exempel.cli", "validate", str(path)],
                           capture_output=True, text=True, cwd=project)
    assert check.returncode == 0, check.stdout


def test_it_never_overwrites(project):
    assert new(*FLAGS, cwd=project).returncode == 0
    path = project / "examples" / "trygghetsvandringar-med-boende-i-ale.md"
    before = path.read_bytes()
    again = new(*FLAGS, "--summary", "En annan ingress som också är tillräckligt lång för schemat.", cwd=project)
    assert again.returncode == 1
    assert "det finns redan ett exempel med id:t trygghetsvandringar-med-boende-i-ale" in again.stderr
    assert path.read_bytes() == before


def test_missing_and_wrong_flags_are_named(project):
    result = new("--title", "Kort", "--kind", "insatsen", "--sources", "Källa | ftp://x | Ale", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for expected in ("--title: är för kort (4 tecken); skriv minst 5 tecken.",
                     "--summary: fältet saknas.",
                     "--kind: \"insatsen\" är inte ett tillåtet värde. Menade du insats?",
                     "--sources: \"ftp://x\" har fel form.",
                     "--text-darfor: avsnittet \"## Därför gjorde vi det\" saknas.",
                     "Ingen fil skrevs."):
        assert expected in result.stderr, result.stderr
    assert list((project / "examples").iterdir()) == []


def test_a_problem_in_a_text_is_named_by_its_flag_and_line(project):
    result = new(*FLAGS, "--text-darfor", "Boende kände sig otrygga.\n# Bakgrund\nSe [rapporten](ale.se).",
                 "--text-fordjupning", "Läs <ftp://ale.se/rapport>.", cwd=project)
    assert result.returncode == 1
    assert "examples/" not in result.stderr, result.stderr
    for expected in ("--text-darfor: rad 2: en rubrik med en # är inte tillåten",
                     '--text-darfor: rad 3: länken "ale.se" är inte en webbadress.',
                     '--text-fordjupning: rad 1: länken "ftp://ale.se/rapport" är inte en webbadress.',
                     "Ingen fil skrevs."):
        assert expected in result.stderr, result.stderr
    assert list((project / "examples").iterdir()) == []


@pytest.mark.parametrize("typed", ["-5", "−5 kr"])
def test_a_negative_amount_is_refused_for_its_minimum_as_validate_refuses_it(project, typed):
    # -5 is a whole number: the problem is the schema's minimum, said the same way everywhere
    minimum = validate.subschema(("budget", "amount"))["minimum"]
    expected = f"får inte vara mindre än {minimum}."
    result = new(*FLAGS, "--budget-amount", typed, "--budget-per", "Per år", cwd=project)
    assert result.returncode == 1
    assert f"--budget-amount: {expected}" in result.stderr, result.stderr
    assert "heltal" not in result.stderr
    iv, said = scripted(project, typed, "5")
    iv.answer("budget-amount")
    assert f"  Fel: {expected}" in said and not any("heltal" in line for line in said)
    assert iv.values["budget-amount"] == "5"
    case = project / "examples" / "ale-vandringar.md"
    case.write_text(TAKEN.replace("contacts:\n", "budget:\n  amount: -5\n  per: ar\ncontacts:\n"), encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "goda_exempel.cli", "validate", "examples/ale-vandringar.md"],
                           capture_output=True, text=True, cwd=project)
    assert check.returncode == 1
    assert f"examples/ale-vandringar.md:33: budget.amount: {expected}" in check.stdout, check.stdout


@pytest.mark.parametrize("bad", ["../x", "A", "a.md"])
def test_a_bad_id_is_refused(project, bad):
    result = new(*FLAGS, f"--id={bad}", cwd=project)
    assert result.returncode == 1 and "--id: id:t" in result.stderr
    assert list((project / "examples").iterdir()) == []


def answers_for_questions(overrides: dict[str, list[str]] | None = None) -> str:
    """What a person types, question by question (lists and texts end as the prompts say)."""
    given = {
        "title": ["Trygghetsvandringar med boende i Ale"],
        "summary": ["Kommunen och bostadsbolaget gick trygghetsvandringar med boende varje höst.", "."],
        "kind": ["1"],
        "organisations": ["Ale kommun | Kommun", ""],
        "scope": ["1"],
        "municipalities": ["Ale", ""],
        "period-start": ["2019-09"],
        "period-end": ["pågående"],
        "status": ["2"],
        "themes": ["3, 4"],
        "prevention": ["1"],
        "target_groups": ["1"],
        "evaluation-level": ["2"],
        "sources": ["Trygghetsvandringar i Ale | https://example.org/ale | Ale kommun", ""],
        "contacts": ["Trygghetssamordnare | Ale kommun", ""],
        "text-darfor": ["Boende kände sig otrygga.", "", "Särskilt på kvällen.", "."],
        "text-sa-gjorde-vi": ["Vi gick runt.", "."],
        "text-sa-blev-det": ["Belysningen byttes.", "."],
        "text-slutsatser": ["Gör det varje år.", "."],
    }
    given.update(overrides or {})
    lines = []
    for e in issue_form.elements():
        if e.name in given:
            lines += given[e.name]
        elif e.widget == "textarea":
            is_list = e.field is not None and e.field.kind in ("strings", "objects")
            lines += [""] if is_list else ["."]
        else:
            lines += [""]
    return "\n".join(lines) + "\n"


def test_questions_write_a_valid_file(project):
    result = new(cwd=project, stdin=answers_for_questions())
    assert result.returncode == 0, result.stderr
    assert "Rubrik *" in result.stderr and "1) Insats" in result.stderr
    path = project / "examples" / "trygghetsvandringar-med-boende-i-ale.md"
    source = load.read(path)
    assert source.meta["kind"] == "insats" and source.meta["status"] == "pagaende"
    assert source.meta["themes"] == [t.id for t in schema.vocabulary("themes").terms[2:4]]
    assert "## Därför gjorde vi det\n\nBoende kände sig otrygga.\n\nSärskilt på kvällen." in source.body
    assert validate.validate_dir(project / "examples", project).ok


def test_the_questions_show_no_markdown_code_marks(project):
    # The issue form's descriptions are Markdown (`\\|`); in a terminal the backticks would be
    # typed along with the escape by someone who copies the hint.
    result = new(cwd=project, stdin=answers_for_questions())
    assert result.returncode == 0, result.stderr
    assert "Skriv \\| för ett |-tecken i en text." in result.stderr
    assert "`\\|`" not in result.stderr


def test_every_question_has_a_flag_with_its_label():
    help_text = subprocess.run([sys.executable, "-m", "goda_exempel.cli", "new", "--help"],
                               capture_output=True, text=True).stdout
    for e in issue_form.elements():
        assert "--" + e.name.replace("_", "-") in help_text
    for s in schema.section_headings():
        assert s.label in help_text


def test_suggested_ids_are_short_and_valid():
    assert scaffold.suggest_id("Trygga grannar: Vätterhem, Jönköping!") == "trygga-grannar-vatterhem-jonkoping"
    long = scaffold.suggest_id("Ett mycket långt namn på ett exempel " * 5)
    assert len(long) <= scaffold.MAX_ID and load.ID_PATTERN.match(long) and not long.endswith("-")
    assert scaffold.suggest_id("x" * 80) == "x" * 60
    assert scaffold.suggest_id("???") == load.slugify("")


def test_a_required_question_is_asked_until_answered(project):
    text = answers_for_questions({"title": ["", "Trygghetsvandringar med boende i Ale"]})
    result = new(cwd=project, stdin=text)
    assert result.returncode == 0, result.stderr
    assert "Det här fältet är obligatoriskt." in result.stderr


def test_input_that_ends_half_way_is_kept_as_a_draft(project):
    result = new(cwd=project, stdin="Trygghetsvandringar i Ale\n")
    assert result.returncode == 1
    kept = ".goda-exempel/utkast-trygghetsvandringar-i-ale.yaml"
    assert f"Ingen exempelfil skrevs, men dina svar är sparade i {kept}" in result.stderr
    assert f"goda-exempel new --fortsatt {kept}" in result.stderr
    assert list((project / "examples").iterdir()) == []
    assert draft.load(project / kept)[1] == {"title": "Trygghetsvandringar i Ale"}


# --- in a terminal, as a person types -------------------------------------------------------------

CLI = str(Path(sys.executable).with_name("goda-exempel"))
TAKEN = (ROOT / "tests" / "fixtures" / "valid-case.md").read_text(encoding="utf-8").replace(
    "title: Trygghetsvandringar med boende i Ale", "title: Trygga vandringar i Ale")


@pytest.fixture
def terminal(project):
    opened = []

    def start(*args: str) -> Terminal:
        opened.append(Terminal([CLI, "new", "--today", DATE, *args], cwd=project))
        return opened[-1]

    yield start
    for t in opened:
        t.close()


def q(name: str) -> str:
    """How a question starts on the screen: its label, with * when it must be answered."""
    e = issue_form.element(name)
    return e.label + (" *" if e.required else "") + "\n"


def answer(t: Terminal, question: str, *lines: str) -> str:
    """Wait for a question, type the lines; return what was shown before the question."""
    shown = t.expect(question)
    for line in lines:
        t.type(line)
    return shown


def test_each_answer_is_checked_when_it_is_given(project, terminal):
    (project / "examples" / "trygghetsvandringar-med-boende-i-ale.md").write_text(TAKEN, encoding="utf-8")
    t = terminal()
    # the title of a case already there: said at once, before the next question
    answer(t, q("title"), "Trygga vandringar i Ale")
    t.expect("Fel: samma rubrik som examples/trygghetsvandringar-med-boende-i-ale.md.")
    t.type("Trygghetsvandringar med boende i Ale")
    # a title whose id is taken: another id is offered at once, and Enter takes it
    shown = t.expect("Det finns redan ett exempel med id:t trygghetsvandringar-med-boende-i-ale ")
    assert "Ingress" not in shown
    t.expect("Tryck Enter för trygghetsvandringar-med-boende-i-ale-2")
    t.type()
    answer(t, q("summary"), "Kommunen och bostadsbolaget gick trygghetsvandringar med boende varje höst.", ".")
    # choices: a number out of range is refused with the Swedish labels
    answer(t, q("kind"), "7")
    t.expect("”7” finns inte bland valen. Svara med en siffra från 1 till 4 eller med namnet: "
             "Insats, Program, Samverkansmodell, Erfarenhet.")
    t.type("insats")
    answer(t, q("organisations"), "Ale kommun | raddning")
    t.expect("Fel: Typ: ”raddning” finns inte bland valen. Menade du Räddningstjänst?")
    t.expect("[Ale kommun | Räddningstjänst] > ")
    t.type("Ale kommun | Kommun")
    t.type("Ale kommun")  # a part left out: the shape of a line, with the schema's example
    t.expect("Skriv raden i formen: Namn | Typ, med | mellan delarna, till exempel: ”Ale kommun | Kommun”.")
    t.type()  # skips the line
    t.type("Alebyggen | 3")
    t.expect("Typ: ”3” finns inte bland valen")
    t.type("Alebyggen | Bostadsbolag")
    t.type()
    answer(t, q("partners"), "")
    answer(t, q("scope"), "7")
    shown = t.expect("Svara med en siffra från 1 till 3 eller med namnet: Lokal, Regional, Nationell.")
    assert "lokal, regional" not in shown
    t.type("1")
    # a municipality misspelt: validation's "Menade du …?", and Enter takes it
    answer(t, q("municipalities"), "Alle")
    t.expect('Fel: "Alle" är inte en svensk kommun. Menade du Ale?')
    t.expect("[Ale] > ")
    t.type()
    t.type()
    shown = answer(t, q("areas"), "")
    assert "Pilotkommuner" not in shown  # only for national work (rules.yaml): not asked
    # a date as people say it: refused with the right form, and the right form offered
    answer(t, q("period-start"), "oktober 2010")
    t.expect('Fel: "oktober 2010" har fel form. Skriv år, år-månad eller datum, till exempel 2016, 2016-04')
    t.expect("Menade du 2010-10? Tryck Enter för att ta det")
    t.type()
    # an end before the start: said as soon as the end is given
    answer(t, q("period-end"), "2009")
    t.expect("Fel: Tidsperiod – Slut: slutar (2009) innan arbetet började (2010-10).")
    t.expect("Vilket svar vill du ändra?\n  1) Tidsperiod – Start (nu: 2010-10)\n  2) Tidsperiod – Slut (nu: 2009)")
    t.type("2")
    t.expect("[2009] > ")
    t.type("pågående")
    # status against end: both answers named, the person picks the one to change
    answer(t, q("status"), "Avslutad")
    t.expect("Fel: Tidsperiod – Slut: är ”pågående” men status är avslutad.")
    t.expect("Vilket svar vill du ändra?")
    t.type("1")
    t.expect("[pågående] > ")
    t.type("2019-06")
    answer(t, q("themes"), "3, 4")
    answer(t, q("prevention"), "Situationell")
    answer(t, q("target_groups"), "1")
    answer(t, q("methods"), "")
    answer(t, q("evaluation-level"), "2")
    answer(t, q("evaluation-description"), ".")
    answer(t, q("evaluation-reports"), "")
    answer(t, q("budget-amount"), "tiotusen")
    t.expect("Fel: ska vara ett heltal")
    t.type("10 000 kr")
    answer(t, q("budget-per"), "1")
    answer(t, q("budget-note"), ".")
    # an address without https://: refused, and the line with https:// offered
    answer(t, q("sources"), "Trygghetsvandringar i Ale | www.ale.se/trygg | Ale kommun")
    t.expect('Fel: Webbadress: "www.ale.se/trygg" har fel form. Skriv en fullständig adress som börjar med https://.')
    t.expect("Menade du Trygghetsvandringar i Ale | https://www.ale.se/trygg | Ale kommun?")
    t.type()
    t.type()
    answer(t, q("contacts"), "Trygghetssamordnare | Ale kommun", "")
    answer(t, q("text-darfor"), "Boende kände sig otrygga.", ".")
    answer(t, q("text-sa-gjorde-vi"), "Vi gick runt.", ".")
    answer(t, q("text-sa-blev-det"), "Belysningen byttes.", ".")
    answer(t, q("text-slutsatser"), "Gör det varje år.", ".")
    answer(t, q("text-fordjupning"), ".")
    t.expect("Skrev examples/trygghetsvandringar-med-boende-i-ale-2.md.")
    assert t.wait() == 0
    assert "added" not in t.screen and "Senast granskat" not in t.screen and "Tillagt" not in t.screen
    assert "Ingen fil skrevs" not in t.screen
    meta = load.read(project / "examples" / "trygghetsvandringar-med-boende-i-ale-2.md").meta
    assert meta["kind"] == "insats" and meta["scope"] == "lokal" and meta["municipalities"] == ["Ale"]
    assert meta["organisations"][1] == {"name": "Alebyggen", "type": "bostadsbolag"}
    assert meta["period"] == {"start": "2010-10", "end": "2019-06"} and meta["status"] == "avslutad"
    assert meta["budget"] == {"amount": 10000, "per": schema.vocabulary("budget_periods").ids[0]}
    assert meta["sources"][0]["url"] == "https://www.ale.se/trygg"
    assert meta["added"] == meta["last_reviewed"] == DATE
    assert validate.validate_dir(project / "examples", project).ok
    assert not (project / ".goda-exempel" / "utkast-trygghetsvandringar-med-boende-i-ale-2.yaml").exists()


def test_ctrl_c_keeps_the_answers_and_a_resume_asks_only_what_is_missing(project, terminal):
    t = terminal()
    answer(t, q("title"), "Trygghetsvandringar med boende i Ale")
    answer(t, q("summary"), "Kommunen och bostadsbolaget gick trygghetsvandringar")
    t.expect("trygghetsvandringar\n  > ")  # read, and the next line asked for
    t.interrupt()  # in the middle of a text of several lines
    t.expect("Avbrutet. Ingen exempelfil skrevs, men dina svar är sparade i "
             ".goda-exempel/utkast-trygghetsvandringar-med-boende-i-ale.yaml.")
    t.expect("Fortsätt där du slutade med: goda-exempel new --fortsatt "
             ".goda-exempel/utkast-trygghetsvandringar-med-boende-i-ale.yaml")
    assert t.wait() == 1
    assert "Traceback" not in t.screen
    kept = project / ".goda-exempel" / "utkast-trygghetsvandringar-med-boende-i-ale.yaml"
    assert draft.load(kept) == ("trygghetsvandringar-med-boende-i-ale",
                                {"title": "Trygghetsvandringar med boende i Ale"},
                                {"summary": "Kommunen och bostadsbolaget gick trygghetsvandringar"})
    # the draft is not a case: validation and git leave it alone
    assert list((project / "examples").iterdir()) == []
    assert validate.validate_dir(project / "examples", project).ok
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=project,
                            capture_output=True, text=True, check=True).stdout
    assert ".goda-exempel" not in status

    t = terminal("--fortsatt", ".goda-exempel/utkast-trygghetsvandringar-med-boende-i-ale.yaml")
    t.expect("Fortsätter med utkastet .goda-exempel/utkast-trygghetsvandringar-med-boende-i-ale.yaml: 1 svar finns redan.")
    shown = t.expect(q("summary"))
    assert "Rubrik" not in shown
    t.expect("Det här hade du redan skrivit; skriv vidare:")
    t.expect("Kommunen och bostadsbolaget gick trygghetsvandringar")
    t.type("med boende varje höst.")
    t.type(".")
    given = {"kind": ["1"], "organisations": ["Ale kommun | Kommun", ""], "scope": ["1"],
             "municipalities": ["Ale", ""], "period-start": ["2019-09"], "period-end": ["pågående"],
             "status": ["2"], "themes": ["3"], "prevention": ["1"], "target_groups": ["1"],
             "evaluation-level": ["2"], "sources": ["Trygghetsvandringar i Ale | https://example.org/ale | Ale kommun", ""],
             "contacts": ["Trygghetssamordnare | Ale kommun", ""], "text-darfor": ["Otrygghet.", "."],
             "text-sa-gjorde-vi": ["Vi gick runt.", "."], "text-sa-blev-det": ["Ljusare.", "."],
             "text-slutsatser": ["Gör det.", "."]}
    for e in issue_form.elements()[2:]:
        if e.name == "pilot_municipalities":
            continue  # not asked for local work
        empty = [""] if e.widget != "textarea" or e.field is not None and e.field.kind in ("strings", "objects") else ["."]
        answer(t, q(e.name), *given.get(e.name, empty))
    t.expect("Skrev examples/trygghetsvandringar-med-boende-i-ale.md.")
    assert t.wait() == 0
    case = load.read(project / "examples" / "trygghetsvandringar-med-boende-i-ale.md")
    assert case.meta["summary"] == ("Kommunen och bostadsbolaget gick trygghetsvandringar\n"
                                    "med boende varje höst.")
    assert validate.validate_dir(project / "examples", project).ok
    assert not kept.exists()


def test_closing_the_terminal_keeps_the_answers(project, terminal):
    t = terminal()
    answer(t, q("title"), "Trygghetsvandringar med boende i Ale")
    answer(t, q("summary"), "Kommunen och bostadsbolaget")
    t.expect("bostadsbolaget\n  > ")
    t.hang_up()
    kept = project / ".goda-exempel" / "utkast-trygghetsvandringar-med-boende-i-ale.yaml"
    assert draft.load(kept)[2] == {"summary": "Kommunen och bostadsbolaget"}


def test_ctrl_c_before_any_answer_keeps_nothing(project, terminal):
    t = terminal()
    t.expect(q("title"))
    t.expect("> ")
    t.interrupt()
    t.expect("Avbrutet. Ingen fil skrevs.")
    assert t.wait() == 1
    assert not (project / ".goda-exempel").exists()


def test_a_resumed_draft_checks_its_answers_again(project, terminal):
    kept = project / ".goda-exempel" / "utkast-x.yaml"
    draft.save(kept, None, {"title": "Trygghetsvandringar i Ale", "scope": "7"}, {})
    t = terminal("--fortsatt", str(kept))
    answer(t, q("summary"), "Kommunen och bostadsbolaget gick trygghetsvandringar med boende varje höst.", ".")
    answer(t, q("kind"), "Insats")
    answer(t, q("organisations"), "Ale kommun | Kommun", "")
    answer(t, q("partners"), "")
    t.expect(q("scope"))
    t.expect("Ditt svar i utkastet: 7")
    t.expect("Fel: ”7” finns inte bland valen.")
    t.type("Nationell")
    shown = t.expect(q("pilot_municipalities"))
    assert "\nKommuner\n" not in shown  # national work names no municipalities: not asked
    t.expect("> ")
    t.interrupt()
    t.expect("sparade i .goda-exempel/utkast-x.yaml")
    assert t.wait() == 1
    assert draft.load(kept)[1]["scope"] == "Nationell"
    assert draft.load(kept)[0] == "trygghetsvandringar-i-ale"


def test_a_file_that_is_no_draft_is_named(project):
    (project / "x.yaml").write_text("- en lista\n", encoding="utf-8")
    result = new("--fortsatt", "x.yaml", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "--fortsatt: x.yaml: filen är inte ett utkast från goda-exempel new." in result.stderr


# --- the conversation, with answers typed by a script ---------------------------------------------


def scripted(project: Path, *typed: str):
    """An interview whose answers come from ``typed``; what it says is collected in ``said``."""
    from goda_exempel.interview import Interview

    said: list[str] = []
    answers = iter(typed)

    def ask(prompt: str) -> str:
        said.append(prompt)
        return next(answers)

    return Interview(ask, said.append, project / "examples", DATE), said


def test_a_field_an_earlier_answer_requires_offers_to_change_either(project):
    iv, said = scripted(project, "", "1", "Nationell")
    iv.values = {"scope": "Lokal"}
    iv.answer("municipalities")
    rule = next(r for r in rules.rules() if r.id == "local-work-names-a-municipality")
    assert f"  Fel: Kommuner: {rule.message}" in said
    assert "  1) Geografisk räckvidd (nu: Lokal)" in said and "  2) Kommuner (nu: tomt)" in said
    assert iv.values == {"scope": "Nationell", "municipalities": ""}


def test_a_question_a_rule_keeps_empty_is_not_asked(project):
    iv, said = scripted(project)
    iv.values = {"scope": "Nationell", "evaluation-level": "Ingen uppföljning"}
    assert iv._left_out("municipalities") and iv._left_out("evaluation-reports")
    assert not iv._left_out("pilot_municipalities") and not iv._left_out("areas")
    iv.values["scope"] = "Lokal"
    assert iv._left_out("pilot_municipalities") and not iv._left_out("municipalities")


def test_a_text_is_checked_with_its_line_numbers(project):
    iv, said = scripted(project, "Oro.", "# Bakgrund", "Se [rapporten](ale.se).", ".",
                        "Oro.", "Se [rapporten](https://ale.se).", ".")
    iv.answer("text-darfor")
    assert "  Fel: rad 2: en rubrik med en # är inte tillåten: rubriken kommer från title. Använd ## för avsnitten." in said
    assert ('  Fel: rad 3: länken "ale.se" är inte en webbadress. Skriv en fullständig adress som börjar med '
            'https://.') in said
    assert iv.values["text-darfor"] == "Oro.\nSe [rapporten](https://ale.se)."


def test_a_heading_in_an_earlier_text_is_named_there_and_either_text_can_be_changed(project):
    """Another section's heading typed into a text: said when that section is answered, at the
    line of the earlier text that has it, and the person picks which text to write again (asking
    only for the later one again would never end)."""
    iv, said = scripted(project, "Vi odlade.", ".", "1", "Gården var mörk.", ".")
    iv.values = {"text-darfor": "Gården var mörk.\n## Så gjorde vi\nVi odlade."}
    iv.answer("text-sa-gjorde-vi")
    twice = "rubriken ”## Så gjorde vi” finns två gånger. Skriv allt under en av rubrikerna och ta bort den andra."
    assert f"  Fel: Så gjorde vi: {twice}" in said
    assert f"  Fel: Därför gjorde vi det: rad 2: {twice}" in said
    assert "  1) Därför gjorde vi det (nu: Gården var mörk. ## Så gjorde vi Vi odlade.)" in said
    shown = said.index("  Nu står det:")  # the text to write again, with the line numbers the message uses
    assert said[shown + 1:shown + 4] == ["    1  Gården var mörk.", "    2  ## Så gjorde vi", "    3  Vi odlade."]
    assert iv.values == {"text-darfor": "Gården var mörk.", "text-sa-gjorde-vi": "Vi odlade."}


def test_a_choice_is_found_from_the_start_of_its_label(project):
    iv, said = scripted(project, "våld, Samverkan", "")
    iv.answer("themes")
    assert "  Fel: ”våld” finns inte bland valen. Menade du Våld i nära relationer?" in said
    themes = schema.vocabulary("themes")
    assert iv.values["themes"] == f"{themes.label_of('vald-i-nara-relationer')}, {themes.label_of('samverkan-och-organisering')}"
    assert not any("vald-i-nara-relationer" in line for line in said)  # no internal ids


def test_a_problem_no_question_can_fix_ends_the_interview_with_the_answers_kept(project):
    iv, said = scripted(project)
    iv.values = {"title": "Trygghetsvandringar med boende i Ale"}
    iv.settle_id()
    # meanwhile, the file is written by someone else
    (project / "examples" / f"{iv.case_id}.md").write_text(TAKEN, encoding="utf-8")
    from goda_exempel.interview import Unresolved
    with pytest.raises(Unresolved) as stopped:
        iv.finish()
    assert any("det finns redan ett exempel med id:t trygghetsvandringar-med-boende-i-ale" in p.message
               for p in stopped.value.problems)


@pytest.mark.parametrize("typed", ["²", "٣", "1" * 5000])
def test_a_number_that_is_not_a_plain_one_is_no_choice(project, typed):
    iv, said = scripted(project, typed, "1")
    iv.answer("kind")
    assert any(line.startswith("  Fel: ”") and "finns inte bland valen" in line for line in said)
    assert iv.values["kind"] == issue_form.element("kind").options[0]


def test_a_text_that_holds_another_sections_heading_is_refused(project):
    """The heading would split that section in two: the file would have it twice."""
    result = new(*FLAGS, "--text-darfor", "Boende kände sig otrygga.\n## Så gjorde vi\nVi gick.", cwd=project)
    assert result.returncode == 1
    assert "examples/" not in result.stderr, result.stderr
    assert "--text-darfor: rad 2: rubriken ”## Så gjorde vi” finns två gånger." in result.stderr, result.stderr
    assert "Ingen fil skrevs." in result.stderr
    assert list((project / "examples").iterdir()) == []
