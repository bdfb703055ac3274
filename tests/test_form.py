"""The site's form "Dela ditt exempel": generated from the schema, checked by the browser's own
constraint validation, with the draft kept in the browser, a live preview, and a case file
that goes to GitHub by address or, when too long, by copying or downloading. Real Chromium."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

from goda_exempel import fields, form, issue_form, schema
from test_roundtrip import (CASES, REPO, SUBMIT, answer_github, expected, file_from_url, fill_form, node,
                            open_form, parsed, submit)

ROOT = Path(__file__).resolve().parent.parent


# --- the generated markup ---------------------------------------------------------------------------


class Controls(HTMLParser):
    """Every element of the form with its attributes, by id; the text of every label and legend."""

    def __init__(self):
        super().__init__()
        self.by_id: dict[str, dict] = {}
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.by_id[attrs["id"]] = dict(attrs, tag=tag)

    def handle_data(self, data):
        self.text.append(data)


def markup() -> Controls:
    parser = Controls()
    parser.feed(form.form_html())
    return parser


def test_every_field_has_its_schema_title_and_description():
    html = form.form_html()
    seen = []

    def walk(tree):
        for f in tree:
            seen.append(f)
            walk(f.children)

    walk(f for f in fields.fields() if f.key not in issue_form.AUTOMATIC)  # made by the tools, not asked
    text = "".join(markup().text)
    for f in seen:
        assert f.title in text, f.path
        assert f.description in text, f.path
    for s in schema.section_headings():
        assert s.label in text and s.description in text
    assert "<template" in html  # repeatable groups


def test_constraints_are_the_schemas():
    c = markup().by_id
    title = schema.raw_schema()["properties"]["title"]
    assert c["ge-title"]["required"] is None  # a bare attribute
    assert c["ge-title"]["minlength"] == str(title["minLength"]) and c["ge-title"]["maxlength"] == str(title["maxLength"])
    assert c["ge-summary"]["tag"] == "textarea" and c["ge-summary"]["maxlength"] == "400"
    start = schema.raw_schema()["properties"]["period"]["properties"]["start"]
    assert c["ge-period-start"]["pattern"] == form.html_pattern(start["pattern"])
    assert c["ge-period-start"]["data-ge-hint"] == start["x-hint"]
    assert c["ge-budget-amount"]["type"] == "number" and c["ge-budget-amount"]["min"] == "0"
    assert "required" not in c["ge-budget-amount"] and "data-ge-required" in c["ge-budget-amount"]
    assert "required" not in c["ge-evaluation-description"]
    assert "required" in c["ge-evaluation-level"]
    # the file's id and its dates are made by the tools, never asked
    assert not {"ge-id", "ge-added", "ge-last_reviewed"} & set(c)
    # every field with a pattern is a one-line input: browsers ignore pattern on a text area
    patterned = [a for tag, a in markup().tags if "pattern" in a]
    assert patterned and all(tag == "input" for tag, a in markup().tags if "pattern" in a)
    for s in schema.section_headings():
        assert ("required" in c[f"ge-text-{s.id}"]) == s.required


def test_controlled_values_are_selects_and_checkboxes_with_swedish_labels():
    p = markup()
    options = {a.get("value") for tag, a in p.tags if tag == "option"}
    boxes = {a.get("value") for tag, a in p.tags if tag == "input" and a.get("type") == "checkbox"}
    text = "".join(p.text)
    for name in ("kinds", "scopes", "statuses", "evaluation_levels", "budget_periods", "organisation_types"):
        assert set(schema.vocabulary(name).ids) <= options
    for name in ("themes", "prevention", "target_groups", "methods"):
        assert set(schema.vocabulary(name).ids) <= boxes
        assert all(t.label in text for t in schema.vocabulary(name).terms)


def test_the_municipalities_are_a_type_ahead_list_of_all_290():
    p = markup()
    lists = [a["id"] for tag, a in p.tags if tag == "datalist"]
    assert lists == ["ge-lista-municipalities"]
    names = [a["value"] for tag, a in p.tags if tag == "option" and "value" in a and a["value"]
             and a["value"] in schema.vocabulary("municipalities").ids]
    assert len(set(names)) == 290
    assert names.index("Ale") < names.index("Örebro") and names[-1].startswith("Ö")


@pytest.mark.parametrize("pattern, expected_pattern", [
    (r"^https?://[^\s/$.?#][^\s]*$", r"^https?://[^\s\/$.?#][^\s]*$"),
    (r"^[0-9]{4}(-[0-9]{2})?$", r"^[0-9]{4}(-[0-9]{2})?$"),
    (r"^[-a(|)]$", r"^[\-a\(\|\)]$"),
    (r"^[^@\s]+@[^@\s]+\.[^@\s]+$", r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
])
def test_patterns_are_rewritten_for_the_browsers_v_flag(pattern, expected_pattern):
    assert form.html_pattern(pattern) == expected_pattern


# --- in the browser -----------------------------------------------------------------------------------


def fill_minimal(page, title="Trygghetsvandringar med boende i Ale") -> None:
    case = CASES[2]
    meta = dict(case["meta"], title=title)
    fill_form(page, meta, case["sections"])


def visible_errors(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('[data-ge-error]')]
        .filter((e) => !e.hidden).map((e) => [e.id, e.textContent]))""")


