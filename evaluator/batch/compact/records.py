"""Batch records in compact or full form, and reading a batch JSONL file back to full records."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from evaluator.batch.compact.header import READABLE_FORMATS, is_header
from evaluator.batch.compact.layout import compact_report, expand_report
from evaluator.errors import OutputError

if TYPE_CHECKING:
    from evaluator.batch.core import BatchResult


def full_record(result: BatchResult) -> dict[str, Any]:
    """One result with its full report: id, source, question, warning, error, report."""
    return {
        "id": result.id,
        "source": result.source,
        "question": result.question,
        "warning": result.warning,
        "error": result.error,
        "report": result.report,
    }


def compact_record(result: BatchResult, header: dict[str, Any]) -> dict[str, Any]:
    """One result in compact form (``graded`` instead of ``report``), or the full record when
    the compact form would not expand back to the very same report (less the further steps
    behind 'more', which only ``--detail full`` keeps)."""
    record = full_record(result)
    report = record.pop("report")
    if report is None:
        return record
    expected = _json({**report, "feedback": {**report["feedback"], "more_steps": []}})
    same = False
    for keep_comment in (False, True):  # the comment is stored only when it is not rebuilt
        try:
            compact = compact_report(report, header, keep_comment=keep_comment)
            same = _json(expand_report(compact, header)) == expected
        except (KeyError, IndexError, TypeError, ValueError):
            same = False
        if same:
            break
    if same:
        if compact["question"] == record["question"]:
            del compact["question"]  # the record's own question
        record["graded"] = compact
        for key in ("warning", "error"):
            if record[key] is None:
                del record[key]
    else:
        record["report"] = report
    return record


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def unknown_format(header: dict[str, Any]) -> str | None:
    """Why this version cannot read a header record's format, or None when it can."""
    if header.get("format") in READABLE_FORMATS:
        return None
    return (
        f"unknown compact format {header.get('format')!r} (this version reads "
        f"{', '.join(READABLE_FORMATS)}: a newer mains-eval wrote it)"
    )


def expand_records(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Full records (with ``report``) from the records of a batch JSONL file, compact or full:
    headers are consumed, compact records expanded with the latest header, full ones passed on."""
    header: dict[str, Any] | None = None
    for record in records:
        if is_header(record):
            unknown = unknown_format(record)
            if unknown is not None:
                raise OutputError(unknown)
            header = record
            continue
        if "graded" in record:
            if header is None:
                raise OutputError("a compact record comes before any header record")
            graded = dict(record["graded"])
            graded.setdefault("question", record.get("question"))
            expanded = {k: record.get(k) for k in ("id", "source", "question", "warning", "error")}
            try:
                expanded["report"] = expand_report(graded, header)
            except (KeyError, IndexError, TypeError, ValueError) as error:
                raise OutputError(
                    f"the compact record of {record.get('id')!r} does not fit its header "
                    f"({type(error).__name__}: {error}); was the file edited by hand?"
                ) from error
            record = expanded
        else:
            record.setdefault("report", None)
        yield record


def read_records(path: str, *, expand: bool = True) -> Iterator[dict[str, Any]]:
    """The records of a batch JSONL file (expanded to full reports unless ``expand=False``),
    skipping a torn last line."""
    raw = read_lines(path)
    return expand_records(raw) if expand else raw


def read_lines(path: str) -> Iterator[dict[str, Any]]:
    """The raw records of a JSONL file (headers included), skipping a torn last line."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.endswith("\n"):
                break  # an unfinished line from an interrupted run
            if line.strip():
                yield json.loads(line)
