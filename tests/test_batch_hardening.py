"""Batch runs that used to mix or litter (issue 14): --resume against another run's output is a
usage error that changes nothing, and a run that fails before its first row leaves no file."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from test_batch_cli import BATCH_DATA, TEST_RUBRIC, one_clean_line

from evaluator.errors import BatchError, OutputError

RUBRIC = ["-r", str(TEST_RUBRIC), "-q", "strategic-q"]


@pytest.mark.slow
def test_resume_against_another_runs_output_exits_2_and_changes_nothing(
    tmp_path: Path, mains_eval: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    out = tmp_path / "j.csv"
    first = mains_eval("batch", str(BATCH_DATA / "rows.jsonl"), *RUBRIC, "-o", str(out), "--quiet")
    assert first.returncode == 0, first.stderr
    before = out.read_bytes()
    again = mains_eval(
        "batch", str(BATCH_DATA / "answers"), *RUBRIC, "-o", str(out), "--resume", "--quiet"
    )
    assert again.returncode == 2, again.stderr
    one_clean_line(again.stderr)
    assert "not this run's output" in again.stderr
    assert out.read_bytes() == before


def test_resume_of_the_same_run_still_skips_what_is_done(tmp_path: Path) -> None:
    from evaluator.batch.run import run_batch

    answers = tmp_path / "answers"
    shutil.copytree(BATCH_DATA / "answers", answers)
    out = tmp_path / "out.jsonl"
    run_batch(
        [str(answers / "01-strong.txt")],
        rubric=str(TEST_RUBRIC),
        out=str(out),
        question="strategic-q",
    )
    outcome = run_batch(
        [str(answers)], rubric=str(TEST_RUBRIC), out=str(out), question="strategic-q", resume=True
    )
    assert outcome.summary.skipped == 1 and outcome.summary.graded >= 4


def test_resume_check_refuses_foreign_ids_in_the_library(tmp_path: Path) -> None:
    from evaluator.batch.run import run_batch

    out = tmp_path / "out.jsonl"
    run_batch(
        [str(BATCH_DATA / "rows.jsonl")],
        rubric=str(TEST_RUBRIC),
        out=str(out),
        question="strategic-q",
    )
    before = out.read_bytes()
    with pytest.raises(OutputError, match="not this run's output"):
        run_batch(
            [str(BATCH_DATA / "answers")],
            rubric=str(TEST_RUBRIC),
            out=str(out),
            question="strategic-q",
            resume=True,
        )
    assert out.read_bytes() == before


def test_unreachable_scheduler_leaves_no_output_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    from evaluator.batch.backends import dask as dask_backend
    from evaluator.batch.run import run_batch

    def unreachable(*_args: object, **_kwargs: object) -> None:
        raise BatchError("cannot reach the Dask scheduler at tcp://192.0.2.1:8786: timed out")

    monkeypatch.setattr(dask_backend, "connect", unreachable)
    for name in ("out.csv", "out.jsonl", "out.html"):
        out = tmp_path / name
        with pytest.raises(BatchError, match="cannot reach"):
            run_batch(
                [str(BATCH_DATA / "answers")],
                rubric=str(TEST_RUBRIC),
                out=str(out),
                question="strategic-q",
                backend="dask",
                scheduler="tcp://192.0.2.1:8786",
            )
        assert not out.exists(), name
        assert list(tmp_path.iterdir()) == [], [p.name for p in tmp_path.iterdir()]
