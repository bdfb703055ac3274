"""`goda-exempel from-issue`: the text of a GitHub issue written with the form "Dela ditt exempel"
becomes examples/<id>.md, or a list of Swedish errors named by the question. The issue text is
untrusted: hostile bodies must come out as inert text or as a clear error, never as a file
outside examples/, a traceback or a value the contributor did not write."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from goda_exempel import from_issue, issue_form, load, validate
from goda_exempel.fields import Field

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "from-issue.yml"
DATE = "2026-11-21"


# --- what GitHub writes -------------------------------------------------------------------------


def as_text(f: Field, value) -> str:
    """An answer as a person types it into the issue form."""
    vocab = f.vocabulary
    if f.kind == "choices":
        return ", ".join(vocab.label_of(v) for v in value)
    if f.kind == "choice":
        return vocab.label_of(value)
    if f.kind == "strings":
        return "\n".join(value)
    if f.kind == "objects":
        lines = []
        for item in value:
            parts = [as_text(c, item[c.key]) if c.key in item else "" for c in f.children]
            while parts and not parts[-1]:
                parts.pop()
            lines.append(" | ".join(p.replace("|", "\\|") for p in parts))
        return "\n".join(lines)
    return str(value)


def answers(meta: dict, sections: dict) -> dict[str, str]:
    out = {}
    for e in issue_form.elements():
        if e.section is not None:
            out[e.name] = sections.get(e.section.id, "")
            continue
        value = meta
        for key in e.field.path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            out[e.name] = as_text(e.field, value)
    return out


def render_issue(values: dict[str, str], consent: bool = True) -> str:
    """The issue body GitHub writes for a filled-in form: ``### Label``, a blank line, the
    answer, or ``_No response_`` for a question left empty."""
    parts = [f"### {e.label}\n\n{values.get(e.name) or '_No response_'}" for e in issue_form.elements()]
    parts.append(f"### Licens\n\n- [{'X' if consent else ' '}] {issue_form.CONSENT}")
    return "\n\n".join(parts)


# A body as GitHub stores it for an issue made with the form (the answers typed in a browser,
# with Windows line ends inside a text area, optional questions left empty).
REAL_BODY = (
    "### Rubrik\n\nTrygghetsvandringar med boende i Ale\n\n"
    "### Ingress\n\nKommunen och bostadsbolaget gick trygghetsvandringar med boende varje höst "
    "och åtgärdade belysning och buskage inom en månad.\n\n"
    "### Typ av exempel\n\nInsats\n\n"
    "### Organisationer\n\nAle kommun | Kommun\r\nAlebyggen | Bostadsbolag\n\n"
    "### Samarbetspartner\n\n_No response_\n\n"
    "### Geografisk räckvidd\n\nLokal\n\n"
    "### Kommuner\n\nAle\n\n"
    "### Områden\n\nNödinge\r\nSurte\n\n"
    "### Tidsperiod – Start\n\n2019-09\n\n"
    "### Tidsperiod – Slut\n\n2021\n\n"
    "### Status\n\nAvslutad\n\n"
    "### Teman\n\nPlatser och fysisk miljö, Lokalt engagemang\n\n"
    "### Förebyggande inriktning\n\nSituationell\n\n"
    "### Målgrupper\n\nBoende och hyresgäster\n\n"
    "### Metoder\n\nTrygghetsvandring\n\n"
    "### Uppföljning – Nivå\n\nIntern uppföljning\n\n"
    "### Uppföljning – Beskrivning\n\n_No response_\n\n"
    "### Uppföljning – Rapporter\n\n_No response_\n\n"
    "### Budget – Belopp i kronor\n\n370 000 kr\n\n"
    "### Budget – Avser\n\nper år\n\n"
    "### Budget – Kommentar\n\n_No response_\n\n"
    "### Källor\n\nTrygghetsvandringar i Ale | https://example.org/ale | Ale kommun | 2021-11-02\n\n"
    "### Kontakt\n\nTrygghetssamordnare | Ale kommun\n\n"
    "### Därför gjorde vi det\n\nBoende kände sig otrygga på gångvägarna.\r\n\r\nSärskilt på kvällen.\n\n"
    "### Så gjorde vi\n\nVi gick runt tillsammans en kväll varje höst.\n\n"
    "### Så blev det\n\nBelysningen byttes och buskarna klipptes.\n\n"
    "### Våra viktigaste slutsatser\n\nGör det varje år.\n\n"
    "### Fördjupning\n\n_No response_\n\n"
    "### Licens\n\n- [X] " + issue_form.CONSENT
)


def convert(body: str, out: Path, **kw) -> from_issue.Outcome:
    return from_issue.convert(body, out, DATE, base=out.parent, **kw)


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "goda_exempel.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path) -> Path:
    """A folder with an examples/ that holds the project's real cases."""
    (tmp_path / "examples").mkdir()
    for path in load.case_files(ROOT / "examples"):
        (tmp_path / "examples" / path.name).write_bytes(path.read_bytes())
    return tmp_path


