"""Feedback a mentor would give: what earned credit, the few changes worth most (each with its
worth in marks), a short examiner's comment, and the full list of improvement points.

Every gain is exact: a candidate change (a missing concept credited, a partial one completed, a
contradicted fact corrected, an introduction added, the word budget met...) is applied to the
answer's *features* (concept credits, structure signals, advisories, relevance) and the marks are
recomputed by the one arithmetic in :mod:`evaluator.scoring.marks`, with the structure score
recomputed by :func:`~evaluator.scoring.checks.structure.structure_score`. No re-parse: the cost
is a few hundred microseconds per answer. Wording lives in ``evaluator/data/feedback.yaml``.

The package: ``core`` (:func:`build_feedback`), ``worth`` (the marks with one feature changed),
``steps`` (the next steps, ranked), ``strengths``, ``comment`` (the examiner's comment),
``improvements`` (the full list, and what a report leaves unsaid), ``facts_listed`` (the
checked facts every face lists, each once) and ``wording`` (plurals,
worth, clipped labels).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evaluator import lazy_exports

if TYPE_CHECKING:
    from evaluator.scoring.feedback.comment import examiner_comment
    from evaluator.scoring.feedback.core import build_feedback
    from evaluator.scoring.feedback.facts_listed import facts_listed
    from evaluator.scoring.feedback.improvements import (
        fact_step_head,
        improvements_of,
        note_after_step,
        unsaid_improvements,
    )
    from evaluator.scoring.feedback.steps import rank_next_steps
    from evaluator.scoring.feedback.strengths import strengths_of, told_in_strengths
    from evaluator.scoring.feedback.worth import MarksInputs, ReferenceGap

__all__ = [
    "MarksInputs",
    "ReferenceGap",
    "build_feedback",
    "examiner_comment",
    "fact_step_head",
    "facts_listed",
    "improvements_of",
    "note_after_step",
    "rank_next_steps",
    "strengths_of",
    "told_in_strengths",
    "unsaid_improvements",
]

__getattr__ = lazy_exports(
    globals(),
    {
        "MarksInputs": "evaluator.scoring.feedback.worth",
        "ReferenceGap": "evaluator.scoring.feedback.worth",
        "build_feedback": "evaluator.scoring.feedback.core",
        "examiner_comment": "evaluator.scoring.feedback.comment",
        "fact_step_head": "evaluator.scoring.feedback.improvements",
        "facts_listed": "evaluator.scoring.feedback.facts_listed",
        "improvements_of": "evaluator.scoring.feedback.improvements",
        "note_after_step": "evaluator.scoring.feedback.improvements",
        "rank_next_steps": "evaluator.scoring.feedback.steps",
        "strengths_of": "evaluator.scoring.feedback.strengths",
        "told_in_strengths": "evaluator.scoring.feedback.strengths",
        "unsaid_improvements": "evaluator.scoring.feedback.improvements",
    },
)
