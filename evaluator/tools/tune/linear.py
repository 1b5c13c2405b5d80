"""Tuning a short-answer rubric: a linear model the rubric computes exactly.

A ``kind: short`` question tuned from a tutor's marks becomes *linear*: the tuner writes the
question's ``intercept`` and every concept's weight in marks, and grading computes
``marks = intercept + sum(weight x credit)`` (a penalty concept's subtracted), clipped to
``[0, max_marks]`` (:func:`evaluator.scoring.marks.compute_marks`). So the ridge regression fitted
here is exactly what the tuned rubric gives: no dimension saturation, curve or threefold limit on
weight moves stands between what the tuner learned and the marks.

Phrases for a linear question are learned more freely than for a Mains essay
(:data:`LINEAR_LEARNING`): every phrase two graded answers share, those that begin or end with a
stop word too ('the gap', 'in series'), weighted by the ridge regression (its strength chosen by
cross-validation) rather than selected by count: on SemEval-2013 selecting a count by inner
cross-validation lost 0.016-0.021 AUC against keeping them all. A short answer's marks turn on a
few words, and the tutor's graded answers are many against the question's one point.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.linear_model import RidgeCV

from evaluator.rubric.model import (
    EXAMPLE_TEXT,
    LEARNED_NOTE,
    Rubric,
    examples_dimension_id,
    learned_dimension_id,
)
from evaluator.text import plural
from evaluator.tools.tune.concepts import (
    EXEMPLAR_MIN_COSTING_WORDS,
    LEARNED_PREFIXES,
    free_id,
    is_learned,
    split_learned_id,
)
from evaluator.tools.tune.model import AnswerFeatures, TunedRubricMixin
from evaluator.tools.tune.tutor_scale import fitted_cut_points, tutor_rounding

__all__ = [
    "ALPHAS",
    "ESSAY_SCALE",
    "LINEAR_LEARNING",
    "LINEAR_MIN_ANSWERS",
    "MIN_WEIGHT",
    "RUBRIC_SCALE",
    "LinearShortTuner",
    "expected_signs",
    "is_short_only",
    "rubric_scale",
]

ALPHAS = (1.0, 3.0, 10.0, 30.0)
"""Ridge strengths; the one with the least leave-one-out error is kept."""
RUBRIC_SCALE = 4.0
"""A question whose concepts are reference answers (``credit: proportional``, what `rubric
derive` drafts from model answers) has them enter the regression multiplied by this, so the
ridge shrinks them less than the learned phrases: what the tutor wrote as the answer is better
evidence than a phrase two graded answers share (SemEval-2013: +0.003 to +0.007 AUC against 1;
3 and 6 do alike)."""
ESSAY_SCALE = 1.0
"""The same for a question whose concepts are a study document's points (a Mains question tuned
in the linear form, or a short question drafted from notes or a prompt's key elements):
broader than a reference answer's, they earn no head start over the learned phrases
(benchmarks/validity_composite.py: mean QWK 0.394 with 4, 0.399 with 2, 0.440 with 1)."""
EXEMPLAR_SCALE = 2.0
"""A graded answer's exemplar concept enters the regression multiplied by this."""
ALL_PHRASES = 1_000_000
"""A phrase count no graded set reaches: every candidate phrase."""
LINEAR_LEARNING: dict[str, Any] = {
    "per_answer": ALL_PHRASES,
    "one_se": False,
    "counts": (ALL_PHRASES,),
    "min_support": 2,
    "min_share": 0.0,
    "content_ends": False,
    "base_scale": None,  # per question: rubric_scale()
    "stem_keys": True,
    "denials": True,
    "exemplars": True,
}
"""Phrase learning options (:func:`evaluator.tools.tune.phrases.learn_phrases`) for short answers.
Measured on SemEval-2013 (docs/validity.md, tuning part)."""
LINEAR_MIN_ANSWERS = 50
"""A Mains question is also tried in the linear short-answer form (`rubric tune --form auto`) only
with at least this many graded answers: with fewer, its concepts, dimensions and mark mapping are
better evidence than phrases the answers share, and choosing between two fits on a handful of
held-out answers is noise (on the bundled rubric's 6-answer question the linear form 'won' by
0.002 QWK)."""
SIGN_ROUNDS = 6
"""How many times the fit is redone without the concepts it gave the sign they cannot have."""


