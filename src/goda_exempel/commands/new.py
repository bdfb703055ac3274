"""``goda-exempel new``: a new, valid case file, by answering questions or from flags."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import issue_form, scaffold


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _print_problems(new: scaffold.NewCase, answers: issue_form.Answers) -> None:
    for name, message in answers.problems:
        print(f"{_flag(name)}: {message}", file=sys.stderr)
    for p in new.problems:
        name = scaffold.element_of(p)
        print(f"{_flag(name) if name else p.path}: {p.message}", file=sys.stderr)


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


def run(args: argparse.Namespace) -> int:
    try:
        if args.id:
            scaffold.case_path(Path(args.out), args.id)
        if any(getattr(args, e.name) is not None for e in issue_form.elements()):
            return _from_flags(args)
        _say("Nytt exempel. Svara på frågorna; fält markerade med * är obligatoriska.")
        new = scaffold.interview(_ask, _say, Path(args.out), args.today, args.id)
    except scaffold.BadId as e:
        print(f"--id: {e}", file=sys.stderr)
        return 1
    except EOFError:
        print("\nAvbrutet. Ingen fil skrevs.", file=sys.stderr)
        return 1
    if new.problems:
        for p in new.problems:
            print(p.text(), file=sys.stderr)
        print("Ingen fil skrevs.", file=sys.stderr)
        return 1
    return _write(new)


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "new", help="skapa en ny exempelfil",
        description="Skapar examples/<id>.md. Utan flaggor ställs en fråga för varje fält; med flaggor "
                    "tas alla värden från dem. Filen kontrolleras innan den skrivs och en befintlig "
                    "fil skrivs aldrig över. Listor med flera delar skrivs som på GitHub: "
                    "delarna med | emellan, till exempel --organisations \"Ale kommun | kommun\".")
    for e in issue_form.elements():
        many = e.field is not None and e.field.kind in ("strings", "objects", "choices")
        help_text = e.label + (" (går att ange flera gånger)" if many else "")
        parser.add_argument(_flag(e.name), dest=e.name, metavar="TEXT", help=help_text,
                            action="append" if many else "store")
    parser.add_argument("--id", metavar="ID", help="filnamn utan .md (standard: från rubriken)")
    parser.add_argument("--out", default="examples", metavar="MAPP", help="mappen med exempel (standard: examples)")
    parser.add_argument("--today", metavar="DATUM", help="datum för added och last_reviewed (standard: i dag)")
    parser.set_defaults(run=run)