# --- real bodies ----------------------------------------------------------------------------------


def test_a_real_issue_body_becomes_a_valid_case_file(project):
    body = project / "arende.md"
    body.write_text(REAL_BODY, encoding="utf-8")
    result = cli("from-issue", "--body-file", str(body), "--author", "ale-samordnare", "--issue", "12",
                 "--today", DATE, "--pr-dir", str(project / "pr"), cwd=project)
    assert result.returncode == 0, result.stderr
    path = project / "examples" / "trygghetsvandringar-med-boende-i-ale.md"
    assert result.stdout.strip() == "examples/trygghetsvandringar-med-boende-i-ale.md"
    meta = load.read(path).meta
    assert meta["organisations"] == [{"name": "Ale kommun", "type": "kommun"},
                                     {"name": "Alebyggen", "type": "bostadsbolag"}]
    assert meta["themes"] == ["platser-och-fysisk-miljo", "lokalt-engagemang"]
    assert meta["areas"] == ["Nödinge", "Surte"]
    assert meta["budget"] == {"amount": 370000, "per": "ar"}
    assert meta["period"] == {"start": "2019-09", "end": "2021"}
    assert meta["added"] == meta["last_reviewed"] == DATE
    # questions answered with "_No response_" leave their fields out
    assert "partners" not in meta and "reports" not in meta["evaluation"] and "note" not in meta["budget"]
    assert "description" not in meta["evaluation"]
    text = path.read_text(encoding="utf-8")
    assert "_No response_" not in text and "\r" not in text
    assert "## Därför gjorde vi det\n\nBoende kände sig otrygga på gångvägarna.\n\nSärskilt på kvällen." in text
    assert "## Fördjupning" not in text
    check = cli("validate", str(path), cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr
    pr = project / "pr"
    assert (pr / "id").read_text().strip() == "trygghetsvandringar-med-boende-i-ale"
    assert (pr / "title").read_text() == "Nytt exempel: Trygghetsvandringar med boende i Ale\n"
    assert "@ale-samordnare" in (pr / "body.md").read_text() and "Closes #12" in (pr / "body.md").read_text()


def test_empty_answers_and_no_response_are_the_same(project):
    with_marker = REAL_BODY
    without = REAL_BODY.replace("_No response_", "")
    a = convert(with_marker, project / "examples")
    b = convert(without, project / "examples")
    assert a.ok and b.ok, a.problems + b.problems
    assert a.case.text == b.case.text


def test_every_question_left_empty_gives_every_required_error(project):
    outcome = convert(render_issue({}), project / "examples")
    assert not outcome.ok
    text = "\n".join(outcome.problems)
    assert "ärendet är inte skrivet med formuläret" in text


def test_missing_answers_are_named_by_their_question(project):
    body = re.sub(r"(### Ingress\n\n).*?(\n\n### )", r"\1_No response_\2", REAL_BODY, flags=re.S)
    body = body.replace("Trygghetsvandringar i Ale | https://example.org/ale | Ale kommun | 2021-11-02", "_No response_")
    outcome = convert(body, project / "examples")
    assert not outcome.ok
    assert any(p.startswith("Ingress: fältet saknas") for p in outcome.problems), outcome.problems
    assert any(p.startswith("Källor: fältet saknas") for p in outcome.problems), outcome.problems


def test_a_case_from_a_public_source_may_leave_out_what_the_source_does_not_state(project):
    body = (REAL_BODY.replace("Trygghetssamordnare | Ale kommun", "_No response_")
            .replace("### Uppföljning – Nivå\n\nIntern uppföljning", "### Uppföljning – Nivå\n\nFramgår inte av källan")
            .replace("Gör det varje år.", "_No response_"))
    outcome = convert(body, project / "examples")
    assert outcome.ok, outcome.problems
    meta = yaml.safe_load(outcome.case.text.split("---\n")[1])
    assert "contacts" not in meta and meta["evaluation"]["level"] == "framgar-inte"
    assert "## Våra viktigaste slutsatser" not in outcome.case.text


def test_wrong_answers_get_swedish_errors_named_by_question_and_no_file(project):
    body = (REAL_BODY.replace("### Typ av exempel\n\nInsats", "### Typ av exempel\n\nInsatsen")
            .replace("### Kommuner\n\nAle", "### Kommuner\n\nAlle")
            .replace("https://example.org/ale", "example.org/ale")
            .replace("- [X]", "- [ ]"))
    (project / "arende.md").write_text(body, encoding="utf-8")
    result = cli("from-issue", "--body-file", "arende.md", "--author", "octocat", "--today", DATE,
                 "--errors-file", "fel.md", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for expected in ("Typ av exempel: \"Insatsen\" är inte ett av alternativen. Menade du Insats? "
                     "Skriv en av: Insats, Program, Samverkansmodell, Erfarenhet.",
                     "Kommuner, rad 1: \"Alle\" är inte en svensk kommun. Menade du Ale?",
                     "Källor, rad 1, Webbadress: \"example.org/ale\" har fel form.",
                     "Licens: kryssa i att du har rätt att dela texten"):
        assert expected in result.stderr
    assert "4 fel; ingen fil skrevs." in result.stderr
    comment = (project / "fel.md").read_text(encoding="utf-8")
    assert comment.startswith("Tack för förslaget, @octocat!")
    assert "~~~text\n" in comment and "Menade du Ale?" in comment
    assert not (project / "examples" / "trygghetsvandringar-med-boende-i-ale.md").exists()


SOURCE_LINE = "Trygghetsvandringar i Ale | https://example.org/ale | Ale kommun | 2021-11-02"


def test_a_line_written_with_commas_is_explained_with_its_shape_and_an_example(project):
    body = REAL_BODY.replace(SOURCE_LINE, SOURCE_LINE.replace(" |", ","))
    outcome = convert(body, project / "examples")
    assert outcome.problems == [
        "Källor, rad 1: raden har inget |, så delarna gick inte att skilja åt. Skilj dem åt med |, inte med "
        "komma. Skriv raden i formen: Titel | Webbadress | Utgivare | Publicerad (frivilligt), med | mellan "
        "delarna, till exempel: ”Trygghetsvandringar i Ale | https://www.ale.se/trygghetsvandringar | Ale kommun "
        "| 2021-11-02”."]


def test_a_line_that_lacks_parts_names_them_and_repeats_the_shape(project):
    body = REAL_BODY.replace(SOURCE_LINE, "Trygghetsvandringar i Ale\nRapport | https://example.org/r")
    outcome = convert(body, project / "examples")
    assert outcome.problems == [
        "Källor, rad 1: Webbadress och Utgivare saknas. Skriv raden i formen: Titel | Webbadress | Utgivare | "
        "Publicerad (frivilligt), med | mellan delarna, till exempel: ”Trygghetsvandringar i Ale | "
        "https://www.ale.se/trygghetsvandringar | Ale kommun | 2021-11-02”.",
        "Källor, rad 2: Utgivare saknas. Skriv raden i formen: Titel | Webbadress | Utgivare | Publicerad "
        "(frivilligt), med | mellan delarna, till exempel: ”Trygghetsvandringar i Ale | "
        "https://www.ale.se/trygghetsvandringar | Ale kommun | 2021-11-02”."]
    assert not any("fältet saknas" in p for p in outcome.problems)


@pytest.mark.parametrize("name", [e.name for e in issue_form.elements() if e.field and e.field.kind == "objects"])
def test_the_example_line_a_message_shows_is_read_back_as_the_schemas_example(name):
    e = issue_form.element(name)
    problems = []
    line = issue_form.line_example(e.field)
    assert issue_form.SEPARATOR in line
    assert issue_form._objects(e, line, problems) == [e.field.example] and problems == []  # noqa: SLF001
    element = next(x for x in issue_form.template()["body"] if x.get("id") == name)
    assert f"till exempel: ”{line}”" in element["attributes"]["description"]


def test_a_wrong_choice_is_named_by_its_label_with_every_choice(project):
    body = REAL_BODY.replace("Ale kommun | Kommun", "Ale kommun | Komun")
    outcome = convert(body, project / "examples")
    assert outcome.problems[0].startswith(
        "Organisationer, rad 1, Typ: \"Komun\" är inte ett av alternativen. Menade du Kommun? Skriv en av: Kommun, "
        "Region, Bostadsbolag,")


# --- an e-mailed case --------------------------------------------------------------------------------


def as_email(body: str) -> str:
    """The issue body as an editor finds it in a mail client: a subject and a greeting first,
    CRLF line ends, every line quoted (a forwarded mail), addresses repeated as links, and a
    signature at the end."""
    quoted = "\r\n".join(("> " + line) if line else ">" for line in body.replace("\r\n", "\n").split("\n"))
    quoted = quoted.replace("https://example.org/ale", "https://example.org/ale <https://example.org/ale>")
    return ("Subject: Nytt exempel: Trygghetsvandringar med boende i Ale\r\n\r\nHej!\r\nHär kommer vårt "
            "exempel.\r\n\r\n" + quoted + "\r\n\r\n-- \r\nAnna Andersson\r\nTrygghetssamordnare, Ale kommun\r\n"
            "Skickat från min iPhone\r\n")


def test_an_e_mailed_case_becomes_the_same_file_as_the_issue(project):
    from_issue_case = convert(REAL_BODY, project / "examples")
    mailed = convert(as_email(REAL_BODY), project / "examples")
    assert mailed.ok, mailed.problems
    assert mailed.case.text == from_issue_case.case.text


def test_an_e_mail_without_quoting_or_signature_delimiter_works_too(project):
    body = "Hej,\n\n" + REAL_BODY + "\n\nSkickat från min iPhone\n"
    outcome = convert(body, project / "examples")
    assert outcome.ok, outcome.problems
    assert "iPhone" not in outcome.case.text


def test_a_signature_line_inside_an_answer_is_kept(project):
    body = REAL_BODY.replace("Gör det varje år.", "Gör det varje år.\n\n--\nOch prata med grannarna.")
    outcome = convert(body, project / "examples")
    assert outcome.ok and "Och prata med grannarna." in outcome.case.text


def test_a_dash_line_right_under_text_is_named_not_rendered_as_a_heading(project):
    """Markdown reads -- right under a line of text as an underlined heading: the page would show
    the line as a heading no check has read, so the answer comes back with a Swedish message."""
    body = REAL_BODY.replace("Gör det varje år.", "Gör det varje år.\n--\nOch prata med grannarna.")
    outcome = convert(body, project / "examples")
    assert not outcome.ok
    assert any("en rubrik understruken med === eller --- är inte tillåten" in p for p in outcome.problems)


def test_an_e_mailed_case_is_credited_to_a_name_from_standard_input(project):
    result = subprocess.run(
        [sys.executable, "-m", "goda_exempel.cli", "from-issue", "--body-file", "-", "--today", DATE,
         "--author-name", "Anna Andersson", "--author-email", "anna.andersson@ale.se", "--pr-dir", "pr"],
        input=as_email(REAL_BODY), cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (project / "examples" / "trygghetsvandringar-med-boende-i-ale.md").exists()
    assert (project / "pr" / "commit.txt").read_text().endswith(
        "\nCo-authored-by: Anna Andersson <anna.andersson@ale.se>\n")
    body = (project / "pr" / "body.md").read_text()
    assert body.startswith("Nytt exempel föreslaget av Anna Andersson (skickat med e-post).")
    assert "från e-postmeddelandet" in body


def test_an_e_mailed_case_without_an_address_names_its_author_in_the_commit(project):
    new = convert(REAL_BODY, project / "examples").case
    assert from_issue.commit_message(new, None, None, None, "Anna\nAndersson <x@y.se>") == (
        "Lägg till exemplet trygghetsvandringar-med-boende-i-ale\n\nSkickat med e-post av Anna Andersson x@y.se.\n")
    result = cli("from-issue", "--body-file", "-", "--author-email", "inte en adress", cwd=project)
    assert result.returncode == 1 and "är ingen e-postadress" in result.stderr


def wrapped(body: str, cut_addresses: bool = False, width: int = 72) -> str:
    """The body as a mail program sends it: every line longer than ``width`` broken at a space,
    a word longer than a line on a line of its own, or (``cut_addresses``) cut where the line ends."""
    import textwrap

    out = []
    for line in body.replace("\r\n", "\n").split("\n"):
        out += textwrap.wrap(line, width, break_long_words=cut_addresses, break_on_hyphens=False) or [""]
    return "\n".join(out)


LONG_LISTS = {
    "Ale kommun | Kommun": "Ale kommun | Kommun\nFöreningen Trygga gångvägar i Nödinge, Surte och Alafors med omnejd | "
                           "Civilsamhälle",
    SOURCE_LINE: "Trygghetsvandringar i Ale | https://www.ale.se/kommun-och-politik/trygghet-och-sakerhet/"
                 "trygghetsvandringar-i-nodinge-och-surte.html | Ale kommun | 2021-11-02\n"
                 "Rapport om gångvägarna i Nödinge och Surte | https://www.alebyggen.se/rapporter/gangvagar | "
                 "Alebyggen AB | 2022",
}


@pytest.mark.parametrize("cut_addresses, repeated", [(False, False), (True, False), (False, True)])
def test_list_lines_a_mail_program_broke_are_joined_again(project, cut_addresses, repeated):
    body = REAL_BODY
    for line, lines in LONG_LISTS.items():
        body = body.replace(line, lines)
    url = LONG_LISTS[SOURCE_LINE].split(" | ")[1]
    # the mail program may write the address again as a link, <…>, which then gets a line of its own
    mail = as_email(wrapped(body.replace(url, f"{url} <{url}>") if repeated else body, cut_addresses))
    for line in (*LONG_LISTS.values(), *LONG_LISTS["Ale kommun | Kommun"].split("\n")):
        assert not any(part in mail for part in line.split("\n") if len(part) > 72)  # each long line broken
    outcome = convert(mail, project / "examples")
    assert outcome.ok, outcome.problems
    meta = load.parse(outcome.case.text.encode(), "x.md", "x").meta
    typed = load.parse(convert(body, project / "examples").case.text.encode(), "x.md", "x").meta
    assert [meta[key] for key in ("organisations", "sources")] == [typed[key] for key in ("organisations", "sources")]
    assert meta["sources"][0]["url"].endswith("/trygghetsvandringar-i-nodinge-och-surte.html")
    assert meta["sources"][1]["publisher"] == "Alebyggen AB"
    assert meta["organisations"][1] == {"name": "Föreningen Trygga gångvägar i Nödinge, Surte och Alafors med "
                                                "omnejd", "type": "civilsamhalle"}


def test_a_line_that_is_wrong_in_itself_is_not_joined_to_the_one_before(project):
    # a long, whole line, and after it a line without its parts: not a broken line but a wrong one
    body = REAL_BODY.replace(SOURCE_LINE, "Trygghetsvandringar i Ale | https://example.org/ale | Ale kommun\n"
                                          "Rapport om gångvägarna")
    for text in (body, as_email(wrapped(body))):
        outcome = convert(text, project / "examples")
        assert outcome.problems == [
            "Källor, rad 2: Webbadress och Utgivare saknas. Skriv raden i formen: Titel | Webbadress | Utgivare | "
            "Publicerad (frivilligt), med | mellan delarna, till exempel: ”Trygghetsvandringar i Ale | "
            "https://www.ale.se/trygghetsvandringar | Ale kommun | 2021-11-02”."]
    # a line whose parts are split by commas is said to be so, also when the mail program broke it
    long = ("Trygghetsvandringar i Ale, https://www.ale.se/kommun-och-politik/trygghet-och-sakerhet/"
            "trygghetsvandringar.html, Ale kommun")
    outcome = convert(as_email(wrapped(REAL_BODY.replace(SOURCE_LINE, long))), project / "examples")
    assert not outcome.ok and outcome.problems[0].startswith(
        "Källor, rad 1: raden har inget |, så delarna gick inte att skilja åt. Skilj dem åt med |, inte med komma."), \
        outcome.problems


def test_a_line_with_too_many_parts_is_an_error_not_a_loss(project):
    body = REAL_BODY.replace("Ale kommun | Kommun", "Ale kommun | Kommun | extra")
    outcome = convert(body, project / "examples")
    assert any(p.startswith("Organisationer: rad 1 har 3 delar men ska ha högst 2") for p in outcome.problems)


def test_labels_ids_and_any_letter_case_are_understood():
    f = issue_form.element("themes").field
    assert issue_form.choices(f, "barn och unga, ANDT,Livsvillkor") == ["barn-och-unga", "andt", "livsvillkor"]
    assert issue_form.choices(f, "barn-och-unga\nandt") == ["barn-och-unga", "andt"]
    assert issue_form.choices(f, "Barn och unga, Okänt tema") == ["barn-och-unga", "Okänt tema"]
    assert issue_form.choice(issue_form.element("kind").field, "  PROGRAM ") == "program"
    assert issue_form.integer("1 200 000 kr") == 1200000
    assert issue_form.integer("ungefär en miljon") == "ungefär en miljon"


def test_a_repeated_title_or_id_is_refused(project):
    existing = load.read(project / "examples" / "trygga-grannar-vatterhem.md").meta["title"]
    same_title = convert(REAL_BODY.replace("Trygghetsvandringar med boende i Ale", existing), project / "examples")
    assert "Rubrik: samma rubrik som examples/trygga-grannar-vatterhem.md" in "\n".join(same_title.problems)
    same_id = convert(REAL_BODY, project / "examples", case_id="trygga-grannar-vatterhem")
    assert same_id.problems == ["Exemplet: det finns redan ett exempel med id:t trygga-grannar-vatterhem. "
                                "Välj en annan rubrik eller ett annat id."]
    assert (project / "examples" / "trygga-grannar-vatterhem.md").read_bytes() == \
        (ROOT / "examples" / "trygga-grannar-vatterhem.md").read_bytes()


# --- hostile bodies ---------------------------------------------------------------------------------


@pytest.mark.parametrize("bad_id", ["../utanfor", "..", "a/b", "exempel.md", "Stora", "-a", "a--b", "/etc/passwd"])
def test_an_id_cannot_leave_examples(project, bad_id):
    (project / "arende.md").write_text(REAL_BODY, encoding="utf-8")
    result = cli("from-issue", "--body-file", "arende.md", f"--id={bad_id}", "--today", DATE, cwd=project)
    assert result.returncode == 1
    assert "Id: id:t" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in project.rglob("*.md")) == sorted(
        ["arende.md"] + [p.name for p in (ROOT / "examples").glob("*.md")])


def test_a_title_that_looks_like_a_path_stays_a_file_name_in_examples(project):
    body = REAL_BODY.replace("Trygghetsvandringar med boende i Ale", "../../../../tmp/ondskefull fil")
    outcome = convert(body, project / "examples")
    assert outcome.ok, outcome.problems
    assert outcome.case.id == "tmp-ondskefull-fil"
    assert outcome.case.path.parent == (project / "examples").resolve()


def test_a_link_planted_in_examples_cannot_redirect_the_write(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("utanfor") / "mal.md"
    (project / "examples" / "trygghetsvandringar-med-boende-i-ale.md").symlink_to(outside)
    outcome = convert(REAL_BODY, project / "examples")
    assert not outcome.ok and outcome.case is None
    assert any("pekar ut ur mappen" in p for p in outcome.problems)
    assert not outside.exists()


def test_headings_written_inside_an_answer_stay_in_that_answer(project):
    body = REAL_BODY.replace("Vi gick runt tillsammans en kväll varje höst.",
                             "Vi gick runt.\n\n### Rubrik\n\nFalsk rubrik\n\n### Kontakt\n\nFalsk | Kontakt")
    outcome = convert(body, project / "examples")
    assert outcome.ok, outcome.problems
    meta = load.parse(outcome.case.text.encode(), "x.md", "x").meta
    assert meta["title"] == "Trygghetsvandringar med boende i Ale"
    assert meta["contacts"] == [{"role": "Trygghetssamordnare", "organisation": "Ale kommun"}]
    assert "### Rubrik\n\nFalsk rubrik\n\n### Kontakt\n\nFalsk | Kontakt" in outcome.case.text


def test_yaml_front_matter_and_shell_text_in_answers_are_inert_text(project):
    nasty_title = "Rubrik\"\n---\nkind: program\n$(touch /tmp/ge-pwned) `id`; rm -rf ~"
    body = (REAL_BODY.replace("Trygghetsvandringar med boende i Ale", nasty_title)
            .replace("Gör det varje år.", "---\nkind: program\nstatus: planerad\n\n---\n<script>alert(1)</script>"))
    outcome = convert(body, project / "examples")
    assert outcome.ok, outcome.problems
    source = load.parse(outcome.case.text.encode(), "x.md", "x")
    assert source.meta["title"] == nasty_title
    assert source.meta["kind"] == "insats" and source.meta["status"] == "avslutad"
    assert "<script>alert(1)</script>" in source.body
    assert not Path("/tmp/ge-pwned").exists()


def test_a_javascript_link_and_a_personal_number_are_refused(project):
    body = (REAL_BODY.replace("Gör det varje år.", "[klicka](javascript:alert(1))")
            .replace("Belysningen byttes", "Anmälan från 811228-9874 om att belysningen byttes"))
    outcome = convert(body, project / "examples")
    text = "\n".join(outcome.problems)
    # named by the section and line the contributor wrote them in
    assert "Våra viktigaste slutsatser, rad 1: länken \"javascript:alert(1\" är inte en webbadress" in text
    assert "Så blev det, rad 1: innehåller ett personnummer" in text


def test_control_characters_give_a_swedish_error_not_a_traceback(project):
    body = REAL_BODY.replace("Gör det varje år.", "Gör det\x00 varje\x07 år.")
    outcome = convert(body, project / "examples")
    assert not outcome.ok
    assert any("styrtecken" in p or "binära data" in p for p in outcome.problems), outcome.problems


def test_a_huge_body_is_refused_before_it_is_read(project):
    outcome = convert(REAL_BODY + "x" * from_issue.MAX_BODY, project / "examples")
    assert outcome.case is None
    assert outcome.problems[0].startswith("Exemplet: ärendet har") and "Korta texten" in outcome.problems[0]


def test_text_that_is_not_from_the_form_is_refused(project):
    outcome = convert("# Hej\n\nJag har ett tips om ett exempel i Ale!\n\n### Något annat\n\ntext", project / "examples")
    assert outcome.case is None and "inte skrivet med formuläret" in outcome.problems[0]


def test_the_errors_comment_cannot_be_broken_out_of():
    comment = from_issue.errors_comment(["Rubrik: ~~~~~~\n# rubrik\n@someone <img src=x>"], "octocat")
    fence = re.search(r"^(~{3,})text$", comment, re.M).group(1)
    assert len(fence) == 7
    assert comment.count(fence) == 2
    assert from_issue.errors_comment(["x"], "bad login; rm -rf").startswith("Tack för förslaget! ")


def test_pull_request_texts_credit_the_author(project):
    outcome = convert(REAL_BODY, project / "examples")
    new = outcome.case
    assert from_issue.commit_message(new, "ale-samordnare", 4711, 12) == (
        "Lägg till exemplet trygghetsvandringar-med-boende-i-ale (#12)\n\n"
        "Co-authored-by: ale-samordnare <4711+ale-samordnare@users.noreply.github.com>\n")
    assert "Co-authored-by" not in from_issue.commit_message(new, "x y", 1, 12)
    assert from_issue.pull_request_title("Rad ett\nrad två " + "x" * 300).startswith("Nytt exempel: Rad ett rad två")
    assert len(from_issue.pull_request_title("x" * 500)) == 200


def test_a_missing_body_file_is_a_swedish_error(project):
    result = cli("from-issue", "--body-file", "finns-inte.md", cwd=project)
    assert result.returncode == 1 and "finns-inte.md: filen kan inte läsas" in result.stderr


# --- the workflow ---------------------------------------------------------------------------------


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def test_the_workflow_starts_only_on_the_maintainers_label():
    wf = workflow()
    assert wf["on"] == {"issues": {"types": ["labeled"]}}
    job = wf["jobs"]["convert"]
    label = job["env"]["LABEL"]
    assert job["if"].startswith(f"github.event.label.name == '{label}'")
    # the form sets its own label, never the one that starts the workflow
    assert label not in issue_form.template()["labels"]


def test_the_workflow_has_only_the_permissions_it_needs():
    wf = workflow()
    assert wf["permissions"] == {}
    assert wf["jobs"]["convert"]["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}


def test_issue_text_never_reaches_a_shell():
    text = WORKFLOW.read_text(encoding="utf-8")
    # the body, title and author are read from the event file by jq, never from an expression
    assert re.findall(r"github\.event\.issue\.[a-z_.]+", text) == [
        "github.event.issue.number", "github.event.issue.pull_request", "github.event.issue.number"]
    for step in workflow()["jobs"]["convert"]["steps"]:
        assert "${{" not in step.get("run", "")
    run = "\n".join(s.get("run", "") for s in workflow()["jobs"]["convert"]["steps"])
    assert "jq -r '.issue.body // \"\"' \"$GITHUB_EVENT_PATH\"" in run
    for command in ("goda-exempel from-issue", "goda-exempel validate examples/", "gh pr create",
                    "gh issue comment", "--errors-file", "--pr-dir"):
        assert command in run


def test_the_workflow_steps_work_on_a_real_event(project, tmp_path):
    """The workflow's own shell steps, up to the first that needs GitHub, run on an event file."""
    import json

    event = tmp_path / "event.json"
    event.write_text(json.dumps({"issue": {"number": 12, "body": REAL_BODY,
                                           "user": {"login": "ale-samordnare", "id": 4711}}}), encoding="utf-8")
    steps = workflow()["jobs"]["convert"]["steps"]
    copy = next(s["run"] for s in steps if s.get("name", "").startswith("Copy the issue"))
    conv = next(s["run"] for s in steps if s.get("id") == "convert")
    (project / ".venv" / "bin").mkdir(parents=True)
    (project / ".venv" / "bin" / "goda-exempel").symlink_to(Path(sys.executable).parent / "goda-exempel")
    env = dict(os.environ, GITHUB_EVENT_PATH=str(event), RUNNER_TEMP=str(tmp_path),
               GITHUB_OUTPUT=str(tmp_path / "output"), ISSUE_NUMBER="12")
    for script in (copy, conv):
        done = subprocess.run(["bash", "-e", "-c", script], cwd=project, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "output").read_text() == "status=0\n"
    assert (tmp_path / "arende" / "pr" / "commit.txt").read_text().endswith(
        "Co-authored-by: ale-samordnare <4711+ale-samordnare@users.noreply.github.com>\n")
    assert validate.validate_dir(project / "examples", project).ok


@pytest.mark.parametrize("amount, message", [
    ("9" * 5000, "raden har 5012 tecken; högst 5000 är tillåtet"),
    ("9" * 4400, "är ett för stort tal (4400 siffror)"),
    ("9" * 4000, "är orimligt stort"),
    ("3.7e5", "ska vara ett heltal"),
])
def test_an_amount_of_any_length_gives_a_swedish_error_comment(project, amount, message):
    body = REAL_BODY.replace("370 000 kr", amount)
    outcome = convert(body, project / "examples")
    assert not outcome.ok
    assert any(message in p for p in outcome.problems), outcome.problems
    issue = project / "arende.md"
    issue.write_text(body, encoding="utf-8")
    result = cli("from-issue", "--body-file", "arende.md", "--today", DATE, "--pr-dir", str(project / "pr"),
                 cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert message in result.stderr + result.stdout


def test_a_control_character_in_an_answer_is_shown_as_a_code_on_one_line(project):
    """A line break or a bidi control quoted in a message would split the comment's line or turn
    it around: it is shown as a code."""
    body = REAL_BODY.replace("### Typ av exempel\n\nInsats", "### Typ av exempel\n\nInsats\u202e")
    assert convert(body, project / "examples").problems == [
        'Typ av exempel: "Insats\\u202e" är inte ett av alternativen. Menade du Insats? Skriv en av: Insats, '
        "Program, Samverkansmodell, Erfarenhet."]
    assert convert(REAL_BODY, project / "examples", case_id="abc\n").problems == [
        "Id: id:t ”abc\\n” går inte att använda som filnamn. Det får bara innehålla små bokstäver a–z, siffror och "
        "bindestreck, till exempel abc."]
