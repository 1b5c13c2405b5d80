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

from rapidfuzz.distance import Levenshtein

WORDNET_DIRS = ("/usr/share/wordnet",)
"""Where Debian's wordnet-base installs the WordNet 3.0 database; MAINS_EVAL_WORDNET overrides."""
SENSES = 2
"""Synonyms come from a word's most frequent senses only: rarer senses bring wrong meanings."""
OWN_SENSES = 1
"""A term's synonyms come from its own first sense only ('circuit' is not a 'tour', a 'terminal'
no 'depot', 'mass' no 'heap'); a synonym must hold that sense among its first :data:`SENSES`."""
MIN_LETTERS = 3
RARE_TAGS = 1
"""A synonym tagged at most this often in the shared sense, and more often in its first, is
left out (:func:`_mostly_else`)."""
AMBIGUOUS_SHARE = 0.5
"""A noun whose second sense is tagged at least this share as often as its first is ambiguous:
its synonyms must hold in both senses (:func:`_ambiguous`)."""
FIRST_SHARE = 0.6
"""So is a noun whose first sense holds less than this share of all its tagged uses."""
VARIANT_EDITS = 2
"""A synonym never tagged in any sense is kept only as a spelling variant of the term, at most
this many letter edits away ('centimetre', 'aluminium'; :func:`_rare`)."""
KIND_TAGS = 2
"""A kind of the term (:func:`kinds`) is kept only when the sense-tagged corpus uses it in that
sense, its first, at least this often: 'sunlight' (8), 'moonlight' (5); not 'haywire' (a kind of
wire, never tagged) nor 'seawater' (once)."""
MAX_KINDS = 2
_POS_FILES = {"NOUN": "noun", "VERB": "verb", "ADJ": "adj", "ADV": "adv"}
_POS_LETTERS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
"""A pointer's part of speech as the data files write it."""
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


def _synset_line(pos: str, offset: int) -> list[str]:
    folder = wordnet_dir()
    assert folder is not None
    with (folder / f"data.{pos}").open("rb") as handle:
        handle.seek(offset)
        return handle.readline().decode("utf-8", errors="replace").split()


def _synset_words(pos: str, offset: int, lower: bool = True) -> list[str]:
    parts = _synset_line(pos, offset)
    words = [parts[4 + 2 * i].split("(")[0] for i in range(int(parts[3], 16))]
    return [w.lower() for w in words] if lower else words


@lru_cache(maxsize=20_000)
def synonyms(lemma: str, spacy_pos: str) -> tuple[str, ...]:
    """Single-word WordNet synonyms of a lemma in its first senses, in WordNet order: words for
    which that sense is one of their own first senses too, and not one they are mostly used
    in another of (:func:`_mostly_else`). 'correct' shares a sense with 'compensate' (make up
    for) and 'tierce' with 'third', but neither word means that first, so an answer writing them
    means something else ("States were corrected")."""
    pos = _POS_FILES.get(spacy_pos)
    if pos is None or wordnet_dir() is None or len(lemma) < MIN_LETTERS:
        return ()  # 'switch X' names a switch: its 'x' is no 'ten', 'tenner' or 'decade'
    with _lock:
        index = _index(pos)
        offsets = index.get(lemma.lower(), ())
        _tag_counts()  # read once, under the lock
    found: list[str] = []
    # an ambiguous term's synonyms must be its synonyms in its second sense too
    both = set(_synset_words(pos, offsets[1])) if _ambiguous(lemma.lower(), pos, offsets) else None
    for offset in offsets[:OWN_SENSES]:
        for word in _synset_words(pos, offset):
            if word == lemma.lower() or "_" in word or not word.isalpha() or word in found:
                continue
            if len(word) < MIN_LETTERS:
                continue  # 'h' for hydrogen: a symbol, which any answer's stray letter matches
            if (both is not None and word not in both) or _rare(word, pos, lemma.lower()):
                continue
            theirs = index.get(word, ())
            if offset in theirs and not _mostly_else(word, pos, theirs.index(offset)):
                found.append(word)
    return tuple(found)


@lru_cache(maxsize=20_000)
def kinds(lemma: str, spacy_pos: str) -> tuple[str, ...]:
    """Single words WordNet calls a kind of a noun in its first sense (its hyponyms) and that
    are the noun with a word before it: 'sunlight' and 'moonlight' of 'light'. An answer that
    writes one says the noun; the reverse never holds ('light' is no 'sunlight'), so they are
    added only to the general word's group. At most :data:`MAX_KINDS`, the most used first, and
    only those used mostly in that sense (:data:`KIND_TAGS`): 'twilight' ('twi' is no word),
    'haywire' and 'daylight' (mostly the daytime) stay out. No names."""
    if spacy_pos != "NOUN" or wordnet_dir() is None or len(lemma) < MIN_LETTERS:
        return ()
    lemma = lemma.lower()
    with _lock:
        index = _index("noun")
        offsets = index.get(lemma, ())
        counts = _tag_counts()
    found: dict[str, int] = {}
    for offset in _pointers("noun", offsets[0], "~") if offsets else ():
        for word in _synset_words("noun", offset, lower=False):
            head = word[: -len(lemma)]
            if not (word.islower() and word.isalpha() and word.endswith(lemma)):
                continue
            if len(head) < MIN_LETTERS or head not in index or index.get(word, (0,))[0] != offset:
                continue
            tags = counts.get((word, "noun"), {}).get(1, 0)
            if tags >= KIND_TAGS:
                found[word] = tags
    return tuple(sorted(found, key=lambda w: (-found[w], w))[:MAX_KINDS])


