"""The tuning estimator: a scikit-learn regressor over the scorer's own reports.

The estimator never changes how answers are read; it changes the numbers the rubric already has:

1. concept weights, from a non-negative ridge regression of the tutor's marks (as a share of the
   maximum) on the concept credits, blended with the rubric's weights (small graded sets are noisy);
2. each question's dimension weights, from a non-negative regression on the dimension scores the
   new concept weights give;
3. the mapping to marks (``scoring.ceiling`` and ``scoring.curve``), by a grid search that
   minimises the squared error of the marks :func:`evaluator.scoring.marks.compute_marks` gives.

So the tuned rubric is an ordinary rubric file, and the estimator's predictions are exactly the
marks that file gives (up to structure checks that look at dimension scores).

The command-line and web entry point is :func:`evaluator.tools.tune.core.tune_rubric`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.linear_model import Ridge
from sklearn.utils.validation import check_is_fitted

from evaluator.rubric.model import Question, Rubric
from evaluator.scoring.checks.structure import structure_score
from evaluator.scoring.marks import (
    RawScore,
    advisory_limits,
    compute_marks,
    dimension_score,
    marks_from_raw,
    raw_score,
)
from evaluator.scoring.report import Advisory, Arithmetic, Report

_CEILINGS = np.round(np.arange(0.30, 1.0001, 0.01), 2)
_CURVES = np.round(np.arange(0.80, 2.0001, 0.05), 2)


@dataclass(frozen=True)
class AnswerFeatures:
    """What the tuner needs from one scored answer (taken from its Report)."""

    question: str
    """Question id."""
    max_marks: int
    credits: Mapping[str, float]
    """Concept id -> credit in [0, 1] (0 for missing, negated or contradicted)."""
    structure: float
    """Structure score in [0, 1]."""
    bonus_count: int
    """Distinct bonus keywords used."""
    advisories: tuple[Advisory, ...]
    """Advisories that fired (their caps and penalties still apply after tuning)."""
    marks: float
    """Marks under the rubric as it is."""
    relevance: float = 0.0
    """Topic relevance of the answer in [0, 1] (does not depend on weights)."""
    structure_signals: Mapping[str, float] | None = None
    """The text measurements behind the structure score; with them the structure score is
    recomputed from the tuned dimension scores (its substance and directive fit depend on them)."""

    @classmethod
    def from_report(cls, report: Report) -> AnswerFeatures:
        """The features of a scored answer."""
        return cls(
            question=str(report.question["id"]),
            max_marks=report.max_marks,
            credits={c.id: c.credit for c in report.concepts},
            structure=report.structure.score,
            bonus_count=len(report.bonus_keywords),
            advisories=tuple(report.advisories),
            marks=report.marks,
            relevance=float(getattr(report.arithmetic, "relevance", 0.0)),
            structure_signals=dict(report.structure.signals) or None,
        )


def dimension_scores(
    rubric: Rubric, question: Question, credits: Mapping[str, float]
) -> dict[str, float]:
    """Each of the question's dimension scores, as the scorer computes them from concept credits."""
    scores = {}
    for qdim in question.dimensions:
        dimension = rubric.dimension(qdim.id)
        members = rubric.counted(question, qdim.id)
        earned = sum(c.weight * credits.get(c.id, 0.0) * (-1 if c.penalty else 1) for c in members)
        possible = sum(c.weight for c in members if not c.penalty)
        saturation = 1.0 if question.kind == "short" else rubric.scoring.saturation
        scores[dimension.id] = dimension_score(
            earned,
            possible,
            rubric.expected_weight(question, dimension.id),
            saturation,
            linear=question.intercept is not None,
        )
    return scores


def predict_marks(rubric: Rubric, features: AnswerFeatures) -> float:
    """The marks a rubric gives an answer with these features (scoring.compute_marks)."""
    question = rubric.question(features.question)
    scores = dimension_scores(rubric, question, features.credits)
    _, marks = _compute(rubric, question, scores, features)
    return marks


