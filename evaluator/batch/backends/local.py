"""The local backend of batch grading: in this process, or a pool of spawned worker processes
that each load the pipeline once (``batch.worker.init_worker``) and grade chunks with
``grade_items``."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from evaluator.batch.core import CHUNKS_IN_FLIGHT_PER_WORKER, BatchResult, StopCheck, grade_items
from evaluator.batch.inputs import BatchItem
from evaluator.batch.worker import grade_in_worker, init_worker
from evaluator.errors import BatchError
from evaluator.rubric.loader import LoadedRubric


def iter_local_results(
    chunks: Iterator[list[BatchItem]],
    loaded: LoadedRubric,
    workers: int,
    scheduler: str | None,
    should_stop: StopCheck,
) -> Iterator[BatchResult]:
    """Results in input order, graded here (one worker) or by a process pool (``scheduler`` is
    for Dask and must be None)."""
    if scheduler is not None:
        raise ValueError("the local backend takes no scheduler")
    if workers <= 1:
        for chunk in chunks:
            if should_stop():
                return
            yield from grade_items(chunk, loaded)
    else:
        yield from _iter_pool_results(chunks, loaded, workers, should_stop)


def _iter_pool_results(
    chunks: Iterator[list[BatchItem]],
    loaded: LoadedRubric,
    workers: int,
    should_stop: StopCheck,
) -> Iterator[BatchResult]:
    # spawn, not fork: portable, and safe with the threads tqdm and spaCy may have started
    context = multiprocessing.get_context("spawn")
    # one BLAS thread per worker: N workers with a BLAS pool each would oversubscribe the cores
    # (spawned children read these at start-up; values the user set are kept)
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=init_worker,
        initargs=(pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL),),
    )
    pending: deque[Future[list[BatchResult]]] = deque()
    limit = workers * CHUNKS_IN_FLIGHT_PER_WORKER
    try:
        for chunk in chunks:
            if should_stop():
                return
            pending.append(pool.submit(grade_in_worker, chunk))
            if len(pending) >= limit:
                yield from pending.popleft().result()
        while pending and not should_stop():
            yield from pending.popleft().result()
    except BrokenProcessPool as exc:
        raise BatchError(
            "a worker process died (out of memory or killed)",
            hint="rerun with --resume to grade what is left, perhaps with fewer --workers",
        ) from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
