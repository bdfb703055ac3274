"""Cases due for review: ``last_reviewed`` older than a number of years, given today's date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Case
from .render import swedish_date

DEFAULT_YEARS = 2


@dataclass(frozen=True)
class StaleCase:
    case: Case
    last_reviewed: dt.date
    days_overdue: int  # days past the review limit


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def stale_cases(cases: list[Case], today: dt.date, years: int = DEFAULT_YEARS) -> list[StaleCase]:
    """Cases last reviewed before the same day ``years`` years ago, oldest review first."""
    limit = years_before(today, years)
    found = []
    for case in cases:
        reviewed = dt.date.fromisoformat(case["last_reviewed"])
        if reviewed < limit:
            found.append(StaleCase(case, reviewed, (limit - reviewed).days))
    return sorted(found, key=lambda s: (s.last_reviewed, s.case.id))


def stale_report(stale: list[StaleCase], today: dt.date, years: int = DEFAULT_YEARS,
                 edit_url=None) -> str:
    """Markdown (Swedish) for the weekly issue. ``edit_url(case_id)`` links each case's file."""
    limit = years_before(today, years)
    head = ["## Exempel som behöver granskas", ""]
    if not stale:
        return "\n".join(head + [f"Alla exempel har granskats efter {swedish_date(limit.isoformat())}.", ""])
    out = head + [
        f"{len(stale)} exempel har inte granskats på mer än "
        f"{years} år (senast granskat före {swedish_date(limit.isoformat())}). Kontrollera att "
        "uppgifterna, länkarna och kontaktvägarna stämmer och sätt sedan `last_reviewed` till dagens datum.",
        "",
        "| exempel | fil | senast granskat |",
        "| --- | --- | --- |",
    ]
    for s in stale:
        title = s.case.title.replace("|", "\\|")
        where = f"[`{s.case.path}`]({edit_url(s.case.id)})" if edit_url else f"`{s.case.path}`"
        out.append(f"| {title} | {where} | {swedish_date(s.last_reviewed.isoformat())} |")
    out.append("")
    return "\n".join(out)