def expected_signs(
    credits: np.ndarray, shares: np.ndarray, *, learned: np.ndarray, penalty: np.ndarray
) -> np.ndarray:
    """The sign each concept's weight may take (+1 earns, -1 costs), so that no mark contradicts
    what a tutor reads in the rubric: a point the rubric's author wrote only earns (a
    misconception only costs); a phrase learned from the marks, or a graded answer kept as an
    example, earns only when the answers that use it (weighted by their credit) were marked at
    least as well as the question's answers on average, and otherwise only costs. Without this
    a regression with hundreds of overlapping columns gives some a sign against the evidence
    (a phrase of 16 well-marked answers and 1 poor one 'costs marks'), and a learner reads a
    true point as a misconception."""
    used = credits.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        users = np.where(used > 0, credits.T @ shares / np.where(used > 0, used, 1.0), 0.0)
    data = np.where(users >= float(shares.mean()) - 1e-12, 1.0, -1.0)
    own = np.where(penalty, -1.0, 1.0)
    return np.where(learned, data, own)


MIN_WEIGHT = 0.001
"""A concept the regression gives (almost) nothing keeps this weight in marks (weights are > 0)."""


def rubric_scale(rubric: Rubric, question_id: str) -> float:
    """How much a question's own concepts weigh in the regressions against learned phrases:
    :data:`RUBRIC_SCALE` when they are reference answers (every one ``credit: proportional``),
    else :data:`ESSAY_SCALE`."""
    question = rubric.question(question_id)
    own = [
        c
        for qd in question.dimensions
        for c in rubric.counted(question, qd.id)
        if not is_learned(c) and not c.penalty
    ]
    reference = bool(own) and all(c.credit == "proportional" for c in own)
    return RUBRIC_SCALE if reference else ESSAY_SCALE


def is_short_only(rubric: Rubric, question_ids: Sequence[str]) -> bool:
    """Whether every one of these questions is a short answer (the linear path applies)."""
    return bool(question_ids) and all(rubric.question(q).kind == "short" for q in question_ids)


