"""The cue lists of ``evaluator/data/negation.yaml``, read once as frozen sets (see
:mod:`evaluator.scoring.checks.negation`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from evaluator.settings import names_settings, negation_settings


@dataclass(frozen=True)
class NegationRules:
    """The cue lists of ``negation.yaml`` as frozen sets."""

    clause_negators: frozenset[str]
    determiner_negators: frozenset[str]
    negating_verbs: frozenset[str]
    cancelling_verbs: frozenset[str]
    """The cancelling and absence verbs ('scrap', 'give up', 'stay out')."""
    negating_prepositions: frozenset[str]
    presupposing_prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    usage_verbs: frozenset[str]
    result_verbs: frozenset[str]
    part_nouns: frozenset[str]
    membership_nouns: frozenset[str]
    group_nouns: frozenset[str]
    joining_verbs: frozenset[str]
    staging_verbs: frozenset[str]
    ceding_verbs: frozenset[str]
    losing_verbs: tuple[tuple[str, ...], ...]
    """Verbs of losing or giving up, each as its words ('lose'; 'give', 'up')."""
    stance_loss_nouns: frozenset[str]
    """Nouns of a stance one can lose ('interest', 'faith')."""
    stance_loss_prepositions: frozenset[str]
    """What a lost stance was towards ('interest in', 'appetite for')."""
    stake_words: frozenset[str]
    """Words of a point's claim that state a stake in its thing ('claims', 'backed')."""
    doubt_words: frozenset[str]
    """Words of a point's claim that state doubt or waning about its thing ('doubts')."""
    hosting_verbs: frozenset[str]
    frame_prepositions: frozenset[str]
    confusing_verbs: frozenset[str]
    role_nouns: frozenset[str]
    dependence_verbs: frozenset[str]
    manner_adverbs: frozenset[str]
    fading_verbs: frozenset[str]
    dropping_verbs: frozenset[str]
    """Verbs a refusal cancels ('refused to abandon', 'refused to stay out of'): the dropping
    and absence verbs."""
    absence_verbs: frozenset[str]
    """Verbs of staying out ('stay out', 'keep away', 'exclude from'): negated, a leaving that
    did not happen."""
    permitting_verbs: frozenset[str]
    stance_negators: frozenset[str]
    restating_words: frozenset[str]
    inequality_signs: frozenset[str]
    ending_verbs: frozenset[str]
    """What a negated permitting verb may keep from ending: dropping, cancelling, negating and
    fading verbs."""
    conditional_hedges: frozenset[str]
    yet_to: frozenset[str]
    pseudo: tuple[tuple[str, ...], ...]
    pseudo_first: frozenset[str]
    boundaries: frozenset[str]
    contrastive: frozenset[str]
    sentential: tuple[tuple[str, ...], ...]
    sentential_first: frozenset[str]
    """First words of the sentential negators ('not true that', 'untrue that', 'myth that')."""
    negative_predicates: frozenset[str]
    partial_adverbs: frozenset[str]
    partial_predicates: frozenset[str]
    not_yet_predicates: frozenset[str]
    partial_phrases: frozenset[str]
    shortfall_qualifiers: frozenset[str]
    adverbs_after_no: frozenset[str]
    presupposing_verbs: frozenset[str]
    presupposing_nouns: frozenset[str]
    neutral_change_nouns: frozenset[str]
    partial_comparatives: frozenset[str]
    partial_modifiers: frozenset[str]
    temporal_limits: frozenset[str]
    time_bound_prepositions: frozenset[str]
    partial_quantifiers: frozenset[str]
    time_bound_periods: frozenset[str]
    exclusive_modifiers: frozenset[str]
    privative_predicates: frozenset[str]
    comparison_verbs: frozenset[str]
    linking_verbs: frozenset[str]
    attachment_verbs: frozenset[str]
    stance_verbs: frozenset[str]
    stance_nouns: frozenset[str]
    correcting_subjects: frozenset[str]
    ranking_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    reporting_nouns: frozenset[str]
    refuting_words: frozenset[str]
    existence_predicates: frozenset[str]
    triggers: frozenset[str]
    """Lower-case words that can open a negated scope (negating verbs go by their lemma)."""