@pytest.mark.browser
def test_the_draft_survives_a_reload_and_a_closed_tab(page, site_url):
    open_form(page, site_url)
    page.locator("#ge-title").fill("Trygga grannar: ”no”, yes & 😀")
    node(page, "scope").locator("select").select_option("lokal")
    munis = node(page, "municipalities")
    munis.locator("[data-ge-control]").first.fill("Jönköping")
    munis.locator(":scope > [data-ge-add]").click()
    munis.locator("[data-ge-control]").nth(1).fill("Habo")
    page.locator('input[value="barn-och-unga"]').check()
    node(page, "sources").locator('[data-ge-key="url"] input').fill("https://example.org/ä?x=1")
    page.locator("#ge-text-darfor").fill("Rad ett.\n\n- punkt: två")
    node(page, "areas").locator("[data-ge-control]").first.fill("Nödinge")  # in a folded part

    def assert_restored(p):
        open_form(p, site_url)
        assert p.locator("#ge-title").input_value() == "Trygga grannar: ”no”, yes & 😀"
        assert node(p, "scope").locator("select").input_value() == "lokal"
        values = node(p, "municipalities").locator("[data-ge-control]")
        assert [values.nth(i).input_value() for i in range(values.count())] == ["Jönköping", "Habo"]
        assert p.locator('input[value="barn-och-unga"]').is_checked()
        assert node(p, "sources").locator('[data-ge-key="url"] input').input_value() == "https://example.org/ä?x=1"
        assert p.locator("#ge-text-darfor").input_value() == "Rad ett.\n\n- punkt: två"
        assert p.locator('details[data-ge-more="areas"]').evaluate("(d) => d.open")  # opened: it holds a value
        assert node(p, "areas").locator("[data-ge-control]").first.input_value() == "Nödinge"
        assert "utkast är återställt" in p.locator("[data-ge-draft-status]").inner_text()

    page.reload()
    assert_restored(page)
    context = page.context
    page.close()
    assert_restored(context.new_page())


@pytest.mark.browser
def test_clearing_the_form_forgets_the_draft(page, site_url):
    open_form(page, site_url)
    page.locator("#ge-title").fill("Något att glömma")
    node(page, "areas").locator("[data-ge-control]").first.fill("Nödinge")  # in a folded part
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Töm formuläret").click()
    assert page.locator("#ge-title").input_value() == ""
    assert page.locator("details[data-ge-more][open]").count() == 0  # folded again
    page.reload()
    open_form(page, site_url)
    assert page.locator("#ge-title").input_value() == ""


