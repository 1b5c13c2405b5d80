"""`run_batch` from Python: usable outside the main thread, stoppable without signals."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from evaluator.batch.compact import read_records
from evaluator.batch.core import StopFlag
from evaluator.batch.run import BatchOutcome, run_batch
from evaluator.errors import OutputError

BATCH_DATA = Path(__file__).resolve().parent / "data" / "batch"
OPTIONS = {"rubric": str(BATCH_DATA / "rubric"), "question": "strategic-q"}


def test_run_batch_in_a_thread(tmp_path: Path, nlp: object) -> None:
    outcome: list[BatchOutcome] = []
    out = tmp_path / "out.jsonl"
    worker = threading.Thread(
        target=lambda: outcome.append(
            run_batch([str(BATCH_DATA / "answers")], out=str(out), **OPTIONS)
        )
    )
    worker.start()
    worker.join(timeout=300)
    (result,) = outcome
    assert result.summary.graded == 6 and result.summary.errors == 0
    assert result.format == "jsonl" and result.results_path == str(out)
    assert len(list(read_records(str(out)))) == 6


def test_a_stopped_run_writes_nothing_more_and_says_so(tmp_path: Path, nlp: object) -> None:
    stop = StopFlag()
    stop.request_stop()
    out = tmp_path / "out.csv"
    result = run_batch([str(BATCH_DATA / "answers")], out=str(out), stop=stop, **OPTIONS)
    assert result.summary.interrupted and result.summary.graded == 0
    assert out.read_text(encoding="utf-8").count("\n") == 1  # the header only


def test_resume_and_force_together_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="contradict"):
        run_batch(
            [str(BATCH_DATA / "answers")],
            out=str(tmp_path / "o.csv"),
            resume=True,
            force=True,
            **OPTIONS,
        )
