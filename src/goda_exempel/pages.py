"""Pages made from cases: where each case page lives and what its Markdown source is."""

from __future__ import annotations

import json
import re
from html import escape

from . import schema
from .model import Case

CASE_DIR = "exempel"


def case_src_uri(case: Case) -> str:
    return f"{CASE_DIR}/{case.id}.md"


def case_url(case: Case) -> str:
    """Site-relative URL of the case page (directory URLs)."""
    return f"{CASE_DIR}/{case.id}/"


TITLE_ID = "rubrik"  # the case title's heading: the first heading, where "Gå till innehållet" leads
# Ids a case page has besides those of the text's headings: the title, the related cases
# (browse.related_html), and the site's own (ge-facts-…, ge-search-…, Material's __drawer …).
PAGE_IDS = frozenset({TITLE_ID, "liknande-exempel"})
PAGE_ID_PREFIXES = ("ge-", "__")
# Text the build puts in a page while it makes it, and replaces (hooks/cases.py): a case must
# never hold it, or the build would put generated HTML in its place.
BUILD_MARKERS = re.compile(r"goda-exempel-html-|<!--\s*goda-exempel:", re.I)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def markdown_text(text: str) -> str:
    """Text that Markdown shows exactly as written: markup characters escaped, HTML as entities."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape(text, quote=False))


def case_markdown(case: Case) -> str:
    """The page's Markdown: title and description as front matter, then the text."""
    return f"{front_matter(case.title, case.meta['summary'])}{case_text_markdown(case)}"


def case_text_markdown(case: Case) -> str:
    """The title as the first heading, then the case text, with the sections the text may
    leave out when its source does not state them (``absent`` in vocabularies.yaml) saying so."""
    return f"# {markdown_text(case.title)} {{#{TITLE_ID}}}\n\n{with_absent_sections(case.body.strip())}\n"


_FENCE = re.compile(r"^\s*(```|~~~)")


def with_absent_sections(body: str) -> str:
    """``body`` with ``## Heading`` and the section's ``absent`` text in its place in the
    order, for each such section the body leaves out."""
    terms = schema.section_headings()
    missing = [t for t in terms if t.absent and f"## {t.label}" not in body]
    if not missing:
        return body
    order = [t.label for t in terms]
    lines = body.split("\n")
    headings: list[tuple[int, str]] = []  # (line, heading) of the body's known sections
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and line.startswith("## ") and line[3:].strip() in order:
            headings.append((i, line[3:].strip()))
    for term in reversed(missing):  # from the last, so earlier line numbers stay right
        rank = order.index(term.label)
        at = next((i for i, title in headings if order.index(title) > rank), len(lines))
        lines[at:at] = [f"## {term.label}", "", term.absent or "", ""] if at < len(lines) \
            else ["", f"## {term.label}", "", term.absent or ""]
    return "\n".join(lines).strip()


def front_matter(title: str, description: str) -> str:
    """YAML front matter with a title and a description: JSON strings are YAML strings, and
    json writes them far faster than a YAML emitter."""
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
            f"description: {json.dumps(description, ensure_ascii=False)}\n---\n\n")
