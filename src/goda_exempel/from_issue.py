"""A GitHub issue made with the form "Dela ditt exempel" → a case file in examples/.

The same text can come as an e-mail: the site's form lets a contributor without a GitHub
account send the case to the editors as plain text in the shape of the issue body, and an
editor pastes the e-mail into a file (or into the command, ``--body-file -``). ``parse_body``
therefore tolerates what mail clients do to a text: CRLF line ends, a subject line or a
greeting before the first question, a signature after the last, quoting with ``> ``, an
address repeated in angle brackets after itself, and a long line of a list broken over two or
more lines (``rejoin``).

The issue text is untrusted. It is only ever read as text: split at the form's own
headings, converted by ``issue_form.to_case``, written by ``serialize.dump_case`` under an
id that cannot leave the examples folder, and checked by ``validate`` before anything is
written. Problems come back in Swedish, named by the question the contributor answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import issue_form, scaffold, schema, validate
from .errors import Problem, visible
from .fields import Field

MAX_BODY = 200_000  # characters; GitHub itself stops at 65 536
LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
CONSENT_LABEL = "Licens"


def _headings() -> dict[str, str]:
    heads = {f"### {e.label}": e.name for e in issue_form.elements()}
    heads[f"### {CONSENT_LABEL}"] = issue_form.CONSENT_ID
    return heads


_QUOTED = re.compile(r"^[ \t]*>[ \t]?")
_SIGNATURE = re.compile(r"^(--|Skickat från min .*|Sent from my .*|Hämta Outlook för .*|Get Outlook for .*)$")
# "https://a.se <https://a.se>": how some mail clients write an address they made a link (the
# copy may be on the next line, where the mail client broke a long line)
_REPEATED_URL = re.compile(r"(https?://[^\s<>]+)[ \t]*\n?[ \t]*<\1>")


def mail_text(body: str) -> str:
    """The text of an issue body or of an e-mail in its shape, with the mail client's quirks
    undone: line ends as \\n; one level of ``>`` quoting removed when the questions are quoted;
    a signature (from a line ``--`` or ``Skickat från min …`` after the last question) cut
    off; an address written twice as ``https://a.se <https://a.se>`` (the copy perhaps on the
    next line) written once."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if any(_QUOTED.match(line) and _QUOTED.sub("", line, 1).startswith("### ") for line in lines):
        lines = [_QUOTED.sub("", line, 1) for line in lines]
    heads = _headings()
    last_head = max((i for i, line in enumerate(lines) if line.strip() in heads), default=len(lines))
    cut = next((i for i in range(last_head + 1, len(lines)) if _SIGNATURE.match(lines[i].strip())), len(lines))
    return _REPEATED_URL.sub(r"\1", "\n".join(lines[:cut]))


def parse_body(body: str) -> dict[str, str]:
    """GitHub's rendering of a filled-in form (``### Label``, a blank line, the answer) →
    answers by element name. Only the form's own headings, in the form's order, start a new
    answer; any other line (even one that looks like a heading) belongs to the answer it is in.
    ``_No response_`` is an empty answer. Lines before the first question (a subject, a
    greeting) are not part of any answer; see ``mail_text`` for an e-mailed body."""
    heads = _headings()
    order = list(heads.values())
    text = mail_text(body)
    values: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.split("\n"):
        name = heads.get(line.strip())
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
        e = issue_form.element(name) if name != issue_form.CONSENT_ID else None
        if e is not None and e.field is not None and e.field.kind == "objects":
            out[name] = rejoin(e.field, out[name])
    return out


# --- lines of a list that a mail program broke ------------------------------------------------------

WRAPPED_FROM = 60  # characters: a mail program breaks a line only when it is longer (72–78 is usual)
_URL_AT_END = re.compile(r"(?:^|(?<!\\)\|)\s*https?://\S+$")
_URL_GOES_ON = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")
_MAX_PIECES = 5  # lines one list line may have been broken into


def _whole(f: Field, line: str) -> bool:
    """A line of a list that reads as one item: the parts it needs, no more, each part with a
    pattern (an address, a date) in that form. (Whether a value is allowed is validation's.)"""
    parts = issue_form.split_line(line)
    if len(parts) > len(f.children):
        return False
    for child, part in zip(f.children, parts + [""] * (len(f.children) - len(parts))):
        if not part:
            if child.required:
                return False
            continue
        pattern = child.text_spec.get("pattern")
        if pattern and not re.search(pattern, part):
            return False
    return True