@pytest.mark.browser
def test_an_empty_form_shows_swedish_errors_next_to_the_fields(page, site_url):
    open_form(page, site_url)
    page.get_by_role("button", name=SUBMIT).click()
    errors = visible_errors(page)
    assert errors["ge-title-fel"] == "Fyll i det här fältet."
    assert errors["ge-kind-fel"] == "Välj ett alternativ."
    assert errors["ge-themes-fel"] == "Välj minst ett alternativ."
    assert errors["ge-samtycke-fel"] == "Kryssa i rutan för att kunna skicka."
    summary = page.locator("[data-ge-summary]")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-ge-summary')")
    assert "Rubrik: Fyll i det här fältet." in summary.inner_text()
    assert page.locator("#ge-title").get_attribute("aria-invalid") == "true"
    # a link in the summary takes the keyboard to the field
    summary.get_by_role("link", name="Rubrik: Fyll i det här fältet.").click()
    assert page.evaluate("document.activeElement.id") == "ge-title"
    # errors follow the typing once the form has been sent
    page.locator("#ge-title").fill("Kort")
    assert visible_errors(page)["ge-title-fel"] == "Skriv minst 5 tecken (nu 4)."
    page.locator("#ge-title").fill("Lagom lång rubrik")
    assert "ge-title-fel" not in visible_errors(page)


@pytest.mark.browser
def test_the_schemas_patterns_decide_in_the_browser(page, site_url):
    open_form(page, site_url)
    src = node(page, "sources")
    url = src.locator('[data-ge-key="url"] input')
    published = src.locator('[data-ge-key="published"] input')
    contacts = node(page, "contacts")
    if contacts.locator('[data-ge-key="email"] input').count() == 0:  # optional: no contact until added
        contacts.locator(":scope > [data-ge-add]").click()  # opening the folded part may add one too
    email = contacts.locator('[data-ge-key="email"] input').first
    samples = {
        url: (["https://example.org", "http://x.se/a?b=c"], ["example.org", "https:// x", "ftp://x", "https://.x"]),
        published: (["2018", "2018-04", "2018-04-17"], ["18", "2018-4", "april 2018"]),
        email: (["namn@ale.se"], ["namn", "namn@ale", "a b@c.se"]),
        page.locator("#ge-period-end"): (["2019-12", "pågående"], ["snart", "2019-"]),
    }
    for control, (good, bad) in samples.items():
        for value in good:
            control.fill(value)
            assert control.evaluate("(e) => e.validity.valid"), value
        for value in bad:
            control.fill(value)
            assert control.evaluate("(e) => e.validity.patternMismatch"), value
    page.get_by_role("button", name=SUBMIT).click()
    errors = visible_errors(page)
    assert errors[f"{email.get_attribute('id')}-fel"] == "Skriv en e-postadress som namn@organisation.se."
    assert errors["ge-period-end-fel"].startswith("Skriv år, år-månad, datum eller ”pågående”")
    # every pattern on the page compiles the way browsers compile them (the v flag)
    patterns = page.evaluate("""() => [document, ...[...document.querySelectorAll('template')].map((t) => t.content)]
        .flatMap((root) => [...root.querySelectorAll('[pattern]')].map((e) => e.getAttribute('pattern')))""")
    assert len(patterns) >= 8 and any("Upplands-Bro" in p for p in patterns)
    assert page.evaluate("""(ps) => ps.every((p) => { try { new RegExp('^(?:' + p + ')$', 'v'); return true; }
                                                        catch (e) { return false; } })""", patterns)