def _structure(
    rubric: Rubric, question: Question, scores: dict[str, float], features: AnswerFeatures
) -> float:
    if features.structure_signals:
        # the structure score depends on the dimension scores (substance, directive fit)
        return structure_score(features.structure_signals, question, rubric, scores).score
    return features.structure


def _raw(
    rubric: Rubric, question: Question, scores: dict[str, float], features: AnswerFeatures
) -> RawScore:
    """The raw score (scoring.marks.raw_score) with the answer's own structure, bonus, relevance."""
    weights = {q.id: q.weight for q in question.dimensions}
    structure = _structure(rubric, question, scores, features)
    return raw_score(
        rubric.scoring, weights, scores, structure, features.bonus_count, features.relevance
    )


def _compute(
    rubric: Rubric, question: Question, scores: dict[str, float], features: AnswerFeatures
) -> tuple[Arithmetic, float]:
    """scoring.compute_marks with the answer's own structure, bonus, relevance and advisories
    (but the too_short cap where the question, tuned linear, no longer judges length)."""
    advisories = [a for a in features.advisories if a.code != "too_short" or question.length_counts]
    return compute_marks(
        rubric,
        question,
        scores,
        _structure(rubric, question, scores, features),
        features.bonus_count,
        advisories,
        relevance=features.relevance,
    )


class TunedRubricMixin:
    """What every tuner does with the rubric it fitted: keeps it with its weight tables, and
    marks answers with it (the same arithmetic as grading)."""

    tuned_rubric_: Rubric
    concept_weights_: dict[str, float]
    dimension_weights_: dict[str, dict[str, float]]

    @staticmethod
    def _checked(
        X: Sequence[AnswerFeatures], y: Sequence[float]
    ) -> tuple[list[AnswerFeatures], np.ndarray]:
        """The answers and their marks, or ValueError when they cannot be fitted."""
        rows = list(X)
        marks = np.asarray(y, dtype=float)
        if len(rows) != len(marks):
            raise ValueError(f"{len(rows)} answers but {len(marks)} marks")
        if len(rows) < 2:
            raise ValueError("tuning needs at least two graded answers")
        if not all(isinstance(r, AnswerFeatures) for r in rows):
            raise ValueError("X must be a sequence of AnswerFeatures (AnswerFeatures.from_report)")
        return rows, marks

    def _keep_tuned(self, tuned: Rubric, question_ids: Sequence[str]) -> None:
        """Keep the tuned rubric, its concept weights and the tuned questions' dimension weights."""
        self.tuned_rubric_ = tuned
        self.concept_weights_ = {c.id: c.weight for _, c in tuned.concepts()}
        self.dimension_weights_ = {
            q.id: {qd.id: qd.weight for qd in q.dimensions}
            for q in tuned.questions
            if q.id in question_ids
        }

    def predict(self, X: Sequence[AnswerFeatures]) -> np.ndarray:
        """Marks the tuned rubric gives each answer (scoring.marks, as grading computes them)."""
        check_is_fitted(self, "tuned_rubric_")
        return np.array([predict_marks(self.tuned_rubric_, row) for row in X], dtype=float)


MIN_FIRED = 3
"""A concept moves its weight only when at least this many graded answers earn it."""


