"""Scoring: text -> Report. The engine runs the checks (scoring.checks) over a parsed answer,
marks.py turns their features into marks (the one copy of the arithmetic), report.py holds the
result objects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evaluator import lazy_exports

if TYPE_CHECKING:
    from evaluator.scoring.engine import (
        MAX_ANSWER_CHARS,
        evaluate,
        evaluate_doc,
        evaluate_many,
        validate_answer_text,
    )
    from evaluator.scoring.faces import (
        credited_view,
        dimension_rows,
        from_sum,
        held_rows,
        rows_sum,
        signed,
    )
    from evaluator.scoring.feedback import (
        fact_step_head,
        facts_listed,
        note_after_step,
        told_in_strengths,
        unsaid_improvements,
    )
    from evaluator.scoring.inputs import read_answer_bytes
    from evaluator.scoring.marks import compute_marks
    from evaluator.scoring.report import (
        Report,
        is_marked_down,
        is_misconception,
        is_point,
        is_point_to_add,
        learned_only_dimensions,
    )

__all__ = [
    "MAX_ANSWER_CHARS",
    "Report",
    "compute_marks",
    "credited_view",
    "dimension_rows",
    "evaluate",
    "evaluate_doc",
    "evaluate_many",
    "fact_step_head",
    "facts_listed",
    "from_sum",
    "held_rows",
    "is_marked_down",
    "is_misconception",
    "is_point",
    "is_point_to_add",
    "learned_only_dimensions",
    "note_after_step",
    "read_answer_bytes",
    "rows_sum",
    "signed",
    "told_in_strengths",
    "unsaid_improvements",
    "validate_answer_text",
]

__getattr__ = lazy_exports(
    globals(),
    {
        "MAX_ANSWER_CHARS": "evaluator.scoring.engine",
        "Report": "evaluator.scoring.report",
        "compute_marks": "evaluator.scoring.marks",
        "evaluate": "evaluator.scoring.engine",
        "evaluate_doc": "evaluator.scoring.engine",
        "evaluate_many": "evaluator.scoring.engine",
        "is_marked_down": "evaluator.scoring.report",
        "is_misconception": "evaluator.scoring.report",
        "unsaid_improvements": "evaluator.scoring.feedback",
        "fact_step_head": "evaluator.scoring.feedback",
        "facts_listed": "evaluator.scoring.feedback",
        "note_after_step": "evaluator.scoring.feedback",
        "told_in_strengths": "evaluator.scoring.feedback",
        "is_point": "evaluator.scoring.report",
        "is_point_to_add": "evaluator.scoring.report",
        "learned_only_dimensions": "evaluator.scoring.report",
        "read_answer_bytes": "evaluator.scoring.inputs",
        "credited_view": "evaluator.scoring.faces",
        "dimension_rows": "evaluator.scoring.faces",
        "from_sum": "evaluator.scoring.faces",
        "held_rows": "evaluator.scoring.faces",
        "rows_sum": "evaluator.scoring.faces",
        "signed": "evaluator.scoring.faces",
        "validate_answer_text": "evaluator.scoring.engine",
    },
)
