"""`mains-eval batch --tables`: concepts.csv tells how much of each point an answer earned (the
credit the report holds, beside the status), the same from compact and full results."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

CREDIT_PREFIX = "credit:"
"""What concepts.csv names the credit column of concept <id>: credit:<id> (docs/batch.md)."""
QUESTION = "pyq-2020-quad-trade-bloc"
"""A question of the bundled rubric that counts only some of a dimension's points."""
LEFT_OUT = {"vostok-kuril", "us2-delay"}
"""Points of its dimensions the question leaves out: it does not ask for them."""
ANSWERS = [
    ("strong", "India and Japan hold the JIMEX and Malabar naval exercises and are Quad members. "
     "The Quad upholds a free and open Indo-Pacific and a rules-based order, and it funds "
     "infrastructure; it is no trade bloc. China's assertiveness in the region worries both."),
    ("thin", "Japan and India are friends. Freedom of navigation matters. Trade is growing."),
    ("denial", "India and Japan are not Quad members and never hold the Malabar exercise."),
]  # fmt: skip


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, mains_eval) -> dict[str, Path]:
    """The same answers run with compact and with full JSONL results, each with --tables."""
    folder = tmp_path_factory.mktemp("tables")
    table = folder / "answers.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([("id", "answer"), *ANSWERS])
    runs = {}
    for detail in ("compact", "full"):
        out = folder / f"{detail}.jsonl"
        done = mains_eval(
            "batch", str(table), "-q", QUESTION, "-o", str(out), "--detail", detail,
            "--tables", str(folder / detail), "--quiet",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        runs[detail] = folder / detail
    runs["results"] = folder / "full.jsonl"
    return runs


def test_concepts_csv_gives_each_point_its_credit_beside_its_status(
    runs: dict[str, Path],
) -> None:
    rows = _read(runs["full"] / "concepts.csv")
    lines = runs["results"].read_text(encoding="utf-8").splitlines()
    reports = [json.loads(line)["report"] for line in lines]
    assert [r["id"] for r in rows] == [answer_id for answer_id, _ in ANSWERS]
    columns = list(rows[0])
    for row, report in zip(rows, reports, strict=True):
        asked = {d["id"] for d in report["dimensions"]}
        for concept in (c for c in report["concepts"] if c["dimension"] in asked):
            name = concept["id"]
            # the credit column sits right after the status column it qualifies
            assert columns[columns.index(name) + 1] == CREDIT_PREFIX + name
            assert row[name] == concept["status"]
            assert float(row[CREDIT_PREFIX + name]) == pytest.approx(concept["credit"], abs=1e-4)
    strong = rows[0]
    assert (strong["malabar"], strong["credit:malabar"]) == ("covered", "1")
    assert (rows[1]["malabar"], rows[1]["credit:malabar"]) == ("missing", "0")
    # a tutor sees partial credit as a number, not only as the word 'partial'
    partial = [float(r[CREDIT_PREFIX + c]) for r in rows for c in r if r[c] == "partial"]
    assert partial and all(0 < p < 1 for p in partial)


def test_compact_and_full_results_give_the_same_tables(runs: dict[str, Path]) -> None:
    for name in ("answers.csv", "concepts.csv"):
        compact = _read(runs["compact"] / name)
        full = _read(runs["full"] / name)
        for row_compact, row_full in zip(compact, full, strict=True):
            # compact results name every concept of the rubric (a column each), full ones only
            # those their reports hold; the cells they share are the same
            assert {k: v for k, v in row_compact.items() if k in row_full} == row_full
    # a point the question does not ask for is empty, never 'missing' with no credit
    for row in _read(runs["compact"] / "concepts.csv"):
        for point in LEFT_OUT:
            assert row[point] == "" and row[CREDIT_PREFIX + point] == ""
