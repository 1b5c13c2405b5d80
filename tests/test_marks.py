"""The marks arithmetic has one home (scoring/marks.py): tuning's vectorised grid over ceilings and
curves gives, answer for answer, the marks grading gives with that ceiling and curve."""

from __future__ import annotations

import random

import numpy as np

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.marks import advisory_limits, compute_marks, marks_from_raw, raw_score
from evaluator.scoring.report import Advisory

CEILINGS = np.array([0.3, 0.55, 0.8, 1.0])
CURVES = np.array([0.8, 1.0, 1.35, 2.0])


def _random_row(rng: random.Random, rubric, question):
    scores = {d.id: rng.choice([0.0, 1.0, rng.random()]) for d in question.dimensions}
    advisories = []
    if rng.random() < 0.3:
        advisories.append(Advisory("capped", "m", cap=rng.choice([0.15, 0.4, 0.6, 0.9])))
    if rng.random() < 0.3:
        advisories.append(Advisory("penalised", "m", penalty=rng.choice([0.05, 0.1, 0.5])))
    if rng.random() < 0.3:
        advisories.append(Advisory("deducted", "m", deduction=rng.choice([0.1, 0.3, 0.5])))
    return scores, rng.random(), rng.randrange(0, 6), advisories, rng.random()


def test_vectorised_marks_equal_compute_marks_on_random_rows(india_japan: LoadedRubric) -> None:
    rng = random.Random(16)
    rubric = india_japan.rubric
    rows = []
    for _ in range(400):
        question = rng.choice(rubric.questions)
        rows.append((question, *_random_row(rng, rubric, question)))

    raws, maxima, caps, penalties, deductions = [], [], [], [], []
    for question, scores, structure, bonus, advisories, relevance in rows:
        weights = {q.id: q.weight for q in question.dimensions}
        raws.append(raw_score(rubric.scoring, weights, scores, structure, bonus, relevance).raw)
        limits = advisory_limits(advisories)
        caps.append(np.inf if limits.cap is None else limits.cap)
        penalties.append(limits.penalty)
        deductions.append(limits.deduction)
        maxima.append(question.max_marks)
    grid = marks_from_raw(
        np.array(raws)[None, None, :],
        np.array(maxima, dtype=float),
        ceiling=CEILINGS[:, None, None],
        curve=CURVES[None, :, None],
        cap=np.array(caps),
        penalty=np.array(penalties),
        step=rubric.scoring.rounding,
        deduction=np.array(deductions),
    ).marks

    checked = 0
    for i, ceiling in enumerate(CEILINGS):
        for j, curve in enumerate(CURVES):
            scoring = rubric.scoring.model_copy(
                update={"ceiling": float(ceiling), "curve": float(curve)}
            )
            variant = rubric.model_copy(update={"scoring": scoring})
            for k, (question, scores, structure, bonus, advisories, relevance) in enumerate(rows):
                _, marks = compute_marks(
                    variant, question, scores, structure, bonus, advisories, relevance
                )
                assert round(float(grid[i, j, k]), 2) == marks, (ceiling, curve, k)
                checked += 1
    assert checked == len(CEILINGS) * len(CURVES) * len(rows)


def test_a_cap_is_never_rounded_past(india_japan: LoadedRubric) -> None:
    rubric = india_japan.rubric
    question = rubric.questions[0]
    full = {d.id: 1.0 for d in question.dimensions}
    _, marks = compute_marks(rubric, question, full, 1.0, 0, [Advisory("x", "m", cap=0.15)])
    assert marks <= 0.15 * question.max_marks
