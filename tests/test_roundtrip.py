"""Nothing lost: every field and every character (å, ä, ö, quotes, colons, leading dashes, "no",
"yes", "2018-02-30", emoji, Markdown), typed into the site's form, the GitHub issue form or
`goda-exempel new`, lands unchanged in the case file and parses back to the same values.

One fixture, tests/fixtures/tricky-cases.json, drives all three ways in. The file they must
write is always ``serialize.dump_case(meta, scaffold.body_from_sections(sections))``; the
site's JavaScript writer is held to it byte for byte, here on the fixture and on seeded random
text, in real Chromium."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from goda_exempel import from_issue, issue_form, load, scaffold, serialize, validate
from goda_exempel.commands.issue_form import repo_url
from goda_exempel.repo import Repo
from test_from_issue import answers, render_issue

ROOT = Path(__file__).resolve().parent.parent
CASES = json.loads((ROOT / "tests" / "fixtures" / "tricky-cases.json").read_text(encoding="utf-8"))
IDS = [c["name"] for c in CASES]
REPO = Repo(repo_url(ROOT / "mkdocs.yml"))
FORM = "dela-ditt-exempel/"


def expected(case: dict, date: str | None = None) -> str:
    meta = dict(case["meta"])
    if date:
        meta.update({key: date for key in issue_form.AUTOMATIC})
    return serialize.dump_case(meta, scaffold.body_from_sections(case["sections"]))


def case_id(case: dict) -> str:
    return scaffold.suggest_id(case["meta"]["title"])


def parsed(text: str, cid: str):
    """The file as `goda-exempel validate` reads it: the valid case, or the problems."""
    source = load.parse(text.encode("utf-8"), f"examples/{cid}.md", cid)
    return validate.validate_source(source)


# --- Python: the serializer, the issue form, goda-exempel new -------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_case_file_parses_back_to_every_value(case):
    valid, problems = parsed(expected(case), case_id(case))
    assert not problems, [p.text() for p in problems]
    assert valid.meta == case["meta"]
    assert valid.body == "\n" + scaffold.body_from_sections(case["sections"]) + "\n"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_issue_form_writes_the_same_file(case, tmp_path):
    body = render_issue(answers(case["meta"], case["sections"]))
    for text in (body, body.replace("\n", "\r\n")):  # as typed in a browser on any system
        outcome = from_issue.convert(text, tmp_path / "examples", "2026-11-21", base=tmp_path)
        assert outcome.ok, outcome.problems
        assert outcome.case.text == expected(case, "2026-11-21")
        assert outcome.case.id == case_id(case)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_goda_exempel_new_writes_the_same_file(case, tmp_path):
    args = []
    for e in issue_form.elements():
        value = answers(case["meta"], case["sections"]).get(e.name)
        if not value:
            continue
        many = e.field is not None and e.field.kind in ("strings", "objects", "choices")
        for part in (value.split("\n") if many else [value]):
            args += [f"--{e.name.replace('_', '-')}={part}"]
    (tmp_path / "examples").mkdir()
    result = subprocess.run([sys.executable, "-m", "goda_exempel.cli", "new", "--today", "2026-11-21", *args],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "examples" / f"{case_id(case)}.md").read_text(encoding="utf-8")
    assert written == expected(case, "2026-11-21")


# --- the site's form in Chromium ---------------------------------------------------------------------


def random_text(rnd: random.Random) -> str:
    tricky = list(" \n'\":#-å😀\t\\\u2028\x85\ufeffa0.|>%@`[{,?\xa0~!&*=<") + [
        "no", "yes", "on", "null", "---", "...", "2018-02-30", "1e5", "0x1F", "12:30", "  ", "\u3000", "ö"]
    size = rnd.choice([1, 2, 3, 5, 10, 40, 99, 100, 101, 120, 250])
    return "".join(rnd.choice(tricky) if rnd.random() < 0.5 else rnd.choice("abc de") for _ in range(size))


def js_dump(page, pairs: list) -> list[str]:
    return page.evaluate("(pairs) => pairs.map(([m, b]) => window.GodaExempel.writer.dumpCase(m, b))", pairs)


def open_form(page, site_url: str) -> None:
    page.goto(site_url + FORM)
    page.wait_for_selector("[data-ge-dela][data-ge-ready]", state="attached")


@pytest.mark.browser
def test_the_javascript_writer_writes_what_python_writes(page, site_url):
    open_form(page, site_url)
    rnd = random.Random(20261121)
    pairs = [(c["meta"], scaffold.body_from_sections(c["sections"])) for c in CASES]
    for _ in range(600):
        meta = {"title": random_text(rnd), "summary": random_text(rnd), "areas": [random_text(rnd), random_text(rnd)],
                "budget": {"amount": rnd.randint(0, 10**9), "note": random_text(rnd)}}
        pairs.append((meta, random_text(rnd)))
    got = js_dump(page, pairs)
    mismatched = [(m, b) for (m, b), text in zip(pairs, got) if text != serialize.dump_case(m, b)]
    assert not mismatched, f"{len(mismatched)} av {len(pairs)} skiljer sig, till exempel {mismatched[0]!r}"


@pytest.mark.browser
def test_the_javascript_ids_are_pythons_ids(page, site_url):
    open_form(page, site_url)
    rnd = random.Random(7)
    titles = [c["meta"]["title"] for c in CASES] + [
        "Trygga grannar: Vätterhem, Jönköping!", "ÅÄÖ åäö Ééü Ü", "İstanbul ﬁ Kelvin K", "???", "",
        "x" * 90, "Ett mycket långt namn på ett exempel " * 4] + [random_text(rnd) for _ in range(200)]
    got = page.evaluate("(ts) => ts.map((t) => window.GodaExempel.writer.suggestId(t))", titles)
    assert got == [scaffold.suggest_id(t) for t in titles]


def node(page, key: str):
    """A top-level field of the form; an optional one is opened first (it is folded until wanted)."""
    folded = page.locator(f'#ge-dela-form > details[data-ge-more="{key}"]')
    if folded.count() and not folded.evaluate("(d) => d.open"):
        # with Enter: a message shown as the previous field is left may move the summary
        # between a mouse's press and release
        folded.locator(":scope > summary").press("Enter")
    return page.locator(f'#ge-dela-form > [data-ge-key="{key}"], #ge-dela-form > details > div > [data-ge-key="{key}"]').first


def fill_node(container, value) -> None:
    kind = container.get_attribute("data-ge-kind")
    if kind in ("text", "integer", "date"):
        container.locator("[data-ge-control]").fill(str(value))
    elif kind == "choice":
        container.locator("select").select_option(value)
    elif kind == "choices":
        for v in value:
            container.locator(f'input[type=checkbox][value="{v}"]').check()
    elif kind in ("strings", "objects"):
        items = container.locator(":scope > [data-ge-items] > [data-ge-item]")
        while items.count() < len(value):
            container.locator(":scope > [data-ge-add]").click()
        for i, v in enumerate(value):
            item = items.nth(i)
            if kind == "strings":
                item.locator("[data-ge-control]").fill(v)
            else:
                for key, sub in v.items():
                    fill_node(item.locator(f':scope > [data-ge-key="{key}"]'), sub)
    elif kind == "group":
        for key, sub in value.items():
            fill_node(container.locator(f':scope > [data-ge-key="{key}"]'), sub)
    else:
        raise AssertionError(kind)


def fill_form(page, meta: dict, sections: dict, consent: bool = True) -> None:
    """Type a case into the form the way a person would: field by field. The dates the form
    does not ask for (the day the file is written) are left out."""
    for key, value in meta.items():
        if key not in issue_form.AUTOMATIC:
            fill_node(node(page, key), value)
    for section, text in sections.items():
        folded = page.locator(f'details[data-ge-more="text-{section}"]')
        if folded.count() and not folded.evaluate("(d) => d.open"):
            folded.locator(":scope > summary").press("Enter")
        page.locator(f"#ge-text-{section}").fill(text)
    if consent:
        page.locator("#ge-samtycke").check()


SUBMIT = "Kontrollera och skicka"


def submit(page) -> str:
    """Send the form by GitHub's new-file page: check it, then open the page in a new tab
    (answered here, nothing leaves the machine). Returns the address the form built."""
    page.get_by_role("button", name=SUBMIT).click()
    page.locator("[data-ge-result]").wait_for(state="visible")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Öppna filen på GitHub").click()
    tab = opened.value
    tab.wait_for_load_state()
    url = page.locator("[data-ge-result]").get_attribute("data-ge-url")
    assert tab.url == url
    tab.close()
    return url


def answer_github(page) -> None:
    page.context.route("https://github.com/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>GitHub</title>"))


def file_from_url(url: str, cid: str) -> str:
    """Check the address is GitHub's "create new file" page for examples/<id>.md and return the file."""
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("https", "github.com")
    assert parts.path == urlsplit(REPO.url).path + "/new/main/examples"
    query = dict(pair.split("=", 1) for pair in parts.query.split("&"))
    assert list(query) == ["filename", "value"]
    assert unquote(query["filename"]) == f"{cid}.md"
    text = unquote(query["value"], errors="strict")
    assert url == REPO.new_case_url(cid, text)  # the same address Python would build
    return text


@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_sites_form_writes_the_same_file(page, site_url, case, tmp_path):
    answer_github(page)
    open_form(page, site_url)
    fill_form(page, case["meta"], case["sections"])
    cid = case_id(case)
    text = file_from_url(submit(page), cid)
    today = page.evaluate("new Date().toLocaleDateString('sv-SE')")  # the browser's day, as YYYY-MM-DD
    assert text == expected(case, today)
    valid, problems = parsed(text, cid)
    assert not problems and valid.meta == dict(case["meta"], added=today, last_reviewed=today)
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / f"{cid}.md").write_text(text, encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "goda_exempel.cli", "validate", "examples"],
                           cwd=tmp_path, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
