"""The tutor's verbs over a rubric and graded answers: agreement, graded CSVs, audit, suggest,
diff, derive (a rubric drafted from notes), merge (several questions' rubrics joined into one)
and tune (weights fitted to a tutor's marks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evaluator import lazy_exports

if TYPE_CHECKING:
    from evaluator.tools.agreement import METRICS, Agreement, agreement
    from evaluator.tools.audit import audit_rubric
    from evaluator.tools.derive.core import derive_rubric, derive_rubric_file
    from evaluator.tools.diff import diff_rubrics
    from evaluator.tools.graded import (
        GradedAnswer,
        SkippedRow,
        graded_columns,
        parse_graded_bytes,
        read_graded_csv,
    )
    from evaluator.tools.merge import merge_rubrics, write_merged
    from evaluator.tools.suggest import suggest_phrases
    from evaluator.tools.tune.core import tune_rubric
    from evaluator.tools.tune.result import TuningResult

__all__ = [
    "METRICS",
    "Agreement",
    "GradedAnswer",
    "SkippedRow",
    "TuningResult",
    "agreement",
    "audit_rubric",
    "derive_rubric",
    "derive_rubric_file",
    "diff_rubrics",
    "graded_columns",
    "merge_rubrics",
    "parse_graded_bytes",
    "read_graded_csv",
    "suggest_phrases",
    "tune_rubric",
    "write_merged",
]

__getattr__ = lazy_exports(
    globals(),
    {
        "Agreement": "evaluator.tools.agreement",
        "GradedAnswer": "evaluator.tools.graded",
        "METRICS": "evaluator.tools.agreement",
        "SkippedRow": "evaluator.tools.graded",
        "TuningResult": "evaluator.tools.tune.result",
        "agreement": "evaluator.tools.agreement",
        "audit_rubric": "evaluator.tools.audit",
        "derive_rubric": "evaluator.tools.derive.core",
        "derive_rubric_file": "evaluator.tools.derive.core",
        "diff_rubrics": "evaluator.tools.diff",
        "graded_columns": "evaluator.tools.graded",
        "merge_rubrics": "evaluator.tools.merge",
        "parse_graded_bytes": "evaluator.tools.graded",
        "read_graded_csv": "evaluator.tools.graded",
        "suggest_phrases": "evaluator.tools.suggest",
        "tune_rubric": "evaluator.tools.tune.core",
        "write_merged": "evaluator.tools.merge",
    },
)
