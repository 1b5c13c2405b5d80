"""What statistics and tables need of each batch record, read straight from compact (or full)
records without rebuilding their reports (rebuilding costs about 2 ms a record)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from evaluator.batch.compact import default_credit, is_header, read_lines
from evaluator.batch.compact.layout import expand_dimensions
from evaluator.errors import OutputError

POINT, MISCONCEPTION, LEARNED = "point", "misconception", "learned"
"""What a concept is to a class report: a point to make, a misconception the rubric's author
wrote (it costs marks), or one `rubric tune` learned from a tutor's marks (a phrase the marks
separated, or a graded answer kept as an example), which earns or costs marks but is no point a
student misses (see ``scoring.report.is_point_to_add``)."""


def concept_kind(concept: Mapping[str, Any]) -> str:
    """`POINT`, `MISCONCEPTION` or `LEARNED` for a report's concept or a compact header's."""
    if concept.get("learned"):
        return LEARNED
    return MISCONCEPTION if concept.get("penalty") else POINT


def record_summary(record: dict[str, Any], header: dict[str, Any] | None) -> dict[str, Any] | None:
    """What statistics and tables need of a graded record, compact or full, without rebuilding
    its report (None for an error record): question, marks, max_marks, share, word_count,
    dimensions [(id, label, marks, max)], the question's concepts [(id, label, status, credit,
    kind)] (kind: `concept_kind`), advisory codes."""
    report = record.get("report")
    if report is not None:
        relevant = {d["id"] for d in report["dimensions"]}
        return {
            "question": report["question"]["id"],
            "question_text": report["question"]["text"],
            "marks": report["marks"],
            "max_marks": report["max_marks"],
            "share": report["share"],
            "word_count": report["word_count"],
            "dimensions": [
                (d["id"], d["label"], d["marks"], d["max"]) for d in report["dimensions"]
            ],
            "rows": _rows(report),
            "concepts": [
                (c["id"], c["label"], c["status"], c["credit"], concept_kind(c))
                for c in report["concepts"]
                if c["dimension"] in relevant
            ],
            "advisories": [a["code"] for a in report["advisories"]],
            "rubric": report["rubric"],
        }
    compact = record.get("graded")
    if compact is None:
        return None
    if header is None:
        raise OutputError("a compact record comes before any header record")
    question_id = compact.get("question", record.get("question"))
    question = header["questions"][question_id]
    max_marks = question["question"]["max_marks"]
    entries = {entry[0]: entry for entry in compact["concepts"]}
    relevant = {d["id"] for d in question["dimensions"]}
    left_out = set(question.get("left_out", ()))  # points the question does not count
    partial_credit = header["partial_credit"]
    return {
        "question": question_id,
        "question_text": question["question"]["text"],
        "marks": compact["marks"],
        "max_marks": max_marks,
        "share": round(compact["marks"] / max_marks, 4) if max_marks else 0.0,
        "word_count": compact["word_count"],
        "dimensions": [
            (const["id"], const["label"], marks, const["max"])
            for const, (marks, _, _) in zip(
                question["dimensions"], compact["dimensions"], strict=True
            )
        ],
        "concepts": [
            (
                c["id"],
                c["label"],
                *_status_and_credit(entries.get(n), partial_credit),
                concept_kind(c),
            )
            for n, c in enumerate(header["concepts"])
            if c["dimension"] in relevant and c["id"] not in left_out
        ],
        "advisories": [a["code"] for a in compact.get("advisories", [])],
        "rubric": header["rubric"],
        "rows": _compact_rows(compact, question, header, entries, relevant, left_out),
    }


def _rows(report: Mapping[str, Any]) -> list[tuple[str, str, float, float | None]] | None:
    """A linear question's dimension rows as every face shows them (id, label, marks, max;
    :func:`~evaluator.scoring.faces.dimension_rows`: its base mark, what its points earn, what
    its penalties cost), for the class report's tables; None for another question, whose rows
    are its dimensions."""
    from evaluator.scoring.faces import dimension_rows, linear_intercept

    if linear_intercept(report) is None:
        return None
    return [(r["id"], r["label"], r["marks"], r["max"]) for r in dimension_rows(report)]


def _compact_rows(
    compact: Mapping[str, Any],
    question: Mapping[str, Any],
    header: Mapping[str, Any],
    entries: Mapping[int, list[Any]],
    relevant: set[str],
    left_out: set[str],
) -> list[tuple[str, str, float, float | None]] | None:
    """:func:`_rows` of a compact record: the report's parts the rows need, from the record and
    its header (a question that is not linear costs nothing more)."""
    linear = {"question": question["question"], "arithmetic": {"formula": question["formula"]}}
    from evaluator.scoring.faces import linear_intercept

    if linear_intercept(linear) is None:
        return None
    partial_credit = header["partial_credit"]
    concepts = []
    for n, c in enumerate(header["concepts"]):
        if c["dimension"] not in relevant or c["id"] in left_out:
            continue
        entry = entries.get(n)
        status, credit = _status_and_credit(entry, partial_credit)
        concepts.append(
            {
                "dimension": c["dimension"],
                "weight": c["weight"],
                "penalty": c.get("penalty", False),
                "learned": c.get("learned", False),
                "status": status,
                "credit": credit,
                "groups_matched": entry[2] if entry is not None else 0,
            }
        )
    dimensions = expand_dimensions(compact, question)
    return _rows(
        {
            **linear,
            "dimensions": dimensions,
            "concepts": concepts,
            "max_marks": question["question"]["max_marks"],
        }
    )


def _status_and_credit(entry: list[Any] | None, partial_credit: float) -> tuple[str, float]:
    """A compact concept entry's status and credit ([index, status, groups, spans] and, when the
    credit is not its status's usual one, [credit, reason]); no entry: missing, no credit."""
    if entry is None:
        return "missing", 0.0
    status = entry[1]
    return status, entry[4] if len(entry) > 4 else default_credit(status, partial_credit)


def iter_summaries(path: str) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    """(record, summary) for every result record of a batch JSONL file, headers consumed."""
    header: dict[str, Any] | None = None
    for record in read_lines(path):
        if is_header(record):
            header = record
            continue
        yield record, record_summary(record, header)
