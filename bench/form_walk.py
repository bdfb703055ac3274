"""Walks a realistic case through "Dela ditt exempel" at 390 px in Chromium, as a contributor
with the text ready would: field by field, pasting the long texts, until the form accepts it.

For each built site given it prints what the walk took: the inputs required (fields typed or
pasted, choices made, boxes ticked, buttons pressed), the screens scrolled on the way (the
distance the page moved, in screen heights), the page's height, the errors an empty submit
lists, whether the heading of that list is in view below the sticky header, and an estimate
of the time (the model is printed with it). Give it the site built from main and the one
built from the working tree to compare:

    .venv/bin/python bench/form_walk.py main=/tmp/main-site nu=site
    .venv/bin/python bench/form_walk.py            # builds this project into a temporary folder

A site is served on loopback under the path GitHub Pages uses; GitHub's pages are answered
locally, nothing leaves the machine. Works with the form before and after the "ask only what
the contributor knows" change: it finds fields by their schema key, opens folded parts when
there are any, and leaves alone what the form fills in itself.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, mkdocs_build, pages_path, serve  # noqa: E402

WIDTH, HEIGHT = 390, 844

TEXT = {
    "darfor": (
        "Bostadsutvecklaren byggde tre nya kvarter i ett område där många boende sa att de "
        "kände sig otrygga på kvällen, särskilt vid busshållplatsen och i parken mellan husen. "
        "Trygghetsmätningen 2018 visade att 41 procent av de boende undvek att gå ut ensamma "
        "efter mörkrets inbrott, mot 22 procent i kommunen som helhet. Skadegörelse på "
        "byggarbetsplatsen och i entréerna kostade över en miljon kronor om året."),
    "sa-gjorde-vi": (
        "Tillsammans med stiftelsen startade bostadsutvecklaren ett program i fyra delar. "
        "Belysning, siktlinjer och entréer planerades om med trygghetsvandringar innan husen "
        "byggdes färdigt. En områdesvärd anställdes på halvtid och fanns i området tre kvällar "
        "i veckan. Föreningar fick lokaler utan hyra mot att de höll öppet för unga på helger. "
        "Kommunen, polisen och fastighetsägarna möttes varannan månad i ett platssamråd där "
        "lägesbilden gicks igenom och åtgärder fördelades. Programmet kostade 2,4 miljoner kronor "
        "om året, varav stiftelsen betalade en tredjedel."),
    "sa-blev-det": (
        "Andelen som undvek att gå ut ensamma sjönk till 27 procent 2022. Skadegörelsen "
        "halverades på två år. Platssamrådet lever kvar efter programmet och har tagit över "
        "lägesbilden. Det som inte fungerade var föreningslokalerna: två av tre föreningar höll "
        "inte öppet som avtalat, och lokalerna stod tomma större delen av året."),
    "slutsatser": (
        "Planera tryggheten innan husen står färdiga; det är billigare än att bygga om. "
        "Ett platssamråd med fast mötesordning håller längre än enskilda projekt. Ge inte "
        "lokaler utan en tydlig plan för vem som öppnar dem och när."),
}

CASE = {
    "title": "Trygga kvarter från början – bostadsutvecklare och stiftelse i nya bostadsområden",
    "summary": ("En bostadsutvecklare och en stiftelse planerade tryggheten i tre nya kvarter "
                "tillsammans med kommunen och polisen: belysning och entréer, en områdesvärd och "
                "ett platssamråd. Otryggheten sjönk och skadegörelsen halverades."),
    "kind": "program",
    "organisations": [{"name": "Bostadsutvecklaren Norrbacka AB", "type": "naringsliv"},
                      {"name": "Stiftelsen Tryggt Boende", "type": "civilsamhalle"}],
    "partners": [{"name": "Botkyrka kommun", "type": "kommun"},
                 {"name": "Polisen, lokalpolisområde Botkyrka", "type": "polis"}],
    "scope": "lokal",
    "municipalities": ["Botkyrka"],
    "areas": ["Norrbacka", "Södra parken"],
    "period": {"start": "2019-03", "end": "2022-12"},
    "status": "avslutad",
    "themes": ["platser-och-fysisk-miljo", "samverkan-och-organisering"],
    "prevention": ["situationell", "social"],
    "target_groups": ["boende"],
    "methods": ["trygghetsvandring", "lagesbild"],
    "evaluation": {"level": "uppfoljning",
                   "description": "Trygghetsmätning 2018 och 2022 med samma frågor, och bolagets kostnader för skadegörelse."},
    "sources": [{"title": "Trygga kvarter från början – slutrapport", "url": "https://example.org/trygga-kvarter.pdf",
                 "publisher": "Stiftelsen Tryggt Boende", "published": "2023-03"}],
    "contacts": [{"role": "Hållbarhetschef", "organisation": "Bostadsutvecklaren Norrbacka AB"}],
}

# Seconds a person needs, for the estimate: typing speed for short answers, a fixed time to
# paste a prepared text, a few seconds per choice or button, and time to find one's place
# per screen scrolled.
TYPE_CHARS_PER_S = 3.0
PASTE_S = 15
CLICK_S = 3
SCREEN_S = 4
READ_FIELD_S = 6  # reading a field's label and help text before answering it


class Walk:
    def __init__(self, page):
        self.page = page
        self.typed = self.pasted = self.clicks = self.fields = 0
        self.chars = 0
        self.scrolled = 0.0
        self.last_y = 0.0

    def _moved(self) -> None:
        y = self.page.evaluate("window.scrollY")
        self.scrolled += abs(y - self.last_y)
        self.last_y = y

    def fill(self, locator, text: str, long: bool = False) -> None:
        locator.fill(text)
        self.fields += 1
        if long:
            self.pasted += 1
        else:
            self.typed += 1
            self.chars += len(text)
        self._moved()

    def select(self, locator, value: str) -> None:
        locator.select_option(value)
        self.fields += 1
        self.clicks += 1
        self._moved()

    def click(self, locator) -> None:
        locator.click()
        self.clicks += 1
        self._moved()


def top(page, key: str):
    """A top-level field: in the form, in a fieldset of its own, or in a folded part."""
    return page.locator(f'#ge-dela-form > [data-ge-key="{key}"], #ge-dela-form > fieldset > [data-ge-key="{key}"], '
                        f'#ge-dela-form > details > div > [data-ge-key="{key}"]').first


def open_folded(walk: Walk, key: str) -> None:
    folded = walk.page.locator(f'details[data-ge-more="{key}"]')
    if folded.count() and not folded.evaluate("(d) => d.open"):
        walk.click(folded.locator(":scope > summary"))
        # an opened list starts its first item (on the details' toggle event, a moment later)
        folded.evaluate("""(d) => new Promise((done) => {
            const node = d.querySelector('[data-ge-kind=strings], [data-ge-kind=objects]');
            const ready = () => !node || node.querySelector('[data-ge-items] > [data-ge-item]');
            const wait = () => ready() ? done() : requestAnimationFrame(wait);
            wait(); })""")


def fill_node(walk: Walk, node, value) -> None:
    kind = node.get_attribute("data-ge-kind")
    if kind in ("text", "integer", "date"):
        control = node.locator("[data-ge-control]")
        if control.input_value() != str(value):
            walk.fill(control, str(value))
    elif kind == "choice":
        walk.select(node.locator("select"), value)
    elif kind == "choices":
        for v in value:
            walk.click(node.locator(f'input[type=checkbox][value="{v}"]'))
        walk.fields += 1
    elif kind in ("strings", "objects"):
        items = node.locator(":scope > [data-ge-items] > [data-ge-item]")
        while items.count() < len(value):
            walk.click(node.locator(":scope > [data-ge-add]"))
        for i, v in enumerate(value):
            item = items.nth(i)
            if kind == "strings":
                walk.fill(item.locator("[data-ge-control]"), v)
            else:
                for key, sub in v.items():
                    fill_node(walk, item.locator(f':scope > [data-ge-key="{key}"]'), sub)
    elif kind == "group":
        for key, sub in value.items():
            fill_node(walk, node.locator(f':scope > [data-ge-key="{key}"]'), sub)


def measure(browser, site: Path) -> dict:
    prefix = pages_path()
    server = serve(site, prefix)
    url = f"http://127.0.0.1:{server.server_address[1]}{prefix}dela-ditt-exempel/"
    context = browser.new_context(locale="sv-SE", viewport={"width": WIDTH, "height": HEIGHT})
    context.route("https://github.com/**", lambda route: route.fulfill(status=200, body="<title>GitHub</title>"))
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_selector("[data-ge-dela][data-ge-ready]", state="attached")
        out: dict = {"page_px": page.evaluate("document.documentElement.scrollHeight")}
        submit = page.locator('#ge-dela-form button[type=submit]')
        # an empty submit: how many errors, and is the list's heading readable
        submit.click()
        heading = page.locator(".ge-form__summary-title")
        heading.wait_for(state="visible")
        out["empty_errors"] = page.locator("[data-ge-summary] li").count()
        out["summary_heading_in_view"] = page.evaluate("""() => {
            const r = document.querySelector('.ge-form__summary-title').getBoundingClientRect();
            const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
            return r.top >= header && r.bottom <= innerHeight; }""")
        page.reload()
        page.wait_for_selector("[data-ge-dela][data-ge-ready]", state="attached")
        page.evaluate("window.scrollTo(0, 0)")
        walk = Walk(page)
        for key, value in CASE.items():
            open_folded(walk, key)
            fill_node(walk, top(page, key), value)
        for section, text in TEXT.items():
            open_folded(walk, f"text-{section}")
            walk.fill(page.locator(f"#ge-text-{section}"), text, long=True)
        walk.click(page.locator("#ge-samtycke"))
        walk.fields += 1
        out["asked_not_known"] = page.locator("#ge-id, #ge-added, #ge-last_reviewed").count()
        walk.click(submit)  # the form before the change opens GitHub in a new tab here (answered locally)
        page.locator("[data-ge-result]").wait_for(state="visible")
        errors = page.locator("[data-ge-error]:not([hidden])").all_inner_texts()
        if errors:
            raise SystemExit(f"{site}: the walk's case was refused: {errors}")
        out["page_px_filled"] = page.evaluate("document.documentElement.scrollHeight")
        out.update(fields=walk.fields, typed=walk.typed, pasted=walk.pasted, clicks=walk.clicks,
                   inputs=walk.typed + walk.pasted + walk.clicks, chars_typed=walk.chars,
                   screens_scrolled=round(walk.scrolled / HEIGHT, 1))
        seconds = (walk.chars / TYPE_CHARS_PER_S + walk.pasted * PASTE_S + walk.clicks * CLICK_S
                   + walk.fields * READ_FIELD_S + walk.scrolled / HEIGHT * SCREEN_S)
        out["estimate_min"] = round(seconds / 60, 1)
        return out
    finally:
        context.close()
        server.shutdown()


def build(target: Path) -> Path:
    result = mkdocs_build(target, strict=False)  # the generator `make build` uses
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="*", help="NAME=PATH of a built site (default: build this project)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        sites = [tuple(s.split("=", 1)) for s in args.sites] or [("nu", str(build(Path(tmp) / "site")))]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            results = {name: measure(browser, Path(path)) for name, path in sites}
            browser.close()
    rows = [
        ("page height at 390 px, empty (screens)", lambda r: f"{r['page_px']} px ({r['page_px'] / HEIGHT:.1f})"),
        ("errors listed after an empty submit", lambda r: r["empty_errors"]),
        ("summary heading in view below the header", lambda r: "yes" if r["summary_heading_in_view"] else "no"),
        ("fields asked that the contributor does not know", lambda r: r["asked_not_known"]),
        ("inputs required (typed + pasted + clicks)", lambda r: f"{r['inputs']} ({r['typed']} + {r['pasted']} + {r['clicks']})"),
        ("characters typed (short answers)", lambda r: r["chars_typed"]),
        ("screens scrolled during the walk", lambda r: r["screens_scrolled"]),
        ("page height when filled (screens)", lambda r: f"{r['page_px_filled']} px ({r['page_px_filled'] / HEIGHT:.1f})"),
        ("estimated time (min)", lambda r: r["estimate_min"]),
    ]
    names = list(results)
    print(f"Form walk at {WIDTH}×{HEIGHT} px, one realistic case ({len(CASE)} fields, {len(TEXT)} texts pasted)\n")
    print("| | " + " | ".join(names) + " |")
    print("| --- |" + " --- |" * len(names))
    for label, get in rows:
        print(f"| {label} | " + " | ".join(str(get(results[n])) for n in names) + " |")
    print(f"\nEstimate: {READ_FIELD_S} s to read each field's label and help, typing at {TYPE_CHARS_PER_S:g} "
          f"characters a second, {PASTE_S} s per text pasted, {CLICK_S} s per choice, box or button, "
          f"{SCREEN_S} s per screen scrolled.")


if __name__ == "__main__":
    main()
