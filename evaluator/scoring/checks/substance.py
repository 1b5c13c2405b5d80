"""Whether the answer says something about a concept, or only names it or restates the question.

An examiner gives a point full credit when the answer says something about it ("India, Japan
and Australia launched the Supply Chain Resilience Initiative in 2021 to diversify away from
China"), not when it drops a programme's name ("India and Japan have the Supply Chain
Resilience Initiative") or repeats the question's words back ("Economic security is a new
pillar"). A covered concept none of whose sentences says something earns partial credit.

A sentence says something about a concept when, outside the concept's own matched words and
the question's wording, it holds a number or date, another rubric term, or at least
``min_own_words`` content words of its own (``evaluator/data/substance.yaml``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from evaluator.nlp.docview import view
from evaluator.scoring.checks.matching import TermMatch
from evaluator.settings import substance_settings

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})
_NAMING_POS = frozenset({"NOUN", "PROPN", "NUM"})
"""A rubric term says something specific when it names a thing (not 'good' matching 'goods')."""
_SUFFIXES = ("ing", "ed", "es", "s", "ly")
_last = threading.local()
"""(answer, question words, token index -> whether the token is fresh) of the answer being
scored, one slot per thread like the token view."""


@lru_cache(maxsize=16384)  # answers repeat their words: each is cut once per process
def _stem(word: str) -> str:
    """A crude stem, so 'shocked' echoes 'shocks' where the lemmatiser reads an adjective."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=256)
def _question_words(text: str, nlp: Language) -> frozenset[str]:
    words: set[str] = set()
    for token in nlp(text):
        for word in (token.lower_, token.lemma_.lower()):
            words.add(word)
            words.add(_stem(word))
    return frozenset(words)


def question_words(text: str, nlp: Language) -> frozenset[str]:
    """Lower-case words and lemmas of the question's text (parsed once per process)."""
    return _question_words(text, nlp)


def says_something(
    doc: Doc,
    own: Sequence[TermMatch],
    names: frozenset[str],
    by_sentence: Mapping[int, Sequence[TermMatch]],
    asked: frozenset[str],
) -> bool:
    """Whether any sentence holding one of the concept's matches (``own``) says something about
    it beyond its names (``names``: the concept's aliases) and the question's words (``asked``):
    a cue of its own outside its names and the question, a number, another rubric term naming a
    thing, or enough content words of its own."""
    tokens = view(doc)
    # every covered concept of the answer asks about the same tokens: each is judged once
    slot = getattr(_last, "slot", None)
    if slot is None or slot[0] is not doc or slot[1] is not asked:
        slot = _last.slot = (doc, asked, {})
    judged: dict[int, bool] = slot[2]

    def fresh(i: int) -> bool:
        found = judged.get(i)
        if found is None:
            low, lemma = tokens.lower[i], tokens.lemma[i]
            found = judged[i] = (
                not ({low, lemma, _stem(low), _stem(lemma)} & asked) and not tokens.stop[i]
            )
        return found

    name_tokens: set[int] = set()
    own_terms = {m.term for m in own}
    for m in own:
        span = range(m.start, m.end)
        if m.term in names or not any(fresh(i) for i in span):
            name_tokens.update(span)
    sentences = sorted({m.sent for m in own})
    for m in (m for s in sentences for m in by_sentence.get(s, ())):
        if m.negated or m.start in name_tokens:
            continue
        span = range(m.start, m.end)
        if m.term in own_terms:
            if any(fresh(i) for i in span):
                return True  # a cue of its own beyond its name: it says what the concept is
        elif any(fresh(i) and tokens.pos[i] in _NAMING_POS for i in span):
            return True  # another rubric term naming a thing (not 'good' matching 'goods')
    minimum = substance_settings().min_own_words
    for s in sentences:
        start, end = tokens.sents[s]
        words: set[str] = set()
        for i in range(start, end):
            if i in name_tokens or not fresh(i):
                continue
            if any(ch.isdigit() for ch in tokens.text[i]):
                return True
            if tokens.alpha[i] and tokens.pos[i] in _CONTENT_POS:
                words.add(tokens.lemma[i])
        if len(words) >= minimum:
            return True
    return False


def matches_by_sentence(matches: Iterable[TermMatch]) -> dict[int, list[TermMatch]]:
    """The answer's term matches grouped by sentence (built once per answer)."""
    grouped: dict[int, list[TermMatch]] = {}
    for m in matches:
        grouped.setdefault(m.sent, []).append(m)
    return grouped


def restated_sentences(doc: Doc, asked: frozenset[str], new_words: int, min_words: int) -> int:
    """Sentences (of ``min_words`` words or more) that add fewer than ``new_words`` content
    words to what the question and the earlier sentences already said: padding that restates
    ("Critical sectors are critical", "The Act East Policy is about acting east")."""
    tokens = view(doc)
    seen = set(asked)
    restated = 0
    for start, end in tokens.sents:
        if sum(tokens.wordlike[start:end]) < min_words:
            continue
        words = _content_lemmas(doc, start, end)
        if len(_new_words(words, seen)) < new_words:
            restated += 1
        seen.update(words)
        seen.update(_stem(w) for w in words)
    return restated


def sentences_beyond(doc: Doc, asked: frozenset[str], new_words: int) -> list[tuple[int, int]]:
    """The (first, last) character offsets of the sentences that do more than restate the
    question: those that add at least ``new_words`` content words to the question's
    (``asked``), and headings and labels ("Way forward:", "Convergence in the Quad"), which
    open what follows them rather than state anything."""
    tokens = view(doc)
    spans = []
    for start, end in tokens.sents:
        first, last = tokens.char_span(start, end)
        stated = tokens.source[first:last].rstrip().endswith((".", "!", "?"))
        if not stated or len(_new_words(_content_lemmas(doc, start, end), asked)) >= new_words:
            spans.append((first, last))
    return spans


def _content_lemmas(doc: Doc, start: int, end: int) -> set[str]:
    tokens = view(doc)
    return {
        tokens.lemma[i]
        for i in range(start, end)
        if tokens.alpha[i] and not tokens.stop[i] and tokens.pos[i] in _CONTENT_POS
    }


def _new_words(words: Iterable[str], seen: set[str] | frozenset[str]) -> list[str]:
    return [w for w in words if w not in seen and _stem(w) not in seen]
