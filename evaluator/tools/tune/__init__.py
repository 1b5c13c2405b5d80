"""Tuning: fit a rubric's concept weights to a tutor's marks, cross-validated, with the marks
computed by scoring.marks exactly as grading does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evaluator import lazy_exports

if TYPE_CHECKING:
    from evaluator.tools.tune.answers import assign_questions, score_graded
    from evaluator.tools.tune.core import tune_rubric
    from evaluator.tools.tune.output import (
        agreement_scatter_svg,
        audit_tuned,
        bump_version,
        write_tuned_rubric,
    )
    from evaluator.tools.tune.result import ConceptTuning, Notice, TuningResult

__all__ = [
    "ConceptTuning",
    "Notice",
    "TuningResult",
    "agreement_scatter_svg",
    "assign_questions",
    "audit_tuned",
    "bump_version",
    "score_graded",
    "tune_rubric",
    "write_tuned_rubric",
]

__getattr__ = lazy_exports(
    globals(),
    {
        "ConceptTuning": "evaluator.tools.tune.result",
        "Notice": "evaluator.tools.tune.result",
        "TuningResult": "evaluator.tools.tune.result",
        "agreement_scatter_svg": "evaluator.tools.tune.output",
        "assign_questions": "evaluator.tools.tune.answers",
        "audit_tuned": "evaluator.tools.tune.output",
        "bump_version": "evaluator.tools.tune.output",
        "score_graded": "evaluator.tools.tune.answers",
        "tune_rubric": "evaluator.tools.tune.core",
        "write_tuned_rubric": "evaluator.tools.tune.output",
    },
)
