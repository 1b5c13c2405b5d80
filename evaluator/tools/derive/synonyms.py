"""WordNet 3.0 synonyms for `rubric derive`, read from Debian's `wordnet-base` database files.

Only derive uses them: a derived short-answer rubric lists a content word's synonyms (from its
first sense) as alternatives in the word's cue group, where the tutor sees and edits them, so
grading never loads WordNet. The database is optional: without it derive writes no synonyms.

The files are read lazily: one ``index.<pos>`` per part of speech (kept in memory once read), and
single synsets by their byte offset in ``data.<pos>``.
"""

from __future__ import annotations

import os
import threading
from functools import cache, lru_cache
from pathlib import Path

WORDNET_DIRS = ("/usr/share/wordnet",)
"""Where Debian's wordnet-base installs the WordNet 3.0 database; MAINS_EVAL_WORDNET overrides."""
SENSES = 2
"""Synonyms come from a word's most frequent senses only: rarer senses bring wrong meanings."""
OWN_SENSES = 1
"""A term's synonyms come from its own first sense only ('circuit' is not a 'tour', a 'terminal'
no 'depot', 'mass' no 'heap'); a synonym must hold that sense among its first :data:`SENSES`."""
MIN_LETTERS = 3
_POS_FILES = {"NOUN": "noun", "VERB": "verb", "ADJ": "adj", "ADV": "adv"}
_lock = threading.Lock()


@cache
def wordnet_dir() -> Path | None:
    """The WordNet database folder, or None when it is not installed."""
    override = os.environ.get("MAINS_EVAL_WORDNET")  # a folder; "" turns synonyms off
    for folder in WORDNET_DIRS if override is None else ([override] if override else []):
        path = Path(folder)
        if (path / "index.noun").is_file() and (path / "data.noun").is_file():
            return path
    return None


@cache
def _index(pos: str) -> dict[str, tuple[int, ...]]:
    """lemma -> byte offsets of its synsets in data.<pos>, most frequent sense first."""
    folder = wordnet_dir()
    if folder is None:
        return {}
    index: dict[str, tuple[int, ...]] = {}
    with (folder / f"index.{pos}").open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith(" "):
                continue  # the licence header
            parts = line.split()
            pointers = int(parts[3])
            offsets = parts[4 + pointers + 2 :]
            index[parts[0]] = tuple(int(o) for o in offsets[:SENSES])
    return index


def _synset_words(pos: str, offset: int) -> list[str]:
    folder = wordnet_dir()
    assert folder is not None
    with (folder / f"data.{pos}").open("rb") as handle:
        handle.seek(offset)
        parts = handle.readline().decode("utf-8", errors="replace").split()
    count = int(parts[3], 16)
    return [parts[4 + 2 * i].split("(")[0].lower() for i in range(count)]


@lru_cache(maxsize=20_000)
def synonyms(lemma: str, spacy_pos: str) -> tuple[str, ...]:
    """Single-word WordNet synonyms of a lemma in its first senses, in WordNet order: words for
    which that sense is one of their own first senses too. 'correct' shares a sense with
    'compensate' (make up for) and 'tierce' with 'third', but neither word means that first, so
    an answer writing them means something else ("States were corrected")."""
    pos = _POS_FILES.get(spacy_pos)
    if pos is None or wordnet_dir() is None or len(lemma) < MIN_LETTERS:
        return ()  # 'switch X' names a switch: its 'x' is no 'ten', 'tenner' or 'decade'
    with _lock:
        index = _index(pos)
        offsets = index.get(lemma.lower(), ())
    found: list[str] = []
    for offset in offsets[:OWN_SENSES]:
        for word in _synset_words(pos, offset):
            if word == lemma.lower() or "_" in word or not word.isalpha() or word in found:
                continue
            if len(word) < MIN_LETTERS:
                continue  # 'h' for hydrogen: a symbol, which any answer's stray letter matches
            if offset in index.get(word, ()):
                found.append(word)
    return tuple(found)
