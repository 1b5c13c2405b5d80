"""Batch grading: many answers, one rubric, results streamed in input order to CSV, JSONL or an
HTML report; in-process, a local process pool or Dask (batch.backends)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evaluator import lazy_exports

if TYPE_CHECKING:
    from evaluator.batch.backends import iter_results
    from evaluator.batch.core import BatchResult, BatchSummary, StopFlag, grade_items
    from evaluator.batch.inputs import BatchItem
    from evaluator.batch.report import render_html_report
    from evaluator.batch.run import BatchOutcome, run_batch
    from evaluator.batch.worker import init_worker

__all__ = [
    "BatchItem",
    "BatchOutcome",
    "BatchResult",
    "BatchSummary",
    "StopFlag",
    "grade_items",
    "init_worker",
    "iter_results",
    "render_html_report",
    "run_batch",
]

__getattr__ = lazy_exports(
    globals(),
    {
        "BatchItem": "evaluator.batch.inputs",
        "BatchOutcome": "evaluator.batch.run",
        "BatchResult": "evaluator.batch.core",
        "BatchSummary": "evaluator.batch.core",
        "StopFlag": "evaluator.batch.core",
        "grade_items": "evaluator.batch.core",
        "init_worker": "evaluator.batch.worker",
        "iter_results": "evaluator.batch.backends",
        "render_html_report": "evaluator.batch.report",
        "run_batch": "evaluator.batch.run",
    },
)