class LinearShortTuner(TunedRubricMixin, RegressorMixin, BaseEstimator):
    """Fits a rubric's concept weights (in marks) and intercept to a tutor's marks: the linear
    form of short answers, and of a Mains question whose tutor marks point by point.

    ``X`` is a sequence of :class:`AnswerFeatures`, ``y`` the tutor's marks. After ``fit``,
    ``tuned_rubric_`` is the linear rubric and ``predict`` gives its marks (with each answer's
    advisories: a Mains question keeps its keyword_stuffing cap). With ``prune`` (the default)
    the fit leaves out the graded answers as examples where they do not lower the leave-one-out
    error (and, always, those of fewer than
    :data:`~evaluator.tools.tune.concepts.EXEMPLAR_MIN_COSTING_WORDS` content words that would
    cost marks), and the learned phrases and examples it gives no weight (``pruned_`` lists them);
    answers graded by the rubric without them can read a word or two differently (a learned
    phrase's words are the rubric's vocabulary), so :func:`~evaluator.tools.tune.core.tune_rubric`
    grades them again and refits without pruning.
    """

    def __init__(
        self,
        rubric: Rubric | None = None,
        *,
        alphas: Sequence[float] = ALPHAS,
        rubric_scale: float | None = None,
        prune: bool = True,
    ) -> None:
        self.rubric = rubric
        self.alphas = alphas
        self.rubric_scale = rubric_scale
        self.prune = prune

    def fit(self, X: Sequence[AnswerFeatures], y: Sequence[float]) -> LinearShortTuner:
        """Ridge regression of the marks (as a share) on concept credits, per question."""
        if not isinstance(self.rubric, Rubric):
            raise ValueError("rubric must be a Rubric (LoadedRubric.rubric)")
        rubric = self.rubric
        rows, marks = self._checked(X, y)
        question_ids = sorted({r.question for r in rows})
        data = rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
        where = {
            c["id"]: (d_index, c_index)
            for d_index, d in enumerate(data["dimensions"])
            for c_index, c in enumerate(d["concepts"])
        }
        self.concept_ids_: list[str] = []
        self.never_fired_: list[str] = []
        self.zero_weight_: list[str] = []
        self.coef_: dict[str, float] = {}
        self.alpha_: dict[str, float] = {}
        self.dropped_examples_: list[str] = []
        dropped: set[str] = set()
        learned = {c.id for _, c in rubric.concepts() if is_learned(c)}
        examples = {c.id for _, c in rubric.concepts() if c.exemplar}
        cues = {c.id: c.cues for _, c in rubric.concepts() if c.exemplar}
        own_penalty = {c.id: c.penalty for _, c in rubric.concepts() if c.id not in learned}
        self.against_sign_: list[str] = []
        self.renamed_: dict[str, str] = {}
        for qid in question_ids:
            question = rubric.question(qid)
            picked = [i for i, r in enumerate(rows) if r.question == qid]
            ids = [c.id for qd in question.dimensions for c in rubric.counted(question, qd.id)]
            self.concept_ids_ += ids
            credits = np.array([[rows[i].credits.get(c, 0.0) for c in ids] for i in picked])
            shares = marks[picked] / question.max_marks
            own_scale = self.rubric_scale or rubric_scale(rubric, qid)
            scale = np.array(
                [
                    EXEMPLAR_SCALE if c in examples else 1.0 if c in learned else own_scale
                    for c in ids
                ]
            )
            credits = credits * scale
            fired = credits.sum(axis=0) > 0
            self.never_fired_ += [c for c, f in zip(ids, fired, strict=True) if not f]
            coef = np.zeros(len(ids))
            intercept = float(shares.mean())
            cuts: list[float] | None = None
            signs = np.ones(len(ids))
            if fired.any() and len(picked) > 2:
                signs = expected_signs(
                    credits,
                    shares,
                    learned=np.array([c in learned or c in examples for c in ids]),
                    penalty=np.array([own_penalty.get(c, False) for c in ids]),
                )
                example = np.array([c in examples for c in ids])
                # a graded answer of a word or two that would cost marks is a learned word in
                # disguise, and a costly one: every answer writing its word repeats all of it
                # (session 44: "Chloroplast" took a right answer's mark); it earns or goes
                words = np.array([len(cues.get(c, ())) for c in ids])
                short = example & fired & (signs < 0) & (words < EXEMPLAR_MIN_COSTING_WORDS)
                if short.any():
                    fired = fired & ~short
                    dropped.update(c for c, s in zip(ids, short, strict=True) if s)
                ridge, fired_signed = self._signed_ridge(credits, shares, fired, signs)
                if self.prune and (example & fired).any() and (fired & ~example).any():
                    # the graded answers as examples stay only when they lower the error on
                    # answers left out (one at a time): where marks are sums of separate
                    # points, resemblance to a whole answer can mislead
                    plain, plain_fired = self._signed_ridge(
                        credits, shares, fired & ~example, signs
                    )
                    if plain.best_score_ >= ridge.best_score_:
                        ridge, fired_signed = plain, plain_fired
                        fired = fired & ~example
                        dropped.update(c for c in ids if c in examples)
                        self.dropped_examples_ += [c for c in ids if c in examples]
                self.against_sign_ += [
                    c for c, f, g in zip(ids, fired, fired_signed, strict=True) if f and not g
                ]
                coef[fired_signed] = ridge.coef_ * scale[fired_signed]
                intercept = float(ridge.intercept_)
                self.alpha_[qid] = float(ridge.alpha_)
                # each answer's marks from a fit that left it out: what the cut points are
                # fitted on, so they correct the ridge's shrinkage as held-out answers see it
                left_out = ridge.cv_results_[:, list(ridge.alphas).index(ridge.alpha_)]
                cuts = fitted_cut_points(
                    np.clip(left_out, 0.0, 1.0) * question.max_marks,
                    marks[picked],
                    question.max_marks,
                )
            for concept_id, f, value, sign in zip(ids, fired, coef, signs, strict=True):
                if concept_id in dropped:
                    continue
                self.coef_[concept_id] = round(float(value), 6)
                if not f:
                    continue  # nothing learned about it: its weight stays as it was
                weight = round(abs(float(value)) * question.max_marks, 3)
                weightless = concept_id in learned or concept_id in examples
                if self.prune and weight < MIN_WEIGHT and weightless:
                    # a learned phrase or a graded answer the fit gives no weight moves no mark:
                    # it is not written (trial s40t: 256 phrases and 196 pupils' answers at the
                    # floor weight, which a teacher had to read past)
                    dropped.add(concept_id)
                    continue
                if weight < MIN_WEIGHT:
                    self.zero_weight_.append(concept_id)
                d_index, c_index = where[concept_id]
                concept = data["dimensions"][d_index]["concepts"][c_index]
                concept["weight"] = float(min(100.0, max(MIN_WEIGHT, weight)))
                penalty = bool(value < 0) if value else bool(sign < 0)
                concept["penalty"] = penalty
                if concept_id in learned:
                    concept["note"] = _fitted_note(concept, concept["weight"], penalty)
            q_index = next(i for i, q in enumerate(data["questions"]) if q["id"] == qid)
            data["questions"][q_index]["intercept"] = round(intercept * question.max_marks, 3)
            data["questions"][q_index].pop("cut_points", None)
            if cuts:
                data["questions"][q_index]["cut_points"] = cuts
        for qid in question_ids:  # after every weight is written: moving shifts the indexes
            _place_learned(data, qid, learned - examples)
        self._rename(_name_by_sign(data, learned - examples))
        if dropped:
            _drop_concepts(data, dropped)
            self.concept_ids_ = [c for c in self.concept_ids_ if c not in dropped]
            self.never_fired_ = [c for c in self.never_fired_ if c not in dropped]
        tutor_rounding(data, marks)
        self._keep_tuned(Rubric.model_validate(data), question_ids)
        self.ceiling_ = self.tuned_rubric_.scoring.ceiling
        self.curve_ = self.tuned_rubric_.scoring.curve
        self.pruned_ = sorted(dropped)
        return self

    def _rename(self, renamed: dict[str, str]) -> None:
        """Carry concepts' new ids (:func:`_name_by_sign`) into what the fit reports."""
        if not renamed:
            return
        self.renamed_ = renamed
        self.concept_ids_ = [renamed.get(c, c) for c in self.concept_ids_]
        self.never_fired_ = [renamed.get(c, c) for c in self.never_fired_]
        self.zero_weight_ = [renamed.get(c, c) for c in self.zero_weight_]
        self.against_sign_ = [renamed.get(c, c) for c in self.against_sign_]
        self.coef_ = {renamed.get(c, c): v for c, v in self.coef_.items()}

    def _signed_ridge(
        self, credits: np.ndarray, shares: np.ndarray, fired: np.ndarray, signs: np.ndarray
    ) -> tuple[RidgeCV, np.ndarray]:
        """The ridge regression on the fired columns whose fitted signs are the expected ones
        (``signs``: +1 may only earn, -1 may only cost): a column fitted against its sign is
        left out and the rest fitted again, until none is (at most :data:`SIGN_ROUNDS` rounds;
        then the columns still against their sign are left out of the last fit as well).
        Returns the fit and the columns it used."""
        used = fired.copy()
        ridge = self._ridge(credits[:, used], shares)
        for _ in range(SIGN_ROUNDS + 1):  # the last refit is kept as it comes
            against = ridge.coef_ * signs[used] < 0
            if not against.any():
                return ridge, used
            used[np.flatnonzero(used)[against]] = False
            if not used.any():  # nothing fits with its sign: the intercept alone
                ridge = self._ridge(np.zeros((len(shares), 1)), shares)
                ridge.coef_ = np.zeros(0)
                return ridge, used
            ridge = self._ridge(credits[:, used], shares)
        return ridge, used

    def _ridge(self, credits: np.ndarray, shares: np.ndarray) -> RidgeCV:
        """Ridge regression with its strength chosen by leave-one-out error; the left-out
        predictions are kept (``cv_results_``)."""
        return RidgeCV(
            alphas=tuple(self.alphas),
            store_cv_results=True,
            scoring="neg_mean_squared_error",  # LOO predictions, alpha as by LOO error
        ).fit(credits, shares)


