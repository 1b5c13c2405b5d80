"""The linear form's marks on the tutor's scale: cut points fitted to the tutor's whole-mark
steps, and rounding to the tutor's step."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from evaluator.tools.agreement import mark_step, quadratic_weighted_kappa

__all__ = ["CUT_MIN_ANSWERS", "fitted_cut_points", "tutor_rounding"]


CUT_MIN_ANSWERS = 50
"""A question's marks get fitted cut points only with at least this many graded answers: with
fewer, thresholds that maximise agreement on them follow luck."""


def fitted_cut_points(
    left_out: np.ndarray, tutor: np.ndarray, max_marks: float
) -> list[float] | None:
    """Cut points (see ``Question.cut_points``) that turn these left-out marks into the tutor's
    whole-mark steps with the best quadratic weighted kappa, or None when the tutor does not
    mark on a scale of whole steps (three or more different marks) or there are too few answers.

    Rounding to the nearest step under-uses the ends of the scale: a ridge regression shrinks
    its marks towards the mean. Each cut point in turn moves to the midpoint between two
    neighbouring left-out marks (at most 64 candidates, by quantile) that agrees best, three
    passes; ties keep the nearer-to-rounding choice, so the result is deterministic."""
    step = mark_step(tutor.tolist())
    levels = set(np.round(tutor, 6).tolist())
    steps = round(max_marks / step)
    if len(tutor) < CUT_MIN_ANSWERS or len(levels) < 3 or not 2 <= steps <= 20:
        return None
    if any(abs(m / step - round(m / step)) > 1e-6 for m in levels):
        return None

    def agreement_with(cut: np.ndarray) -> float:
        marks = np.searchsorted(cut, left_out, side="right") * step
        found = quadratic_weighted_kappa(tutor, marks, step)
        return -1.0 if math.isnan(found) else found

    order = np.unique(left_out)
    mids = (order[1:] + order[:-1]) / 2 if len(order) > 1 else order
    if len(mids) > 64:
        mids = np.unique(np.quantile(mids, np.linspace(0, 1, 64)))
    cuts = np.array([(k - 0.5) * step for k in range(1, steps + 1)], dtype=float)
    best = agreement_with(cuts)
    for _ in range(3):
        for j in range(steps):
            low = cuts[j - 1] if j else -np.inf
            high = cuts[j + 1] if j + 1 < steps else np.inf
            for candidate in mids[(mids >= low) & (mids <= high)]:
                trial = cuts.copy()
                trial[j] = candidate
                score = agreement_with(trial)
                nearer = abs(candidate - (j + 0.5) * step) < abs(cuts[j] - (j + 0.5) * step)
                if score > best + 1e-9 or (abs(score - best) <= 1e-9 and nearer):
                    best, cuts = score, trial
    cuts = np.clip(cuts, 0.0, max_marks)
    return [round(float(c), 3) for c in cuts]


def tutor_rounding(data: dict[str, Any], marks: np.ndarray) -> None:
    """Round the tuned rubric's marks to the tutor's step when the tutor marks on a scale of
    whole marks (three or more different marks, say 0-3) and the rubric rounds finer: the
    marks it gives are then on the tutor's scale, and agreement is measured on them without
    rounding them a second time (a 0.5-step 2.5 read as 3 pushes every 2.25-2.5 up a mark:
    0.1 QWK on a 0-3 set). A tutor who marks right or wrong (two marks) has no scale between
    them to match: the rubric's finer marks keep their ranking. The linear form only: the
    essay form's mark curve is calibrated on rounded marks, and whole marks of a 3-mark
    question left it too coarse to calibrate (benchmarks/validity_composite.py: 0.218 -> 0.095
    QWK)."""
    step = mark_step(marks.tolist())
    scale = len(set(np.round(marks, 6).tolist())) >= 3
    if scale and step > data["scoring"].get("rounding", step):
        data["scoring"]["rounding"] = step
