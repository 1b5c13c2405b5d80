"""Nothing lost: a killed run leaves whole rows, --resume grades every answer exactly once,
and parallel workers write the same rows in the same order as one process."""

from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

BATCH_DATA = Path(__file__).resolve().parent / "data" / "batch"
TEST_RUBRIC = BATCH_DATA / "rubric"

RUBRIC = ["-r", str(TEST_RUBRIC), "-q", "strategic-q"]
SENTENCES = [
    "India and Japan cooperate closely as members of the Quad.",
    "Their relationship is a Special Strategic and Global Partnership.",
    "The 2+2 dialogue brings foreign and defence ministers together.",
    "Japan funds a high-speed rail line and other infrastructure in India.",
    "Maritime security in the Indo-Pacific is a shared concern.",
    "Trade between the two remains smaller than their economies suggest.",
]


def write_answers_csv(path: Path, count: int) -> list[str]:
    """A CSV of `count` varied answers; returns their ids."""
    ids = [f"answer-{n:04d}" for n in range(count)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "answer"])
        for n, answer_id in enumerate(ids):
            picked = [SENTENCES[(n + k) % len(SENTENCES)] for k in range(3 + n % 4)]
            writer.writerow([answer_id, " ".join(picked * 3)])
    return ids


def data_rows(path: Path) -> int:
    return max(0, len(path.read_bytes().splitlines()) - 1)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("stop_signal", "workers"),
    [(signal.SIGTERM, "1"), (signal.SIGTERM, "2"), (signal.SIGINT, "2")],
    ids=["sigterm-1-worker", "sigterm-2-workers", "ctrl-c-2-workers"],
)
def test_stopped_run_then_resume_grades_every_answer_exactly_once(
    read_csv, tmp_path: Path, stop_signal: signal.Signals, workers: str
) -> None:
    table = tmp_path / "answers.csv"
    ids = write_answers_csv(table, 400)
    out = tmp_path / "out.csv"
    command = [sys.executable, "-m", "evaluator", "batch", str(table), *RUBRIC, "-o", str(out)]
    process = subprocess.Popen(
        [*command, "--workers", workers],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and data_rows(out) >= 10:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be interrupted"
    process.send_signal(stop_signal)  # SIGINT: what Ctrl-C sends
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + stop_signal, stderr
    assert "interrupted" in stderr and "--resume" in stderr and "Traceback" not in stderr

    # whole rows only: every line parses with the header's number of cells
    rows = read_csv(out)
    assert 10 <= len(rows) < len(ids)
    assert all(None not in row and len(row) == 13 for row in rows)
    assert out.read_bytes().endswith(b"\n")
    first_ids = [r["id"] for r in rows]
    assert first_ids == ids[: len(first_ids)]  # written in input order

    resumed = subprocess.run(
        [*command, "--workers", workers, "--resume"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(ids) - len(rows)} graded, 0 errors, {len(rows)} already done" in resumed.stderr
    final = [r["id"] for r in read_csv(out)]
    assert Counter(final) == Counter(ids)  # every answer exactly once
    assert final == ids  # and still in input order


@pytest.mark.slow
@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_resume_repairs_a_torn_last_line(mains_eval, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"out.{suffix}"
    args = ["batch", str(BATCH_DATA / "answers"), *RUBRIC, "-o", str(out), "--quiet"]
    assert mains_eval(*args).returncode == 0
    complete = out.read_bytes()
    lines = complete.splitlines(keepends=True)
    torn = b"".join(lines[:-1]) + lines[-1][: len(lines[-1]) // 2]
    out.write_bytes(torn)

    resumed = mains_eval(*args, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == complete  # the torn answer graded again, once, in its place
    if suffix == "jsonl":
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        ids = [r["id"] for r in records if r.get("kind") != "header"]
        assert records[0]["kind"] == "header" and len(records) == 7  # one header, kept
        assert len(ids) == len(set(ids)) == 6


@pytest.mark.slow
def test_two_workers_write_the_same_rows_in_the_same_order(
    mains_eval, read_csv, tmp_path: Path
) -> None:
    inputs = [str(BATCH_DATA / "answers"), str(BATCH_DATA / "rows.csv")]
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert mains_eval("batch", *inputs, *RUBRIC, "-o", str(one), "--quiet").returncode == 0
    done = mains_eval("batch", *inputs, *RUBRIC, "-o", str(two), "--quiet", "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert two.read_text(encoding="utf-8") == one.read_text(encoding="utf-8")
    assert len(read_csv(one)) == 14
