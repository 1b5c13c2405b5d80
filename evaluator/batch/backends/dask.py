"""The Dask backend of batch grading: the same pure ``grade_items`` mapped over partitions.

Dask is an optional extra (``pip install 'mains-evaluator[distributed]'``) and is imported only
when ``--backend dask`` is chosen. Without ``--scheduler`` a LocalCluster of ``--workers``
processes is started and closed again; with it, the workers of an existing cluster must have
this package (and its spaCy model) installed.
"""

from __future__ import annotations

import logging
import warnings
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from evaluator.batch.core import CHUNKS_IN_FLIGHT_PER_WORKER, BatchResult, grade_items
from evaluator.batch.inputs import BatchItem
from evaluator.errors import BatchError, MissingExtraError
from evaluator.rubric.loader import LoadedRubric


def import_distributed() -> Any:
    """The `distributed` module, or MissingExtraError saying how to install it."""
    try:
        import distributed
    except ImportError as exc:
        raise MissingExtraError(
            "--backend dask needs Dask, which is not installed",
            hint="pip install 'mains-evaluator[distributed]' (or use --backend local)",
        ) from exc
    return distributed


SCRATCH_SPACE_WARNING = "Creating scratch directories is taking a surprisingly long time"


def connect(
    workers: int, scheduler: str | None, *, processes: bool = True
) -> tuple[Any, Any | None]:
    """A Dask client and the LocalCluster it owns (None when connecting to `scheduler`)."""
    distributed = import_distributed()
    # Dask logs every worker start and stop at INFO; a batch run's stderr is for the user
    logging.getLogger("distributed").setLevel(logging.ERROR)
    if scheduler:
        try:
            # Dask's own connect timeout (30 s unless the user sets
            # DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT), not a number of ours
            return distributed.Client(scheduler), None
        except (OSError, TimeoutError) as exc:
            raise BatchError(
                f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                hint="check the address (tcp://host:8786) or omit --scheduler for a local cluster",
            ) from exc
    with warnings.catch_warnings():
        # Dask times its scratch-directory set-up and warns past one second: advice about the
        # disk on a busy machine, not about the batch, and it changes nothing in the marks
        warnings.filterwarnings("ignore", message=SCRATCH_SPACE_WARNING)
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,  # spaCy pipelines are used one document at a time per process
            processes=processes,
            # the scheduler always serves HTTP; a free port instead of 8787, so a second cluster
            # on the machine (another run, a test) never warns on the user's stderr
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
    return distributed.Client(cluster), cluster


def iter_dask_results(
    chunks: Iterator[list[BatchItem]],
    loaded: LoadedRubric,
    workers: int,
    scheduler: str | None,
    should_stop: Callable[[], bool],
    *,
    processes: bool = True,
) -> Iterator[BatchResult]:
    """Results in input order from Dask workers, with a bounded number of partitions in flight."""
    client, cluster = connect(workers, scheduler, processes=processes)
    try:
        rubric = client.scatter(loaded, broadcast=True)
        slots = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        limit = slots * CHUNKS_IN_FLIGHT_PER_WORKER
        pending: deque[Any] = deque()
        for chunk in chunks:
            if should_stop():
                break
            pending.append(client.submit(grade_items, chunk, rubric, pure=False))
            if len(pending) >= limit:
                yield from pending.popleft().result()
        while pending and not should_stop():
            yield from pending.popleft().result()
        for future in pending:
            future.cancel()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