def _joiner(before: str, after: str) -> str | None:
    """How ``after`` continues the line ``before`` that a mail program broke: ``""`` inside a
    web address, ``" "`` at a space; None when nothing shows that it was broken there."""
    sep = issue_form.SEPARATOR
    if (before.endswith(sep) and not before.endswith("\\" + sep)) or after.startswith(sep):
        return " "  # an item's line does not end with |, nor begin with it
    long_enough = len(before) + 1 + len(after.split()[0]) > WRAPPED_FROM
    if long_enough and _URL_AT_END.search(before) and _URL_GOES_ON.match(after):
        return ""  # broken inside the address: an address has no spaces
    if long_enough and re.search(r"(?<!\\)\|", after):
        return " "  # broken at a space, before the parts still to come
    return None


def rejoin(f: Field, text: str) -> str:
    """An answer of list lines (``Titel | https://… | Utgivare``) with each line that a mail
    program broke in two or more put together again. Lines are joined only where something
    shows the break (a line that ends with | or goes on with one, an address cut off at the end
    of a long line, the parts still to come on the next line), where the lines after the
    first do not read as items of their own, and where the joined line does: a line that is
    wrong in itself is left as it was, and named with the shape it must have."""
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    i = 0
    while i < len(lines):
        joined, best, taken = lines[i], None, 0
        for k in range(1, _MAX_PIECES):
            if i + k >= len(lines) or not lines[i + k] or not lines[i] or _whole(f, lines[i + k]):
                break
            how = _joiner(lines[i + k - 1], lines[i + k])
            if how is None:
                break
            joined = joined + how + lines[i + k]
            if _whole(f, joined):
                best, taken = joined, k
        out.append(best if best is not None else lines[i])
        i += taken + 1
    return "\n".join(out)


def consented(values: dict[str, str]) -> bool:
    return bool(re.search(r"^\s*[-*] \[[xX]\] ", values.get(issue_form.CONSENT_ID, ""), re.M))


@dataclass
class Outcome:
    case: scaffold.NewCase | None
    problems: list[str] = field(default_factory=list)  # Swedish, one per line, named by question
    title: str = ""

    def __post_init__(self) -> None:
        # one line each, as it reads: a value quoted in a message keeps its control characters as codes
        self.problems = [visible(p) for p in self.problems]

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
    problems += explained(new.problems, values, new)
    return Outcome(new, problems, title if isinstance(title, str) else "")


_ENUM = re.compile(r'^"(?P<value>.*)" är inte ett tillåtet värde\.')


def _path(name: str) -> tuple[str | int, ...]:
    """``sources[1].url`` → ``("sources", 0, "url")``."""
    return tuple(int(part[1:-1]) - 1 if part.startswith("[") else part
                 for part in re.findall(r"\[\d+\]|[a-z_]+", name))


def _message(problem: Problem) -> str:
    """The validator's message, with a controlled value named by its label, as the form shows it."""
    m = _ENUM.match(problem.message)
    spec = validate.subschema(_path(problem.field)) if m else None
    name = (spec or {}).get("x-vocabulary")
    if not m or not name or name == "municipalities":
        return problem.message
    vocab = schema.vocabulary(name)
    close = validate.suggest(m.group("value"), vocab.ids)
    hint = f" Menade du {vocab.label_of(close)}?" if close else ""
    return (f"\"{m.group('value')}\" är inte ett av alternativen.{hint} "
            f"Skriv en av: {', '.join(t.label for t in vocab.terms)}.")


def _row(problem: Problem) -> tuple[issue_form.Element, int] | None:
    """The question and line number of a problem in one line of a list of objects."""
    path = _path(problem.field)
    for e in issue_form.elements():
        if e.field is not None and e.field.kind == "objects":
            n = len(e.field.path)
            if path[:n] == e.field.path and len(path) > n and isinstance(path[n], int):
                return e, path[n] + 1
    return None


def _in_text(problem: Problem, new: scaffold.NewCase | None) -> str | None:
    """A problem in the text, named by the question (section) it was written under and its
    line there ("Så blev det, rad 2"), as the contributor wrote it."""
    name = scaffold.element_of(problem, new) if problem.field == "text" and new is not None else None
    if name is None:
        return None
    at = new.text_at(problem.line)
    label = issue_form.element(name).label
    return f"{label}, rad {at[1]}" if at and at[0] == name and at[1] else label


