"""Swedish alphabetical order (… X Y Z Å Ä Ö), without depending on the machine's locales.

A space counts, before every letter: the shorter word comes first, as in a Swedish dictionary
("Lokal överenskommelse" before "Lokalt brottsförebyggande råd"). Other signs are left out.
The catalogue's title order is this order too: it follows the search index (search.index_order)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"
_FOLD = {"æ": "ä", "ø": "ö", "ü": "y", "w": "w"}


def _char_key(ch: str) -> tuple[int, int]:
    if ch in _ALPHABET:
        return (2, _ALPHABET.index(ch))
    if ch in _FOLD:
        return _char_key(_FOLD[ch])
    digit = unicodedata.digit(ch, None)  # 0-9, and ² or ① (isdigit, but not int())
    if digit is not None:
        return (1, digit)
    base = unicodedata.normalize("NFD", ch)[0]  # é → e, à → a (but å, ä, ö are kept above)
    if base != ch and base in _ALPHABET:
        return (2, _ALPHABET.index(base))
    if ch.isspace() or not ch.isalnum():
        return (0, 0)
    return (3, ord(ch))


_SPACE = (0, 0)  # between words: before any letter or digit


@lru_cache(maxsize=100_000)
def swedish_key(text: str) -> tuple:
    """Sort key: Swedish letter order, case-insensitive, accents folded, then the text itself."""
    folded = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return (tuple(_SPACE if ch == " " else _char_key(ch) for ch in folded if ch == " " or ch.isalnum()), text)


def swedish_sorted(items, key=lambda x: x):
    return sorted(items, key=lambda item: swedish_key(key(item)))