@pytest.mark.browser
def test_a_municipality_must_come_from_the_list_and_several_are_possible(page, site_url):
    open_form(page, site_url)
    munis = node(page, "municipalities")
    assert page.locator("#ge-lista-municipalities option").count() == 290
    # national work needs no municipality; local work needs at least one
    assert munis.locator("[data-ge-control]").count() == 0
    node(page, "scope").locator("select").select_option("lokal")
    first = munis.locator("[data-ge-control]").first
    assert first.get_attribute("list") == "ge-lista-municipalities"
    assert first.evaluate("(e) => e.required")
    assert munis.locator("legend [data-ge-req]").is_visible()
    node(page, "scope").locator("select").select_option("nationell")
    assert not first.evaluate("(e) => e.required")
    assert not munis.locator("legend [data-ge-req]").is_visible()
    node(page, "scope").locator("select").select_option("regional")
    first.fill("Jönköpings")
    assert first.evaluate("(e) => e.validity.patternMismatch")
    first.fill("Jönköping")
    munis.locator(":scope > [data-ge-add]").click()
    munis.locator("[data-ge-control]").nth(1).fill("Upplands-Bro")
    assert all(munis.locator("[data-ge-control]").nth(i).evaluate("(e) => e.validity.valid") for i in range(2))
    page.wait_for_function("""() => document.querySelector('[data-ge-file]').textContent
        .includes('scope: regional\\nmunicipalities:\\n- Jönköping\\n- Upplands-Bro\\n')""", timeout=5000)


@pytest.mark.browser
def test_a_budget_is_all_or_nothing(page, site_url):
    open_form(page, site_url)
    node(page, "budget")  # opens the folded part
    amount, per = page.locator("#ge-budget-amount"), page.locator("#ge-budget-per")
    assert not amount.evaluate("(e) => e.required") and not per.evaluate("(e) => e.required")
    marker = page.locator('label[for="ge-budget-amount"] [data-ge-req]')
    assert not marker.is_visible()
    page.locator("#ge-budget-note").fill("Från kommunen.")
    assert amount.evaluate("(e) => e.required") and per.evaluate("(e) => e.required")
    assert marker.is_visible()
    page.locator("#ge-budget-note").fill("")
    assert not amount.evaluate("(e) => e.required")


@pytest.mark.browser
def test_groups_are_added_and_removed_with_the_keyboard(page, site_url):
    open_form(page, site_url)
    sources = node(page, "sources")
    items = sources.locator(":scope > [data-ge-items] > [data-ge-item]")
    assert items.count() == 1
    assert not items.first.locator("[data-ge-remove]").is_visible()  # at least one source
    sources.locator(":scope > [data-ge-add]").focus()
    page.keyboard.press("Enter")
    assert items.count() == 2
    focused = page.evaluate("document.activeElement.id")
    assert focused == items.nth(1).locator("[data-ge-control]").first.get_attribute("id")
    assert items.nth(1).locator("legend").inner_text().startswith("Källor 2")
    ids = page.evaluate("[...document.querySelectorAll('#ge-dela-form [id]')].map((e) => e.id)")
    assert len(ids) == len(set(ids))
    items.nth(1).locator("[data-ge-remove]").focus()
    page.keyboard.press("Enter")
    assert items.count() == 1
    assert page.evaluate("document.activeElement.hasAttribute('data-ge-add')")


@pytest.mark.browser
def test_every_control_has_a_visible_label(page, site_url):
    open_form(page, site_url)
    for key in ("partners", "areas"):
        node(page, key).locator(":scope > [data-ge-add]").click()
    node(page, "evaluation").locator('[data-ge-key="reports"] > [data-ge-add]').click()
    missing = page.evaluate("""() => [...document.querySelectorAll(
        '#ge-dela-form input, #ge-dela-form select, #ge-dela-form textarea')].filter((e) => {
            const label = document.querySelector(`label[for="${e.id}"]`);
            return !label || !label.offsetParent || !label.textContent.trim();
        }).map((e) => e.id || e.outerHTML)""")
    assert missing == []


@pytest.mark.browser
def test_the_form_fits_a_360_pixel_screen(page, site_url):
    page.set_viewport_size({"width": 360, "height": 740})
    open_form(page, site_url)
    node(page, "organisations").locator(":scope > [data-ge-add]").click()
    page.get_by_role("button", name=SUBMIT).click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = page.locator("#ge-title").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360