class RubricWeightTuner(TunedRubricMixin, RegressorMixin, BaseEstimator):
    """Learns concept weights, dimension weights and the mark mapping of a rubric.

    ``X`` is a sequence of :class:`AnswerFeatures`, ``y`` the tutor's marks. After ``fit``,
    ``tuned_rubric_`` is the rubric with the learned numbers and ``predict`` gives its marks.
    """

    def __init__(
        self,
        rubric: Rubric | None = None,
        *,
        alpha: float = 1.0,
        blend: float = 0.5,
        min_weight: float = 0.1,
        calibrate: bool = True,
        min_fired: int = MIN_FIRED,
    ) -> None:
        self.rubric = rubric
        self.alpha = alpha
        self.blend = blend
        self.min_weight = min_weight
        self.calibrate = calibrate
        self.min_fired = min_fired

    # --- fitting -------------------------------------------------------------------------------

    def fit(self, X: Sequence[AnswerFeatures], y: Sequence[float]) -> RubricWeightTuner:
        """Learn the weights and the mark mapping from scored answers and the tutor's marks."""
        rubric = self._validate_params()
        rows, marks = self._checked(X, y)
        shares = marks / np.array([r.max_marks for r in rows], dtype=float)

        question_ids = sorted({r.question for r in rows})
        questions = [rubric.question(q) for q in question_ids]
        counted = {(qd.id, q.id) for q in questions for qd in q.dimensions}
        left_out = {q.id: rubric.left_out(q) for q in questions}
        self.concept_ids_ = [
            c.id
            for d, c in rubric.concepts()
            if any((d.id, q) in counted and c.id not in left_out[q] for q in left_out)
        ]
        credits = np.array([[r.credits.get(c, 0.0) for c in self.concept_ids_] for r in rows])
        fired = credits.sum(axis=0) > 0
        self.never_fired_ = [c for c, f in zip(self.concept_ids_, fired, strict=True) if not f]
        # a concept one or two answers earn is in the regression (so it explains their marks,
        # not another concept's weight) but keeps its weight: two answers are no evidence
        answers = (credits > 0).sum(axis=0)
        rare = fired & (answers < self.min_fired)
        self.too_rare_ = [c for c, r in zip(self.concept_ids_, rare, strict=True) if r]

        coef = np.zeros(len(self.concept_ids_))
        if fired.any():
            # a penalty concept lowers the score: its credit enters with a minus sign, so a
            # non-negative coefficient is its (positive) weight
            penalty = {c.id for _, c in rubric.concepts() if c.penalty}
            signs = np.array([-1.0 if c in penalty else 1.0 for c in self.concept_ids_])
            signed = credits * signs
            ridge = Ridge(alpha=self.alpha, positive=True).fit(signed[:, fired], shares)
            coef[fired] = ridge.coef_
        self.coef_ = dict(zip(self.concept_ids_, coef.round(6).tolist(), strict=True))
        moved = fired & ~rare
        self.zero_weight_ = [
            c for c, f, w in zip(self.concept_ids_, moved, coef, strict=True) if f and w <= 1e-9
        ]
        data = rubric.model_dump(mode="json", by_alias=True)
        self._set_concept_weights(data, rubric, moved, coef)
        staged = Rubric.model_validate(data)
        self._set_dimension_weights(data, staged, rows, shares, question_ids)
        staged = Rubric.model_validate(data)
        if self.calibrate:
            self.ceiling_, self.curve_ = self._calibrate(staged, rows, marks)
        else:
            self.ceiling_, self.curve_ = staged.scoring.ceiling, staged.scoring.curve
        data["scoring"]["ceiling"] = self.ceiling_
        data["scoring"]["curve"] = self.curve_
        self._keep_tuned(Rubric.model_validate(data), question_ids)
        return self

    def _validate_params(self) -> Rubric:
        if not isinstance(self.rubric, Rubric):
            raise ValueError("rubric must be a Rubric (LoadedRubric.rubric)")
        if self.alpha < 0:
            raise ValueError(f"alpha must be >= 0, got {self.alpha}")
        if not 0 <= self.blend <= 1:
            raise ValueError(f"blend must be in [0, 1], got {self.blend}")
        if not 0 < self.min_weight <= 1:
            raise ValueError(f"min_weight must be in (0, 1], got {self.min_weight}")
        if self.min_fired < 1:
            raise ValueError(f"min_fired must be 1 or more, got {self.min_fired}")
        return self.rubric

    def _set_concept_weights(
        self, data: dict[str, Any], rubric: Rubric, fired: np.ndarray, coef: np.ndarray
    ) -> None:
        learned = dict(zip(self.concept_ids_, coef, strict=True))
        has_fired = dict(zip(self.concept_ids_, fired, strict=True))
        for d_index, dimension in enumerate(rubric.dimensions):
            members = [c for c in dimension.concepts if has_fired.get(c.id)]
            if not members:
                continue  # nothing learned about this dimension: keep its weights
            mean_old = float(np.mean([c.weight for c in members]))
            mean_coef = float(np.mean([learned[c.id] for c in members]))
            old_total = sum(c.weight for c in dimension.concepts)
            new_total = 0.0
            for c_index, concept in enumerate(dimension.concepts):
                weight = concept.weight
                if has_fired.get(concept.id):
                    relative = learned[concept.id] / mean_coef if mean_coef > 0 else 0.0
                    learned_weight = (1 - self.blend) * weight + self.blend * mean_old * relative
                    # a small graded set is noisy: no weight moves more than threefold at once
                    weight = min(3 * weight, max(weight / 3, learned_weight))
                weight = float(min(100.0, max(self.min_weight, round(weight, 3))))
                data["dimensions"][d_index]["concepts"][c_index]["weight"] = weight
                new_total += weight
            if dimension.expected:
                # an explicit 'expected' is in weight units: keep its share of the dimension
                data["dimensions"][d_index]["expected"] = round(
                    dimension.expected * new_total / old_total, 3
                )

    def _set_dimension_weights(
        self,
        data: dict[str, Any],
        rubric: Rubric,
        rows: list[AnswerFeatures],
        shares: np.ndarray,
        question_ids: list[str],
    ) -> None:
        for q_index, question in enumerate(rubric.questions):
            if question.id not in question_ids:
                continue
            picked = [i for i, r in enumerate(rows) if r.question == question.id]
            dims = [qd.id for qd in question.dimensions]
            if len(dims) < 2 or len(picked) < 2 * len(dims):
                continue  # too few answers to tell the dimensions apart
            scores = np.array(
                [
                    [dimension_scores(rubric, question, rows[i].credits)[d] for d in dims]
                    for i in picked
                ]
            )
            if not scores.any():
                continue
            ridge = Ridge(alpha=self.alpha, positive=True).fit(scores, shares[picked])
            old = np.array([qd.weight for qd in question.dimensions])
            if ridge.coef_.sum() <= 0:
                continue
            learned = ridge.coef_ / ridge.coef_.sum() * old.sum()
            new = (1 - self.blend) * old + self.blend * learned
            for j, weight in enumerate(new):
                data["questions"][q_index]["dimensions"][j]["weight"] = float(
                    min(100.0, max(self.min_weight, round(float(weight), 3)))
                )

    @staticmethod
    def _calibrate(
        rubric: Rubric, rows: list[AnswerFeatures], marks: np.ndarray
    ) -> tuple[float, float]:
        """Grid-search ceiling and curve for the least squared error of the final marks."""
        raw, caps, penalties, deductions, maxima, steps = [], [], [], [], [], []
        for row in rows:
            question = rubric.question(row.question)
            steps.append(rubric.step_of(question))
            scores = dimension_scores(rubric, question, row.credits)
            raw.append(_raw(rubric, question, scores, row).raw)
            limits = advisory_limits(row.advisories)
            caps.append(np.inf if limits.cap is None else limits.cap)
            penalties.append(limits.penalty)
            deductions.append(limits.deduction)
            maxima.append(row.max_marks)
        # every answer against every (ceiling, curve) pair at once, by the scorer's own arithmetic
        predicted = marks_from_raw(
            np.array(raw)[None, None, :],
            np.array(maxima, dtype=float),
            ceiling=_CEILINGS[:, None, None],
            curve=_CURVES[None, :, None],
            cap=np.array(caps),
            penalty=np.array(penalties),
            step=np.array(steps),
            deduction=np.array(deductions),
        ).marks
        errors = ((predicted - marks) ** 2).sum(axis=2)
        # ties (flat error surface) go to the gentlest change: curve 1.0-ish, higher ceiling
        nudge = 1e-6 * np.abs(_CURVES - 1.0)[None, :]
        best = np.unravel_index(np.argmin(errors + nudge), errors.shape)
        return float(_CEILINGS[best[0]]), float(_CURVES[best[1]])
