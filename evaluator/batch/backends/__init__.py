"""Batch backends: where the chunks of answers are graded. Each backend is one function
``(chunks, loaded, workers, scheduler, should_stop) -> results in input order``, resolved by name
only when a run asks for it, so choosing ``local`` never imports Dask and no backend module
imports this registry (the backends depend on ``batch.core``, never the other way round)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from typing import cast

from evaluator.batch.core import CHUNK_SIZE, BatchResult, StopCheck, chunked, never
from evaluator.batch.inputs import BatchItem
from evaluator.rubric.loader import LoadedRubric

Backend = Callable[
    [Iterator[list[BatchItem]], LoadedRubric, int, str | None, StopCheck], Iterator[BatchResult]
]

BACKENDS = {
    "local": "evaluator.batch.backends.local:iter_local_results",
    "dask": "evaluator.batch.backends.dask:iter_dask_results",
}
"""Backend name -> "module:function" (the names `mains-eval batch --backend` accepts)."""

__all__ = ["BACKENDS", "Backend", "get_backend", "iter_results"]


def get_backend(name: str) -> Backend:
    """The backend function registered under ``name`` (imported now)."""
    try:
        module_name, function = BACKENDS[name].split(":")
    except KeyError:
        raise ValueError(
            f"unknown batch backend {name!r}; choose from {sorted(BACKENDS)}"
        ) from None
    return cast(Backend, getattr(importlib.import_module(module_name), function))


def iter_results(
    items: Iterable[BatchItem],
    loaded: LoadedRubric,
    *,
    workers: int = 1,
    backend: str = "local",
    scheduler: str | None = None,
    should_stop: StopCheck = never,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[BatchResult]:
    """Grade items lazily and yield results in input order, stopping early when asked."""
    run = get_backend(backend)
    yield from run(chunked(items, chunk_size), loaded, workers, scheduler, should_stop)
