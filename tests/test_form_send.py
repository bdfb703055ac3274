"""The three ways a case leaves "Dela ditt exempel", and the form's own checks, in Chromium at
390 px: the e-mail (mailto: link or clipboard) and the prefilled GitHub issue both carry the
issue form's answers, and `from-issue` must turn either back into the same file; every rule of
rules.yaml shows the validator's message at its field; on a phone the summary of errors is in
view below the sticky header and nothing covers a label."""

from __future__ import annotations

import copy
import random
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
import yaml

from goda_exempel import form, from_issue, issue_form, personnummer, rules, scaffold
from test_form import visible_errors
from test_roundtrip import CASES, IDS, REPO, SUBMIT, expected, fill_form, open_form

ROOT = Path(__file__).resolve().parent.parent
MAIL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"][form.MAIL_SETTING]
PHONE = {"width": 390, "height": 844}

# A case short enough for a mailto: link.
TINY = {
    "meta": {
        "title": "Nattvandring i Ale",
        "summary": "Föräldrar vandrade i centrum på fredagskvällar och pratade med unga.",
        "kind": "insats",
        "organisations": [{"name": "Ale kommun", "type": "kommun"}],
        "scope": "lokal",
        "municipalities": ["Ale"],
        "period": {"start": "2019", "end": "pågående"},
        "status": "pagaende",
        "themes": ["barn-och-unga"],
        "prevention": ["social"],
        "target_groups": ["ungdomar"],
        "evaluation": {"level": "ingen"},
        "sources": [{"title": "Nattvandring", "url": "https://ale.se/n", "publisher": "Ale kommun"}],
        "contacts": [{"role": "Samordnare", "organisation": "Ale kommun"}],
    },
    "sections": {"darfor": "Oro i centrum.", "sa-gjorde-vi": "Vi vandrade.", "sa-blev-det": "Lugnare.",
                 "slutsatser": "Fler vuxna."},
}


def today(page) -> str:
    return page.evaluate("new Date().toLocaleDateString('sv-SE')")  # the browser's day, YYYY-MM-DD


def phone(page):
    page.set_viewport_size(PHONE)
    return page


def send(page) -> None:
    page.get_by_role("button", name=SUBMIT).click()
    page.locator("[data-ge-result]").wait_for(state="visible")


def converted(body: str, tmp_path: Path, date: str) -> scaffold.NewCase:
    """What the editors' `goda-exempel from-issue --body-file` makes of a text: the case file."""
    outcome = from_issue.convert(body, tmp_path / "examples", date, base=tmp_path)
    assert outcome.ok, outcome.problems
    return outcome.case


def mail_from_link(url: str) -> tuple[str, str, str]:
    """(to, subject, body) of a mailto: address, as a mail program reads it (RFC 6068)."""
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    assert set(query) == {"subject", "body"}
    return unquote(parts.path), query["subject"], query["body"]


# --- the e-mail -----------------------------------------------------------------------------------


@pytest.mark.browser
def test_a_short_case_is_a_mailto_link_that_round_trips_through_from_issue(page, site_url, tmp_path):
    open_form(phone(page), site_url)
    fill_form(page, TINY["meta"], TINY["sections"])
    send(page)
    way = page.locator("[data-ge-way=mail]")
    assert way.locator("[data-ge-mail-short]").is_visible() and not way.locator("[data-ge-mail-long]").is_visible()
    link = way.get_by_role("link", name="Öppna e-brevet").get_attribute("href")
    assert len(link) <= form.MAX_MAILTO
    to, subject, body = mail_from_link(link)
    assert to == MAIL and subject == "Nytt exempel: Nattvandring i Ale"
    assert "\r\n" in body and "\n" not in body.replace("\r\n", "")  # CRLF, as RFC 6068 asks
    date = today(page)
    assert converted(body, tmp_path, date).text == expected(TINY, date)


@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_long_case_is_copied_for_an_email_and_round_trips(page, site_url, case, tmp_path):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_form(phone(page), site_url)
    fill_form(page, case["meta"], case["sections"])
    send(page)
    way = page.locator("[data-ge-way=mail]")
    assert way.locator("[data-ge-mail-long]").is_visible()
    assert len(way.get_attribute("data-ge-mail-url")) > form.MAX_MAILTO
    # the address to paste it to, as a link with the address and the subject
    to = way.locator("[data-ge-mail-to]")
    assert to.inner_text() == MAIL
    assert to.get_attribute("href").startswith(f"mailto:{MAIL}?subject=Nytt%20exempel%3A%20")
    way.get_by_role("button", name="Kopiera texten").click()
    page.get_by_text(f"Texten är kopierad. Klistra in den i ett nytt e-brev till {MAIL}.").wait_for()
    text = page.evaluate("navigator.clipboard.readText()")
    date = today(page)
    assert converted(text, tmp_path, date).text == expected(case, date)


