"""Cases due for review: last_reviewed older than two years, given today's date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import run_cli as run
from goda_exempel.review import stale_cases, stale_report, years_before
from goda_exempel.validate import validate_dir

ROOT = Path(__file__).resolve().parent.parent
HALMSTAD = "trygghetssamordnare-halmstad"
VATTERHEM = "trygga-grannar-vatterhem"



def reviewed(tmp_path: Path, dates: dict[str, tuple[str, str]]) -> Path:
    """Real cases copied into tmp_path/examples with their added/last_reviewed dates set."""
    examples = tmp_path / "examples"
    examples.mkdir()
    for case_id, (added, last) in dates.items():
        text = (ROOT / "examples" / f"{case_id}.md").read_text(encoding="utf-8")
        lines = [f"added: {added}" if line.startswith("added:") else
                 f"last_reviewed: {last}" if line.startswith("last_reviewed:") else line
                 for line in text.split("\n")]
        (examples / f"{case_id}.md").write_text("\n".join(lines), encoding="utf-8")
    return examples


# --- review ------------------------------------------------------------------------------------


def test_years_before_keeps_the_day_and_handles_29_february():
    assert years_before(dt.date(2028, 11, 21), 2) == dt.date(2026, 11, 21)
    assert years_before(dt.date(2028, 2, 29), 2) == dt.date(2026, 2, 28)
    assert years_before(dt.date(2028, 2, 29), 4) == dt.date(2024, 2, 29)


def test_a_case_is_stale_the_day_after_two_full_years(tmp_path):
    cases = validate_dir(reviewed(tmp_path, {VATTERHEM: ("2020-01-10", "2024-03-15")})).cases
    assert len(cases) == 1
    assert stale_cases(cases, dt.date(2026, 3, 15)) == []  # exactly two years: not yet
    [stale] = stale_cases(cases, dt.date(2026, 3, 16))
    assert (stale.case.id, stale.last_reviewed, stale.days_overdue) == (VATTERHEM, dt.date(2024, 3, 15), 1)
    assert stale_cases(cases, dt.date(2026, 3, 16), years=3) == []


def test_stale_cases_are_listed_oldest_review_first(tmp_path):
    cases = validate_dir(reviewed(tmp_path, {
        VATTERHEM: ("2020-01-10", "2023-06-01"),
        HALMSTAD: ("2019-05-05", "2021-12-24"),
        "organiserad-trygghet-goteborg": ("2024-01-01", "2025-09-01"),  # reviewed recently
    })).cases
    stale = stale_cases(cases, dt.date(2026, 11, 21))
    assert [s.case.id for s in stale] == [HALMSTAD, VATTERHEM]


def test_the_report_is_swedish_markdown_with_dates_and_edit_links(tmp_path):
    cases = validate_dir(reviewed(tmp_path, {HALMSTAD: ("2019-05-05", "2021-12-24")})).cases
    today = dt.date(2026, 11, 21)
    report = stale_report(stale_cases(cases, today), today, 2,
                          edit_url=lambda cid: f"https://github.com/org/repo/edit/main/examples/{cid}.md")
    assert report.startswith("## Exempel som behöver granskas\n\n1 exempel har inte granskats på mer än 2 år "
                             "(senast granskat före 21 november 2024).")
    title = cases[0].title
    assert (f"| {title} | [`examples/{HALMSTAD}.md`](https://github.com/org/repo/edit/main/examples/{HALMSTAD}.md)"
            f" | 24 december 2021 |") in report
    assert stale_report([], today) == ("## Exempel som behöver granskas\n\n"
                                       "Alla exempel har granskats efter 21 november 2024.\n")


def test_stale_command(tmp_path):
    reviewed(tmp_path, {VATTERHEM: ("2020-01-10", "2023-06-01"), HALMSTAD: ("2024-05-05", "2025-12-24")})
    result = run("stale", "--today", "2026-11-21", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "1 exempel har inte granskats på mer än 2 år" in result.stdout
    assert f"`examples/{VATTERHEM}.md` | 1 juni 2023 |" in result.stdout
    assert HALMSTAD not in result.stdout
    fine = run("stale", "--today", "2026-11-21", "--years", "4", cwd=tmp_path)
    assert fine.returncode == 0
    assert "Alla exempel har granskats efter 21 november 2022." in fine.stdout
    bad = run("stale", "--today", "2026-13-01", cwd=tmp_path)
    assert bad.returncode == 2 and "är inte ett datum som 2026-11-21" in bad.stderr
