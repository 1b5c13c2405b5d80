"""Token attributes of an answer as plain Python lists, computed once per parsed answer and
shared by negation, facts and the advisories (reading spaCy attributes token by token is the
costly part of our own code)."""

from __future__ import annotations

import threading
from bisect import bisect_right
from dataclasses import dataclass

from spacy.attrs import (
    IDX,
    IS_ALPHA,
    IS_SPACE,
    IS_STOP,
    LEMMA,
    LIKE_NUM,
    LOWER,
    ORTH,
    POS,
    SENT_START,
)
from spacy.tokens import Doc

# one slot per thread: an answer is scored by one thread from start to end, and nothing is
# stored on the Doc itself (Doc.user_data must stay serialisable for batch workers)
_last = threading.local()


_ATTRS = [ORTH, LOWER, LEMMA, POS, IS_ALPHA, LIKE_NUM, IS_SPACE, IS_STOP, IDX, SENT_START]


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
    """Line number of each token (lines are separated by newlines)."""
    source: str = ""
    """The answer's text (``Doc.text`` rebuilds it from the tokens on every read)."""

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens start..end-1."""
        return self.idx[start], self.idx[end - 1] + len(self.text[end - 1])


def view(doc: Doc, source: str | None = None) -> DocView:
    """The token lists of this answer (cached for the answer being scored).

    Built from ``Doc.to_array`` and the string store: creating a Token object per attribute
    read costs several times more.
    """
    slot = getattr(_last, "slot", None)
    if slot is not None and slot[0] is doc:
        return slot[1]
    n = len(doc)
    columns = doc.to_array(_ATTRS).T.tolist() if n else [[] for _ in _ATTRS]
    strings = doc.vocab.strings
    orth, lower, lemma, pos, alpha, like_num, space, stop, idx, sent_start = columns
    text = [strings[h] for h in orth]
    lowers = [strings[h] for h in lower]
    lemmas = [strings[h].lower() for h in lemma]
    tags = [strings[h] for h in pos]
    alphas = [bool(a) for a in alpha]
    wordlike = [bool(a or b) for a, b in zip(alpha, like_num, strict=True)]
    spaces = [bool(a) for a in space]
    stops = [bool(a) for a in stop]
    sent_of = [0] * n
    sents: list[tuple[int, int]] = []
    if n:
        # SENT_START is 1 at a sentence start, -1 inside, 0 when unset (no parser: one sentence)
        number = 0
        begin = 0
        for i in range(1, n):
            if sent_start[i] == 1:
                sents.append((begin, i))
                begin = i
                number += 1
            sent_of[i] = number
        sents.append((begin, n))
    if source is None:
        source = doc.text
    if "\n" in source:
        newlines = [i for i, ch in enumerate(source) if ch == "\n"]
        line_of = [bisect_right(newlines, i) for i in idx]
    else:
        line_of = [0] * n
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
        source,
    )
    _last.slot = (doc, result)
    return result
