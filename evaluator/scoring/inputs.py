"""Reading answers from bytes: size limit, binary detection and decoding, with one clear
message for each way a file can be unfit to grade."""

from __future__ import annotations

import codecs

from evaluator.errors import InputError

MAX_ANSWER_BYTES = 100_000
"""Largest answer file accepted (100 KB: about 15,000 words)."""

_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


def read_answer_bytes(data: bytes, name: str = "<answer>") -> tuple[str, str | None]:
    """Decode an answer file. Returns (text, warning or None); raises InputError when unusable.

    Tries UTF-8 (with or without BOM), UTF-16 with a BOM, then cp1252 with a warning.
    """
    if len(data) > MAX_ANSWER_BYTES:
        raise InputError(
            f"{name}: file is {len(data):,} bytes; the limit is {MAX_ANSWER_BYTES:,} bytes",
            hint="a Mains answer is 150-250 words; split the file into one answer per file",
        )
    text, warning = decode_answer(data, name)
    if looks_binary(text):
        raise InputError(f"{name}: looks like a binary file, not text")
    if not text.strip():
        raise InputError(f"{name}: the answer is empty")
    return text, warning


def decode_answer(data: bytes, name: str = "<answer>") -> tuple[str, str | None]:
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
            hint="save the answer as UTF-8 text",
        ) from exc
    return text, "decoded as cp1252 (Windows-1252), not UTF-8; check accented characters"


def looks_binary(text: str) -> bool:
    """True when a decoded text is mostly control characters (an image, an archive...)."""
    if not text:
        return False
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    return controls / len(sample) > 0.05
