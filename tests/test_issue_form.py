"""The GitHub issue form is generated from the schema: the committed file must be what
`goda-exempel issue-form` writes today, and it must be a form GitHub accepts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from goda_exempel import fields, issue_form, schema
from goda_exempel.commands.issue_form import repo_url
from goda_exempel.repo import Repo

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / issue_form.TEMPLATE_PATH
CONFIG = ROOT / issue_form.CONFIG_PATH


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "goda_exempel.cli", "issue-form", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def test_the_committed_form_is_up_to_date():
    result = cli("--check")
    assert result.returncode == 0, result.stderr
    assert TEMPLATE.read_text(encoding="utf-8") == issue_form.template_text()
    assert CONFIG.read_text(encoding="utf-8") == issue_form.config_text(Repo(repo_url(ROOT / "mkdocs.yml")).pages_url)


def test_check_fails_when_the_form_is_out_of_date_and_the_command_fixes_it(tmp_path):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    target = tmp_path / issue_form.TEMPLATE_PATH
    target.parent.mkdir(parents=True)
    target.write_text(TEMPLATE.read_text(encoding="utf-8").replace("label: Rubrik", "label: Titel"), encoding="utf-8")
    shutil.copy(CONFIG, tmp_path / issue_form.CONFIG_PATH)
    stale = cli("--check", "--root", str(tmp_path))
    assert stale.returncode == 1
    assert "dela-exempel.yml: är inte uppdaterad efter schemat. Kör `goda-exempel issue-form`." in stale.stderr
    assert "config.yml" not in stale.stderr
    fixed = cli("--root", str(tmp_path))
    assert fixed.returncode == 0
    assert cli("--check", "--root", str(tmp_path)).returncode == 0
    assert target.read_text(encoding="utf-8") == TEMPLATE.read_text(encoding="utf-8")


def test_a_missing_form_is_out_of_date(tmp_path):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    assert cli("--check", "--root", str(tmp_path)).returncode == 1
    assert not (tmp_path / ".github").exists()


def form() -> dict:
    return yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))


def test_the_form_follows_githubs_rules():
    data = form()
    assert data["name"] and data["description"] and isinstance(data["body"], list)
    ids = [e["id"] for e in data["body"] if "id" in e]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    labels = [e["attributes"]["label"] for e in data["body"] if e["type"] != "markdown"]
    assert len(labels) == len(set(labels)) and all(labels)
    for e in data["body"]:
        assert e["type"] in ("markdown", "input", "textarea", "dropdown", "checkboxes")
        if e["type"] == "dropdown":
            options = e["attributes"]["options"]
            assert options and len(options) == len(set(options)) and "None" not in options
        if e["type"] == "markdown":
            assert "id" not in e and "validations" not in e


def test_every_field_of_the_schema_is_asked_with_its_title_and_help():
    by_id = {e["id"]: e for e in form()["body"] if "id" in e}
    for f in fields.fields():
        if f.key in issue_form.AUTOMATIC:
            assert f.key not in by_id  # set to the day the file is written
            continue
        asked = [f] if f.kind != "group" else list(f.children)
        for child in asked:
            element = by_id[issue_form.question_id(child.name)]
            label = element["attributes"]["label"]
            assert label == child.title if child is f else label == f"{f.title} – {child.title}"
            assert element["attributes"]["description"].startswith(child.description)
            required = element.get("validations", {}).get("required", False)
            schema_required = f.required and child.required and (child.kind not in ("strings", "objects", "choices")
                                                                 or child.min_items > 0)
            assert required == schema_required, child.name
    for s in schema.section_headings():
        element = by_id[issue_form.SECTION_PREFIX + s.id]
        assert element["attributes"]["label"] == s.label
        assert element["attributes"]["description"] == s.description
        assert element.get("validations", {}).get("required", False) == s.required


def test_controlled_values_are_offered_by_their_swedish_labels():
    by_id = {e["id"]: e for e in form()["body"] if "id" in e}
    for name in ("kind", "scope", "status", "evaluation-level", "budget-per"):
        f = issue_form.element(name).field
        assert by_id[name]["attributes"]["options"] == [t.label for t in f.vocabulary.terms]
        assert by_id[name]["attributes"]["multiple"] is False
    for name in ("themes", "prevention", "target_groups", "methods"):
        assert by_id[name]["attributes"]["multiple"] is True
    orgs = by_id["organisations"]["attributes"]["description"]
    assert "Namn | Typ" in orgs and all(t.label in orgs for t in schema.vocabulary("organisation_types").terms)
    assert "Obligatoriskt när Geografisk räckvidd är Lokal eller Regional." in by_id["municipalities"]["attributes"]["description"]


def test_the_form_sets_a_label_and_asks_for_the_licence():
    data = form()
    assert data["labels"] == [issue_form.FORM_LABEL]
    consent = data["body"][-1]
    assert consent["type"] == "checkboxes"
    assert consent["attributes"]["options"] == [{"label": issue_form.CONSENT, "required": True}]
    assert "CC BY 4.0" in issue_form.CONSENT


def test_the_chooser_links_to_the_sites_pages():
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    pages = Repo(repo_url(ROOT / "mkdocs.yml")).pages_url
    urls = [link["url"] for link in config["contact_links"]]
    assert urls == [pages + "dela-ditt-exempel/", pages + "bidra/"]
    assert (ROOT / "docs" / "dela-ditt-exempel.md").exists() and (ROOT / "docs" / "bidra.md").exists()
    assert config["blank_issues_enabled"] is True


# The site's form prefills the issue form by these ids (?exempel-title=…&period-start=…): renaming one
# breaks every prefilled link, so a change here must be made in both places.
STABLE_IDS = [
    "exempel-title", "summary", "kind", "organisations", "partners", "scope", "municipalities",
    "pilot_municipalities", "areas", "period-start", "period-end", "status", "themes", "prevention",
    "target_groups", "methods", "evaluation-level", "evaluation-description", "evaluation-reports",
    "budget-amount", "budget-per", "budget-note", "sources", "contacts", "text-darfor",
    "text-sa-gjorde-vi", "text-sa-blev-det", "text-slutsatser", "text-fordjupning", "samtycke",
]


def test_the_question_ids_are_stable_and_the_tools_make_id_and_dates():
    ids = [e["id"] for e in form()["body"] if "id" in e]
    assert ids == STABLE_IDS
    labels = " ".join(e["attributes"].get("label", "") for e in form()["body"])
    for asked_of_no_one in ("Filnamn", "Tillagt", "Senast granskat"):
        assert asked_of_no_one not in labels
