"""Pages made from cases: where each case page lives and what its Markdown source is."""

from __future__ import annotations

import json
import re
from html import escape

from .model import Case

CASE_DIR = "exempel"


def case_src_uri(case: Case) -> str:
    return f"{CASE_DIR}/{case.id}.md"


def case_url(case: Case) -> str:
    """Site-relative URL of the case page (directory URLs)."""
    return f"{CASE_DIR}/{case.id}/"


TITLE_ID = "rubrik"  # the case title's heading: the first heading, where "Gå till innehållet" leads
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def markdown_text(text: str) -> str:
    """Text that Markdown shows exactly as written: markup characters escaped, HTML as entities."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape(text, quote=False))


def case_markdown(case: Case) -> str:
    """The page's Markdown: title and description as front matter, then the text."""
    return f"{front_matter(case.title, case.meta['summary'])}{case_text_markdown(case)}"


def case_text_markdown(case: Case) -> str:
    """The title as the first heading, then the case text."""
    return f"# {markdown_text(case.title)} {{#{TITLE_ID}}}\n\n{case.body.strip()}\n"


def front_matter(title: str, description: str) -> str:
    """YAML front matter with a title and a description: JSON strings are YAML strings, and
    json writes them far faster than a YAML emitter."""
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
            f"description: {json.dumps(description, ensure_ascii=False)}\n---\n\n")