@cache
def negation_rules() -> NegationRules:
    """The negation cues, read once from the bundled data file."""
    data = negation_settings()
    pseudo = tuple(tuple(str(w).lower() for w in seq) for seq in data.pseudo_negations)
    clause_negators = frozenset(data.clause_negators)
    negating_prepositions = frozenset(data.negating_prepositions)
    yet_to = frozenset(data.yet_to)
    sentential = tuple(tuple(str(w) for w in seq) for seq in data.sentential_negators)
    sentential_first = frozenset(seq[0].lower() for seq in sentential if seq)
    return NegationRules(
        clause_negators=clause_negators,
        determiner_negators=frozenset(data.determiner_negators),
        negating_verbs=frozenset(data.negating_verbs),
        cancelling_verbs=frozenset(data.cancelling_verbs) | frozenset(data.absence_verbs),
        negating_prepositions=negating_prepositions,
        presupposing_prepositions=frozenset(data.presupposing_prepositions),
        place_prepositions=frozenset(data.place_prepositions),
        usage_verbs=frozenset(data.usage_verbs) | frozenset(data.revision_verbs),
        result_verbs=frozenset(data.result_verbs),
        part_nouns=frozenset(data.part_nouns),
        membership_nouns=frozenset(data.membership_nouns),
        group_nouns=frozenset(data.membership_nouns) | frozenset(data.group_nouns),
        joining_verbs=frozenset(data.joining_verbs),
        staging_verbs=frozenset(data.staging_verbs),
        ceding_verbs=frozenset(data.ceding_verbs),
        losing_verbs=tuple(tuple(v.split()) for v in data.losing_verbs),
        stance_loss_nouns=frozenset(data.stance_loss_nouns),
        stance_loss_prepositions=frozenset(data.stance_loss_prepositions),
        stake_words=frozenset(w.lower() for w in data.stake_words),
        doubt_words=frozenset(w.lower() for w in data.doubt_words),
        hosting_verbs=frozenset(data.hosting_verbs),
        frame_prepositions=frozenset(data.frame_prepositions),
        confusing_verbs=frozenset(data.confusing_verbs),
        role_nouns=frozenset(data.role_nouns),
        dependence_verbs=frozenset(data.dependence_verbs),
        manner_adverbs=frozenset(data.manner_adverbs),
        fading_verbs=frozenset(data.fading_verbs),
        dropping_verbs=frozenset(data.dropping_verbs) | frozenset(data.absence_verbs),
        absence_verbs=frozenset(data.absence_verbs),
        permitting_verbs=frozenset(data.permitting_verbs),
        stance_negators=frozenset(data.stance_negators),
        restating_words=frozenset(data.restating_words),
        inequality_signs=frozenset(data.inequality_signs),
        ending_verbs=frozenset(data.dropping_verbs)
        | frozenset(data.cancelling_verbs)
        | frozenset(data.negating_verbs)
        | frozenset(data.fading_verbs),
        conditional_hedges=frozenset(data.conditional_hedges),
        yet_to=yet_to,
        pseudo=pseudo,
        pseudo_first=frozenset(seq[0] for seq in pseudo),
        boundaries=frozenset(data.clause_boundaries),
        contrastive=frozenset(data.contrastive_coordinators),
        sentential=sentential,
        sentential_first=sentential_first,
        negative_predicates=frozenset(str(w) for w in data.negative_predicates),
        partial_adverbs=frozenset(data.partial_negation_adverbs),
        partial_predicates=frozenset(data.partial_negation_predicates),
        not_yet_predicates=frozenset(data.not_yet_predicates),
        partial_phrases=frozenset(
            " ".join(str(p).lower().split()) for p in data.partial_negation_phrases
        ),
        shortfall_qualifiers=frozenset(data.shortfall_qualifiers),
        adverbs_after_no=frozenset(data.negating_adverbs_after_no),
        presupposing_verbs=frozenset(data.presupposing_verbs),
        presupposing_nouns=frozenset(data.presupposing_nouns),
        neutral_change_nouns=frozenset(data.neutral_change_nouns),
        partial_comparatives=frozenset(data.partial_negation_comparatives),
        partial_modifiers=frozenset(data.partial_negation_modifiers),
        temporal_limits=frozenset(data.temporal_limits),
        time_bound_prepositions=frozenset(data.time_bound_prepositions),
        partial_quantifiers=frozenset(data.partial_quantifiers),
        time_bound_periods=frozenset(data.time_bound_periods),
        exclusive_modifiers=frozenset(data.exclusive_modifiers),
        privative_predicates=frozenset(data.privative_predicates),
        comparison_verbs=frozenset(data.comparison_verbs),
        linking_verbs=frozenset(data.linking_verbs),
        attachment_verbs=frozenset(data.attachment_verbs),
        # a duty denied is a stance denied: what it is about is neither credited nor denied
        stance_verbs=frozenset(data.stance_verbs) | frozenset(data.obligation_verbs),
        stance_nouns=frozenset(data.stance_nouns),
        correcting_subjects=frozenset(data.correcting_subjects),
        ranking_verbs=frozenset(data.ranking_verbs),
        reporting_verbs=frozenset(data.reporting_verbs),
        reporting_nouns=frozenset(data.reporting_nouns),
        refuting_words=frozenset(data.refuting_words),
        existence_predicates=frozenset(data.existence_predicates),
        triggers=clause_negators
        | negating_prepositions
        | yet_to
        | sentential_first
        | frozenset(data.inequality_signs),
    )


@cache
def _party_of() -> dict[str, str]:
    """A country's name, people or capital (``places`` and ``home_places`` in ``names.yaml``,
    lower case) -> the country (the first word of its group): 'tokyo' -> 'japan'."""
    names = names_settings()
    return {word: group[0] for group in (*names.home_places, *names.places) for word in group}


def parties(tokens: Iterable[Token]) -> frozenset[str]:
    """The countries the tokens name, each by its first name in ``names.yaml`` ('Tokyo' and
    'Japanese' -> 'japan', 'New Delhi' -> 'india'); a person, a firm or 'both' names none."""
    return countries(t.lower_ for t in tokens)


def countries(words: Iterable[str]) -> frozenset[str]:
    """The countries lower-case words name, as :func:`parties` reads them."""
    party_of = _party_of()
    return frozenset(party_of[w] for w in words if w in party_of)
