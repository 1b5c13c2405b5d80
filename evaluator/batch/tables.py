"""Tables for analysts: the marks of a batch run as CSV files that pandas, DuckDB and any
spreadsheet open directly.

``answers.csv`` has one row per answer (marks, share, words, one column per dimension,
advisories, error); ``concepts.csv`` has one row per answer and one column per concept: its
status (covered, partial, missing, negated, contradicted; empty when the answer's question does
not ask for the concept). Wide rather than long (a row per answer and concept): a spreadsheet
opens it as it is, it is a tenth of the size (about 0.5 KB per answer), and
``DataFrame.melt`` or DuckDB's ``UNPIVOT`` make the long form in one line. Both are streamed
from the JSONL results (compact or full) in one pass, in bounded memory.

CSV and not Parquet: pyarrow, the usual Parquet writer, is a 55 MB wheel that installs 171 MB
(the whole environment, spaCy included, is 1.1 GB) for two narrow tables that compress well
anyway; ``pandas.read_csv``, DuckDB's ``read_csv_auto`` and every spreadsheet read these as they
are, and one ``COPY ... TO 'x.parquet'`` in DuckDB converts them when Parquet is wanted.
"""

from __future__ import annotations

import csv
import os
from typing import Any

from evaluator.batch.compact import default_credit, is_header, read_lines
from evaluator.batch.outputs import DIMENSION_PREFIX, LIST_SEPARATOR, protect_cell
from evaluator.errors import OutputError

ANSWER_COLUMNS = (
    "id", "question", "marks", "max_marks", "share", "word_count", "advisories", "error",
)  # fmt: skip
CONCEPT_COLUMNS = ("id", "question")


def export_tables(results_path: str, folder: str) -> tuple[str, str]:
    """Write ``answers.csv`` and ``concepts.csv`` for a JSONL results file into `folder`."""
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder: {exc.strerror}") from exc
    dimensions, concept_ids = _columns(results_path)
    answers_path = os.path.join(folder, "answers.csv")
    concepts_path = os.path.join(folder, "concepts.csv")
    with (
        open(answers_path, "w", encoding="utf-8", newline="") as answers_file,
        open(concepts_path, "w", encoding="utf-8", newline="") as concepts_file,
    ):
        answers = csv.writer(answers_file, lineterminator="\n")
        concepts = csv.writer(concepts_file, lineterminator="\n")
        answers.writerow([*ANSWER_COLUMNS, *(DIMENSION_PREFIX + d for d in dimensions)])
        concepts.writerow([*CONCEPT_COLUMNS, *concept_ids])
        header: dict[str, Any] | None = None
        for record in read_lines(results_path):
            if is_header(record):
                header = record
                continue
            answer_id = protect_cell(str(record.get("id")))
            question = protect_cell(record.get("question") or "")
            graded = _graded(record, header)
            if graded is None:
                answers.writerow(
                    [
                        answer_id,
                        question,
                        "",
                        "",
                        "",
                        "",
                        "",
                        protect_cell(record.get("error") or ""),
                    ]
                    + [""] * len(dimensions)
                )
                continue
            marks = {d: m for d, m in graded["dimensions"]}
            answers.writerow(
                [
                    answer_id, question, graded["marks"], graded["max_marks"], graded["share"],
                    graded["word_count"], LIST_SEPARATOR.join(graded["advisories"]), "",
                    *(marks.get(d, "") for d in dimensions),
                ]
            )  # fmt: skip
            statuses = {c: status for c, _, status, _ in graded["concepts"]}
            concepts.writerow([answer_id, question, *(statuses.get(c, "") for c in concept_ids)])
    return answers_path, concepts_path


def _columns(results_path: str) -> tuple[list[str], list[str]]:
    """Every dimension id and concept id of the run, in rubric order (the header's, when
    compact; else in the order first seen)."""
    dimensions: dict[str, None] = {}
    concepts: dict[str, None] = {}
    for record in read_lines(results_path):
        if is_header(record):
            for question in record["questions"].values():
                dimensions.update((d["id"], None) for d in question["dimensions"])
            concepts.update((c["id"], None) for c in record["concepts"])
        elif record.get("report"):
            dimensions.update((d["id"], None) for d in record["report"]["dimensions"])
            concepts.update((c["id"], None) for c in record["report"]["concepts"])
    return list(dimensions), list(concepts)


def _graded(record: dict[str, Any], header: dict[str, Any] | None) -> dict[str, Any] | None:
    """Marks, dimensions and each relevant concept's status and credit of a record."""
    report = record.get("report")
    if report is not None:
        relevant = {d["id"] for d in report["dimensions"]}
        return {
            "marks": report["marks"],
            "max_marks": report["max_marks"],
            "share": report["share"],
            "word_count": report["word_count"],
            "advisories": [a["code"] for a in report["advisories"]],
            "dimensions": [(d["id"], d["marks"]) for d in report["dimensions"]],
            "concepts": [
                (c["id"], c["dimension"], c["status"], c["credit"])
                for c in report["concepts"]
                if c["dimension"] in relevant
            ],
        }
    compact = record.get("graded")
    if compact is None:
        return None
    if header is None:
        raise OutputError(f"{record.get('id')}: a compact record comes before any header record")
    question = header["questions"][compact.get("question", record.get("question"))]
    max_marks = question["question"]["max_marks"]
    relevant = {d["id"] for d in question["dimensions"]}
    entries = {e[0]: e for e in compact["concepts"]}
    concepts = []
    for index, const in enumerate(header["concepts"]):
        if const["dimension"] not in relevant:
            continue
        entry = entries.get(index)
        status = entry[1] if entry else "missing"
        partial = header["partial_credit"]
        credit = entry[4] if entry and len(entry) > 4 else default_credit(status, partial)
        concepts.append((const["id"], const["dimension"], status, credit))
    return {
        "marks": compact["marks"],
        "max_marks": max_marks,
        "share": round(compact["marks"] / max_marks, 4) if max_marks else 0.0,
        "word_count": compact["word_count"],
        "advisories": [a["code"] for a in compact.get("advisories", [])],
        "dimensions": [
            (d["id"], m[0])
            for d, m in zip(question["dimensions"], compact["dimensions"], strict=True)
        ],
        "concepts": concepts,
    }
