"""Swedish personal identity numbers (personnummer) and co-ordination numbers
(samordningsnummer), found in text as a reader sees it.

A number can hide from a plain search in ways a reader never notices: an en dash as a word
processor writes it (811218–9876), a no-break or zero-width space, fullwidth digits, an HTML
entity (&#8211;), a web address's escape (811218%2D9876) or a Markdown or YAML escape
(811218\\-9876). ``reader_form`` undoes all of
these; ``find`` searches the text as written and ``find_in_reader_form`` the text a reader sees.
The site's form ("Dela ditt exempel", dela.js) decides by the same rule, which ``for_browser``
gives it: the patterns and character sets below, written for JavaScript.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache
from typing import Any
from urllib.parse import unquote

# {d} is a digit ({c} one inside a character class): \d here, the same characters written out
# for the site's form (for_browser).
_NUMBER_SOURCE = r"(?<![{c}-])(?:(?:19|20)({d}{{2}})|({d}{{2}}))({d}{{2}})({d}{{2}})( ?[-+] ?| )?({d}{{4}})(?![{c}-])"
_NUMBER = re.compile(_NUMBER_SOURCE.format(d=r"\d", c=r"\d"))
# What every match of _NUMBER contains; starting with one \d lets re skip to the digits.
MAY_BE = re.compile(r"\d\d{5}(?: ?[-+] ?| )?\d{4}")
_DIGIT_SOURCE = r"[{c}\u00b2\u00b3\u00b9\u2070-\u209f\u2460-\u24ff]"  # and what NFKC makes a digit
_DIGIT = re.compile(_DIGIT_SOURCE.format(c=r"\d"))
MONTHS = (1, 12)
DAYS = ((1, 31), (61, 91))  # a day of the month, or a co-ordination number's (the day + 60)


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def find(text: str) -> list[int]:
    """Offsets of personal identity (or co-ordination) numbers in text as it stands.

    YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN and YYMMDDNNNN (a space, or a dash
    with a space around it, counts as the dash), with a real month, a day (or a co-ordination
    day, +60) and a valid check digit. Ten digits in a row that start with 0 are taken for a
    phone number (0701234567), not a person born 2000–2009.
    """
    hits = []
    for m in _NUMBER.finditer(text):
        yy = m.group(1) or m.group(2)
        month, day = int(m.group(3)), int(m.group(4))
        if not MONTHS[0] <= month <= MONTHS[1] or not any(first <= day <= last for first, last in DAYS):
            continue
        if m.group(2) is not None and not m.group(5) and m.group().startswith("0"):
            continue  # a Swedish phone number written without spaces
        if _luhn(yy + m.group(3) + m.group(4) + m.group(6)):
            hits.append(m.start())
    return hits


# Dashes and minus signs of every kind (the category Pd, and the minus signs, which are Sm).
_DASHES = "".join(c for c in map(chr, range(0x110000)) if unicodedata.category(c) == "Pd") + "\u2212\u2796\ufe63\uff0d"
_DASH = re.compile("[" + re.escape(_DASHES) + "]")
# Characters a reader does not see: format characters (zero-width space and joiners, soft
# hyphen, bidi marks, word joiner, U+FEFF) and combining grapheme joiner.
_INVISIBLES = "".join(c for c in map(chr, range(0x110000)) if unicodedata.category(c) == "Cf") + "\u034f"
_INVISIBLE = re.compile("[" + re.escape(_INVISIBLES) + "]")
_SPACE = re.compile(r"[^\S\n]+")  # any white space but a line break, as one space
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~ ])")  # Markdown's backslash escapes (and \- \  in YAML)
_TAG = re.compile(r"<[^<>\n]*>")
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2})+")  # a web address's escapes (811218%2D9876), as a browser shows them
_EMPHASIS = re.compile(r"[*_`~]")  # Markdown's emphasis and code marks, which the page does not show


def reader_form(text: str, markup: bool = True) -> str:
    """The text as a reader sees it, line for line (a line break is never added or removed):
    HTML entities, backslash escapes and a web address's %-escapes resolved, Unicode NFKC,
    invisible characters removed, every dash written as - and every run of spaces as one space. ``markup``: also drop HTML
    tags and Markdown's emphasis marks (``811218<b>-</b>9876`` and ``811218*-*9876`` show as
    one number)."""
    if markup:
        text = _EMPHASIS.sub("", _TAG.sub("", text))
    text = _ESCAPE.sub(r"\1", html.unescape(text))
    text = _PERCENT.sub(lambda m: re.sub(r"[\r\n]", " ", unquote(m.group())), text)
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    text = _DASH.sub("-", text.replace("\r", " "))
    return _SPACE.sub(" ", text)


def find_in_reader_form(text: str) -> list[int]:
    """``find`` on ``reader_form(text)``: offsets in that form, and any hit means a number.
    Text with fewer than ten digits in any form cannot hold one and is not normalised."""
    if len(_DIGIT.findall(text)) < 10 and "&#" not in text:
        return []
    return find(reader_form(text))


def in_text(text: str) -> bool:
    """Whether validation refuses a field's value for a number in it, as written or as a reader
    sees it, also one broken over two lines (a page shows the lines of a value run together)."""
    return bool(find(text) or find_in_reader_form(text) or find_in_reader_form(" ".join(text.split())))


def in_id(case_id: str) -> bool:
    """A personnummer in an id or a file name, where words are joined by dashes."""
    return bool(find(case_id.replace("-", " "))) or bool(find_in_reader_form(case_id))


# --- the same rule in the site's form ----------------------------------------------------------------


def _all(test) -> str:
    return "".join(c for c in map(chr, range(0x110000)) if test(c))


def _runs(chars: str) -> list[tuple[int, int]]:
    """The characters' code points as runs (first, last)."""
    codes = sorted(map(ord, set(chars)))
    runs: list[tuple[int, int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return runs


def _js_class(chars: str) -> str:
    """The characters as the inside of a JavaScript character class (for a pattern with the u flag)."""
    return "".join(f"\\u{{{a:x}}}" + (f"-\\u{{{b:x}}}" if b != a else "") for a, b in _runs(chars))


@cache
def for_browser() -> dict[str, Any]:
    """What dela.js needs to decide exactly as ``find`` and ``find_in_reader_form`` do, so the
    site's form and validation cannot disagree on a number: every pattern and character set
    above, written for JavaScript (a pattern's \\d and \\s as the characters Python reads as
    them), and the rules of ``html.unescape`` for the references it cannot leave to the browser."""
    digits = _all(str.isdecimal)  # what \\d is in a pattern on text
    whitespace = _all(str.isspace)  # what \\s is, and what str.split() splits at
    return {
        "number": _NUMBER_SOURCE.format(d=f"[{_js_class(digits)}]", c=_js_class(digits)),
        # a digit's value: its distance from the start of its run, modulo 10 (Unicode encodes
        # every set of decimal digits as one run from 0 to 9)
        "digitRuns": [list(run) for run in _runs(digits)],
        "months": list(MONTHS),
        "days": [list(days) for days in DAYS],
        "count": _DIGIT_SOURCE.format(c=_js_class(digits)),
        "tag": _TAG.pattern,
        "emphasis": _EMPHASIS.pattern,
        "escape": _ESCAPE.pattern,
        "percent": _PERCENT.pattern,
        "invisible": _js_class(_INVISIBLES),
        "dash": _js_class(_DASHES),
        "space": _js_class(whitespace.replace("\n", "")),  # _SPACE
        "whitespace": _js_class(whitespace),  # str.split(): the lines of a text joined (validate)
        "charref": html._charref.pattern,  # noqa: SLF001 - html.unescape, step by step
        "invalidCharrefs": {str(k): v for k, v in html._invalid_charrefs.items()},  # noqa: SLF001
        "invalidCodepoints": sorted(html._invalid_codepoints),  # noqa: SLF001
    }