@pytest.mark.browser
def test_when_the_clipboard_is_refused_the_text_is_shown_to_copy_by_hand(page, site_url, tmp_path):
    page.add_init_script("""navigator.clipboard.writeText = () => Promise.reject(new Error('nej'));
                            document.execCommand = () => false;""")
    open_form(phone(page), site_url)
    case = CASES[1]
    fill_form(page, case["meta"], case["sections"])
    send(page)
    way = page.locator("[data-ge-way=mail]")
    way.get_by_role("button", name="Kopiera texten").click()
    page.get_by_text("Kopieringen stoppades av webbläsaren.").wait_for()
    area = way.get_by_label("Brevets text")
    assert area.is_visible()
    date = today(page)
    assert converted(area.input_value(), tmp_path, date).text == expected(case, date)


def test_the_page_offers_no_email_without_an_address():
    html = form.page_html(REPO, "dela.js", [], None)
    assert "data-ge-way=\"mail\"" not in html and "data-ge-way=\"issue\"" in html
    assert f'href="mailto:{MAIL}"' in form.page_html(REPO, "dela.js", [], MAIL)
    for bad in ("inte en adress", "a@b", "a b@c.se", "x@y.se?cc=z@w.se"):
        with pytest.raises(ValueError, match="redaktion_epost"):
            form.mail_address(bad)


# --- the prefilled issue --------------------------------------------------------------------------


def test_the_issue_way_promises_only_the_written_answers_filled_in():
    # GitHub prefills only the text boxes; the lists are picked by hand (the page lists them),
    # so the opening sentence must not say every answer is filled in.
    way = form.page_html(REPO, "dela.js", [], MAIL).split('data-ge-way="issue"')[1].split("</section>")[0]
    assert "dina svar ifyllda" not in way
    assert "där det du har skrivit redan är ifyllt" in way
    for doc in ("docs/dela-ditt-exempel.md", "CONTRIBUTING.md"):
        assert "svar ifyllda" not in " ".join((ROOT / doc).read_text(encoding="utf-8").split()), doc


def rendered_issue(page, url: str) -> str:
    """The issue GitHub writes when the contributor has opened the prefilled form, picked in
    the drop-down lists what the page lists, ticked the licence and pressed Create: every
    question as ``### Label``, a blank line and the answer, ``_No response_`` when empty."""
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO.url}/issues/new"
    query = parse_qsl(parts.query, keep_blank_values=True)
    names = [k for k, _ in query]
    assert names[0] == "template" and dict(query)["template"] == "dela-exempel.yml"
    assert len(names) == len(set(names))
    prefilled = dict(query)
    picks = dict(page.evaluate("""() => [...document.querySelectorAll('[data-ge-issue-pick-list] li')]
        .map((li) => [li.querySelector('strong').textContent.replace(/: $/, ''),
                      li.textContent.slice(li.querySelector('strong').textContent.length)])"""))
    kinds = {item["id"]: item["type"] for item in issue_form.template()["body"] if "id" in item}
    # GitHub reads ?title=… as the issue's own title, never as a question's answer
    assert not set(kinds) & issue_form.GITHUB_PARAMETERS
    assert prefilled["title"].startswith(issue_form.template()["title"])
    out = []
    for e in issue_form.elements():
        qid = issue_form.question_id(e.name)
        if kinds[qid] == "dropdown":
            assert qid not in prefilled  # a drop-down in the address makes GitHub show an empty form
            answer = picks.get(e.label, "")
        else:
            answer = prefilled.get(qid, "")
        out.append(f"### {e.label}\n\n{answer or issue_form.NO_RESPONSE}")
    out.append(f"### {from_issue.CONSENT_LABEL}\n\n- [X] {issue_form.CONSENT}")
    return "\n\n".join(out)


