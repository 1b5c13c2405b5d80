"""What a change to an answer is worth: its marks recomputed with one feature changed, by the
one marks arithmetic (:mod:`evaluator.scoring.marks`), from the features the engine used."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from evaluator.rubric.model import Question, Rubric
from evaluator.scoring.checks.structure import structure_score
from evaluator.scoring.marks import dimension_score, final_marks
from evaluator.scoring.report import Advisory, ConceptResult, StructureResult


@dataclass(frozen=True)
class ReferenceGap:
    """What a partly made short-answer point leaves out of its reference phrasing."""

    said: tuple[str, ...] = ()
    """Words the reference answer has that the answer does not write."""
    denied: tuple[str, ...] = ()
    """Words the reference answer rules out ('push' in "without pushing") that the answer does
    not write."""
    other_polarity: bool = False
    """The answer denies what the reference affirms, or affirms what it denies."""


@dataclass(frozen=True)
class MarksInputs:
    """The features an answer's marks were computed from, exactly as the engine used them."""

    rubric: Rubric
    question: Question
    concepts: list[ConceptResult]
    """The concepts of the question's dimensions."""
    structure: StructureResult
    bonus_count: int
    advisories: list[Advisory]
    relevance: float
    """The unrounded relevance score."""
    relevance_length: float
    """The length factor inside the relevance score (min(1, words / half the limit))."""
    english_words: int | None = None
    """The English words of an answer written mostly in another script (its ``not_english``
    advisory): only they count towards the word limit's step. None for an English answer."""
    focus: frozenset[str] | None = None
    """Concepts the question is about (its weightiest dimensions' and its model answer's): a step
    for another concept is shown only when no other step is left. None: every concept alike."""
    twins: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Concept id -> the concepts that are the same point told another way (each one's note
    makes the other's point): one step adds both."""
    reference_gaps: Mapping[str, ReferenceGap] = field(default_factory=dict)
    """Concept id -> what a partly made point of proportional credit (a short answer's reference)
    leaves out: its next step names the words."""


@dataclass(frozen=True)
class Change:
    """What a next step changes in the answer's features, so that several steps can be made
    together (:meth:`Scorer.with_changes`): each step's worth is what it adds to the steps ranked
    above it."""

    credits: Mapping[str, float] = field(default_factory=dict)
    """Concept id -> its credit after the change."""
    signals: Mapping[str, float] = field(default_factory=dict)
    """Structure signals changed."""
    lifted: frozenset[str] = frozenset()
    """Advisory codes gone."""
    corrected: frozenset[str] = frozenset()
    """Concepts whose wrong facts are corrected (the ``factual_errors`` deduction recomputed)."""
    relevance: float | None = None
    """The relevance score after the change (the word budget met), or None."""


_penalties = threading.local()


def penalty_ids(rubric: Rubric) -> frozenset[str]:
    """The rubric's misconceptions (``penalty`` concepts): their credit is taken away. Kept for
    the last rubric seen (rubrics are frozen; feedback asks twice per answer)."""
    return _concept_kinds(rubric)[0]


def quiet_ids(rubric: Rubric) -> frozenset[str]:
    """Concepts never suggested to the learner, missing or denied: phrases `rubric tune` learned
    from a tutor's marks (a phrase that separated the marks is not a point to add: 'add Solar
    power' teaches keyword insertion) and denials ('add not land' means nothing). They still
    earn or cost marks, and the report lists them with their spans."""
    return _concept_kinds(rubric)[1]


def _concept_kinds(rubric: Rubric) -> tuple[frozenset[str], frozenset[str]]:
    slot = getattr(_penalties, "slot", None)
    if slot is None or slot[0] is not rubric:
        concepts = [c for _, c in rubric.concepts()]
        penalties = frozenset(c.id for c in concepts if c.penalty)
        quiet = frozenset(c.id for c in concepts if c.learned or c.denial)
        slot = _penalties.slot = (rubric, (penalties, quiet))
    return slot[1]


class Scorer:
    """Marks of the answer with one feature changed, by the one marks arithmetic."""

    def __init__(self, inputs: MarksInputs) -> None:
        self.inputs = inputs
        rubric, question = inputs.rubric, inputs.question
        self.dimension_ids = [q.id for q in question.dimensions]
        self.earned = dict.fromkeys(self.dimension_ids, 0.0)
        self.possible = dict.fromkeys(self.dimension_ids, 0.0)
        self.penalties = penalty_ids(rubric)
        self.quiet = quiet_ids(rubric)
        for concept in inputs.concepts:
            if concept.dimension in self.earned:
                self.earned[concept.dimension] += (
                    self._sign(concept) * concept.weight * concept.credit
                )
                if concept.id not in self.penalties:
                    self.possible[concept.dimension] += concept.weight
        self.expected = {d: rubric.expected_weight(question, d) for d in self.dimension_ids}
        self.scores = {d: self._score(d, self.earned[d]) for d in self.dimension_ids}
        self.signals = dict(inputs.structure.signals)
        self._by_score: dict[tuple[str, float], tuple[float, float]] = {}
        self._structure: dict[tuple[tuple[float, ...], tuple[tuple[str, float], ...]], float] = {}
        self.base, self.base_unrounded = self.marks()

    def _sign(self, concept: ConceptResult) -> int:
        return -1 if concept.id in self.penalties else 1

    def _score(self, dimension: str, earned: float) -> float:
        short = self.inputs.question.kind == "short"  # every concept of a short answer counts
        saturation = 1.0 if short else self.inputs.rubric.scoring.saturation
        return dimension_score(
            earned,
            self.possible[dimension],
            self.expected[dimension],
            saturation,
            linear=self.inputs.question.intercept is not None,
        )

    def marks(
        self,
        *,
        scores: Mapping[str, float] | None = None,
        signals: Mapping[str, float] | None = None,
        advisories: list[Advisory] | None = None,
        relevance: float | None = None,
    ) -> tuple[float, float]:
        """(rounded, unrounded) marks with the given features in place of the answer's."""
        inputs = self.inputs
        scores = self.scores if scores is None else scores
        signals = self.signals if signals is None else signals
        # candidates that change only the concepts (or only the budget's advisories) share a
        # structure score: it is a function of the signals and the dimension scores
        key = (tuple(scores.values()), tuple(signals.items()))
        structure = self._structure.get(key)
        if structure is None:
            structure = structure_score(signals, inputs.question, inputs.rubric, scores).score
            self._structure[key] = structure
        return final_marks(
            inputs.rubric,
            inputs.question,
            scores,
            structure,
            inputs.bonus_count,
            inputs.advisories if advisories is None else advisories,
            inputs.relevance if relevance is None else relevance,
        )

    def _score_with(self, concept: ConceptResult, credit: float) -> float:
        """The concept's dimension score with its credit changed."""
        change = self._sign(concept) * concept.weight * (credit - concept.credit)
        return self._score(concept.dimension, self.earned[concept.dimension] + change)

    def scores_with(self, concept: ConceptResult, credit: float) -> dict[str, float]:
        """The dimension scores with one concept's credit changed."""
        return {**self.scores, concept.dimension: self._score_with(concept, credit)}

    def with_credit(self, concept: ConceptResult, credit: float) -> tuple[float, float]:
        """Marks with one concept's credit changed."""
        score = self._score_with(concept, credit)
        if score == self.scores[concept.dimension]:  # a full (or empty) dimension stays so
            return self.base, self.base_unrounded
        key = (concept.dimension, score)
        found = self._by_score.get(key)
        if found is None:  # concepts of one weight in one dimension score alike
            scores = dict(self.scores)
            scores[concept.dimension] = score
            found = self._by_score[key] = self.marks(scores=scores)
        return found

    def with_changes(
        self,
        changes: Sequence[Change],
        corrected_advisories: Callable[[frozenset[str]], list[Advisory]] | None = None,
    ) -> tuple[float, float]:
        """Marks with several steps' changes made together; ``corrected_advisories``: the
        answer's advisories with the facts of the given concepts corrected."""
        by_id = {c.id: c for c in self.inputs.concepts}
        credits: dict[str, float] = {}
        signals = dict(self.signals)
        lifted: set[str] = set()
        corrected: set[str] = set()
        relevance: float | None = None
        for change in changes:
            credits.update(change.credits)
            for name, value in change.signals.items():
                signals[name] = max(value, signals.get(name, value))
            lifted |= change.lifted
            corrected |= change.corrected
            if change.relevance is not None:
                relevance = max(change.relevance, relevance or 0.0)
        earned = dict(self.earned)
        for concept_id, credit in credits.items():
            concept = by_id[concept_id]
            if concept.dimension in earned:
                earned[concept.dimension] += (
                    self._sign(concept) * concept.weight * (credit - concept.credit)
                )
        scores = {
            d: self._score(d, earned[d]) if earned[d] != self.earned[d] else score
            for d, score in self.scores.items()
        }
        advisories = self.inputs.advisories
        if corrected and corrected_advisories is not None:
            advisories = corrected_advisories(frozenset(corrected))
        advisories = [a for a in advisories if a.code not in lifted]
        return self.marks(
            scores=scores, signals=signals, advisories=advisories, relevance=relevance
        )

    def with_signals(self, **changes: float) -> tuple[float, float]:
        """Marks with structure signals changed."""
        return self.marks(signals={**self.signals, **changes})
