"""The contributor-facing texts (CONTRIBUTING.md, the site's "Så bidrar du") say what the code does."""

from __future__ import annotations

from pathlib import Path

import yaml

from goda_exempel import form

ROOT = Path(__file__).resolve().parent.parent
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
BIDRA = (ROOT / "docs" / "bidra.md").read_text(encoding="utf-8")


def test_contributing_tells_the_editors_the_label_that_starts_the_conversion():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "from-issue.yml").read_text(encoding="utf-8"))
    label = next(job["env"]["LABEL"] for job in workflow["jobs"].values() if "LABEL" in job.get("env", {}))
    assert f"`{label}`" in CONTRIBUTING


def test_bidra_names_the_button_that_checks_the_fields():
    # The form checks the fields when the button is pressed (the rules across fields at once);
    # the page must not promise that everything is checked while typing.
    assert f"**{form.SUBMIT}**" in BIDRA
    assert "gör samma kontroller medan du skriver" not in BIDRA