def _place_learned(data: dict[str, Any], question_id: str, learned: set[str]) -> None:
    """Put each learned phrase where its fitted sign says it belongs: one that costs marks in the
    question's weightiest dimension (as phrases of low-marked answers are learned), one that
    earns in its ``learned-<question>`` dimension. The fit can turn a phrase learned as a
    penalty into one that earns, or the other way; left where it was, a dimension of the
    notes held earning phrases ('Constitutional basis: 9 of 112 concepts')."""
    question = next(q for q in data["questions"] if q["id"] == question_id)
    by_id = {d["id"]: d for d in data["dimensions"]}
    learned_id = learned_dimension_id(question_id)
    own = [d["id"] for d in question["dimensions"] if d["id"] in by_id and d["id"] != learned_id]
    own = [d for d in own if d != examples_dimension_id(question_id)]
    if not own:
        return
    main_id = max(
        (d for d in question["dimensions"] if d["id"] in own), key=lambda d: d.get("weight", 1.0)
    )["id"]
    to_main, to_learned = [], []
    for dimension_id in [main_id, learned_id]:
        dimension = by_id.get(dimension_id)
        if dimension is None:
            continue
        kept = []
        for concept in dimension["concepts"]:
            wrong_place = concept["id"] in learned and (
                (dimension_id == main_id) != bool(concept.get("penalty"))
            )
            if not wrong_place:
                kept.append(concept)
            elif dimension_id == main_id:
                to_learned.append(concept)
            else:
                to_main.append(concept)
        dimension["concepts"] = kept
    by_id[main_id]["concepts"] += to_main
    if to_learned:
        if learned_id not in by_id:
            data["dimensions"].append(
                {
                    "id": learned_id,
                    "label": "Learned from the tutor's marks",
                    "description": "Points `rubric tune` learned from graded answers.",
                    "concepts": [],
                }
            )
            question["dimensions"].append({"id": learned_id, "weight": 1.0})
            by_id[learned_id] = data["dimensions"][-1]
        by_id[learned_id]["concepts"] += to_learned
    if learned_id in by_id and not by_id[learned_id]["concepts"]:
        _drop_concepts(data, set())  # drops the emptied dimension and its question entries


