"""Where the project lives on GitHub, derived from one setting: the repository URL.

A fork sets ``repo_url`` in ``mkdocs.yml`` and nothing else: the published address
(GitHub Pages), the edit links and the contribution links all follow from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

BRANCH = "main"


@dataclass(frozen=True)
class Repo:
    url: str  # e.g. https://github.com/goda-exempel/goda-exempel

    @property
    def owner(self) -> str:
        return urlsplit(self.url).path.strip("/").split("/")[0]

    @property
    def name(self) -> str:
        return urlsplit(self.url).path.strip("/").split("/")[1]

    @property
    def pages_url(self) -> str:
        """The GitHub Pages address of a project repository."""
        if self.name.lower() == f"{self.owner.lower()}.github.io":
            return f"https://{self.owner.lower()}.github.io/"
        return f"https://{self.owner.lower()}.github.io/{self.name}/"

    @property
    def edit_uri(self) -> str:
        return f"edit/{BRANCH}/docs/"

    def edit_case_url(self, case_id: str) -> str:
        return f"{self.url.rstrip('/')}/edit/{BRANCH}/examples/{quote(case_id)}.md"

    def new_case_url(self, case_id: str, content: str) -> str:
        """GitHub's "create new file" page for examples/<id>.md with the content filled in."""
        return (f"{self.url.rstrip('/')}/new/{BRANCH}/examples?filename={quote(case_id)}.md"
                f"&value={quote(content, safe='')}")