@pytest.mark.browser
def test_the_preview_shows_what_is_typed_as_text(page, site_url):
    open_form(page, site_url)
    page.locator("#ge-title").fill('<img src=x onerror="window.hacked=1">Trygga grannar')
    page.locator("#ge-text-sa-gjorde-vi").fill("Vi gjorde så här:\n\n- först\n- sedan <b>fet</b>")
    page.locator('input[value="barn-och-unga"]').check()
    preview = page.locator("[data-ge-preview]")
    # the preview redraws 150 ms after the last edit: wait for what the last edit shows
    expect(preview.locator("dl")).to_contain_text("Barn och unga")
    assert preview.locator("h3").inner_text() == '<img src=x onerror="window.hacked=1">Trygga grannar'
    assert preview.locator("img, b").count() == 0 and not page.evaluate("window.hacked")
    assert preview.locator("h4").inner_text() == "Så gjorde vi"
    assert preview.locator("li").all_inner_texts() == ["först", "sedan <b>fet</b>"]
    assert page.locator("[data-ge-file]").text_content().startswith("---\ntitle: ")


@pytest.mark.browser
def test_sending_opens_githubs_new_file_page_with_a_valid_file(page, site_url):
    answer_github(page)
    open_form(page, site_url)
    fill_minimal(page)
    url = submit(page)
    text = file_from_url(url, "trygghetsvandringar-med-boende-i-ale")
    valid, problems = parsed(text, "trygghetsvandringar-med-boende-i-ale")
    assert not problems, [p.text() for p in problems]
    result = page.locator("[data-ge-result]")
    assert result.is_visible() and page.locator("[data-ge-result-short]").is_visible()
    assert result.get_by_role("link", name="Öppna filen på GitHub").get_attribute("href") == url
    assert "examples/trygghetsvandringar-med-boende-i-ale.md" in result.inner_text()


@pytest.mark.browser
def test_a_title_whose_id_is_taken_is_refused_in_swedish(page, site_url):
    open_form(page, site_url)
    page.locator("#ge-title").fill("Trygga grannar – Vätterhem!")  # the id trygga-grannar-vatterhem is taken
    page.get_by_role("button", name=SUBMIT).click()
    assert visible_errors(page)["ge-title-fel"] == (
        "Det finns redan ett exempel med en nästan likadan rubrik (adressen exempel/trygga-grannar-vatterhem/ "
        "är upptagen). Skriv en rubrik som skiljer sig från den.")


@pytest.mark.browser
def test_a_long_case_is_copied_or_downloaded_instead(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    answer_github(page)
    opened = []
    page.context.on("page", lambda tab: opened.append(tab))
    open_form(page, site_url)
    fill_minimal(page)
    long_text = "Ett långt stycke med å, ä och ö som måste kodas i adressen. " * 120
    page.locator("#ge-text-sa-gjorde-vi").fill(long_text)
    page.get_by_role("button", name=SUBMIT).click()
    long_part = page.locator("[data-ge-result-long]")
    long_part.wait_for(state="visible")
    assert not opened  # no address long enough to be cut off is opened
    assert len(page.locator("[data-ge-result]").get_attribute("data-ge-url")) > form.MAX_URL
    case = CASES[2]
    meta = dict(case["meta"], title="Trygghetsvandringar med boende i Ale")
    today = page.evaluate("new Date().toLocaleDateString('sv-SE')")
    want = expected({"meta": meta, "sections": dict(case["sections"], **{"sa-gjorde-vi": long_text})}, today)
    assert page.locator("[data-ge-result-text]").input_value() == want
    with page.expect_download() as download:
        long_part.get_by_role("link", name="Ladda ner filen").click()
    assert download.value.suggested_filename == "trygghetsvandringar-med-boende-i-ale.md"
    assert Path(download.value.path()).read_text(encoding="utf-8") == want
    long_part.get_by_role("button", name="Kopiera texten").click()
    page.get_by_text("Texten är kopierad.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == want
    new_file = long_part.get_by_role("link", name="GitHubs sida för en ny fil").get_attribute("href")
    assert new_file == f"{REPO.url}/new/main/examples?filename=trygghetsvandringar-med-boende-i-ale.md"
    assert "Kopiera texten eller ladda ner filen" in long_part.inner_text()
