"""Per question, the rubric as it was where tuning made it worse.

Answers to several questions tuned together are fitted one question at a time in the linear form
(each question's intercept and weights are its own), so a question whose held-out agreement does
not improve can keep its rubric as it was while the others are tuned: session 43's teacher read
"q1: QWK 0.419 -> 0.381" and "q3: QWK 0.640 -> 0.585" under the table, and the rubric written had
tuned them anyway. :func:`not_improved` says which questions tuning did not help, on the held-out
folds; :func:`keep_as_they_were` puts their dimensions, concepts and question back as the rubric
had them, or says why it cannot (what they share moved with the others).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from evaluator.rubric.model import Rubric
from evaluator.tools.agreement import Agreement, agreement

__all__ = ["agrees_better", "keep_as_they_were", "not_improved"]


def agrees_better(a: Agreement, b: Agreement) -> bool:
    """Whether ``a`` agrees better than ``b``: higher QWK and no larger RMSE (by RMSE alone when
    a QWK is undefined, as for a question all of whose answers have one mark). The rule the tuned
    rubric is written by, and each question kept by."""
    if a.qwk != a.qwk or b.qwk != b.qwk:
        return a.rmse < b.rmse
    return a.qwk > b.qwk and a.rmse <= b.rmse + 1e-9


def not_improved(
    questions: Sequence[str],
    human: Sequence[float] | np.ndarray,
    before: Sequence[float] | np.ndarray,
    after: Sequence[float] | np.ndarray,
    *,
    step: float,
) -> list[str]:
    """The questions (of two or more tuned together) whose held-out agreement tuning did not
    improve, in id order."""
    ids = sorted(set(questions))
    if len(ids) < 2:
        return []
    worse = []
    for qid in ids:
        rows = [i for i, q in enumerate(questions) if q == qid]
        marks = [human[i] for i in rows]
        was = agreement(marks, [before[i] for i in rows], step=step)
        now = agreement(marks, [after[i] for i in rows], step=step)
        if not agrees_better(now, was):
            worse.append(qid)
    return worse


def keep_as_they_were(
    tuned: Rubric, source: Rubric, question_ids: Sequence[str], tuned_ids: Sequence[str]
) -> tuple[Rubric, list[str], dict[str, str]]:
    """``tuned`` with each of ``question_ids`` as ``source`` has it: its question entry, its own
    dimensions with their concepts and weights, its rounding (the question's own ``rounding``
    when the tuned rubric rounds to another step), and without what tuning added for it (its
    ``learned-`` and ``examples-`` dimensions). ``tuned_ids`` are every question tuned.

    A question keeps its rubric only where that leaves the others' marks alone: not when the
    rubric's mark mapping (``scoring.ceiling``, ``scoring.curve``, the essay form's) moved, nor
    when another question that stays tuned counts one of its dimensions. Returns the rubric, the
    questions kept, and for the others why not (one phrase each)."""
    moved = [
        f"scoring.{name}"
        for name in ("ceiling", "curve")
        if abs(getattr(source.scoring, name) - getattr(tuned.scoring, name)) > 1e-9
    ]
    kept: list[str] = []
    refused: dict[str, str] = {}
    for qid in question_ids:
        if moved:
            refused[qid] = f"its marks go through the rubric's {' and '.join(moved)}, which moved"
            continue
        own = {qd.id for qd in source.question(qid).dimensions}
        staying = [q for q in tuned_ids if q != qid and q not in question_ids]
        shared = sorted(
            {qd.id for q in staying for qd in source.question(q).dimensions if qd.id in own}
        )
        if shared:
            refused[qid] = f"it shares {', '.join(shared)} with a question tuning improved"
            continue
        kept.append(qid)
    if not kept:
        return tuned, [], refused
    data = tuned.model_dump(mode="json", by_alias=True, exclude_none=True)
    was = source.model_dump(mode="json", by_alias=True, exclude_none=True)
    old_dimensions = {d["id"]: d for d in was["dimensions"]}
    old_questions = {q["id"]: q for q in was["questions"]}
    for qid in kept:
        own = {qd["id"] for qd in old_questions[qid]["dimensions"]}
        index = next(i for i, q in enumerate(data["questions"]) if q["id"] == qid)
        added = {qd["id"] for qd in data["questions"][index]["dimensions"]} - own
        question = dict(old_questions[qid])
        step = source.step_of(source.question(qid))
        if abs(step - tuned.scoring.rounding) > 1e-9:
            # the tuned rubric rounds to the tutor's step; this question's marks stay as they
            # were, rounded as they were
            question["rounding"] = step
        data["questions"][index] = question
        # what tuning added for this question alone (its learned and examples dimensions) goes
        referenced = {qd["id"] for q in data["questions"] for qd in q["dimensions"]}
        data["dimensions"] = [
            _restored(d, old_dimensions, own)
            for d in data["dimensions"]
            if d["id"] not in added or d["id"] in referenced
        ]
    return Rubric.model_validate(data), kept, refused


def _restored(
    dimension: dict[str, Any], old: dict[str, dict[str, Any]], own: set[str]
) -> dict[str, Any]:
    """A dimension as the rubric had it when it is one of the kept question's own."""
    return old[dimension["id"]] if dimension["id"] in own else dimension
