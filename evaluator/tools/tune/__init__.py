"""Tuning: fit a rubric's concept weights to a tutor's marks, cross-validated, with the marks
computed by scoring.marks exactly as grading does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evaluator import lazy_exports

if TYPE_CHECKING:
    from evaluator.tools.tune.core import (
        ConceptTuning,
        TuningResult,
        agreement_scatter_svg,
        assign_questions,
        score_graded,
        tune_rubric,
        write_tuned_rubric,
    )

__all__ = [
    "ConceptTuning",
    "TuningResult",
    "agreement_scatter_svg",
    "assign_questions",
    "score_graded",
    "tune_rubric",
    "write_tuned_rubric",
]

__getattr__ = lazy_exports(
    globals(),
    {
        "ConceptTuning": "evaluator.tools.tune.core",
        "TuningResult": "evaluator.tools.tune.core",
        "agreement_scatter_svg": "evaluator.tools.tune.core",
        "assign_questions": "evaluator.tools.tune.core",
        "score_graded": "evaluator.tools.tune.core",
        "tune_rubric": "evaluator.tools.tune.core",
        "write_tuned_rubric": "evaluator.tools.tune.core",
    },
)
