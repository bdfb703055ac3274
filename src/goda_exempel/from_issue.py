"""A GitHub issue made with the form "Dela ditt exempel" → a case file in examples/.

The issue text is untrusted. It is only ever read as text: split at the form's own
headings, converted by ``issue_form.to_case``, written by ``serialize.dump_case`` under an
id that cannot leave the examples folder, and checked by ``validate`` before anything is
written. Problems come back in Swedish, named by the question the contributor answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import issue_form, scaffold

MAX_BODY = 200_000  # characters; GitHub itself stops at 65 536
LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
CONSENT_LABEL = "Licens"


def _headings() -> dict[str, str]:
    heads = {f"### {e.label}": e.name for e in issue_form.elements()}
    heads[f"### {CONSENT_LABEL}"] = issue_form.CONSENT_ID
    return heads


def parse_body(body: str) -> dict[str, str]:
    """GitHub's rendering of a filled-in form (``### Label``, a blank line, the answer) →
    answers by element name. Only the form's own headings, in the form's order, start a new
    answer; any other line (even one that looks like a heading) belongs to the answer it is in.
    ``_No response_`` is an empty answer."""
    heads = _headings()
    order = list(heads.values())
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    values: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.split("\n"):
        name = heads.get(line.rstrip())
        if name is not None and (current is None or order.index(name) > order.index(current)):
            current = name
            values[current] = []
            continue
        if current is not None:
            values[current].append(line)
    out = {}
    for name, found in values.items():
        answer = "\n".join(found).strip("\n")
        out[name] = "" if answer.strip() == issue_form.NO_RESPONSE else answer
    return out


def consented(values: dict[str, str]) -> bool:
    return bool(re.search(r"^\s*[-*] \[[xX]\] ", values.get(issue_form.CONSENT_ID, ""), re.M))


@dataclass
class Outcome:
    case: scaffold.NewCase | None
    problems: list[str] = field(default_factory=list)  # Swedish, one per line, named by question
    title: str = ""

    @property
    def ok(self) -> bool:
        return self.case is not None and not self.problems


def _label(name: str | None) -> str:
    return issue_form.element(name).label if name else "Exemplet"


def convert(body: str, out_dir: Path, date: str | None = None, case_id: str | None = None,
            base: Path | None = None) -> Outcome:
    """Read an issue body and build the case file (not yet written)."""
    if len(body) > MAX_BODY:
        return Outcome(None, [f"Exemplet: ärendet har {len(body)} tecken; högst {MAX_BODY} går att "
                              "göra om till en fil. Korta texten eller länka till en rapport."])
    values = parse_body(body)
    problems: list[str] = []
    if not any(values.get(e.name, "").strip() for e in issue_form.elements()):
        return Outcome(None, ["Exemplet: ärendet är inte skrivet med formuläret ”Dela ditt exempel”, "
                              "eller så är alla svar tomma."])
    if not consented(values):
        problems.append(f"{CONSENT_LABEL}: kryssa i att du har rätt att dela texten och godkänner "
                        "licensen CC BY 4.0.")
    answers = issue_form.to_case(values)
    problems += [f"{_label(name)}: {message}" for name, message in answers.problems]
    title = answers.meta.get("title")
    chosen = case_id or scaffold.suggest_id(title if isinstance(title, str) else "")
    try:
        new = scaffold.build(answers.meta, answers.sections, chosen, out_dir, date, base)
    except scaffold.BadId as e:
        return Outcome(None, problems + [f"Id: {e}"])
    problems += [f"{issue_form.where(p)}: {p.message}" for p in new.problems]
    return Outcome(new, problems, title if isinstance(title, str) else "")


# --- texts for the workflow ------------------------------------------------------------------------


def fence(text: str) -> str:
    """A fenced block that no run of backticks or tildes in the text can close."""
    longest = max((len(m) for m in re.findall(r"~+", text)), default=0)
    marks = "~" * max(3, longest + 1)
    return f"{marks}text\n{text}\n{marks}"


def safe_login(login: str | None) -> str | None:
    return login if login and LOGIN.match(login) else None


def errors_comment(problems: list[str], login: str | None) -> str:
    who = f", @{safe_login(login)}" if safe_login(login) else ""
    return (f"Tack för förslaget{who}! Exemplet kunde inte göras om till en fil ännu, eftersom "
            f"några uppgifter behöver rättas:\n\n{fence(chr(10).join(problems))}\n\n"
            "Redigera ärendet (menyn ··· överst i ärendet → Edit) och rätta uppgifterna. "
            "En ansvarig startar sedan omvandlingen igen.\n")


def one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def pull_request_title(title: str) -> str:
    return one_line(f"Nytt exempel: {title}")


def pull_request_body(new: scaffold.NewCase, login: str | None, issue: int | None) -> str:
    who = f"@{safe_login(login)}" if safe_login(login) else "en bidragsgivare"
    source = f" i #{issue}" if issue else ""
    closes = f"\n\nCloses #{issue}" if issue else ""
    return (f"Nytt exempel föreslaget av {who}{source}.\n\n"
            f"Filen `{new.shown}` är skriven av `goda-exempel from-issue` från ärendet och "
            "kontrollerad med `goda-exempel validate`.\n\n"
            "Innan sammanslagning:\n\n"
            "- [ ] Fakta stämmer med källorna, och källorna går att öppna\n"
            "- [ ] Inga privatpersoner, privata kontaktuppgifter eller personnummer\n"
            "- [ ] Texten beskriver problemet, vad som gjordes, resultatet och det som inte fungerade\n"
            f"- [ ] Kontakten är en roll och en organisation{closes}\n")


def commit_message(new: scaffold.NewCase, login: str | None, author_id: int | None,
                   issue: int | None) -> str:
    source = f" (#{issue})" if issue else ""
    message = f"Lägg till exemplet {new.id}{source}\n"
    login = safe_login(login)
    if login and author_id:
        message += f"\nCo-authored-by: {login} <{author_id}+{login}@users.noreply.github.com>\n"
    return message