@pytest.mark.browser
@pytest.mark.parametrize("case", [*CASES, TINY], ids=[*IDS, "kort"])
def test_the_prefilled_issue_round_trips_through_from_issue(page, site_url, case, tmp_path):
    open_form(phone(page), site_url)
    fill_form(page, case["meta"], case["sections"])
    send(page)
    way = page.locator("[data-ge-way=issue]")
    link = way.get_by_role("link", name="Öppna ärendet på GitHub")
    url = link.get_attribute("href")
    assert link.get_attribute("target") == "_blank" and len(url) <= form.MAX_URL
    assert way.locator("[data-ge-issue-copies]").is_hidden()  # everything typed is in the address
    # the page says how many steps GitHub takes: sign in, pick in the lists, the licence, Create
    assert "det tar fyra steg:" in way.inner_text() and way.locator("[data-ge-issue-list] > li:visible").count() == 4
    date = today(page)
    assert converted(rendered_issue(page, url), tmp_path, date).text == expected(case, date)


@pytest.mark.browser
def test_answers_too_long_for_the_address_are_copied_one_by_one(page, site_url, tmp_path):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_form(phone(page), site_url)
    long_text = "Ett långt stycke med å, ä och ö som måste kodas i adressen. " * 40
    sections = dict(TINY["sections"], **{"sa-gjorde-vi": long_text, "sa-blev-det": long_text})
    fill_form(page, TINY["meta"], sections)
    send(page)
    way = page.locator("[data-ge-way=issue]")
    url = way.get_by_role("link", name="Öppna ärendet på GitHub").get_attribute("href")
    assert len(url) <= form.MAX_URL
    buttons = way.locator("[data-ge-issue-copy]")
    assert buttons.all_inner_texts() == ["Kopiera ”Så gjorde vi”"]
    assert "det tar fem steg:" in way.inner_text()  # and one more: paste what did not fit
    buttons.first.click()
    page.get_by_text("”Så gjorde vi” är kopierad.").wait_for()
    pasted = page.evaluate("navigator.clipboard.readText()")
    assert pasted == long_text.strip()
    body = rendered_issue(page, url).replace("### Så gjorde vi\n\n_No response_", f"### Så gjorde vi\n\n{pasted}")
    date = today(page)
    assert converted(body, tmp_path, date).text == expected({"meta": TINY["meta"], "sections": sections}, date)


def test_the_prefilled_questions_follow_the_generated_issue_form():
    data = form.issue_data(REPO)
    kinds = {item["id"]: item["type"] for item in issue_form.template()["body"] if "id" in item}
    assert [e["name"] for e in data["elements"]] == [e.name for e in issue_form.elements()]
    assert {e["id"] for e in data["elements"] if e["prefill"]} == {
        k for k, t in kinds.items() if t in ("input", "textarea")}
    assert [e["id"] for e in data["elements"]] == [k for k in kinds if k != issue_form.CONSENT_ID]
    assert data["template"] == Path(issue_form.TEMPLATE_PATH).name


# --- the cross-field rules ------------------------------------------------------------------------


def merged(base: dict, extra: dict) -> dict:
    """``base`` with ``extra`` laid over it, as rules.yaml's examples mean it: None removes a field."""
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def empty_list(page, key: str) -> None:
    """Remove every item of a top-level list, with its "Ta bort" buttons."""
    node = page.locator(f'#ge-dela-form [data-ge-key="{key}"]').first
    buttons = node.locator(":scope > [data-ge-items] > [data-ge-item] [data-ge-remove]:visible")
    while buttons.count():
        buttons.first.click()
    for control in node.locator("[data-ge-control]").all():
        control.fill("")


def in_form(path) -> bool:
    return path[0] not in issue_form.AUTOMATIC


FORM_RULES = [r for r in rules.rules() if in_form(r.field) and in_form(r.other or r.when_field)]


def test_the_rules_the_form_leaves_out_are_about_the_dates_it_sets_itself():
    left_out = [r for r in rules.rules() if r not in FORM_RULES]
    # both dates are the day the file is written, so such a rule cannot be broken in the form
    assert all(set(r.field + r.other + r.when_field) <= set(issue_form.AUTOMATIC) for r in left_out)
    assert form.page_data(REPO, [])["rules"] == rules.as_json()


def error_of(page, rule) -> str:
    control = page.evaluate("""(path) => {
        let node = document.querySelector(`#ge-dela-form [data-ge-key="${path[0]}"]`);
        for (const key of path.slice(1)) node = node.querySelector(`[data-ge-key="${key}"]`);
        const c = node.querySelector('[data-ge-control]');
        return c ? c.getAttribute('aria-describedby').split(' ').filter((i) => i.endsWith('-fel'))[0] : null;
    }""", list(rule.field))
    return visible_errors(page).get(control, "") if control else ""  # a list with no items left


