"""Pagefind's index files: gzip around ``pagefind_dcd`` and CBOR (RFC 8949).

Pagefind (1.5, 1.6) writes its metadata (``pagefind.<hash>.pf_meta``), word-index, filter
and fragment files this way; the build rewrites its filter files (``reproducible``: Pagefind
writes their values in hash-map order, which changes from run to run; a Pagefind that writes
them in a stable order retires this module and that part of ``reproducible``). Only what is read exactly is rewritten: :func:`read` raises
:class:`Unsupported` for anything this subset of CBOR would not write back byte for byte.
"""

from __future__ import annotations

import gzip
import hashlib
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the content of every gzipped file


class Unsupported(ValueError):
    """A file not laid out as Pagefind 1.x writes it."""


def read(path: Path) -> Any:
    """The CBOR value in a Pagefind file."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise Unsupported(path.name)
    body = data[len(SIGNATURE):]
    value, end = decode(body, 0)
    if end != len(body) or encode(value) != body:  # only rewrite what we read exactly
        raise Unsupported(path.name)
    return value


def payload(value: Any) -> bytes:
    """What a Pagefind file holds for ``value``, before compression (the file's hash is taken of it)."""
    return SIGNATURE + encode(value)


def name(language: str, data: bytes, digits: int) -> str:
    """A file's name as Pagefind makes it: ``<language>_`` and the start of a hash of its
    content (``payload``); 10 digits for the metadata, 7 for filter indexes."""
    return f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"


def compress(data: bytes) -> bytes:
    """``data`` as Pagefind's files are stored (gzip, with no date in it)."""
    return gzip.compress(data, compresslevel=9, mtime=0)


# The part of CBOR (RFC 8949) that Pagefind writes: integers, strings, arrays, shortest form.

def decode(data: bytes, pos: int) -> tuple[Any, int]:
    first = data[pos]
    major, info = first >> 5, first & 31
    pos += 1
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        if len(data) < pos + size:
            raise EOFError
        arg = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    else:
        raise Unsupported("indefinite length")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major in (2, 3):
        raw = data[pos:pos + arg]
        if len(raw) != arg:
            raise EOFError
        return (raw if major == 2 else raw.decode("utf-8")), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = decode(data, pos)
            items.append(item)
        return items, pos
    raise Unsupported(f"CBOR major type {major}")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if arg < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, arg)
    raise Unsupported("integer too large")


def encode(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        raise Unsupported("simple value")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(v) for v in value)
    raise Unsupported(type(value).__name__)