def explained(problems: list[Problem], values: dict[str, str], new: scaffold.NewCase | None = None) -> list[str]:
    """Validation problems as lines for the contributor, named by question (a problem in the
    text by its section and line, given the ``new`` file). A line of a list (``Namn | Typ``)
    that lacks parts, or whose parts are split by commas, gets one message that says so and
    repeats the shape the line must have, with an example."""
    out: list[str] = []
    done: set[tuple[str, int]] = set()
    rows = [_row(p) for p in problems]
    for problem, row in zip(problems, rows):
        if row is None:
            out.append(f"{_in_text(problem, new) or issue_form.where(problem)}: {_message(problem)}")
            continue
        e, number = row
        assert e.field is not None
        typed = issue_form.lines(values.get(e.name, ""))
        line = typed[number - 1] if number <= len(typed) else ""
        commas = issue_form.SEPARATOR not in line and "," in line and len(e.field.children) > 1
        missing = [c.title for c in e.field.children for p, r in zip(problems, rows)
                   if r == row and p.message.startswith("fältet saknas") and _path(p.field)[-1] == c.key]
        if not (commas or missing):
            out.append(f"{issue_form.where(problem)}: {_message(problem)}")
            continue
        if (e.name, number) in done:
            continue
        done.add((e.name, number))
        if commas:
            what = (f"raden har inget {issue_form.SEPARATOR}, så delarna gick inte att skilja åt. Skilj dem "
                    f"åt med {issue_form.SEPARATOR}, inte med komma.")
        else:
            what = f"{' och '.join(missing)} saknas." if len(missing) < 3 else \
                f"{', '.join(missing[:-1])} och {missing[-1]} saknas."
            what = what[0].upper() + what[1:]
        out.append(f"{e.label}, rad {number}: {what} Skriv raden {issue_form.line_shape(e.field)}.")
    return out


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


_EMAIL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")


def safe_name(name: str | None) -> str | None:
    """A person's name for a commit trailer: one line, without the characters that end it."""
    flat = " ".join(re.sub(r"[<>\x00-\x1f\x7f]", " ", name or "").split())[:100]
    return flat or None


def safe_email(email: str | None) -> str | None:
    return email.strip() if email and _EMAIL.match(email.strip()) else None


def pull_request_body(new: scaffold.NewCase, login: str | None, issue: int | None,
                      name: str | None = None) -> str:
    """``name``: the author of an e-mailed case (no GitHub login), as the editor gives it."""
    mailed = bool(safe_name(name)) and not safe_login(login)
    if mailed:
        who = f"{safe_name(name)} (skickat med e-post)"
    else:
        who = f"@{safe_login(login)}" if safe_login(login) else "en bidragsgivare"
    source = f" i #{issue}" if issue else ""
    closes = f"\n\nCloses #{issue}" if issue else ""
    return (f"Nytt exempel föreslaget av {who}{source}.\n\n"
            f"Filen `{new.shown}` är skriven av `goda-exempel from-issue` från "
            f"{'e-postmeddelandet' if mailed and not issue else 'ärendet'} och "
            "kontrollerad med `goda-exempel validate`.\n\n"
            "Innan sammanslagning:\n\n"
            "- [ ] Fakta stämmer med källorna, och källorna går att öppna\n"
            "- [ ] Inga privatpersoner, privata kontaktuppgifter eller personnummer\n"
            "- [ ] Texten beskriver problemet, vad som gjordes, resultatet och det som inte fungerade\n"
            f"- [ ] Kontakten är en roll och en organisation{closes}\n")


def commit_message(new: scaffold.NewCase, login: str | None, author_id: int | None,
                   issue: int | None, name: str | None = None, email: str | None = None) -> str:
    """The commit, crediting the author: a GitHub account by its login and id, or, for an
    e-mailed case, a name and (only if given) an e-mail address."""
    source = f" (#{issue})" if issue else ""
    message = f"Lägg till exemplet {new.id}{source}\n"
    login = safe_login(login)
    if login and author_id:
        message += f"\nCo-authored-by: {login} <{author_id}+{login}@users.noreply.github.com>\n"
    elif safe_name(name) and safe_email(email):
        message += f"\nCo-authored-by: {safe_name(name)} <{safe_email(email)}>\n"
    elif safe_name(name):
        message += f"\nSkickat med e-post av {safe_name(name)}.\n"
    return message
