"""Token attributes of an answer as plain Python lists, computed once per parsed answer and
shared by negation, facts and the advisories (reading spaCy attributes token by token is the
costly part of our own code)."""

from __future__ import annotations

import threading
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

# one slot per thread: an answer is scored by one thread from start to end, and nothing is
# stored on the Doc itself (Doc.user_data must stay serialisable for batch workers)
_last = threading.local()


@dataclass(frozen=True, slots=True)
class DocView:
    """Per-token lists for one parsed answer."""

    lower: list[str]
    lemma: list[str]
    """Lower-case lemmas."""
    pos: list[str]
    alpha: list[bool]
    wordlike: list[bool]
    """Letters or a number: the tokens an examiner counts as words."""
    space: list[bool]
    sents: list[tuple[int, int]]
    """(start, end) token indexes of each sentence."""
    sent_of: list[int]
    line_of: list[int]
    """Line number of each token (lines are separated by newlines)."""


def view(doc: Doc) -> DocView:
    """The token lists of this answer (cached on the Doc)."""
    slot = getattr(_last, "slot", None)
    if slot is not None and slot[0] is doc:
        return slot[1]
    lower = []
    lemma = []
    pos = []
    alpha = []
    wordlike = []
    space = []
    idx = []
    for t in doc:
        lower.append(t.lower_)
        lemma.append(t.lemma_.lower())
        pos.append(t.pos_)
        is_alpha = t.is_alpha
        alpha.append(is_alpha)
        wordlike.append(is_alpha or t.like_num)
        space.append(t.is_space)
        idx.append(t.idx)
    sents = [(s.start, s.end) for s in doc.sents] if len(doc) else []
    sent_of = [0] * len(doc)
    for number, (start, end) in enumerate(sents):
        for i in range(start, end):
            sent_of[i] = number
    text = doc.text
    if "\n" in text:
        newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        line_of = [bisect_right(newlines, i) for i in idx]
    else:
        line_of = [0] * len(doc)
    result = DocView(lower, lemma, pos, alpha, wordlike, space, sents, sent_of, line_of)
    _last.slot = (doc, result)
    return result
