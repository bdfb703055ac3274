"""Pages made from cases: where each case page lives and what its Markdown source is."""

from __future__ import annotations

import re
from html import escape

import yaml

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
    """The page's Markdown: title and description as front matter, the title as the first
    heading, then the case text."""
    meta = yaml.safe_dump({"title": case.title, "description": case.meta["summary"]},
                          allow_unicode=True, width=10_000)
    return f"---\n{meta}---\n\n# {markdown_text(case.title)} {{#{TITLE_ID}}}\n\n{case.body.strip()}\n"
