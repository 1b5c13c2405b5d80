"""Crediting concepts: covered, partial, negated or missing, from their aliases and from their
cue groups co-occurring within a small sentence window (or, for a proportional concept, the
share of its cue groups found)."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from spacy.tokens import Doc

from evaluator.nlp.docview import view
from evaluator.nlp.lexicon import stem_form
from evaluator.rubric.model import Concept, Question
from evaluator.scoring.checks.matching.compiled import CompiledRubric
from evaluator.scoring.checks.matching.forms import stem_key
from evaluator.scoring.checks.matching.terms import (
    TermMatch,
    by_position,
    spelling_corrections,
    with_changes,
)
from evaluator.scoring.checks.negation import DeniedRelation, NounPredicate, negation_rules
from evaluator.scoring.checks.proportional import (
    ProportionalCredit,
    extra_content_words,
    proportional_credit,
)


@dataclass(frozen=True)
class ConceptMatch:
    """What the cue groups of one concept found in the answer."""

    status: str
    """covered, partial, missing or negated (contradiction is decided later, by facts)."""
    groups_matched: int
    groups_total: int
    evidence: tuple[TermMatch, ...] = ()
    negation_cue: str = ""
    via_alias: bool = False
    proportional: ProportionalCredit | None = None
    """For a ``credit: proportional`` concept: the credit and what it is made of."""


def _given_by_a_stance(
    by_term: Mapping[str, Sequence[TermMatch]],
) -> Mapping[str, Sequence[TermMatch]]:
    """Mentions a stance negates ("India and Japan reject China's unilateral moves") as
    asserted: rejecting something takes it as given (negation.yaml ``stance_negators``)."""
    stance = negation_rules().stance_negators
    if not any(
        m.negated and m.negation_cue.lower() in stance for ms in by_term.values() for m in ms
    ):
        return by_term
    return {
        t: [
            m._replace(negated=False, negation_cue="")
            if m.negated and m.negation_cue.lower() in stance
            else m
            for m in ms
        ]
        for t, ms in by_term.items()
    }


def touched_concepts(compiled: CompiledRubric, by_term: Mapping[str, object]) -> set[str]:
    """Concepts with at least one alias or cue term in the answer (the rest are missing)."""
    touched: set[str] = set()
    for term in by_term:
        touched.update(compiled.concepts_of_term.get(term, ()))
    return touched


def concept_coverage(
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    window_sentences: int = 2,
    denied: AbstractSet[int] = frozenset(),
    classified: Mapping[int, AbstractSet[int]] | None = None,
    bounded: Mapping[int, AbstractSet[str]] | None = None,
    reversed_negatives: Mapping[int, str] | None = None,
    kept_apart: AbstractSet[int] = frozenset(),
    others: Mapping[AbstractSet[int], AbstractSet[int]] | None = None,
    related: Mapping[int, DeniedRelation] | None = None,
    lost_for: AbstractSet[int] = frozenset(),
    stance_lost: Mapping[int, frozenset[str]] | None = None,
    stance_kept: AbstractSet[int] = frozenset(),
) -> ConceptMatch:
    """Full, partial, negated or no coverage of one concept from its aliases and cue groups.

    ``denied`` holds token indexes of negations that deny a negative statement ("trade does not
    remain small"): for a negative-claim concept only those still count as negated; and
    ``reversed_negatives`` the clause of a cancelled negative ("the US-2 deal has not stalled":
    asserted for other points), which denies a negative-claim concept; ``kept_apart`` the things
    a negated verb of confusing keeps apart, neither credit nor denial but for a denial concept.
    ``classified`` maps the words in the subject of a negated noun predicate to the predicate's
    tokens (:func:`~evaluator.scoring.checks.negation.classified_subjects`): a negated mention
    there denies the concept only when the predicate names the concept too ("the bullet train is
    not a Japanese project"); otherwise ("Neither the Quad nor the 2+2 is a military alliance")
    it is left out, neither credit nor denial, as is a mention in a negated clause that a period
    bounds (``bounded``: negator index -> the period's years; "No annual summit was held in
    2020"), unless the period is the concept's own date. A negation opened by one of the
    concept's own cues states the concept ("Indian exporters lack Japanese-language skills"
    states the language gap whose cues hold 'lack'): its matches there are asserted. The things
    a negated comparison or verb of dropping relates stay asserted (``related``,
    :func:`~evaluator.scoring.checks.negation.denied_relations`) but for a concept whose own
    claim is that relation: "NITI Aayog did not replace the Planning Commission" denies the
    point that it replaced it. What a verb of losing takes in beside the lost thing
    (``lost_for``, :attr:`~evaluator.scoring.checks.negation.NegationScopes.lost_for`) is
    neither credit nor denial but for a point that states the loss. What a lost stance was
    towards (``stance_lost``: 'the AAGC' of "Japan has lost interest in the AAGC") is read by
    what the point says of it (:func:`_read_by_a_lost_stance`); what a stance not lost was
    towards (``stance_kept``: "India did not lose interest in the AAGC") earns a point of doubt
    about it nothing.
    """
    groups = compiled.concept_groups[concept.id]
    total = len(groups)
    if not concept.denial and not concept.negative_claim:
        if related:
            by_term = _denied_own_relation(concept, compiled, by_term, related)
        by_term = _given_by_a_stance(by_term)
        by_term = _stated_by_own_cue(concept, compiled, by_term)
        if stance_lost:
            by_term = _read_by_a_lost_stance(concept, compiled, by_term, stance_lost)
        if stance_kept and concept.id in compiled.doubting:
            # "India did not lose interest in the AAGC" is no doubt about the corridor
            by_term = _without(concept, compiled, by_term, stance_kept)
        by_term = _lost_as_the_point_says(concept, compiled, by_term)
        if lost_for:
            # "The states lost their power to levy taxes": what the power was for is neither
            # credit nor denial of a point that is no loss
            by_term = {
                t: [m for m in found if not (m.negated and m.start in lost_for)]
                for t, found in by_term.items()
            }
        if bounded:
            by_term = _without_bounded(concept, compiled, by_term, bounded)
        if classified:
            by_term = _without_classified(concept, compiled, by_term, classified, others)
    if kept_apart and not concept.denial:
        # "The CEPA should not be confused with RCEP": neither credit nor denial (a denial point
        # takes "… not to be mistaken for a military alliance")
        by_term = {
            t: [m for m in found if m.start not in kept_apart] for t, found in by_term.items()
        }
    if concept.denial:
        # the concept is the denial ('not connected'): only negated mentions count, as asserted
        own = compiled.concept_aliases[concept.id].union(*groups)
        kept = {
            t: [m._replace(negated=False, negation_cue="") for m in by_term[t] if m.negated]
            for t in own
            if t in by_term
        }
        by_term = {t: found for t, found in kept.items() if found}
    elif concept.negative_claim:
        # the negation is the claim: "India did not join RCEP" asserts this concept
        own = compiled.concept_aliases[concept.id].union(*groups)
        flipped = reversed_negatives or {}
        if stance_lost:
            # "Investors have lost patience with the land acquisition delays": what a lost
            # stance was towards is there, the delays with it (no denied negative)
            denied = denied - stance_lost.keys()
        by_term = {
            t: [
                m._replace(negated=False, negation_cue="")
                if m.negated and m.start not in denied
                else m._replace(negated=True, negation_cue=flipped[m.start])
                if not m.negated and m.start in flipped
                else m
                for m in by_term[t]
            ]
            for t in own
            if t in by_term
        }
    # dict keys test a small set of terms against the answer's terms in C, without a new set
    answer_terms = by_term.keys()
    aliases = compiled.concept_aliases[concept.id]
    alias_hits = (
        [m for t in aliases for m in by_term.get(t, ())]
        if not answer_terms.isdisjoint(aliases)
        else []
    )
    asserted_aliases = [m for m in alias_hits if not m.negated]
    if asserted_aliases:
        return ConceptMatch(
            "covered", total, total, tuple(_first(asserted_aliases)), via_alias=True
        )

    needed_partial = total // 2 + 1  # more than half of the groups
    present = [not answer_terms.isdisjoint(group) for group in groups]
    if not alias_hits and sum(present) < needed_partial:
        # too few groups anywhere in the answer for any window to reach partial credit (the
        # common case: one generic word such as 'Japan'); no window search needed
        asserted = 0
        for group, here in zip(groups, present, strict=True):
            if here and _asserted_in(group, by_term):
                asserted += 1
        return _missing_match(asserted, total)
    group_hits: list[list[TermMatch]] = []
    for group, here in zip(groups, present, strict=True):
        hits: list[TermMatch] = []
        if here:
            for t in group:
                found = by_term.get(t)
                if found:
                    hits += found
            if len(hits) > 1:
                # groups are frozensets: sort so the evidence never depends on string hashing
                hits.sort(key=by_position)
        group_hits.append(hits)

    count, evidence = _best_window(group_hits, window_sentences, asserted_only=True)
    if count == total:
        return ConceptMatch("covered", count, total, evidence)
    if any(m.negated for hits in group_hits for m in hits):
        any_count, any_evidence = _best_window(group_hits, window_sentences, asserted_only=False)
    else:
        any_count, any_evidence = count, evidence
    negated_alias = [m for m in alias_hits if m.negated]
    if not negated_alias and any_count >= needed_partial and any_count > count:
        # the denied claim must itself say the point (or part of it): in "Japan is not the
        # largest trading partner, but among the biggest investors" only 'largest' is negated,
        # one group of the fifth-largest-investor point, whose 'investors' stands asserted;
        # and one claim must deny it: "the US-2 aircraft deal never materialised. No platform
        # has been co-produced" are two true denials, neither of them of the pledge to build
        # 30% of the aircraft in India
        denied_count, _ = _best_window(
            [[m for m in hits if m.negated] for hits in group_hits],
            1,
            asserted_only=False,
        )
        if denied_count < needed_partial:
            any_count = count
    core = groups[0] if concept.needs_first_group else None
    if negated_alias or (any_count >= needed_partial and any_count > count):
        negated_evidence = tuple(m for m in (negated_alias or any_evidence) if m.negated)
        if core is not None and not negated_alias and not _in_claim(group_hits[0], any_evidence):
            # the denied claim never names the point itself: "India and Japan hold 2+2
            # dialogues. The US-2 deal has not been concluded" denies a deal, not the 2+2
            negated_evidence = ()
        if negated_evidence and (negated_alias or count < needed_partial):
            cue = negated_evidence[0].negation_cue
            return ConceptMatch(
                "negated", max(any_count, count), total, tuple(_first(negated_evidence)), cue
            )
    if total > 1 and count >= needed_partial and (core is None or _names(core, evidence)):
        return ConceptMatch("partial", count, total, evidence)
    return ConceptMatch("missing", count, total, ())


def _names(group: frozenset[str], evidence: Sequence[TermMatch]) -> bool:
    """Whether some of the evidence is a term of this cue group."""
    return any(m.term in group for m in evidence)


def _in_claim(hits: Sequence[TermMatch], evidence: Sequence[TermMatch]) -> bool:
    """Whether one of the hits is in a sentence where the evidence holds a denial."""
    denied = {m.sent for m in evidence if m.negated}
    return any(m.sent in denied for m in hits)


def _without_classified(
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    classified: Mapping[int, AbstractSet[int]],
    others: Mapping[AbstractSet[int], AbstractSet[int]] | None = None,
) -> Mapping[str, Sequence[TermMatch]]:
    """``by_term`` without the concept's negated mentions in the subject of a negated noun
    predicate (or the object of a negated stance verb) that names nothing more of the concept,
    and in a predicate whose subject is another party's (``others``: predicate -> its subject,
    :func:`~evaluator.scoring.checks.negation.others_subjects`) that names nothing of the
    concept (see :func:`concept_coverage`)."""
    own = compiled.concept_terms[concept.id]
    mine = [(t, m) for t in own for m in by_term.get(t, ())]
    aliases = compiled.concept_aliases[concept.id]
    if others:
        # "The Quad has no free trade agreement": what another party lacks or is not says
        # nothing of a point its subject does not name (the India–Japan CEPA), when the
        # predicate describes it in general words; a point named by its own name is the one
        # denied ("Australia is not part of the SCRI")
        named = {i for _, m in mine for i in range(m.start, m.end)}
        theirs = [span for span, subject in others.items() if not subject & named]
        aside = {
            id(m)
            for t, m in mine
            if m.negated
            and t not in aliases
            and m.start not in classified
            and any(m.start in span for span in theirs)
        }
        if aside:
            by_term = with_changes(
                by_term,
                {t: [m for m in by_term[t] if id(m) not in aside] for t in own if t in by_term},
            )
            mine = [(t, m) for t, m in mine if id(m) not in aside]
    groups = compiled.concept_groups[concept.id]

    def names_more(said: str, other: str) -> bool:
        # the predicate's term says something of the concept the subject's does not: an alias,
        # or a cue group the subject's term is not in ("Japan's ODA loans are not grants"
        # tells loans from grants, one group: the ODA point stands)
        return other in aliases or any(other in g and said not in g for g in groups)

    denials = compiled.denial_terms
    # a predicate that holds what a denial point denies states that point ("the Quad carries no
    # Article 5 commitment" is the Quad's not being an alliance): nothing else it names denies
    # its subject
    stating = {
        span
        for span in set(classified.values())
        if any(o.start in span for term in denials for o in by_term.get(term, ()))
    }
    dropped = {
        id(m)
        for t, m in mine
        if m.negated
        and m.start in classified
        and (
            classified[m.start] in stating
            or not any(o.start in classified[m.start] and names_more(t, u) for u, o in mine)
        )
    }
    if not dropped:
        return by_term
    # the subject of a negated noun predicate is presupposed ("Neither JIMEX nor Dharma
    # Guardian is a combat alliance" speaks of both) and asserted, where the predicate names
    # nothing the rubric knows but what it denies ('alliance'); a predicate of the rubric's
    # words ("the 2+2 is not a platform for defence talks") says the point is wrong, and its
    # subject earns nothing. The doer of a negated deed, or what a stance is about, is left out.
    presupposed = {
        id(m)
        for t, m in mine
        if id(m) in dropped
        and isinstance(classified[m.start], NounPredicate)
        and not _names_rubric_words(classified[m.start], by_term, compiled)
    }
    changed = {
        t: [
            m._replace(negated=False, negation_cue="") if id(m) in presupposed else m
            for m in by_term[t]
            if id(m) not in dropped or id(m) in presupposed
        ]
        for t in own
        if t in by_term
    }
    return with_changes(by_term, changed)


def _names_rubric_words(
    span: AbstractSet[int], by_term: Mapping[str, Sequence[TermMatch]], compiled: CompiledRubric
) -> bool:
    """Whether a rubric term is matched inside ``span`` (a negated noun predicate), other than
    a term of a denial ('a combat alliance' is what the Quad point `not an alliance` denies)."""
    denials = compiled.denial_terms
    return any(
        m.start in span for term, found in by_term.items() if term not in denials for m in found
    )


def _without_bounded(
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    bounded: Mapping[int, AbstractSet[str]],
) -> Mapping[str, Sequence[TermMatch]]:
    """``by_term`` without the concept's mentions in a negated clause that a period bounds ("No
    annual summit was held in 2020"): neither credit nor denial, unless the period holds one of
    the concept's own fact values ("India did not sign the peace treaty in 1952" denies it)."""
    own = compiled.concept_terms[concept.id]
    hit = [(t, m) for t in own for m in by_term.get(t, ()) if m.negated and m.negator in bounded]
    if not hit:
        return by_term
    # the concept's own dates: its year facts and any year among its cues
    values = {
        str(int(f.expected.value))
        for f in compiled.loaded.rubric.facts
        if f.concept == concept.id and f.expected.kind == "year"
    } | {t for t in own if len(t) == 4 and t.isdigit()}
    dropped = {id(m) for _, m in hit if not values & bounded[m.negator]}
    if not dropped:
        return by_term
    changed = {t: [m for m in by_term[t] if id(m) not in dropped] for t in own if t in by_term}
    return with_changes(by_term, changed)


def _denied_own_relation(
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    related: Mapping[int, DeniedRelation],
) -> Mapping[str, Sequence[TermMatch]]:
    """``by_term`` with the concept's mentions that a negated relation keeps asserted denied,
    where the concept's own claim writes that verb: "NITI Aayog did not replace the Planning
    Commission" denies the point that it replaced it, and "States did not give up their power to
    tax" the point that they gave it up (a tutor's trial, session 47: both had earned their
    point), where "Japan's investment has not matched its pledges" keeps a point about the
    pledges. Not for a point `rubric tune` learned (its note is a pupil's answer)."""
    if concept.learned or concept.exemplar:
        return by_term
    own = compiled.concept_terms[concept.id]
    hits = [m for t in own for m in by_term.get(t, ()) if not m.negated and m.start in related]
    if not hits:
        return by_term
    claim = compiled.claim_stems(concept)

    def own_verb(verb: str) -> bool:
        # a verb of losing denies a point that writes one as a verb ("did not lose their power
        # to tax" of "States gave up their power to tax"), not as an adjective: "did not lose
        # revenue" denies no point on "compensation for lost revenue"
        if _losing(compiled, [verb]):
            return concept.id in compiled.loss_claims
        return stem_form(verb) in claim

    denials = {related[m.start] for m in hits if own_verb(related[m.start].verb)}
    # the denied clause must say the point: "NITI Aayog does not replace state plans; it acts as
    # a think tank" denies no point that NITI Aayog, which replaced the Planning Commission, is
    # a think tank
    saying = {d for d in denials if _names_the_point(concept, compiled, by_term, d.start, d.end)}
    turned = {id(m): related[m.start] for m in hits if related[m.start] in saying}
    # a point cued by names alone is how those things relate ("NITI Aayog replaced the Planning
    # Commission"): a negated other relation of them all ("NITI Aayog has not matched the
    # Planning Commission in funding states") neither states nor denies it (session 48: it had
    # earned the point); a denied loss is none: "The Gram Sabha did not give up its say under
    # PESA" keeps what it had, as "has kept its say" does
    other = (
        {
            d
            for d in {related[m.start] for m in hits} - denials
            if not d.kept
            and _names_the_point(concept, compiled, by_term, d.start, d.end, every=True)
        }
        if _cued_by_names(concept)
        else set()
    )
    dropped = {id(m) for m in hits if related[m.start] in other}
    if not turned and not dropped:
        return by_term
    changed = {
        t: [
            m._replace(negated=True, negation_cue=d.cue, negator=d.negator)
            if (d := turned.get(id(m))) is not None
            else m
            for m in by_term[t]
            if id(m) not in dropped
        ]
        for t in own
        if t in by_term
    }
    return with_changes(by_term, changed)


def _cued_by_names(concept: Concept) -> bool:
    """Whether each of a concept's cues is a name (written with a capital: 'NITI', 'Planning
    Commission'), and it has two groups or more."""
    return len(concept.cues) > 1 and all(t != t.lower() for group in concept.cues for t in group)


def _names_the_point(
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    start: int,
    end: int,
    every: bool = False,
) -> bool:
    """Whether the words from ``start`` to ``end`` name an alias of the concept or more than half
    of its cue groups (``every``: all of them)."""

    def inside(term: str) -> bool:
        return any(start <= m.start < end for m in by_term.get(term, ()))

    if any(inside(t) for t in compiled.concept_aliases[concept.id]):
        return True
    groups = compiled.concept_groups[concept.id]
    named = sum(1 for group in groups if any(inside(t) for t in group))
    return named == len(groups) if every else named >= len(groups) // 2 + 1


def _stated_by_own_cue(
    concept: Concept, compiled: CompiledRubric, by_term: Mapping[str, Sequence[TermMatch]]
) -> Mapping[str, Sequence[TermMatch]]:
    """``by_term`` with the concept's matches asserted where the word that opened their negation
    is itself one of the concept's cues: a concept that names a lack is stated by "India lacks
    the logistics" ("India lacks a defence pact" still denies a pact, whose cues have no
    'lack'; "India does not lack infrastructure" is opened by 'not')."""
    own = compiled.concept_terms[concept.id]
    stating = {
        m.negator
        for t in own
        for m in by_term.get(t, ())
        if m.negated and m.start <= m.negator < m.end
    }
    if not stating:
        return by_term
    return _asserted(by_term, own, lambda m: m.negator in stating)


def _read_by_a_lost_stance(
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    stance_lost: Mapping[int, frozenset[str]],
) -> Mapping[str, Sequence[TermMatch]]:
    """``by_term`` with the concept's mentions in what a lost stance was towards read by what
    the concept's own claim says of the thing (read at compile time,
    :func:`~evaluator.scoring.checks.matching.claim_reading.stance_readings`). A claim of a
    stake stays denied ("Japan lost interest in the Kuril Islands long ago" of "… the South
    Kuril Islands, which Japan claims"); a claim of doubt or waning is stated ("Japan has lost
    interest in the AAGC" of "Doubts about the Asia-Africa Growth Corridor"); any other point,
    or one that says both, is neither credited nor denied: "Both have lost faith in the AAGC"
    says how they feel about it, not that they never worked together in third countries.

    A stake is denied only by its holder's loss: "India lost interest in the Kuril Islands"
    says nothing of Japan's claim. The holder is the country the point names as having the
    stake (:attr:`~.compiled.CompiledRubric.stake_holders`), else the rubric's subject; a loss
    by a country that is neither is neither credit nor denial, and one by no named country
    ('both', 'investors', 'it') still denies."""
    own = compiled.concept_terms[concept.id]
    if not any(m.negated and m.start in stance_lost for t in own for m in by_term.get(t, ())):
        return by_term
    staking = concept.id in compiled.staking
    doubting = concept.id in compiled.doubting
    if staking and not doubting:
        holders = compiled.stake_holders.get(concept.id) or compiled.home_parties
        others = {i for i, losers in stance_lost.items() if losers and losers.isdisjoint(holders)}
        return _without(concept, compiled, by_term, others, negated=True) if others else by_term
    if doubting and not staking:
        return _asserted(by_term, own, lambda m: m.start in stance_lost)
    return _without(concept, compiled, by_term, stance_lost.keys(), negated=True)


def _without(
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    where: AbstractSet[int],
    negated: bool = False,
) -> Mapping[str, Sequence[TermMatch]]:
    """``by_term`` without the concept's matches that start at the token indexes ``where``
    (``negated``: only its negated ones there)."""
    own = compiled.concept_terms[concept.id]
    changed = {
        t: [m for m in by_term[t] if not (m.start in where and (m.negated or not negated))]
        for t in own
        if t in by_term
    }
    return with_changes(by_term, changed)


def _lost_as_the_point_says(
    concept: Concept, compiled: CompiledRubric, by_term: Mapping[str, Sequence[TermMatch]]
) -> Mapping[str, Sequence[TermMatch]]:
    """``by_term`` with the concept's matches asserted where a verb of losing ('lost',
    ``losing_verbs`` in ``negation.yaml``) opened their negation and the concept's own claim
    writes a verb of losing or giving up: "The states lost their power to tax under GST" states
    "States gave up much of their power to tax …" ("The states did not lose their power to tax"
    is opened by 'not', and still denies it)."""
    own = compiled.concept_terms[concept.id]
    cues = {
        m.negation_cue
        for t in own
        for m in by_term.get(t, ())
        if m.negated and _losing(compiled, [m.negation_cue])
    }
    if not cues:
        return by_term
    words = _WORDS.findall(f"{concept.label} {concept.note}".lower())
    if not _losing(compiled, words):
        return by_term
    return _asserted(by_term, own, lambda m: m.negation_cue in cues)


def _asserted(
    by_term: Mapping[str, Sequence[TermMatch]],
    own: Iterable[str],
    which: Callable[[TermMatch], bool],
) -> Mapping[str, Sequence[TermMatch]]:
    """``by_term`` with the negated matches of the terms ``own`` that ``which`` picks read as
    asserted (no negation)."""
    changed = {
        t: [
            m._replace(negated=False, negation_cue="", negator=-1) if m.negated and which(m) else m
            for m in by_term[t]
        ]
        for t in own
        if t in by_term
    }
    return with_changes(by_term, changed)


_WORDS = re.compile(r"[a-z]+")


def _losing(compiled: CompiledRubric, words: Sequence[str]) -> bool:
    """Whether the words write a verb of losing or giving up (``losing_verbs``), in any form
    ('lost', 'gave up')."""
    stems = [stem_form(compiled.verb_forms.get(w.lower(), w.lower())) for w in words]
    for verb in negation_rules().losing_verbs:
        wanted = [stem_form(w) for w in verb]
        size = len(wanted)
        if any(stems[i : i + size] == wanted for i in range(len(stems) - size + 1)):
            return True
    return False


def _asserted_in(group: frozenset[str], by_term: Mapping[str, Sequence[TermMatch]]) -> bool:
    """Whether some term of the group is found outside a negated claim."""
    for term in group:
        for m in by_term.get(term, ()):
            if not m.negated:
                return True
    return False


_MISSING_MATCHES: dict[tuple[int, int], ConceptMatch] = {}


def _missing_match(groups_matched: int, groups_total: int) -> ConceptMatch:
    """``ConceptMatch("missing", groups_matched, groups_total)``, built once per pair (frozen):
    most touched concepts of an answer end here."""
    key = (groups_matched, groups_total)
    found = _MISSING_MATCHES.get(key)
    if found is None:
        found = _MISSING_MATCHES[key] = ConceptMatch("missing", groups_matched, groups_total, ())
    return found


def proportional_coverage(
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    *,
    extra_words: int,
    undenied: AbstractSet[int] = frozenset(),
    restating: frozenset[int] = frozenset(),
) -> ConceptMatch:
    """Coverage of a ``credit: proportional`` concept: the best phrasing's share of cue groups
    (see :mod:`evaluator.scoring.checks.proportional`); evidence is the first place each found
    group's term occurs."""
    result = proportional_credit(
        compiled.phrasings[concept.id],
        by_term,
        extra_words=extra_words,
        settings=compiled.rubric.scoring,
        undenied=undenied,
        restating=restating,
        reversible=not concept.exemplar,
    )
    evidence = tuple(sorted((by_term[t][0] for t in result.found), key=by_position))
    if result.reversed and result.credit <= 0 and evidence:
        status = "negated"  # "Plants do not need carbon dioxide": found, and denied
    elif result.credit <= 0:
        status = "missing"
    elif result.credit >= 1.0 - 1e-9:
        status = "covered"
    else:
        status = "partial"
    return ConceptMatch(
        status,
        result.groups_matched,
        result.groups_total,
        evidence,
        proportional=result,
    )


def restating_denials(
    doc: Doc,
    compiled: CompiledRubric,
    question: Question,
    claims: Mapping[int, AbstractSet[int]],
) -> frozenset[int]:
    """The indexes of the words a negation denies (``claims``, by the word that opens it:
    :func:`~evaluator.scoring.checks.negation_short.denied_claims`), for the negations whose
    denied words are all words of the question or the rubric: a denial of what they speak of
    ("Plants do not use carbon dioxide or water"), not of something else ("not in the same
    path as bulb C")."""
    if not claims:
        return frozenset()
    known = compiled.known_words(question)
    tokens = view(doc)

    def knows(i: int) -> bool:
        lemma = tokens.lemma[i]
        return (stem_key(tokens.text[i], lemma) or lemma) in known or lemma in known

    return frozenset(
        i for words in claims.values() if words and all(map(knows, words)) for i in words
    )


def denials_of_other_points(
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    claims: Mapping[int, AbstractSet[int]],
    points: AbstractSet[str],
) -> dict[str, frozenset[int]]:
    """Proportional concept id -> the indexes of the words of the denials (``claims``) that
    state another of the question's ``points`` (the author's points it counts: another
    question's points are no part of its answer, and tuning's examples and learned phrases
    are read as before), which therefore deny nothing of this one.

    A denial states point K, not point J, when K's phrasing says in the negative a word the
    denial denies (the answer says K's point as K says it), the denial names a word of K that
    J has not, and it names no word of J that K has not. An answer of several parts is read
    part by part: "Key K and the buzzer are not on the same loop" states that point and does
    not deny "If a key and a lamp are on the same loop, the key controls the lamp", though
    both speak of a key, a loop and sameness; "The key and the lamp are not on the same loop"
    (the lamp is the second point's alone) still denies it."""
    phrased = [(c, compiled.phrasings[c]) for c in sorted(points) if c in compiled.phrasings]
    if not claims or len(phrased) < 2:
        return {}
    terms: dict[str, frozenset[str]] = {}
    negated: dict[str, frozenset[str]] = {}
    for concept, phrasings in phrased:
        groups = [(g, said) for p in phrasings for g, said in _flagged(p.groups, p.said_negatively)]
        terms[concept] = frozenset().union(*(g for g, _ in groups))
        negated[concept] = frozenset().union(*(g for g, said in groups if said))
    if not any(negated.values()):
        return {}
    at: dict[int, set[str]] = {}  # token index -> the term classes found there
    for term, matches in by_term.items():
        for m in matches:
            for i in range(m.start, m.end):
                at.setdefault(i, set()).add(term)
    dropped: dict[str, set[int]] = {}
    for words in claims.values():
        named = frozenset().union(*(at.get(i, ()) for i in words))
        stated = [k for k, denied in negated.items() if named & denied]
        if not stated:
            continue
        for concept, own in terms.items():
            if any(
                k != concept and named & (terms[k] - own) and not named & (own - terms[k])
                for k in stated
            ):
                dropped.setdefault(concept, set()).update(words)
    return {concept: frozenset(words) for concept, words in dropped.items()}


def _flagged(
    groups: Sequence[frozenset[str]], flags: Sequence[bool]
) -> list[tuple[frozenset[str], bool]]:
    """Each cue group with whether the phrasing says it in the negative (False when unsaid)."""
    return [(g, bool(flags) and flags[n]) for n, g in enumerate(groups)]


def extra_word_count(doc: Doc, compiled: CompiledRubric, question: Question) -> int:
    """Content words of the answer in neither the question nor the rubric's terms but another
    question's (by stem); a misspelt word read as a rubric word is the rubric's."""
    read = spelling_corrections(doc, compiled)
    return extra_content_words(doc, stem_key, compiled.known_words(question), read)


def _best_window(
    group_hits: list[list[TermMatch]], window: int, *, asserted_only: bool
) -> tuple[int, tuple[TermMatch, ...]]:
    """The sentence window where the most cue groups match: (groups matched, evidence).

    One place in the answer fills one group unless it fills them all: a rubric lists a strong
    term in two groups of three so that it completes a point with one more word ("China's
    assertiveness"), not so that the word alone earns part of it ("tourism" alone is not the
    2023 Year of Tourism Exchange; "cross-border data flows" are not cross-border terrorism); a
    term in every group is as good as an alias ("sea lanes" for secure sea lanes).
    """
    usable = [[m for m in hits if not (asserted_only and m.negated)] for hits in group_hits]
    # hits are in answer order, so their sentences never decrease: the first hit of a group
    # inside a window is the first at or after the window's first sentence (a bisection)
    sents = [[m.sent for m in hits] for hits in usable]
    starts = sorted({s for group in sents for s in group})
    best_count = 0
    best_evidence: tuple[TermMatch, ...] = ()
    total = len(usable)
    for start in starts:
        last = start + window - 1
        evidence: list[TermMatch] = []
        count = 0
        for hits, group in zip(usable, sents, strict=True):
            k = bisect_left(group, start)
            if k < len(group) and group[k] <= last:
                count += 1
                evidence.append(hits[k])
        if 1 < count < total and _one_place(evidence):
            evidence = _second_place(evidence, usable, sents, start, last)
            if _one_place(evidence):
                count = 1
                evidence = evidence[:1]
        if count > best_count:
            best_count = count
            best_evidence = tuple(sorted(evidence, key=lambda m: m.start))
            if count == total:
                break  # every group matched: no later window can do better
    return best_count, best_evidence


def _one_place(evidence: Sequence[TermMatch]) -> bool:
    """Whether every match overlaps the first one ("South China Sea" holds "China")."""
    first = evidence[0]
    return all(m.start < first.end and first.start < m.end for m in evidence)


def _second_place(
    evidence: list[TermMatch],
    usable: list[list[TermMatch]],
    sents: list[list[int]],
    start: int,
    last: int,
) -> list[TermMatch]:
    """``evidence`` with one group's match moved to another place inside the window when some
    group has one there (the first such group, its first such match)."""
    place = evidence[0]
    k = 0
    for hits, group in zip(usable, sents, strict=True):
        j = bisect_left(group, start)
        if j >= len(group) or group[j] > last:
            continue
        for m in itertools.islice(hits, j, bisect_left(group, last + 1)):
            if m.start >= place.end or place.start >= m.end:
                moved = list(evidence)
                moved[k] = m
                return moved
        k += 1
    return evidence


def _first(matches: Sequence[TermMatch], limit: int = 3) -> list[TermMatch]:
    return sorted(matches, key=by_position)[:limit]