@pytest.mark.browser
@pytest.mark.parametrize("rule", FORM_RULES, ids=[r.id for r in FORM_RULES])
def test_every_cross_field_rule_shows_the_validators_message_at_its_field(page, site_url, rule):
    open_form(phone(page), site_url)
    base = CASES[0]
    meta = merged(base["meta"], rule.examples["bad"])
    fill_form(page, {k: v for k, v in meta.items() if v != []}, base["sections"])
    date = today(page)
    meta = dict(meta, added=date, last_reviewed=date)
    want = next(text for path, text in rules.check(meta) if path == rule.field)
    shown = want[0].upper() + want[1:]
    # live: as soon as a field is left, before any submit
    assert error_of(page, rule) == shown
    assert page.locator("[data-ge-summary]").is_hidden()
    page.get_by_role("button", name=SUBMIT).click()
    summary = page.locator("[data-ge-summary]")
    assert summary.is_visible() and f": {shown}" in summary.inner_text()
    assert error_of(page, rule) == shown
    # and gone when the rule holds
    good = merged(base["meta"], rule.examples["good"])
    changed = {k: v for k, v in good.items() if v != meta.get(k) and k not in issue_form.AUTOMATIC}
    fill_form(page, changed, {}, consent=False)
    for key in meta:
        if key not in good and key not in issue_form.AUTOMATIC:
            empty_list(page, key)
    page.locator("#ge-title").focus()
    assert error_of(page, rule) == ""


# --- on a phone -------------------------------------------------------------------------------------


def header_bottom(page) -> float:
    return page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")


@pytest.mark.browser
def test_after_an_empty_submit_the_summary_heading_is_in_view_below_the_header(page, site_url):
    open_form(phone(page), site_url)
    page.get_by_role("button", name=SUBMIT).click()
    title = page.locator(".ge-form__summary-title")
    title.wait_for(state="visible")
    box = title.bounding_box()
    assert box["y"] >= header_bottom(page) and box["y"] + box["height"] <= PHONE["height"], box
    centre = page.evaluate("""() => { const r = document.querySelector('.ge-form__summary-title').getBoundingClientRect();
        return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2).closest('.ge-form__summary-title') !== null; }""")
    assert centre
    # a link in the summary takes the contributor to the field, its label in view below the header
    page.locator("[data-ge-summary] a").nth(5).click()
    label = page.evaluate("""() => { const el = document.activeElement;
        const node = el.closest('[data-ge-node]');
        const label = document.querySelector(`label[for="${el.id}"]`) || node.querySelector('legend');
        const r = label.getBoundingClientRect();
        return {top: r.top, covered: document.elementFromPoint(r.left + 4, r.top + r.height / 2).closest('label,legend') !== label}; }""")
    assert label["top"] >= header_bottom(page) and not label["covered"], label


@pytest.mark.browser
def test_nothing_covers_a_label_while_scrolling_up_the_form(page, site_url):
    """Material shows its 'Tillbaka till toppen' button while a page is scrolled up; on the
    form that is all the time, and it covered labels and errors. Each label is scrolled to
    from below, to just under the header, and must be what is at its centre."""
    open_form(phone(page), site_url)
    page.get_by_role("button", name=SUBMIT).click()
    page.locator("[data-ge-summary]").wait_for(state="visible")
    page.evaluate("document.querySelectorAll('#ge-dela-form details').forEach((d) => { d.open = true; })")
    covered = page.evaluate("""async () => {
        const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const labels = [...document.querySelectorAll('#ge-dela-form label, #ge-dela-form legend, #ge-dela-form .ge-error:not([hidden])')]
            .filter((l) => l.getClientRects().length);
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
        const out = [];
        window.scrollTo(0, document.documentElement.scrollHeight);
        await frame();
        for (const label of labels.reverse()) {
            const before = label.getBoundingClientRect().top;
            window.scrollBy(0, before - header - 8);  /* up: the way Material shows its button */
            await frame();
            const r = label.getBoundingClientRect();
            const points = [];
            for (const y of [r.top + 3, r.top + r.height / 2]) {
                for (const x of [r.left + 6, r.left + r.width / 2, r.right - 6]) points.push([x, y]);
            }
            const bad = points.find(([x, y]) => {
                const hit = document.elementFromPoint(x, y);
                return !hit || !(label === hit || label.contains(hit));
            });
            if (bad) {
                const hit = document.elementFromPoint(bad[0], bad[1]);
                out.push(`${label.tagName} ${label.textContent.trim().slice(0, 40)}: ${hit && (hit.className || hit.tagName)}`);
            }
        }
        return out;
    }""")
    assert covered == []
    assert page.locator(".md-top").is_hidden()


