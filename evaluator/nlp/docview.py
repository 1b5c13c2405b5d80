"""Token attributes of an answer as plain Python lists, computed once per parsed answer and
shared by negation, facts and the advisories (reading spaCy attributes token by token is the
costly part of our own code)."""

from __future__ import annotations

import itertools
import re
import threading
from bisect import bisect_left
from dataclasses import dataclass
from typing import cast

from spacy.attrs import IDX, LEMMA, ORTH, POS, SENT_START, SPACY
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

# one slot per thread: an answer is scored by one thread from start to end, and nothing is
# stored on the Doc itself (Doc.user_data must stay serialisable for batch workers)
_last = threading.local()

# Per-token attributes come from Doc.to_array; everything that depends only on the word as
# written (lower case, letters, number-like, space, stop word) is read once per distinct word and
# cached by its string hash, which is stable across processes and pipelines.
_ATTRS = [ORTH, LEMMA, POS, IDX, SENT_START, SPACY]
_LEXEME_CACHE_MAX = 200_000
_NEWLINE = re.compile("\n")
_lexemes: dict[int, tuple[str, str, bool, bool, bool, bool]] = {}
_TAGS = {number: name for name, number in POS_IDS.items()}
"""Part-of-speech symbol (as Doc.to_array gives it) -> tag name ('PROPN')."""
_lemmas: dict[int, str] = {}
"""Lemma hash -> the lemma in lower case."""


def _lexeme(doc: Doc, orth: int) -> tuple[str, str, bool, bool, bool, bool]:
    """(text, lower, alpha, wordlike, space, stop) of one word, cached by its hash."""
    found = _lexemes.get(orth)
    if found is None:
        if len(_lexemes) >= _LEXEME_CACHE_MAX:
            _lexemes.clear()
        lex = doc.vocab[orth]
        found = (
            lex.orth_,
            lex.lower_,
            lex.is_alpha,
            lex.is_alpha or lex.like_num,
            lex.is_space,
            lex.is_stop,
        )
        _lexemes[orth] = found
    return found


def _lemma(doc: Doc, key: int) -> str:
    """A lemma in lower case, cached by its hash."""
    found = _lemmas.get(key)
    if found is None:
        if len(_lemmas) >= _LEXEME_CACHE_MAX:
            _lemmas.clear()
        found = doc.vocab.strings[key].lower()
        _lemmas[key] = found
    return found


@dataclass(frozen=True, slots=True)
class DocView:
    """Per-token lists for one parsed answer."""

    text: list[str]
    """Token texts as written."""
    lower: list[str]
    lemma: list[str]
    """Lower-case lemmas."""
    pos: list[str]
    alpha: list[bool]
    wordlike: list[bool]
    """Letters or a number: the tokens an examiner counts as words."""
    space: list[bool]
    stop: list[bool]
    idx: list[int]
    """Character offset of each token in the answer."""
    sents: list[tuple[int, int]]
    """(start, end) token indexes of each sentence."""
    sent_of: list[int]
    line_of: list[int]
    """Line number of each token (lines are separated by newlines; compare them, do not count
    on their values)."""
    line_breaks: list[int]
    """Indexes of the tokens that begin a new line (after the first)."""
    source: str = ""
    """The answer's text (``Doc.text`` rebuilds it from the tokens on every read)."""

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens start..end-1."""
        return self.idx[start], self.idx[end - 1] + len(self.text[end - 1])


def view(doc: Doc) -> DocView:
    """The token lists of this answer (cached for the answer being scored).

    Built from ``Doc.to_array`` and the string store: creating a Token object per attribute
    read costs several times more.
    """
    slot = getattr(_last, "slot", None)
    if slot is not None and slot[0] is doc:
        return slot[1]
    n = len(doc)
    columns = doc.to_array(_ATTRS).T.tolist() if n else [[] for _ in _ATTRS]
    orth, lemma, pos, idx, sent_start, trailing = columns
    # cache lookups through map() run at C speed; the rare new word is filled in afterwards
    words = list(map(_lexemes.get, orth))
    if None in words:
        words = [w or _lexeme(doc, h) for w, h in zip(words, orth, strict=True)]
    text, lowers, alphas, wordlike, spaces, stops = (
        (list(column) for column in zip(*words, strict=True)) if n else ([] for _ in range(6))
    )
    found = list(map(_lemmas.get, lemma))
    lemmas = (
        [_lemma(doc, h) if w is None else w for w, h in zip(found, lemma, strict=True)]
        if None in found
        else cast(list[str], found)
    )
    found = list(map(_TAGS.get, pos))
    tags = (
        [doc.vocab.strings[h] if t is None else t for t, h in zip(found, pos, strict=True)]
        if None in found
        else cast(list[str], found)
    )
    sent_of = [0] * n
    sents: list[tuple[int, int]] = []
    if n:
        # SENT_START is 1 at a sentence start, -1 inside, 0 when unset (no parser: one sentence)
        starts = [i for i in itertools.compress(range(n), map((1).__eq__, sent_start)) if i]
        sents = list(itertools.pairwise([0, *starts, n]))
        for number, (start, end) in enumerate(sents):
            if number:
                sent_of[start:end] = [number] * (end - start)
    # Doc.text builds a Token object per token; the strings are already here
    source = "".join([t + " " if ws else t for t, ws in zip(text, trailing, strict=True)])
    line_of = [0] * n
    line_breaks: list[int] = []
    if "\n" in source:
        # a token starts a new line when a newline lies between it and the token before it
        breaks = {bisect_left(idx, m.start()) for m in _NEWLINE.finditer(source)}
        line_breaks = sorted(k for k in breaks if 0 < k < n)
        for number, (start, end) in enumerate(itertools.pairwise([*line_breaks, n]), start=1):
            line_of[start:end] = [number] * (end - start)
    result = DocView(
        text,
        lowers,
        lemmas,
        tags,
        alphas,
        wordlike,
        spaces,
        stops,
        idx,
        sents,
        sent_of,
        line_of,
        line_breaks,
        source,
    )
    _last.slot = (doc, result)
    return result
