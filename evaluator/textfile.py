"""Bytes to text for every file a user hands us (answers, source documents): BOM-aware decoding
with a cp1252 fallback, binary detection, and one clear message for each way a file is unfit."""

from __future__ import annotations

import codecs
import os
import stat

from evaluator.errors import InputError

_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


def read_bounded(source: str | os.PathLike[str], max_bytes: int, *, folder_hint: str = "") -> bytes:
    """A regular file's bytes, or InputError (naming the file) when it is missing, a folder, not
    a regular file (a pipe or a device such as /dev/zero, which would block or never end),
    unreadable or over ``max_bytes``. The size is checked before reading, and no more than
    ``max_bytes`` + 1 bytes are ever read (a file growing while read is caught too)."""
    try:
        info = os.stat(source)
    except OSError as exc:
        reason = "no such file" if isinstance(exc, FileNotFoundError) else exc.strerror
        raise InputError(f"{source}: {reason}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{source}: is a directory{folder_hint}")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{source}: not a regular file (a pipe or a device)")
    if info.st_size > max_bytes:
        raise InputError(
            f"{source}: file is {info.st_size:,} bytes; the limit is {max_bytes:,} bytes"
        )
    try:
        with open(source, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror}") from exc
    if len(data) > max_bytes:
        raise InputError(f"{source}: file is over {max_bytes:,} bytes, the limit")
    return data


def read_text_file(source: str | os.PathLike[str], max_bytes: int) -> tuple[str, str | None]:
    """A text or Markdown file's text and a decoding warning (or None); InputError when it is a
    folder, missing, unreadable, not a regular file, over ``max_bytes``, undecodable or binary."""
    data = read_bounded(source, max_bytes, folder_hint="; pass a text or Markdown file")
    text, warning = decode_text(data, str(source))
    if looks_binary(text):
        raise InputError(f"{source}: looks like a binary file, not text")
    return text, warning


def decode_text(data: bytes, name: str = "<text>") -> tuple[str, str | None]:
    """Bytes -> text by BOM and fallbacks; InputError when nothing fits."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), None
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: UTF-8 BOM but invalid UTF-8 at byte {exc.start}") from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: UTF-16 BOM but the text cannot be decoded") from exc
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: cannot decode the text (not UTF-8, UTF-16 or cp1252)",
            hint="save the file as UTF-8 text",
        ) from exc
    return text, "decoded as cp1252 (Windows-1252), not UTF-8; check accented characters"


def looks_binary(text: str) -> bool:
    """True when a decoded text is mostly control characters (an image, an archive...)."""
    if not text:
        return False
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    return controls / len(sample) > 0.05