# --- the id ---------------------------------------------------------------------------------------


TRICKY_TITLES = [
    "JM:s trygghetsprogram med Stiftelsen Tryggare Sverige i nya bostadsområden i Stockholms län",
    "Platssamverkan med BID som modell: fastighetsägare, kommun och polis i Järva och Gottsunda",
    "Trygghetsmätning i pilotkommuner – en nationell modell för lokala lägesbilder och uppföljning",
    "Ett exempel med exakt sextio tecken i sin adress, inte ett mer",
    "Ordet-med-bindestreck-som-blir-alldeles-för-långt-för-en-adress-i-kunskapsbanken",
    "Ettendaordutanmellanrumsomärlängreänsextioteckenochmåsteklippasnågonstans",
    "Ålands Örebro-modell: ”Trygg i Ö” & Co. (2019–2021) / del 2",
    "   Mellanslag   runt   ",
    "Ǆemal ﬁnns – İzmir, Ångström Å och Kelvin K",
    # digits that are no personnummer in the title but would be one in the id (811218-9876)
    "Projekt 811218/9876", "Rapport 19811218/9876 om 8112189876 och 2018",
]


@pytest.mark.browser
def test_the_javascript_id_is_pythons_id_for_tricky_titles(page, site_url):
    open_form(page, site_url)
    got = page.evaluate("(ts) => ts.map((t) => window.GodaExempel.writer.suggestId(t))", TRICKY_TITLES)
    want = [scaffold.suggest_id(t) for t in TRICKY_TITLES]
    assert got == want
    assert all(len(i) <= scaffold.MAX_ID for i in want)


# --- personnummer ---------------------------------------------------------------------------------


PERSONNUMMER_SAMPLES = [
    "811218-9876", "19811218-9876", "811218+9876", "8112189876", "551283-1230", "ring 811218 9876 i dag",
    "0701234567", "811318-9876", "811278-9876", "811218-9875", "tel 070-123 45 67", "20001218-1234",
    "1811218-9876", "811218-98765", "x811218-9876y", "2018-12-18", "123456-7890", "",
    # a number as a reader sees it (validate refuses these): another dash, another space,
    # fullwidth or other digits, a reference, an escape, markup, an invisible character ...
    "811218–9876", "811218 – 9876", "811218\u00a09876", "８１１２１８-９８７６", "٨١١٢١٨-٩٨٧٦", "811218\\-9876",
    "811218&#8211;9876", "811218&ndash;9876", "811218&nbsp;9876", "811218&shy;-9876", "811218%2D9876",
    "811218*-*9876", "811218<b>-</b>9876", "81121\u200b8-9876", "811218\r9876", "\U0001d7d6\U0001d7cf1218-9876",
    "811218&#1;-9876",
    # ... broken over two lines (a page runs a value's lines together) ...
    "811218-\n9876",
    # ... and what it accepts: no number to a reader, or not one with a real date and check digit
    "٣811218-9876", "８811218-9876", "811218&amp;9876", "811218&notit;9876",
    "811218–9875", "811318–9876", "0701234567 och 811218-9875",
]
REFUSED = 7 + 17 + 1  # of the samples above


def personnummer_like(rnd) -> str:
    """A number, true or not, as people write it and as a text can hide it."""
    text = list(rnd.choice(["811218-9876", "19811218-9876", "551283-1230", "8112189876", "811218+9876",
                            "811218 9876", "201212121212", "0701234567", "121212-1212", "811218-9875"]))
    marks = ["-", "+", " ", "\u00a0", "\u2013", "\u200b", "\n", "\r", "&#8211;", "&#x2d;", "%2D", "\\-", "*",
             "<b>", "</b>", "²", "&#1;", "\u2212", "&#56;", "\u00ad", "&shy;", "&ndash;", "&amp;", "x", "1"]
    alike = {"1": ["١", "１", "&#49;", "%31", "¹"], "8": ["٨", "８"], "-": ["–", "—", "−", "&ndash;"],
             " ": ["\u00a0", "\u2009", "&nbsp;", "\t"]}
    for _ in range(rnd.randint(0, 3)):
        at = rnd.randrange(len(text))
        if text[at] in alike and rnd.random() < 0.6:
            text[at] = rnd.choice(alike[text[at]])
        else:
            text.insert(at, rnd.choice(marks))
    return "".join(text)


