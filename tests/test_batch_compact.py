"""Compact batch records: rubric constants once, per answer what varies, and exactly the full
reports back (expand_records); the analysts' tables and the per-answer pages."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from evaluator.batch.compact import (
    build_header,
    compact_record,
    expand_records,
    full_record,
    read_records,
)
from evaluator.batch.core import BatchResult, grade_items
from evaluator.batch.inputs import BatchItem
from evaluator.batch.report import write_answer_pages
from evaluator.batch.tables import export_tables
from evaluator.errors import OutputError
from evaluator.rubric.loader import LoadedRubric

ANSWERS = [
    "India and Japan hold a 2+2 dialogue of foreign and defence ministers, like India's 2+2 with "
    "the US, Australia and the UK. The third meeting in New Delhi put the Indo-Pacific at its "
    "centre. Both are Quad members. They hold the JIMEX naval exercise and Dharma Guardian. "
    "Japan is not a Quad member. The CEPA has applied since 2016. The bullet train is built "
    "with Japanese loans.\n\nIn conclusion, the partnership is broad but must deliver.",
    "Japan and India are friends. Trade is growing. They should cooperate more.",
    "Cricket is a popular sport in India and the IPL draws huge crowds every summer.",
]


@pytest.fixture(scope="module")
def graded(india_japan: LoadedRubric, nlp: object) -> list[BatchResult]:
    question = india_japan.rubric.questions[0].id
    texts = [*ANSWERS, *india_japan.model_answers.values()]
    items = [BatchItem(n, f"a{n}", "t", question, text) for n, text in enumerate(texts)]
    return grade_items(items, india_japan)


def _shown(record: dict[str, object]) -> dict[str, object]:
    """A full record as compact output keeps it: every field, and of the ranked steps those every
    face shows (the further steps behind 'more' are kept by ``--detail full`` only)."""
    report = record["report"]
    assert isinstance(report, dict)
    return {**record, "report": {**report, "feedback": {**report["feedback"], "more_steps": []}}}


def test_compact_records_expand_to_exactly_the_full_reports(
    graded: list[BatchResult], india_japan: LoadedRubric
) -> None:
    header = build_header(india_japan, graded[0].report or {})
    records = [compact_record(r, header) for r in graded]
    assert all("graded" in r and "report" not in r for r in records)  # none fell back to full
    expanded = list(expand_records([header, *records]))
    assert [json.dumps(r) for r in expanded] == [json.dumps(_shown(full_record(r))) for r in graded]
    assert any(r.report and r.report["feedback"]["next_steps"] for r in graded)
    sizes = [len(json.dumps(r, ensure_ascii=False, separators=(",", ":"))) for r in records]
    typical = sizes[: len(ANSWERS)]
    assert sum(typical) / len(typical) <= 3072  # issue 18: at most 3 KB per answer
    # model answers cover nearly every concept, each with its evidence: the worst case
    assert max(sizes[len(ANSWERS) :]) <= 6144
    for size, result in zip(sizes, graded, strict=True):
        assert size < len(json.dumps(full_record(result))) / 10, result.id


def test_fields_the_compact_form_does_not_know_are_kept(
    graded: list[BatchResult], india_japan: LoadedRubric
) -> None:
    # a field added to Report after this module (issue 17's next steps): to_dict() puts it
    # before "share", which it always adds last
    report = {k: v for k, v in (graded[0].report or {}).items() if k != "share"}
    report["next_steps"] = [{"rank": 1, "text": "Name the 2+2 partners."}]
    report["share"] = (graded[0].report or {})["share"]
    result = BatchResult(0, "n", "t", report["question"]["id"], report)
    header = build_header(india_japan, report)
    record = compact_record(result, header)
    assert record["graded"]["next_steps"] == report["next_steps"]
    (expanded,) = expand_records([header, record])
    assert expanded["report"] == report


def test_a_report_the_header_does_not_describe_is_kept_in_full(
    graded: list[BatchResult], india_japan: LoadedRubric
) -> None:
    header = build_header(india_japan, graded[0].report or {})
    header["concepts"] = header["concepts"][1:]  # as if the rubric had changed under the run
    record = compact_record(graded[0], header)
    assert "graded" not in record and record["report"] == graded[0].report
    (expanded,) = expand_records([header, record])
    assert expanded == full_record(graded[0])


def test_a_compact_record_without_its_header_is_one_clear_error(
    graded: list[BatchResult], india_japan: LoadedRubric
) -> None:
    header = build_header(india_japan, graded[0].report or {})
    record = compact_record(graded[0], header)
    with pytest.raises(OutputError, match="before any header"):
        list(expand_records([record]))
    with pytest.raises(OutputError, match="unknown compact format"):
        list(expand_records([{**header, "format": "mains-eval-batch-compact/99"}, record]))


def test_tables_and_answer_pages_from_compact_results(
    graded: list[BatchResult], india_japan: LoadedRubric, tmp_path: Path
) -> None:
    header = build_header(india_japan, graded[0].report or {})
    hostile = BatchResult(9, "=HYPERLINK(1)", "t", graded[0].question, None, None, "empty")
    results = tmp_path / "out.jsonl"
    lines = [header, *(compact_record(r, header) for r in [*graded, hostile])]
    results.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")

    answers_csv, concepts_csv = export_tables(str(results), str(tmp_path / "tables"))
    with open(answers_csv, encoding="utf-8", newline="") as handle:
        answers = list(csv.DictReader(handle))
    with open(concepts_csv, encoding="utf-8", newline="") as handle:
        concepts = list(csv.DictReader(handle))
    assert [a["id"] for a in answers] == [r.id for r in graded] + ["'=HYPERLINK(1)"]
    for row, result in zip(answers, graded, strict=False):
        report = result.report or {}
        assert float(row["marks"]) == report["marks"]
        for dimension in report["dimensions"]:
            assert float(row["dim:" + dimension["id"]]) == dimension["marks"]
    assert answers[-1]["error"] == "empty" and answers[-1]["marks"] == ""
    report = graded[0].report or {}
    relevant = {d["id"] for d in report["dimensions"]}
    assert list(concepts[0])[2:] == [c["id"] for c in report["concepts"]]  # rubric order
    assert {k: v for k, v in concepts[0].items() if k not in ("id", "question")} == {
        c["id"]: c["status"] if c["dimension"] in relevant else "" for c in report["concepts"]
    }
    assert {"covered", "missing", ""} <= set(concepts[0].values())

    count = write_answer_pages(str(results), str(tmp_path / "pages"))
    assert count == len(graded) + 1
    page = (tmp_path / "pages" / "r1.html").read_text(encoding="utf-8")
    assert f"Marks: {report['marks']:g} / 15" in page and "Content-Security-Policy" in page
    assert "<script" not in page
    assert next(iter(read_records(str(results))))["report"] == report