def _name_by_sign(data: dict[str, Any], learned: set[str]) -> dict[str, str]:
    """Rename each learned phrase whose id says the other sign than the fit gave it (a phrase
    learned from low-marked answers that the fit made earn was still ``low-marked-…`` in the
    rubric a tutor reads, :data:`LEARNED_PREFIXES`); returns old id -> new id."""
    taken = {c["id"] for d in data["dimensions"] for c in d["concepts"]}
    renamed = {}
    for dimension in data["dimensions"]:
        for concept in dimension["concepts"]:
            split = split_learned_id(concept["id"]) if concept["id"] in learned else None
            wanted = LEARNED_PREFIXES[bool(concept.get("penalty"))]
            if split is None or split[0] == wanted:
                continue  # right already, or a tutor's own id for a phrase of an earlier tune
            taken.discard(concept["id"])
            renamed[concept["id"]] = concept["id"] = free_id(f"{wanted}-{split[1]}", taken)
    return renamed


def _drop_concepts(data: dict[str, Any], dropped: set[str]) -> None:
    """Remove these concepts from rubric data, and any dimension left without concepts (with
    the questions' references to it)."""
    emptied = set()
    for dimension in data["dimensions"]:
        dimension["concepts"] = [c for c in dimension["concepts"] if c["id"] not in dropped]
        if not dimension["concepts"]:
            emptied.add(dimension["id"])
    data["dimensions"] = [d for d in data["dimensions"] if d["id"] not in emptied]
    for question in data["questions"]:
        question["dimensions"] = [d for d in question["dimensions"] if d["id"] not in emptied]


def _fitted_note(concept: dict[str, Any], weight: float, penalty: bool) -> str:
    """A learned concept's note with what the fit gave it (its sign can differ from how the
    phrase's users were marked: the fit counts the rest of the rubric too)."""
    effect = "costs" if penalty else "earns"
    if concept.get("exemplar"):
        head, _, text = concept["note"].partition(": ")
        text = text.split(EXAMPLE_TEXT, 1)[-1]  # a note a fit wrote before
        return (
            f"{head}: with the rest of the rubric, an answer that repeats its content words "
            f"{effect} up to {plural(weight, 'mark')}, in proportion to how many it repeats."
            f"{EXAMPLE_TEXT}{text}"
        )[:1000]
    support = re.match(rf"({re.escape(LEARNED_NOTE)}.*?\))", concept["note"])
    head = support.group(1) if support else LEARNED_NOTE.strip()
    cue = concept["cues"][0][0]
    writes = f"denies '{cue}'" if concept.get("denial") else f"writes '{concept['label']}'"
    return (
        f"{head}: with the rest of the rubric, an answer that {writes} {effect} "
        f"{plural(weight, 'mark')}."
    )
