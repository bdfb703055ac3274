"""``goda-exempel from-issue``: an issue made with the form "Dela ditt exempel" → examples/<id>.md."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import from_issue, scaffold


def _write(path: str | None, text: str) -> None:
    if path:
        Path(path).write_text(text, encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    if args.author_email and not from_issue.safe_email(args.author_email):
        print(f"--author-email: \"{args.author_email}\" är ingen e-postadress.", file=sys.stderr)
        return 1
    try:
        if args.body_file == "-":
            if sys.stdin.isatty():
                print("Klistra in texten och avsluta med Ctrl-D på en egen rad.", file=sys.stderr)
            body = sys.stdin.buffer.read(from_issue.MAX_BODY * 4 + 1).decode("utf-8", errors="replace")
        else:
            body = Path(args.body_file).read_text(encoding="utf-8", errors="replace")
    except OSError as e:
        print(f"{args.body_file}: filen kan inte läsas ({e.strerror}).", file=sys.stderr)
        return 1
    outcome = from_issue.convert(body, Path(args.out), args.today, args.id)
    if not outcome.ok:
        for line in outcome.problems:
            print(line, file=sys.stderr)
        print(f"{len(outcome.problems)} fel; ingen fil skrevs.", file=sys.stderr)
        _write(args.errors_file, from_issue.errors_comment(outcome.problems, args.author))
        return 1
    new = outcome.case
    assert new is not None
    scaffold.write(new)
    if args.pr_dir:
        out = Path(args.pr_dir)
        out.mkdir(parents=True, exist_ok=True)
        _write(str(out / "id"), new.id + "\n")
        _write(str(out / "path"), new.shown + "\n")
        _write(str(out / "title"), from_issue.pull_request_title(outcome.title or new.id) + "\n")
        _write(str(out / "body.md"), from_issue.pull_request_body(new, args.author, args.issue, args.author_name))
        _write(str(out / "commit.txt"), from_issue.commit_message(new, args.author, args.author_id, args.issue,
                                                                  args.author_name, args.author_email))
    print(new.shown)
    print(f"Skrev {new.shown}.", file=sys.stderr)
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "from-issue", help="gör om ett ärende från formuläret Dela ditt exempel till en exempelfil",
        description="Läser texten i ett ärende som skrivits med formuläret ”Dela ditt exempel”, eller ett "
                    "e-postmeddelande med samma text, skriver examples/<id>.md och kontrollerar filen. "
                    "Vid fel skrivs ingen fil och slutstatus är 1.")
    parser.add_argument("--body-file", required=True, metavar="FIL",
                        help="ärendets eller e-postmeddelandets text; - läser texten från standard in")
    parser.add_argument("--author", metavar="LOGIN", help="GitHub-namnet på den som skrev ärendet")
    parser.add_argument("--author-name", metavar="NAMN",
                        help="namnet på den som skickade exemplet med e-post (i stället för --author)")
    parser.add_argument("--author-email", metavar="E-POST",
                        help="e-postadressen till den som skickade exemplet, för Co-authored-by; bara om "
                             "personen vill stå med den i arkivets historik")
    parser.add_argument("--author-id", type=int, metavar="ID", help="GitHub-id för författaren (för Co-authored-by)")
    parser.add_argument("--issue", type=int, metavar="NR", help="ärendets nummer")
    parser.add_argument("--out", default="examples", metavar="MAPP", help="mappen med exempel (standard: examples)")
    parser.add_argument("--id", metavar="ID", help="filnamn utan .md (standard: från rubriken)")
    parser.add_argument("--today", metavar="DATUM", help="datum för added och last_reviewed (standard: i dag)")
    parser.add_argument("--errors-file", metavar="FIL", help="skriv felen här som en kommentar i Markdown")
    parser.add_argument("--pr-dir", metavar="MAPP",
                        help="skriv id, path, title, body.md och commit.txt för pull requesten här")
    parser.set_defaults(run=run)
