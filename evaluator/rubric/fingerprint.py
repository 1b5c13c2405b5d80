"""A fingerprint of the document a rubric was written from: hashed word shingles, nothing readable.

``copied_source`` compares an answer with the rubric's source notes; when the notes are the
tutor's own words, copying from the published document the rubric came from goes unseen. A
rubric can therefore carry the document's fingerprint: the sorted 64-bit BLAKE2b hashes of its
normalised runs of 8 words (lower case, words and numbers only). The hashes cannot be read back
into text, so a rubric can ship it without shipping the document.

The file (``source-fingerprint.txt`` beside ``rubric.yaml``, named by the rubric's
``source_fingerprint`` key) is one header line and one hexadecimal hash per line.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable
from pathlib import Path

from evaluator.errors import InputError, RubricError

SHINGLE = 8
"""Words per run: long enough that a shared run is copying, not a shared phrase."""
FINGERPRINT_FILE = "source-fingerprint.txt"
_HEADER = "# mains-eval source fingerprint v1: blake2b-64 of normalised {size}-word shingles"
_HEADER_RE = re.compile(r"# mains-eval source fingerprint v1: blake2b-64 of normalised (\d+)-word")
WORDS = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
"""How text is cut into words for shingles (after lower-casing); copy_share uses the same."""
MAX_DOCUMENT_BYTES = 5_000_000


def shingle_hash(words: tuple[str, ...] | list[str]) -> int:
    """The 64-bit hash of one run of words."""
    digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def run_hashes(words: list[str], size: int = SHINGLE) -> list[int]:
    """:func:`shingle_hash` of every run of ``size`` consecutive words, in order. The words are
    joined and encoded once and each run hashed from a slice of those bytes (UTF-8 is encoded
    word by word, so a slice is the run's own encoding): an answer has a few hundred runs."""
    if len(words) < size:
        return []
    data = " ".join(words).encode("utf-8")
    if len(data) == sum(map(len, words)) + len(words) - 1:  # ASCII: one byte per character
        lengths: Iterable[int] = map(len, words)
    else:
        lengths = (len(w.encode("utf-8")) for w in words)
    ends = list(itertools.accumulate(n + 1 for n in lengths))  # one past each word's space
    starts = [0, *ends[:-1]]
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    return [
        from_bytes(blake2b(data[begin : ends[last] - 1], digest_size=8).digest(), "big")
        for begin, last in zip(starts, range(size - 1, len(words)), strict=False)
    ]


def shingle_hashes(text: str, size: int = SHINGLE) -> frozenset[int]:
    """The hashes of every run of ``size`` words of a text."""
    return frozenset(run_hashes(WORDS.findall(text.lower()), size))


def fingerprint_text(hashes: frozenset[int], size: int = SHINGLE) -> str:
    """The fingerprint file's content: a header, then the sorted hashes in hexadecimal."""
    lines = [_HEADER.format(size=size)] + [f"{h:016x}" for h in sorted(hashes)]
    return "\n".join(lines) + "\n"


def read_fingerprint(path: Path) -> tuple[int, frozenset[int]]:
    """Read a fingerprint file: (shingle size, hashes). A damaged file is a RubricError."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError(f"{path}: cannot read the source fingerprint ({exc})") from exc
    header = _HEADER_RE.match(lines[0]) if lines else None
    if header is None:
        raise RubricError(
            f"{path}: not a source fingerprint (bad first line)",
            hint="rebuild it with `mains-eval rubric fingerprint RUBRIC DOCUMENT`",
        )
    hashes = set()
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        try:
            hashes.add(int(line, 16))
        except ValueError:
            raise RubricError(
                f"{path}:{number}: not a hexadecimal hash: {line[:20]!r}",
                hint="rebuild it with `mains-eval rubric fingerprint RUBRIC DOCUMENT`",
            ) from None
    return int(header.group(1)), frozenset(hashes)


def read_document(document: str | Path) -> str:
    """A tutor's document as text, read as `rubric derive` reads it (UTF-8, UTF-16 with a BOM or
    cp1252); a clear InputError otherwise."""
    from evaluator.textfile import read_text_file

    text, _warning = read_text_file(document, MAX_DOCUMENT_BYTES)
    if len(WORDS.findall(text.lower())) < SHINGLE:
        raise InputError(f"{document}: has fewer than {SHINGLE} words; nothing to fingerprint")
    return text


def write_fingerprint(folder: Path, text: str, name: str = FINGERPRINT_FILE) -> Path:
    """Write the fingerprint of ``text`` into ``folder``; return its path."""
    path = folder / name
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(fingerprint_text(shingle_hashes(text)), encoding="utf-8")
    tmp.replace(path)
    return path


def add_fingerprint(rubric_file: Path, document: str | Path) -> tuple[Path, int, bool]:
    """Fingerprint ``document`` beside ``rubric_file`` and point the rubric at it.

    The rubric file is edited as text (one ``source_fingerprint:`` line after ``source_notes:``),
    so its comments and layout stay as they are. Returns (fingerprint path, number of hashes,
    whether the rubric file was changed).
    """
    text = read_document(document)
    if Path(document).resolve() == rubric_file.resolve():
        raise InputError(f"{document}: is the rubric itself; pass the source document")
    path = write_fingerprint(rubric_file.parent, text)
    changed = _point_rubric_at(rubric_file, path.name)
    return path, len(shingle_hashes(text)), changed


def _point_rubric_at(rubric_file: Path, name: str) -> bool:
    lines = rubric_file.read_text(encoding="utf-8").splitlines(keepends=True)
    line = f"source_fingerprint: {name}\n"
    for i, existing in enumerate(lines):
        if existing.startswith("source_fingerprint:"):
            if existing.strip() == line.strip():
                return False
            lines[i] = line
            break
    else:
        at = next(
            (i + 1 for i, existing in enumerate(lines) if existing.startswith("source_notes:")),
            None,
        )
        if at is None:
            raise RubricError(f"{rubric_file}: has no top-level source_notes line to add it after")
        lines.insert(at, line)
    tmp = rubric_file.with_name(rubric_file.name + ".tmp")
    tmp.write_text("".join(lines), encoding="utf-8")
    tmp.replace(rubric_file)
    return True
