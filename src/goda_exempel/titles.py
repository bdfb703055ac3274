"""A case title as readers see it: what it may not hide, and when two titles are the same.

A title is what a case is found and told apart by, so it may not hold characters a reader
cannot see (zero-width spaces and joiners, bidi controls that reorder the text on screen), may
not be blank once those and white space are gone, and two titles are the same if they look
the same: compared after Unicode NFC (å as one code point or as a and a ring), case folding
and a look-alike table (Cyrillic and Greek letters that look like Latin ones: Unicode's
confusable skeleton for the letters a Swedish title could be written with).
"""

from __future__ import annotations

import unicodedata

# Characters a reader does not see: every format character (Cf: zero-width space, joiners,
# soft hyphen, bidi controls, word joiner, U+FEFF) and the fillers that show as nothing.
_FILLERS = {"\u034f", "\u115f", "\u1160", "\u3164", "\uffa0", "\u180e"}
_BIDI = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]}

# Lower-case look-alikes of Latin letters (after casefold), from Unicode's confusables.txt.
_SKELETON = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "ë", "з": "3", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "ï", "ј": "j", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "һ": "h", "ӏ": "l", "ү": "y", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y", "ϲ": "c", "ϳ": "j", "ω": "w",
    # Latin and others that look like a Latin letter or digit
    "ı": "i", "ℓ": "l", "０": "0", "|": "l",
})


def hidden(text: str) -> str | None:
    """The first character of ``text`` a reader cannot see, or None."""
    for ch in text:
        if ch in _FILLERS or unicodedata.category(ch) == "Cf":
            return ch
    return None


def problem(title: str) -> str | None:
    """Why a title cannot be used, in Swedish, or None."""
    ch = hidden(title)
    if ch is not None:
        what = "ett osynligt tecken som vänder skrivriktningen" if ch in _BIDI else "ett osynligt tecken"
        return f"innehåller {what} (U+{ord(ch):04X}). Ta bort det."
    if not "".join(title.split()):
        return "rubriken består bara av mellanslag. Skriv en rubrik som säger vad exemplet handlar om."
    return None


def key(title: str) -> str:
    """Two titles with the same key look the same to a reader."""
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFC", title)).casefold()
    text = unicodedata.normalize("NFC", text.translate(_SKELETON))
    return " ".join("".join(c for c in text if not (c in _FILLERS or unicodedata.category(c) == "Cf")).split())
