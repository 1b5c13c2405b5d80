"""Process start-up: the garbage collector paused while a process (a CLI command, a web worker,
a spawned batch worker) first imports the library. Imports nothing of the library itself, so
any start-up path can use it before the heavy imports begin."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator

LIBRARY_MODULE = "evaluator.scoring.engine"
"""The module whose first import brings in the library and spaCy."""


@contextlib.contextmanager
def collections_paused(first_import: str = LIBRARY_MODULE) -> Iterator[None]:
    """While a process imports the library (``first_import``) for the first time: the cyclic
    garbage collector paused within, then every object built so far frozen (later collections
    skip it) and the collector resumed; after an error it only resumes. In a process that has
    the library already (a test session, a second command) nothing changes.

    Importing the library and spaCy (and Flask and SQLAlchemy in a web worker) and loading a
    rubric build a few hundred thousand long-lived objects; the collector's repeated passes over
    them cost about 0.2 s of CPU in `mains-eval grade` and 0.27 s in a web worker's start
    (docs/performance.md). The pattern is the one the `gc` module documents for servers that
    fork their workers. Load the pipeline after the block, with the collector running: loading
    it with the collector off was measured slower, not faster."""
    if first_import in sys.modules or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    except BaseException:
        gc.enable()
        raise
    gc.freeze()
    gc.enable()
