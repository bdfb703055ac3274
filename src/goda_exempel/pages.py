"""Pages made from cases: where each case page lives and what its Markdown source is."""

from __future__ import annotations

import yaml

from .model import Case

CASE_DIR = "exempel"


def case_src_uri(case: Case) -> str:
    return f"{CASE_DIR}/{case.id}.md"


def case_url(case: Case) -> str:
    """Site-relative URL of the case page (directory URLs)."""
    return f"{CASE_DIR}/{case.id}/"


def case_markdown(case: Case) -> str:
    """The page's Markdown: title and description as front matter, then the case text."""
    meta = yaml.safe_dump({"title": case.title, "description": case.meta["summary"]},
                          allow_unicode=True, width=10_000)
    return f"---\n{meta}---\n\n{case.body.strip()}\n"
