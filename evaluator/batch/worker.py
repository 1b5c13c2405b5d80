"""A spawned batch worker's entry points (the local backend's process pool).

The pool unpickles these functions by reference before the worker runs any of our code, so this
module imports nothing heavy: the library, spaCy and the rubric's classes are imported inside
``init_worker`` with the garbage collector paused (``evaluator.startup.collections_paused``), as
`mains-eval grade` and a web worker do; then the pipeline loads with the collector running."""

from __future__ import annotations

import pickle
import signal
from typing import TYPE_CHECKING

from evaluator.startup import collections_paused

if TYPE_CHECKING:
    from evaluator.batch.core import BatchResult
    from evaluator.batch.inputs import BatchItem
    from evaluator.rubric.loader import LoadedRubric

_worker_rubric: LoadedRubric | None = None


def init_worker(loaded: LoadedRubric | bytes) -> None:
    """Set up a pool worker: signals are the parent's; keep the rubric (given pickled, so that
    unpickling it, and the imports that brings, happen here); load the pipeline."""
    # the parent owns Ctrl-C and SIGTERM: it stops feeding work and shuts the pool down
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    global _worker_rubric
    with collections_paused():
        import evaluator.batch.core  # noqa: F401  (the library and spaCy, collector paused)

        _worker_rubric = pickle.loads(loaded) if isinstance(loaded, bytes) else loaded
    from evaluator.nlp.pipeline import get_nlp

    get_nlp()  # load the pipeline once per worker, before the first chunk arrives


def grade_in_worker(chunk: list[BatchItem]) -> list[BatchResult]:
    """Grade one chunk with the rubric ``init_worker`` kept."""
    from evaluator.batch.core import grade_items

    assert _worker_rubric is not None, "worker not initialised"
    return grade_items(chunk, _worker_rubric)
