"""Proportional credit for short answers: how much of a reference phrasing the answer expresses.

A concept with ``credit: proportional`` is credited, for each of its phrasings (its own cues and
each of its ``alternatives``), with the weighted share of the phrasing's cue groups found anywhere
in the answer: every group weighs 1, a group of words that merely repeat the question
(``echo``) weighs ``scoring.echo_weight``. That share is scaled down
(``scoring.polarity_factor``) when the answer's polarity differs from the phrasing's, read word
by word inside negations' scopes (:func:`polarity_differs`): a negation elsewhere in the answer,
or in the phrasing, is about something else. It is scaled down too for every content word of the
answer that is in neither the question nor the rubric (``scoring.extra_word_penalty``: an answer
that says something else as well is less likely to be right), per question: the terms of the
points only other questions count are not its words (a tutor's test of many short questions, one
reference answer each, is graded as each question's rubric alone). The best phrasing counts.

Measured on expert-labelled short answers (docs/validity.md): the reference-recall score ranks
correct answers above the rest far better than all-or-nothing cue groups.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from evaluator.nlp.docview import view
from evaluator.rubric.model import ScoringSettings

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
    said_negatively: tuple[bool, ...] = ()
    """Per group: whether the phrasing states it inside its negation (``negated``: 'push' in
    'release it without pushing'); empty when the rubric does not say."""
    written: tuple[str, ...] = ()
    """The first term of each group as the rubric writes it (what a learner's step names)."""


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
    unfound: tuple[int, ...] = ()
    """Indexes of the best phrasing's cue groups the answer does not write (what the learner's
    next step names)."""


def extra_content_words(doc: Doc, stem_of: Callable[[str, str], str], known: frozenset[str]) -> int:
    """Distinct content words of the answer whose stem is not among the ``known`` ones (the
    question's and the rubric's but another question's, see ``CompiledRubric.known_stems``).

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


def polarity_differs(
    phrasing: Phrasing,
    found: Sequence[int],
    denied: AbstractSet[int],
    denied_somewhere: AbstractSet[int] = frozenset(),
) -> bool:
    """Whether the answer's polarity differs from the phrasing's, given the indexes of the
    groups it found and of those it found only inside a negation's scope (``denied``: every
    mention of the group's term is negated, so "no gap" denies the gap), and of those it
    denies in one mention at least (``denied_somewhere``).

    A phrasing that says which of its words it negates (``said_negatively``) is read word by
    word: an answer that writes one of them must deny it, somewhere ("push the car" against
    "release it without pushing"; an answer of several points that names germination twice,
    "warmth speeds germination" and "airless jars stop germination", denies it once: session
    42); one that writes none of them must deny none of the words the phrasing affirms ("use
    the same car" is the reference's first half, said right). A negative phrasing that does not
    say (hand-written, ``negative_claim``) wants some found word denied, and an affirmative one
    none: a negation in another clause of the answer is about something else."""
    negated = {i for i, flag in enumerate(phrasing.said_negatively) if flag}
    if negated:
        named = negated.intersection(found)
        if named:
            return not named & (denied | denied_somewhere)
        return bool(denied)
    return phrasing.negative != bool(denied)


def proportional_credit(
    phrasings: Sequence[Phrasing],
    answer_terms: Mapping[str, Sequence[Any]],
    *,
    extra_words: int,
    settings: ScoringSettings,
    undenied: AbstractSet[int] = frozenset(),
) -> ProportionalCredit:
    """The best phrasing's weighted share of cue groups found, with the polarity and extra-word
    factors applied (see the module docstring). ``undenied``: token indexes inside a negation's
    scope that it does not deny (:func:`~evaluator.scoring.checks.negation.undenied_words`); a
    group mentioned only there counts for neither polarity."""
    best: ProportionalCredit | None = None
    divisor = 1.0 + settings.extra_word_penalty * extra_words
    for index, phrasing in enumerate(phrasings):
        total = sum(phrasing.weights)
        if total <= 0:
            continue
        found = []
        unfound: list[int] = []
        found_groups: list[int] = []
        denied: set[int] = set()
        somewhere: set[int] = set()  # groups denied in one mention at least
        similar = []
        earned = 0.0
        said = False  # a group beyond the question's own words (echo, weight < 1) found
        heads = phrasing.heads or tuple("" for _ in phrasing.groups)
        for number, (group, weight, head) in enumerate(
            zip(phrasing.groups, phrasing.weights, heads, strict=True)
        ):
            hit = head if head in answer_terms else None
            if hit is None:
                hit = next((t for t in sorted(group) if t in answer_terms), None)
                if hit is None:
                    unfound.append(number)
                    continue
                if head:
                    similar.append((hit, head))
                    earned += weight * settings.synonym_credit
                else:
                    earned += weight
            else:
                earned += weight
            found.append(hit)
            said = said or weight >= 1.0
            mentions = answer_terms[hit]
            if all(m.negated and m.start in undenied for m in mentions):
                # 'the infection is stopped', 'without the person getting ill': a word in a
                # negation's scope that it does not deny says nothing of the answer's polarity
                continue
            found_groups.append(number)
            if all(m.negated for m in mentions):
                denied.add(number)
            elif any(m.negated and m.start not in undenied for m in mentions):
                somewhere.add(number)
        mismatch = polarity_differs(phrasing, found_groups, denied, somewhere)
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
                unfound=tuple(unfound),
            )
    if best is None:
        total = len(phrasings[0].groups) if phrasings else 0
        return ProportionalCredit(0.0, 0, 0, total, (), False, extra_words)
    return best
