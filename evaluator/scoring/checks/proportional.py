"""Proportional credit for short answers: how much of a reference phrasing the answer expresses.

A concept with ``credit: proportional`` is credited, for each of its phrasings (its own cues and
each of its ``alternatives``), with the weighted share of the phrasing's cue groups found anywhere
in the answer: every group weighs 1, a group of words that merely repeat the question
(``echo``) weighs ``scoring.echo_weight``. That share is scaled down when exactly one of the
phrasing and the answer's sentences that hold what it found contains a negation
(``scoring.polarity_factor``; a negation elsewhere in a longer answer is about another point),
and for every content word of the answer that is in neither the rubric nor the question
(``scoring.extra_word_penalty``: an answer that says something else as well is less likely to
be right). The best phrasing counts.

Measured on expert-labelled short answers (docs/validity.md): the reference-recall score ranks
correct answers above the rest far better than all-or-nothing cue groups.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc

from evaluator.nlp.docview import view
from evaluator.rubric.model import ScoringSettings
from evaluator.settings import negation_settings

CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "NUM", "PROPN"})
"""Parts of speech of the words that carry a short answer's content."""


@dataclass(frozen=True)
class Phrasing:
    """One compiled phrasing of a proportional concept."""

    groups: tuple[frozenset[str], ...]
    """Term classes of each cue group (any one matches the group)."""
    weights: tuple[float, ...]
    negative: bool
    heads: tuple[str, ...] = ()
    """The first term of each group (the reference's own word); the group's other terms are
    similar words (synonyms), credited at ``scoring.synonym_credit``."""


@dataclass(frozen=True)
class ProportionalCredit:
    """The best phrasing's credit and what it found."""

    credit: float
    phrasing: int
    """Index of the best phrasing (0: the concept's own cues)."""
    groups_matched: int
    groups_total: int
    found: tuple[str, ...]
    """Term classes of the groups found, in group order."""
    polarity_mismatch: bool
    extra_words: int
    similar: tuple[tuple[str, str], ...] = ()
    """(term found, the reference's word) for groups credited through a similar word."""
    echo_only: bool = False
    """Only groups of the question's own words (``echo``) were found: the answer says nothing
    of the point itself (their small credit stays: on SemEval, zeroing it cost SciEntsBank's
    derived rubrics 0.045 AUC)."""


@cache
def _negators() -> frozenset[str]:
    settings = negation_settings()
    return frozenset(settings.clause_negators) | frozenset(settings.negating_prepositions)


def negative_sentences(doc: Doc) -> frozenset[int]:
    """Indexes of the answer's sentences that contain a negation word ('not', "n't", 'never',
    'without', ...)."""
    negators = _negators()
    tokens = view(doc)
    return frozenset(tokens.sent_of[i] for i, word in enumerate(tokens.lower) if word in negators)


def extra_content_words(doc: Doc, stem_of: Callable[[str, str], str], known: frozenset[str]) -> int:
    """Distinct content words of the answer whose stem is in neither the rubric nor the question.

    ``stem_of`` gives the stem key of a token's (text, lemma), '' when it has none."""
    tokens = view(doc)
    extra: set[str] = set()
    for text, lemma, pos, stop, alpha in zip(
        tokens.text, tokens.lemma, tokens.pos, tokens.stop, tokens.alpha, strict=True
    ):
        if not alpha or stop or pos not in CONTENT_POS:
            continue
        stem = stem_of(text, lemma) or lemma
        if stem not in known and lemma not in known:
            extra.add(stem)
    return len(extra)


def _stated_negatively(
    found: Sequence[str],
    answer_terms: Mapping[str, Sequence[Any]],
    negative_sentences: frozenset[int],
) -> bool:
    """Whether the sentence that holds most of the phrasing's found terms (the first such)
    contains a negation: a longer answer's other sentences are about other points."""
    if not found or not negative_sentences:
        return False
    held = Counter(sent for term in found for sent in {m.sent for m in answer_terms[term]})
    most = max(held.values())
    return min(sent for sent, count in held.items() if count == most) in negative_sentences


def proportional_credit(
    phrasings: Sequence[Phrasing],
    answer_terms: Mapping[str, Sequence[Any]],
    *,
    negative_sentences: frozenset[int],
    extra_words: int,
    settings: ScoringSettings,
) -> ProportionalCredit:
    """The best phrasing's weighted share of cue groups found, with the polarity and extra-word
    factors applied (see the module docstring)."""
    best: ProportionalCredit | None = None
    divisor = 1.0 + settings.extra_word_penalty * extra_words
    for index, phrasing in enumerate(phrasings):
        total = sum(phrasing.weights)
        if total <= 0:
            continue
        found = []
        similar = []
        earned = 0.0
        said = False  # a group beyond the question's own words (echo, weight < 1) found
        heads = phrasing.heads or tuple("" for _ in phrasing.groups)
        for group, weight, head in zip(phrasing.groups, phrasing.weights, heads, strict=True):
            if head in answer_terms:
                found.append(head)
                earned += weight
                said = said or weight >= 1.0
                continue
            hit = next((t for t in sorted(group) if t in answer_terms), None)
            if hit is not None:
                found.append(hit)
                said = said or weight >= 1.0
                if head:
                    similar.append((hit, head))
                    earned += weight * settings.synonym_credit
                else:
                    earned += weight
        mismatch = phrasing.negative != _stated_negatively(found, answer_terms, negative_sentences)
        credit = earned / total / divisor * (settings.polarity_factor if mismatch else 1.0)
        if best is None or credit > best.credit + 1e-12:
            best = ProportionalCredit(
                credit=min(1.0, credit),
                phrasing=index,
                groups_matched=len(found),
                groups_total=len(phrasing.groups),
                found=tuple(found),
                polarity_mismatch=mismatch,
                extra_words=extra_words,
                similar=tuple(similar),
                echo_only=bool(found) and not said,
            )
    if best is None:
        total = len(phrasings[0].groups) if phrasings else 0
        return ProportionalCredit(0.0, 0, 0, total, (), False, extra_words)
    return best
