"""A Python-Markdown extension for the generator-neutral build: a written case page's table of
contents.

A case page's content is HTML (casepage.make), in which the toc extension finds no heading, so
the generator would make no table of contents, and Material no "Gå till innehållet" link. With
the hooks, hooks/cases.py sets the page's table of contents from casepage's. Without them,
``goda-exempel write-pages`` writes the same table of contents as a comment on the first line
of the page's Markdown (``comment``); this extension, which neutral.derived_config adds to the
generator's ``markdown_extensions``, takes the comment out and hands its table of contents to
the generator as the toc extension would (``md.toc_tokens``, which MkDocs and ProperDocs read
after converting a page). It changes nothing on a page without such a comment.
"""

from __future__ import annotations

import json

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

NAME = "goda_exempel.written_toc"
_START, _END = "<!-- goda-exempel:toc ", " -->"


def comment(tokens: list[dict]) -> str:
    """The line that carries ``tokens`` (Python-Markdown's toc_tokens); "--" cannot end it."""
    return _START + json.dumps(tokens, ensure_ascii=False).replace("--", "-\\u002d") + _END


class _Take(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        self.md.goda_exempel_toc = None
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is not None and lines[first].startswith(_START) and lines[first].endswith(_END):
            self.md.goda_exempel_toc = json.loads(lines[first][len(_START):-len(_END)])
            del lines[first]
        return lines


class _Give(Treeprocessor):
    def run(self, root) -> None:
        if self.md.goda_exempel_toc is not None:
            self.md.toc_tokens = self.md.goda_exempel_toc


class WrittenToc(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # after the white space is normalised (30), before raw HTML is set aside (20)
        md.preprocessors.register(_Take(md), "goda_exempel_toc", 25)
        md.treeprocessors.register(_Give(md), "goda_exempel_toc", 1)  # after toc's (5)


def makeExtension(**kwargs) -> WrittenToc:  # noqa: N802 - Python-Markdown's name
    return WrittenToc(**kwargs)
