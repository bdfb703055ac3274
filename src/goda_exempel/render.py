"""Rendering a case's facts as HTML, and dates and amounts the Swedish way.

All contributed values are escaped here; nothing from a case file reaches the page as
markup. The labels are the schema's titles and the vocabularies' labels.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any, Callable

from . import geo, schema
from .model import ONGOING, Case

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]

# (vocabulary name, value id) -> site-relative URL of a page listing that value, or None
FacetLink = Callable[[str, str], "str | None"]


def swedish_date(value: str) -> str:
    """``2018-10-17`` → ``17 oktober 2018``; ``2016-04`` → ``april 2016``; ``2016`` → ``2016``."""
    if value == ONGOING:
        return ONGOING
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", value)
    if not m:
        return value
    year, month, day = m.groups()
    if month is None:
        return year
    name = MONTHS[int(month) - 1]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


def swedish_number(n: int) -> str:
    """``9465`` → ``9 465`` (thousands apart by a no-break space, as Swedish writes them; the
    browser's ``toLocaleString("sv-SE")`` writes the same, see ``sok.js``)."""
    return f"{n:,}".replace(",", "\u00a0")


def swedish_amount(amount: int) -> str:
    """``370000`` → ``370 000 kr`` (with no-break spaces)."""
    return swedish_number(amount) + "\u00a0kr"


def period_text(period: dict[str, str]) -> str:
    return f"{swedish_date(period['start'])} – {swedish_date(period['end'])}"


def title_of(field: str, sub: str | None = None) -> str:
    spec = schema.raw_schema()["properties"][field]
    if sub:
        spec = spec["properties"][sub]
    return spec["title"]


def _link(href: str, text: str, external: bool = False) -> str:
    rel = ' rel="noopener noreferrer"' if external else ""
    return f'<a href="{escape(href)}"{rel}>{escape(text)}</a>'


def _terms(vocab: str, ids: list[str], link: FacetLink | None) -> str:
    spec = schema.vocabulary(vocab)
    items = []
    for term_id in ids:
        label = spec.label_of(term_id)
        url = link(vocab, term_id) if link else None
        items.append(_link(url, label) if url else escape(label))
    return ", ".join(items)


def _orgs(orgs: list[dict[str, str]]) -> str:
    """Each organisation with its type in brackets, unless the name says it: "Polisen", not
    "Polisen (Polisen)"."""
    spec = schema.vocabulary("organisation_types")
    out = []
    for o in orgs:
        kind = spec.label_of(o["type"])
        same = kind.casefold() == o["name"].casefold()
        out.append(escape(o["name"]) + ("" if same else f' <span class="ge-muted">({escape(kind)})</span>'))
    return "<br>".join(out)


def not_stated(field: str) -> str | None:
    """What the page says when a case leaves out a field its source does not state (the
    schema's ``x-absent``), or None."""
    return schema.raw_schema()["properties"][field].get("x-absent")


def _places(case: Case, link: FacetLink | None, field: str = "municipalities") -> str:
    table = geo.municipalities()
    parts = []
    for m in (table[name] for name in case.get(field, [])):
        url = link("municipalities", m.name) if link else None
        name = _link(url, m.name) if url else escape(m.name)
        parts.append(f"{name} <span class=\"ge-muted\">({escape(m.county)})</span>")
    return "<br>".join(parts)


def _sources(sources: list[dict[str, str]]) -> str:
    items = []
    for s in sources:
        extra = escape(s["publisher"]) if "publisher" in s else ""
        if s.get("published"):
            extra += f", {escape(swedish_date(s['published']))}"
        url = f'<br><span class="ge-url">{escape(s["url"])}</span>'
        items.append(f"<li>{_link(s['url'], s['title'], external=True)}"
                     f"{', ' + extra if extra else ''}{url}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _contacts(contacts: list[dict[str, str]]) -> str:
    items = []
    for c in contacts:
        text = f"{escape(c['role'])}, {escape(c['organisation'])}"
        if c.get("name"):
            text = f"{escape(c['name'])}, {text}"
        if c.get("email"):
            text += f" – {_link('mailto:' + c['email'], c['email'])}"
        items.append(f"<li>{text}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _budget(budget: dict[str, Any]) -> str:
    per = schema.vocabulary("budget_periods").label_of(budget["per"])
    out = f"{swedish_amount(budget['amount'])} {escape(per)}"
    if budget.get("note"):
        out += f"<br>{escape(budget['note'])}"
    return out


def _evaluation_level(evaluation: dict[str, Any]) -> str:
    return escape(schema.vocabulary("evaluation_levels").label_of(evaluation["level"]))


def _evaluation_details(evaluation: dict[str, Any]) -> str | None:
    out = escape(evaluation["description"]) if evaluation.get("description") else ""
    reports = evaluation.get("reports") or []
    if reports:
        out += "<ul>" + "".join(f"<li>{_link(r['url'], r['title'], external=True)}"
                                f'<br><span class="ge-url">{escape(r["url"])}</span></li>'
                                for r in reports) + "</ul>"
    return out or None


# The row labelled with the follow-up's details (the key facts have its level)
EVALUATION_DETAILS = "Så följdes arbetet upp"


def fact_rows(case: Case, link: FacetLink | None = None) -> list[tuple[str, str]]:
    """The fact box as (label, HTML) rows, in reading order, the key facts (KEY_FACTS rows)
    first; rows without a value are left out."""
    return [row for part in fact_parts(case, link) for row in part]


KEY_FACTS = 6  # rows, at most: who, where, when, status, themes, how well it is known to work


def fact_parts(case: Case, link: FacetLink | None = None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The fact box's key facts (shown first, also on a phone) and the rest."""
    m = case.meta
    key: list[tuple[str, str | None]] = [
        (title_of("organisations"), _orgs(m["organisations"])),
        (title_of("municipalities"), _places(case, link) if m.get("municipalities") else None),
        (title_of("scope"), None if m.get("municipalities")
         else escape(schema.vocabulary("scopes").label_of(m["scope"]))),
        (title_of("period"), escape(period_text(m["period"]))),
        (title_of("status"), _terms("statuses", [m["status"]], None)),
        (title_of("themes"), _terms("themes", m["themes"], link)),
        (title_of("evaluation"), _evaluation_level(m["evaluation"])),
    ]
    rest: list[tuple[str, str | None]] = [
        (title_of("partners"), _orgs(m.get("partners", [])) if m.get("partners") else None),
        (title_of("pilot_municipalities"), _places(case, link, "pilot_municipalities")
         if m.get("pilot_municipalities") else None),
        (title_of("areas"), escape(", ".join(m.get("areas", []))) or None),
        (title_of("kind"), _terms("kinds", [m["kind"]], None)),
        (title_of("prevention"), _terms("prevention", m["prevention"], None)),
        (title_of("target_groups"), _terms("target_groups", m["target_groups"], link)),
        (title_of("methods"), _terms("methods", m.get("methods", []), link) or None),
        (EVALUATION_DETAILS, _evaluation_details(m["evaluation"])),
        (title_of("budget"), _budget(m["budget"]) if m.get("budget") else None),
        (title_of("sources"), _sources(m["sources"])),
        (title_of("contacts"), _contacts(m["contacts"]) if m.get("contacts")
         else f'<span class="ge-muted">{escape(not_stated("contacts") or "")}</span>'),
        (title_of("added"), escape(swedish_date(m["added"]))),
        (title_of("last_reviewed"), escape(swedish_date(m["last_reviewed"]))),
    ]
    return ([(label, value) for label, value in key if value],
            [(label, value) for label, value in rest if value])


def _rows(rows: list[tuple[str, str]]) -> str:
    return "".join(f'<div class="ge-fact"><dt>{escape(label)}</dt><dd>{value}</dd></div>' for label, value in rows)


def fact_box(case: Case, edit_url: str | None = None, link: FacetLink | None = None) -> str:
    """The fact box: the key facts, then the rest folded under "Fler fakta" (open on a wide
    screen and on paper, see goda-exempel.css), so that on a phone the story begins on the
    first screens. Not searched as page text: its words would fill the search's excerpts
    ("pågående. Pågående. Insats. …"); the search finds the case by them through the page's
    metadata instead (search.annotations)."""
    key, rest = fact_parts(case, link)
    edit = (f'<p class="ge-edit">{_link(edit_url, "Föreslå ändring", external=True)}</p>'
            if edit_url else "")
    more = (f'<details class="ge-facts__more"><summary>Fler fakta, källor och kontakt</summary>'
            f"<dl>{_rows(rest)}</dl></details>" if rest else "")
    return (f'<aside class="ge-facts" aria-labelledby="ge-facts-{escape(case.id)}" data-pagefind-ignore>'
            f'<h2 id="ge-facts-{escape(case.id)}" class="ge-facts__title">Fakta om exemplet</h2>'
            f"<dl>{_rows(key)}</dl>{more}{edit}</aside>")


def summary_html(case: Case) -> str:
    return f'<p class="ge-summary">{escape(case.meta["summary"])}</p>'
