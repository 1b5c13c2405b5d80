"""The Dask backend maps the same scoring function as the local one: same marks, same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.batch.core import BatchResult, BatchSummary, chunked, grade_items, prepare_items
from evaluator.batch.inputs import classify_inputs, iter_items
from evaluator.rubric.loader import load_rubric

BATCH_DATA = Path(__file__).resolve().parent / "data" / "batch"


def prepared(loaded, question: str) -> list:
    specs = classify_inputs([str(BATCH_DATA / "answers"), str(BATCH_DATA / "rows.csv")])
    return list(prepare_items(iter_items(specs), loaded, question, set(), BatchSummary()))


def marks(results: list[BatchResult]) -> list[tuple]:
    return [
        (r.index, r.id, r.question, r.error, r.report and r.report["marks"],
         r.report and [d["marks"] for d in r.report["dimensions"]])
        for r in results
    ]  # fmt: skip


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_marks_as_local() -> None:
    pytest.importorskip("distributed")
    from evaluator.batch.backends.dask import iter_dask_results

    loaded = load_rubric(BATCH_DATA / "rubric")
    items = prepared(loaded, "strategic-q")
    local = [r for chunk in chunked(items, 4) for r in grade_items(chunk, loaded)]
    # one in-process worker thread keeps the test light; chunks of 4 make several partitions
    distributed = list(
        iter_dask_results(chunked(items, 4), loaded, 1, None, lambda: False, processes=False)
    )
    assert marks(distributed) == marks(local)
    assert [r.report for r in distributed] == [r.report for r in local]
    assert sum(r.ok for r in local) >= 10 and sum(not r.ok for r in local) >= 3


@pytest.mark.slow
def test_cli_dask_backend_writes_the_same_csv_as_local(mains_eval, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    args = [str(BATCH_DATA / "answers"), "-r", str(BATCH_DATA / "rubric"), "-q", "strategic-q"]
    local, dask = tmp_path / "local.csv", tmp_path / "dask.csv"
    assert mains_eval("batch", *args, "-o", str(local), "--quiet").returncode == 0
    done = mains_eval("batch", *args, "-o", str(dask), "--backend", "dask", "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert dask.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")
    # the cluster's own logging stays out of the user's terminal
    assert done.stderr.startswith("mains-eval batch: 6 graded") and done.stderr.count("\n") == 1


@pytest.mark.slow
def test_dask_scheduler_address_uses_an_existing_cluster() -> None:
    distributed = pytest.importorskip("distributed")
    from evaluator.batch.backends.dask import iter_dask_results

    loaded = load_rubric(BATCH_DATA / "rubric")
    items = prepared(loaded, "strategic-q")[:6]
    local = grade_items(items, loaded)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as cluster:
        address = cluster.scheduler_address
        results = list(iter_dask_results(chunked(items, 2), loaded, 1, address, lambda: False))
        assert cluster.scheduler.workers  # the run did not close the cluster it did not start
    assert marks(results) == marks(local)


@pytest.mark.slow
def test_dask_cluster_of_two_processes_writes_the_same_bytes_as_local(
    mains_eval, tmp_path: Path
) -> None:
    """Compact JSONL, tables and HTML report: byte for byte the same from a LocalCluster of two
    worker processes as from two local processes."""
    pytest.importorskip("distributed")
    inputs = [str(BATCH_DATA / "answers"), str(BATCH_DATA / "rows.csv")]
    rubric = ["-r", str(BATCH_DATA / "rubric"), "-q", "strategic-q", "--workers", "2", "--quiet"]
    outputs = {}
    for backend in ("local", "dask"):
        folder = tmp_path / backend
        folder.mkdir()
        out = folder / "report.html"
        done = mains_eval(
            "batch", *inputs, *rubric, "-o", str(out), "--backend", backend,
            "--tables", str(folder / "tables"),
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs[backend] = {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }
    assert sorted(outputs["local"]) == [
        "report.html", "report.html.jsonl", "tables/answers.csv", "tables/concepts.csv",
    ]  # fmt: skip
    assert outputs["dask"] == outputs["local"]
    assert outputs["local"]["report.html.jsonl"].startswith(b'{"kind":"header"')


@pytest.mark.slow
def test_a_slow_disk_advisory_from_dask_does_not_stop_the_batch(monkeypatch) -> None:
    """Dask warns when its scratch directory takes over a second; on a busy machine that advice
    must neither fail the run (CI turns warnings into errors) nor reach the user's terminal."""
    pytest.importorskip("distributed")
    import warnings

    import distributed.core
    from distributed.utils import warn_on_duration

    from evaluator.batch.backends.dask import iter_dask_results

    # the disk is "slow" every time: Dask's own timer with a threshold of zero
    monkeypatch.setattr(
        distributed.core, "warn_on_duration", lambda _d, msg: warn_on_duration(0, msg)
    )
    loaded = load_rubric(BATCH_DATA / "rubric")
    items = prepared(loaded, "strategic-q")[:4]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        results = list(
            iter_dask_results(chunked(items, 2), loaded, 1, None, lambda: False, processes=False)
        )
    assert marks(results) == marks(grade_items(items, loaded))
