"""Tables for analysts: the marks of a batch run as CSV files that pandas, DuckDB and any
spreadsheet open directly.

``answers.csv`` has one row per answer (marks, share, words, one column per dimension,
advisories, error); ``concepts.csv`` has one row per answer and two columns per concept: its
status (covered, partial, missing, negated, contradicted) and, beside it, ``credit:<id>``, the
share of the concept's credit the answer earned (0 to 1, as the HTML report counts a point made
in full, in part or as a trace); both empty when the answer's question does not ask for the
concept. Wide rather than long (a row per answer and concept): a spreadsheet opens it as it is,
it is a tenth of the size, and ``DataFrame.melt`` or DuckDB's ``UNPIVOT`` make the long form in
one line. Both are streamed from the JSONL results (compact or full) in one pass, in bounded
memory, read by the same :func:`~evaluator.batch.summary.record_summary` as the HTML report.

CSV and not Parquet: pyarrow, the usual Parquet writer, is a 55 MB wheel that installs 171 MB
(the whole environment, spaCy included, is 1.1 GB) for two narrow tables that compress well
anyway; ``pandas.read_csv``, DuckDB's ``read_csv_auto`` and every spreadsheet read these as they
are, and one ``COPY ... TO 'x.parquet'`` in DuckDB converts them when Parquet is wanted.
"""

from __future__ import annotations

import csv
import os
from typing import Any

from evaluator.batch.compact import is_header, read_lines
from evaluator.batch.outputs import DIMENSION_PREFIX, LIST_SEPARATOR, protect_cell
from evaluator.batch.summary import record_summary
from evaluator.errors import OutputError

ANSWER_COLUMNS = (
    "id", "question", "marks", "max_marks", "share", "word_count", "advisories", "error",
)  # fmt: skip
CONCEPT_COLUMNS = ("id", "question")
CREDIT_PREFIX = "credit:"
"""Prefix of the column, beside each concept's status, holding the share of its credit earned."""


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
        concepts.writerow(
            [*CONCEPT_COLUMNS, *(name for c in concept_ids for name in (c, CREDIT_PREFIX + c))]
        )
        header: dict[str, Any] | None = None
        for record in read_lines(results_path):
            if is_header(record):
                header = record
                continue
            answer_id = protect_cell(str(record.get("id")))
            question = protect_cell(record.get("question") or "")
            if header is None and record.get("graded") is not None:
                raise OutputError(
                    f"{record.get('id')}: a compact record comes before any header record"
                )
            graded = record_summary(record, header)
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
            marks = {d: m for d, _, m, _ in graded["dimensions"]}
            answers.writerow(
                [
                    answer_id, question, graded["marks"], graded["max_marks"], graded["share"],
                    graded["word_count"], LIST_SEPARATOR.join(graded["advisories"]), "",
                    *(marks.get(d, "") for d in dimensions),
                ]
            )  # fmt: skip
            asked = {c: (status, credit) for c, _, status, credit, _ in graded["concepts"]}
            concepts.writerow(
                [answer_id, question, *(cell for c in concept_ids for cell in _cells(asked.get(c)))]
            )
    return answers_path, concepts_path


def _cells(asked: tuple[str, float] | None) -> tuple[str, str]:
    """A concept's status and credit cells (``1``, ``0.5``, ``0``: the share of its credit
    earned, to 4 places): both empty when the answer's question does not ask for it."""
    if asked is None:
        return "", ""
    status, credit = asked
    return status, f"{round(float(credit), 4):g}"


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
