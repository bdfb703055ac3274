"""What a case id is, and how one is made from a title: the one place every channel asks
(the file name check, ``new``, ``from-issue``, the form, the change list).

An id is the case file's name without ``.md`` and the last part of the case page's address:
small letters a–z, digits and single dashes between them, never a name the site or the folder
uses itself, and never a personnummer. An id made from a title has at most ``MAX_LENGTH``
characters, cut between words.
"""

from __future__ import annotations

import re
import unicodedata

from . import personnummer

PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # always with fullmatch: $ would allow a final \n
MAX_LENGTH = 60
FALLBACK = "mitt-exempel"
# Names that are not free: index (a folder's own page: exempel/index.md would replace the list
# of cases), readme (examples/README.md is the folder's guide and is not read as a case).
RESERVED = frozenset({"index", "readme"})
# Letters that do not fall apart into a-z and a mark under Unicode's decomposition.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "ħ": "h",
                          "ı": "i", "þ": "th", "ð": "d"})


def is_id(text: object) -> bool:
    """A usable id: the pattern, not reserved, no personnummer (``problem`` says which)."""
    return isinstance(text, str) and problem(text) is None


def slugify(name: str) -> str:
    """The words of any text in a-z, 0-9 and dashes: å, ä, é → a, a, e; m² → m2; anything else
    separates words. Not cut, not checked (``from_title`` makes an id)."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).lower().translate(_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.translate(_LETTERS)).strip("-") or FALLBACK


def _without_personnummer(slug: str) -> str:
    words = slug.split("-")
    for size in (3, 2, 1):  # 19811218-9876 is two words, 811218 9876 two, 8112189876 one
        for start in range(len(words) - size + 1):
            part = words[start:start + size]
            if all(w.isdigit() for w in part) and personnummer.find(" ".join(part) if size > 1 else part[0]):
                words[start:start + size] = [""] * size
    return "-".join(w for w in words if w)


def cut(slug: str, length: int = MAX_LENGTH) -> str:
    """At most ``length`` characters, cut between words where there is a word break."""
    if len(slug) <= length:
        return slug
    head = slug[: length + 1]
    return (head.rsplit("-", 1)[0] if "-" in head else slug[:length]).strip("-")


def from_title(title: str) -> str:
    """An id for a new case from its title: always a usable id (``is_id``)."""
    slug = cut(_without_personnummer(slugify(title)) or FALLBACK)
    if slug in RESERVED:
        slug = f"{slug}-exempel"
    if not is_id(slug):  # pragma: no cover - what is left after the steps above is always usable
        slug = FALLBACK
    return slug


def problem(case_id: str) -> str | None:
    """Why an id (a file name without .md) cannot be used, in Swedish, or None."""
    if personnummer.in_id(case_id):
        return "filnamnet innehåller ett personnummer. Byt namn på filen till något som beskriver exemplet."
    if case_id.lower() in RESERVED:
        return (f"filnamnet {case_id}.md är reserverat för webbplatsen. Byt namn på filen till något som "
                "beskriver exemplet.")
    if not PATTERN.fullmatch(case_id):
        return ("filnamnet får bara innehålla små bokstäver a–z, siffror och bindestreck (inga å, ä, ö, "
                f"mellanslag eller punkter). Byt namn till {from_title(case_id)}.md.")
    return None