def _pointers(pos: str, offset: int, symbol: str) -> list[int]:
    """The offsets of the synsets (of the same part of speech) a synset points to by
    ``symbol`` ('~': its hyponyms)."""
    parts = _synset_line(pos, offset)
    at = 4 + 2 * int(parts[3], 16)
    return [
        int(parts[at + 2 + 4 * k])
        for k in range(int(parts[at]))
        if parts[at + 1 + 4 * k] == symbol and parts[at + 3 + 4 * k] == _POS_LETTERS[pos]
    ]


def _ambiguous(lemma: str, pos: str, offsets: tuple[int, ...]) -> bool:
    """Whether a noun's second sense is tagged at least :data:`AMBIGUOUS_SHARE` as often as its
    first in ``cntlist.rev``: a reference may then mean either, and a synonym of the first alone
    may be another thing. 'plant' is a factory 63 times and a flora 37 ('works'), 'soil' a
    dirtiness 24 times and the earth 12 ('filth', 'grime'; 'dirt' is both), a 'terminal' a
    depot twice and an electrode once; a 'state' is a province in 108 of its 192 uses (less
    than :data:`FIRST_SHARE`), a condition in most others. Only nouns: their frequent senses
    are often different things, a verb's or an adjective's mostly shades of one meaning ('stop'
    keeps 'halt', 'quickly' 'rapidly')."""
    if pos != "noun" or len(offsets) < 2:
        return False
    counts = _tag_counts().get((lemma, pos), {})
    first, second = counts.get(1, 0), counts.get(2, 0)
    return second > 0 and (
        second >= AMBIGUOUS_SHARE * first or first < FIRST_SHARE * sum(counts.values())
    )


def _rare(word: str, pos: str, lemma: str) -> bool:
    """Whether ``word`` is never tagged in any sense in the sense-tagged corpus and is no spelling
    variant of the term (at most :data:`VARIANT_EDITS` letter edits): a word of a specialist or
    an old register that no pupil writes, which only clutters a draft ('amylum' for 'starch',
    'inkiness' for 'black', 'leafage' for 'leaf', 'mensurate' for 'measure')."""
    if _tag_counts().get((word, pos)):
        return False
    return Levenshtein.distance(word, lemma) > VARIANT_EDITS


def _mostly_else(word: str, pos: str, sense: int) -> bool:
    """Whether ``word`` (its senses in WordNet order, ``sense`` 0-based) is hardly ever used in
    ``sense``: tagged in it at most :data:`RARE_TAGS` times in the sense-tagged corpus WordNet
    ships (``cntlist.rev``), and more often in its first sense. An answer writing it then most
    likely means that first sense: 'clip' shares 'time''s first sense ('at a rapid clip') once
    and is a cartridge clip twice; 'atom' and 'molecule' share a sense with 'particle' and are
    never tagged in it. 'link' is tagged three times as 'connect' (fourteen as a bond) and stays;
    a word never tagged, as most spelling variants ('aluminium', 'centimetre'), stays too."""
    if sense == 0:
        return False
    counts = _tag_counts().get((word, pos), {})
    shared = counts.get(sense + 1, 0)
    return shared <= RARE_TAGS and counts.get(1, 0) > shared


_SYNSET_TYPES = {"1": "noun", "2": "verb", "3": "adj", "4": "adv", "5": "adj"}
"""A sense key's synset type (after '%') as the part-of-speech file names (5: adjective
satellite)."""


@cache
def _tag_counts() -> dict[tuple[str, str], dict[int, int]]:
    """(word, pos) -> sense number (1-based) -> how often it was tagged in that sense, from
    ``cntlist.rev`` (empty when the database does not ship it)."""
    folder = wordnet_dir()
    counts: dict[tuple[str, str], dict[int, int]] = {}
    path = folder / "cntlist.rev" if folder is not None else None
    if path is None or not path.is_file():
        return counts
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) != 3 or "%" not in parts[0]:
                continue
            lemma, key = parts[0].split("%", 1)
            pos = _SYNSET_TYPES.get(key[:1])
            if pos is not None and parts[1].isdigit() and parts[2].isdigit():
                counts.setdefault((lemma, pos), {})[int(parts[1])] = int(parts[2])
    return counts
