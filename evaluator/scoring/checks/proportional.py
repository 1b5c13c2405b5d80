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

from collections.abc import Callable, Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
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
    reversed: bool = False
    """The answer denies what the phrasing affirms, in its own words (see
    :func:`polarity_tally`): ``scoring.reversal_factor`` applies instead of the polarity factor."""


def extra_content_words(
    doc: Doc,
    stem_of: Callable[[str, str], str],
    known: frozenset[str],
    read: Collection[int] = (),
) -> int:
    """Distinct content words of the answer whose stem is not among the ``known`` ones (the
    question's and the rubric's but another question's, see ``CompiledRubric.known_stems``).

    ``stem_of`` gives the stem key of a token's (text, lemma), '' when it has none. ``read``:
    indexes of misspelt words read as rubric words ("iodeen"), which are none extra."""
    tokens = view(doc)
    extra: set[str] = set()
    for i, (text, lemma, pos, stop, alpha) in enumerate(
        zip(tokens.text, tokens.lemma, tokens.pos, tokens.stop, tokens.alpha, strict=True)
    ):
        if not alpha or stop or pos not in CONTENT_POS or i in read:
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


def polarity_tally(
    phrasing: Phrasing,
    answer_terms: Mapping[str, Sequence[Any]],
    hits: Sequence[tuple[int, str]],
    undenied: AbstractSet[int],
    restating: frozenset[int],
) -> tuple[float, float] | None:
    """The weight of the groups beyond the question's own words (``echo``) the answer says with
    the other polarity than the phrasing's, and with the same; None when it cannot tell.

    The answer reverses the phrasing (:func:`reverses`) when the other way outweighs the same,
    and is two words at least or half the phrasing's such words ('It is not chlorophyll'
    against 'Chlorophyll'; not 'the one that does not have a scratch' against a reference of six
    words, one of them 'scratch'). A word
    the phrasing affirms is said the other way only where every mention of it is denied by a
    ``restating`` negation (one whose denied words are all the question's or the rubric's:
    "Plants do not use carbon dioxide or water" against "Plants need carbon dioxide and water";
    not "bulbs A and B are not in the same path as bulb C" against "in a closed path", a denial
    of another claim, which the polarity factor reads). A phrasing that states a negation itself
    is reversed only when the answer both denies what it affirms and asserts what it denies
    (``negated``: 'the plant could make glucose' against 'could not make glucose'): which words
    a reference denies is the parser's reading, and a partial one for some of SemEval's ('little
    or no vitamin C' lists 'vitamin' but not 'C'). ``hits``: (group index, the term found) for
    each group found."""
    flags = phrasing.said_negatively
    if phrasing.negative and not any(flags):
        return None  # a negative claim that does not say which words it denies
    flags = flags or tuple(False for _ in phrasing.groups)
    denied = asserted = same = 0.0
    for number, hit in hits:
        weight = phrasing.weights[number]
        if weight < 1.0:
            continue  # the question's own words say nothing of the point
        mentions = [m for m in answer_terms[hit] if not (m.negated and m.start in undenied)]
        if not mentions:
            continue
        if flags[number]:
            if any(m.negated for m in mentions):
                same += weight
            else:
                asserted += weight
        elif all(m.negated and not restating.isdisjoint(range(m.start, m.end)) for m in mentions):
            denied += weight
        elif not all(m.negated for m in mentions):
            same += weight
    if phrasing.negative and not (denied and asserted):
        return None
    return denied + asserted, same


def reverses(tally: tuple[float, float] | None, phrasing: Phrasing) -> bool:
    """Whether a phrasing's polarity tally (:func:`polarity_tally`: the weight of the words the
    answer says the other way, and the same way) reverses it: the other way outweighs the same
    way, and is two words at least or half the phrasing's words beyond the question's."""
    if tally is None:
        return False
    opposite, same = tally
    said = sum(w for w in phrasing.weights if w >= 1.0)
    return opposite > same and (opposite >= 2.0 or opposite >= said / 2)


def proportional_credit(
    phrasings: Sequence[Phrasing],
    answer_terms: Mapping[str, Sequence[Any]],
    *,
    extra_words: int,
    settings: ScoringSettings,
    undenied: AbstractSet[int] = frozenset(),
    restating: frozenset[int] = frozenset(),
    reversible: bool = True,
) -> ProportionalCredit:
    """The best phrasing's weighted share of cue groups found, with the polarity and extra-word
    factors applied (see the module docstring). ``undenied``: token indexes inside a negation's
    scope that it does not deny (:func:`~evaluator.scoring.checks.negation.undenied_words`); a
    group mentioned only there counts for neither polarity. ``restating``: indexes of the
    words denied by negations that deny only what the question and the rubric speak of
    (:func:`reverses`)."""
    best: ProportionalCredit | None = None
    divisor = 1.0 + settings.extra_word_penalty * extra_words
    shares: list[tuple[float, tuple[float, float] | None, ProportionalCredit]] = []
    for index, phrasing in enumerate(phrasings):
        total = sum(phrasing.weights)
        if total <= 0:
            continue
        found = []
        hits: list[tuple[int, str]] = []
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
            hits.append((number, hit))
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
        tally = (
            polarity_tally(phrasing, answer_terms, hits, undenied, restating) if restating else None
        )
        shares.append(
            (
                earned / total / divisor,
                tally,
                ProportionalCredit(
                    credit=0.0,
                    phrasing=index,
                    groups_matched=len(found),
                    groups_total=len(phrasing.groups),
                    found=tuple(found),
                    polarity_mismatch=mismatch,
                    extra_words=extra_words,
                    similar=tuple(similar),
                    echo_only=bool(found) and not said,
                    unfound=tuple(unfound),
                    reversed=reverses(tally, phrasing),
                ),
            )
        )
    # an answer that reverses one reference also reverses another it says nothing the same way
    # of ("Seeds do not need water or warmth" against "Water from the soil and a warm place");
    # one whose polarity some word keeps is its own: "terminal 1 is not connected to the
    # positive terminal" reverses "terminal 1 is connected to the negative terminal" and states
    # "the terminals are not connected" (SemEval: every phrasing zeroed for any reversed one
    # cost Beetle 0.045 AUC)
    reversed_one = reversible and any(candidate.reversed for _, _, candidate in shares)
    for share, tally, candidate in shares:
        reversal = (reversible and candidate.reversed) or (
            reversed_one and tally is not None and tally[0] > 0 and tally[1] == 0
        )
        factor = (
            settings.reversal_factor
            if reversal
            else settings.polarity_factor
            if candidate.polarity_mismatch
            else 1.0
        )
        credit = share * factor
        if best is None or credit > best.credit + 1e-12:
            best = replace(
                candidate,
                credit=min(1.0, credit),
                polarity_mismatch=candidate.polarity_mismatch or reversal,
                reversed=reversal,
            )
    if best is None:
        total = len(phrasings[0].groups) if phrasings else 0
        return ProportionalCredit(0.0, 0, 0, total, (), False, extra_words)
    return best