@pytest.mark.browser
def test_the_form_finds_a_personnummer_as_validate_does(page, site_url, tmp_path):
    open_form(phone(page), site_url)
    from goda_exempel.validate import validate_source
    from goda_exempel.load import parse
    rnd = random.Random(20261121)
    samples = PERSONNUMMER_SAMPLES + [personnummer_like(rnd) for _ in range(3000)]
    got = page.evaluate("(ts) => ts.map((t) => window.GodaExempel.hasPersonnummer(t))", samples)
    assert got == [personnummer.in_text(t) for t in samples]
    assert [personnummer.in_text(t) for t in PERSONNUMMER_SAMPLES].count(True) == REFUSED
    # in a text and in a field of a list item, at once when the field is left
    page.locator("#ge-text-darfor").fill("Det började med en anmälan, 811218-9876, i trapphuset.")
    name = page.locator("[data-ge-key=organisations] [data-ge-key=name] input")
    name.fill("Förening 19811218-9876")
    page.locator("#ge-title").focus()
    want = form.PERSONNUMMER[0].upper() + form.PERSONNUMMER[1:]
    errors = visible_errors(page)
    assert errors["ge-text-darfor-fel"] == want
    assert errors[name.get_attribute("aria-describedby").split()[-1]] == want
    # the message is validate's own
    meta = dict(TINY["meta"], organisations=[{"name": "Förening 19811218-9876", "type": "kommun"}],
                added="2026-11-21", last_reviewed="2026-11-21")
    text = expected({"meta": meta, "sections": TINY["sections"]})
    _, problems = validate_source(parse(text.encode("utf-8"), "examples/x.md", "x"))
    assert [p.message for p in problems] == [form.PERSONNUMMER]


@pytest.mark.browser
def test_a_number_broken_over_two_lines_of_the_summary_gets_the_hint_as_validate_refuses_it(page, site_url):
    """The page shows the summary's lines run together: "811228-" and "9874" are one number."""
    from goda_exempel.load import parse
    from goda_exempel.validate import validate_source

    typed = "Anmälan från 811228-\n9874 ledde till att kommunen och bostadsbolaget gick runt i området."
    meta = dict(TINY["meta"], summary=typed, added="2026-11-21", last_reviewed="2026-11-21")
    _, problems = validate_source(parse(expected({"meta": meta, "sections": TINY["sections"]}).encode("utf-8"),
                                        "examples/x.md", "x"))
    assert [p.message for p in problems] == [form.PERSONNUMMER]
    open_form(phone(page), site_url)
    page.locator("#ge-summary").fill(typed)
    page.locator("#ge-title").focus()
    assert visible_errors(page).get("ge-summary-fel") == form.PERSONNUMMER[0].upper() + form.PERSONNUMMER[1:]


@pytest.mark.browser
@pytest.mark.parametrize("typed, refused", [
    ("Ring 0701234567 eller läs anmälan 811218-9875.", False),  # a phone number, a wrong check digit
    ("Ring 811318-9876, den 18 i trettonde månaden.", False),
    ("Det började med en anmälan, 811218–9876, i trapphuset.", True),  # an en dash, as Word writes it
    ("Anmälan 811218&nbsp;9876 låg i trapphuset.", True),
    ("Det började med en anmälan, 811218-\n9876, i trapphuset.", True),  # across two lines of a paragraph
])
def test_the_hint_comes_exactly_when_validate_refuses_the_number(page, site_url, typed, refused):
    from goda_exempel.load import parse
    from goda_exempel.validate import validate_source

    meta = dict(TINY["meta"], added="2026-11-21", last_reviewed="2026-11-21")
    text = expected({"meta": meta, "sections": dict(TINY["sections"], darfor=typed)})
    _, problems = validate_source(parse(text.encode("utf-8"), "examples/x.md", "x"))
    assert [p.message for p in problems] == ([form.PERSONNUMMER] if refused else [])
    open_form(phone(page), site_url)
    page.locator("#ge-text-darfor").fill(typed)
    page.locator("#ge-title").focus()
    hint = form.PERSONNUMMER[0].upper() + form.PERSONNUMMER[1:]
    assert visible_errors(page).get("ge-text-darfor-fel") == (hint if refused else None)
