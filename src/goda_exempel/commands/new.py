"""``goda-exempel new``: a new, valid case file, by answering questions or from flags."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from .. import draft, interview, issue_form, scaffold
from ..errors import visible


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _print_problems(new: scaffold.NewCase, answers: issue_form.Answers) -> None:
    for name, message in answers.problems:
        print(f"{_flag(name)}: {visible(message)}", file=sys.stderr)
    for p in new.problems:
        name = scaffold.element_of(p, new)
        at = new.text_at(p.line) if p.field == "text" else None
        where = f"rad {at[1]}: " if at and at[0] == name and at[1] else ""  # the line in that flag's text
        prefix = f"{_flag(name)}: {where}" if name else f"{p.path}: "
        print(f"{prefix}{visible(p.message)}", file=sys.stderr)


def _from_flags(args: argparse.Namespace) -> int:
    values = {}
    for e in issue_form.elements():
        given = getattr(args, e.name)
        if given is not None:
            values[e.name] = "\n".join(given) if isinstance(given, list) else given
    answers = issue_form.to_case(values)
    title = answers.meta.get("title")
    case_id = args.id or scaffold.suggest_id(title if isinstance(title, str) else "")
    new = scaffold.build(answers.meta, answers.sections, case_id, Path(args.out), args.today)
    if answers.problems or new.problems:
        _print_problems(new, answers)
        print("Ingen fil skrevs.", file=sys.stderr)
        return 1
    return _write(new)


def _write(new: scaffold.NewCase) -> int:
    try:
        scaffold.write(new)
    except FileExistsError:
        print(f"{new.shown}: filen finns redan och skrivs inte över.", file=sys.stderr)
        return 1
    print(new.shown)
    print(f"Skrev {new.shown}. Skriv gärna mer i filen, kör `goda-exempel validate {new.shown}` "
          "och öppna en pull request.", file=sys.stderr)
    return 0


def _ask(prompt: str) -> str:
    return input(prompt)


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _line_editing() -> bool:
    """Arrow keys and the earlier answers (arrow up) at the prompts, where the terminal has them."""
    if not sys.stdin.isatty():
        return False
    try:
        import readline  # noqa: F401  (input() uses it once it is imported)
    except ImportError:  # pragma: no cover - not on every platform
        return False
    return True


def _interview(args: argparse.Namespace) -> int:
    out = Path(args.out)
    given: dict[str, str] = {}
    partial: dict[str, str] = {}
    case_id = args.id
    kept: list[Path] = []  # the draft file, once there is something to keep
    if args.fortsatt:
        kept.append(Path(args.fortsatt))
        draft_id, given, partial = draft.load(kept[0])
        case_id = case_id or draft_id
        _say(f"Fortsätter med utkastet {draft.shown(kept[0])}: {len(given)} svar finns redan. "
             "De kontrolleras igen, och frågorna som saknas kommer nu.")
    else:
        _say("Nytt exempel. Svara på frågorna; fält markerade med * är obligatoriska. "
             "Varje svar kontrolleras direkt.")
        _say("Avbryter du (Ctrl-C) sparas dina svar som ett utkast som du kan fortsätta med senare.")

    def save(iv: interview.Interview) -> None:
        if not kept:
            kept.append(draft.new_path(out, iv.case_id))
        draft.save(kept[0], iv.case_id, iv.values, iv.partial)

    iv = interview.Interview(_ask, _say, out, args.today, fixed_id=case_id, partial=partial,
                             saved=save, history=_line_editing())

    def hang_up(signum: int, frame: object) -> None:
        """A closed terminal window or a kill: keep the answers, say nothing (no one may see it)."""
        if iv.values or any(t.strip() for t in iv.partial.values()):
            save(iv)
        os._exit(128 + signum)

    for stop in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(stop, hang_up)
    try:
        new = iv.run(given)
    except (KeyboardInterrupt, EOFError):
        if not iv.values and not any(t.strip() for t in iv.partial.values()):
            _say("\nAvbrutet. Ingen fil skrevs.")
            return 1
        save(iv)
        _say(f"\nAvbrutet. Ingen exempelfil skrevs, men dina svar är sparade i {draft.shown(kept[0])}.")
        _say(f"Fortsätt där du slutade med: {draft.COMMAND} {draft.shown(kept[0])}")
        return 1
    except interview.Unresolved as e:
        for p in e.problems:
            _say(p.text())
        save(iv)
        _say(f"Ingen exempelfil skrevs. Dina svar är sparade i {draft.shown(kept[0])}. Rätta felet ovan "
             f"(eller be projektet om hjälp) och fortsätt med: {draft.COMMAND} {draft.shown(kept[0])}")
        return 1
    status = _write(new)
    if status == 0 and kept:
        kept[0].unlink(missing_ok=True)
    elif kept:
        _say(f"Dina svar är sparade i {draft.shown(kept[0])}; fortsätt med: {draft.COMMAND} {draft.shown(kept[0])}")
    return status


def run(args: argparse.Namespace) -> int:
    try:
        if args.id:
            scaffold.case_path(Path(args.out), args.id)
        if any(getattr(args, e.name) is not None for e in issue_form.elements()):
            if args.fortsatt:
                print("--fortsatt går inte att använda tillsammans med fälten som flaggor.", file=sys.stderr)
                return 1
            return _from_flags(args)
        return _interview(args)
    except scaffold.BadId as e:
        print(f"--id: {e}", file=sys.stderr)
        return 1
    except draft.BadDraft as e:
        print(f"--fortsatt: {e}", file=sys.stderr)
        return 1


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "new", help="skapa en ny exempelfil",
        description="Skapar examples/<id>.md. Utan flaggor ställs en fråga för varje fält och varje "
                    "svar kontrolleras direkt; avbryter du sparas svaren som ett utkast i .goda-exempel/ "
                    "(fortsätt med --fortsatt). Med flaggor tas alla värden från dem. Filen kontrolleras innan den skrivs och en befintlig "
                    "fil skrivs aldrig över. Listor med flera delar skrivs som på GitHub: "
                    "delarna med | emellan, till exempel --organisations \"Ale kommun | kommun\".")
    for e in issue_form.elements():
        many = e.field is not None and e.field.kind in ("strings", "objects", "choices")
        help_text = e.label + (" (går att ange flera gånger)" if many else "")
        parser.add_argument(_flag(e.name), dest=e.name, metavar="TEXT", help=help_text,
                            action="append" if many else "store")
    parser.add_argument("--id", metavar="ID", help="filnamn utan .md (standard: från rubriken)")
    parser.add_argument("--out", default="examples", metavar="MAPP", help="mappen med exempel (standard: examples)")
    parser.add_argument("--fortsatt", metavar="UTKAST",
                        help="fortsätt med ett utkast som sparades när du avbröt (frågar bara det som saknas)")
    parser.add_argument("--today", metavar="DATUM", help="datum för added och last_reviewed (standard: i dag)")
    parser.set_defaults(run=run)
