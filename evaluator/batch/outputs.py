"""Batch outputs: CSV and JSONL writers that never leave half a row.

Each result is serialised in memory and written with one ``os.write`` on an unbuffered file,
so a kill leaves whole rows only. Reading an existing output back for --resume is
``batch.resume``.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from evaluator.batch.compact import build_header, compact_record, full_record
from evaluator.batch.core import BatchResult
from evaluator.errors import BatchError, OutputError
from evaluator.scoring.report import is_point_to_add

if TYPE_CHECKING:  # the rubric model (pydantic) is not needed to read options
    from evaluator.rubric.loader import LoadedRubric

FORMATS = ("csv", "jsonl", "html")
DETAILS = ("compact", "full")
"""JSONL detail: compact records after a header of rubric constants (default), or full reports."""
_SUFFIX_FORMATS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
}
BASE_COLUMNS = ("id", "source", "question", "marks", "max_marks", "share", "word_count")
TAIL_COLUMNS = ("missing_concepts", "advisories", "warning", "error")
DIMENSION_PREFIX = "dim:"
LIST_SEPARATOR = "; "
# spreadsheet programs run cells starting with these as formulas (CSV injection)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TEXT_COLUMNS = frozenset({"id", "source", "question", "warning", "error"})
UNCREDITED = ("missing", "negated", "contradicted")
"""Concept statuses listed as missing: they earned nothing."""


def output_format(path: str, explicit: str | None) -> str:
    """The format from --format, else from the file extension; OutputError when neither says."""
    if explicit:
        return explicit
    found = _SUFFIX_FORMATS.get(Path(path).suffix.lower())
    if found is None:
        raise OutputError(
            f"{path}: cannot tell the output format from the extension",
            hint="use .csv, .jsonl or .html, or pass --format",
        )
    return found


def journal_path(out: str) -> str:
    """Where an HTML run keeps its streamed results (JSONL): the report is rendered from it."""
    return out + ".jsonl"


def where_errors_are(out: str, fmt: str) -> str:
    """Where a run's error rows can be read in full, for the end of the run."""
    if fmt == "csv":
        return f"the error column of {out}"
    if fmt == "html":
        return f"{out}, its table of answers with 'errors' ticked (and {journal_path(out)})"
    return f"the 'error' field of {out}"


def dimension_columns(loaded: LoadedRubric) -> list[str]:
    """Dimension ids used by the rubric's questions, in rubric order (one CSV column each)."""
    used = {d.id for q in loaded.rubric.questions for d in q.dimensions}
    return [d.id for d in loaded.rubric.dimensions if d.id in used]


def csv_header(dimensions: Sequence[str]) -> list[str]:
    """The CSV columns for a rubric's dimensions."""
    return [*BASE_COLUMNS, *(DIMENSION_PREFIX + d for d in dimensions), *TAIL_COLUMNS]


def missing_concepts(report: dict[str, Any]) -> list[str]:
    """Ids of the question's points that earned nothing, in rubric order (a misconception, or
    a concept learned from a tutor's marks, is no point to add)."""
    relevant = {d["id"] for d in report["dimensions"]}
    return [
        c["id"]
        for c in report["concepts"]
        if c["dimension"] in relevant and c["status"] in UNCREDITED and is_point_to_add(c)
    ]


def csv_row(result: BatchResult, dimensions: Sequence[str]) -> list[str]:
    """One result as CSV cells, in `csv_header` order."""
    cells: dict[str, object] = {
        "id": result.id,
        "source": result.source,
        "question": result.question or "",
        "warning": result.warning or "",
        "error": result.error or "",
    }
    report = result.report
    if report is not None:
        marks = {d["id"]: d["marks"] for d in report["dimensions"]}
        cells.update(
            marks=report["marks"],
            max_marks=report["max_marks"],
            share=report["share"],
            word_count=report["word_count"],
            missing_concepts=LIST_SEPARATOR.join(missing_concepts(report)),
            advisories=LIST_SEPARATOR.join(a["code"] for a in report["advisories"]),
        )
        cells.update({DIMENSION_PREFIX + d: marks.get(d, "") for d in dimensions})
    row = []
    for column in csv_header(dimensions):
        value = cells.get(column, "")
        text = f"{value:g}" if isinstance(value, float) else str(value)
        text = one_line(text)  # one physical line per row keeps resume simple
        if column in _TEXT_COLUMNS:
            text = protect_cell(text)
        row.append(text)
    return row


def one_line(text: str) -> str:
    """Text as the CSV writes it: every line break (``\\n``, ``\\r``, U+2028...) a space; --resume
    matches an id read back from a CSV against this form of the run's ids."""
    return " ".join(text.splitlines())


def protect_cell(text: str) -> str:
    """Prefix a quote to text a spreadsheet would run as a formula (reversed on --resume)."""
    return "'" + text if text.startswith(_FORMULA_START) or text.startswith("'") else text


def unprotect_cell(text: str) -> str:
    """The original text of a `protect_cell` result."""
    return text[1:] if text.startswith("'") else text


def jsonl_record(result: BatchResult) -> dict[str, Any]:
    """One result as a full JSONL record: id, source, question, warning, error, report."""
    return full_record(result)


class ResultWriter(Protocol):
    """Appends results to an output file, one whole flushed row at a time."""

    def write(self, result: BatchResult) -> None:
        """Append one result."""

    def close(self) -> None:
        """Close the file."""


class _AppendFile:
    """An unbuffered append-only file: every row is one write() system call."""

    def __init__(self, path: str, *, truncate: bool) -> None:
        flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if truncate else os.O_APPEND)
        try:
            self._fd = os.open(path, flags, 0o644)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write: {exc.strerror}") from exc
        self.path = path
        self.empty = os.fstat(self._fd).st_size == 0

    def append(self, text: str) -> None:
        data = text.encode("utf-8")
        try:
            while data:
                written = os.write(self._fd, data)
                data = data[written:]
        except OSError as exc:
            # a full disk: the rows before stay whole on disk, and --resume cuts a torn last
            # line off before going on (hostile trial 34: an OSError traceback)
            hint = (
                None
                if exc.errno == errno.EPIPE  # `-o /dev/stdout | head`: nothing to resume
                else "the rows written so far are kept: make room, then rerun the same command "
                "with --resume"
            )
            raise BatchError(
                f"could not write {self.path}: {exc.strerror or exc}", hint=hint
            ) from exc

    def close(self) -> None:
        os.close(self._fd)


class CsvWriter:
    """CSV output: a header, then one row per result."""

    def __init__(self, path: str, dimensions: Sequence[str], *, truncate: bool) -> None:
        self._file = _AppendFile(path, truncate=truncate)
        self._dimensions = list(dimensions)
        if self._file.empty:
            self._file.append(csv_line(csv_header(self._dimensions)))

    def write(self, result: BatchResult) -> None:
        """Append one row."""
        self._file.append(csv_line(csv_row(result, self._dimensions)))

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def csv_line(cells: Sequence[str]) -> str:
    """One CSV row as the output writes it: a single line ending in ``\\n``."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


class JsonlWriter:
    """JSONL output: one JSON object per line; compact records (after one header record of
    the rubric's constants, written before the first graded record) unless detail is "full"."""

    def __init__(
        self,
        path: str,
        *,
        truncate: bool,
        loaded: LoadedRubric | None = None,
        detail: str = "compact",
    ) -> None:
        if detail == "compact" and loaded is None:
            raise ValueError("compact JSONL needs the rubric")
        self._file = _AppendFile(path, truncate=truncate)
        self._loaded = loaded
        self._detail = detail
        self._header: dict[str, Any] | None = None
        self._existing = None if truncate or self._file.empty else last_header(path)

    def write(self, result: BatchResult) -> None:
        """Append one line (and the header before the first graded record)."""
        if self._detail == "full":
            self._file.append(json.dumps(jsonl_record(result), ensure_ascii=False) + "\n")
            return
        lines = []
        if self._header is None and result.report is not None:
            assert self._loaded is not None
            self._header = build_header(self._loaded, result.report)
            if _compact_json(self._header) != self._existing:  # a resumed file keeps its own
                lines.append(_compact_json(self._header))
        if self._header is None:
            lines.append(_compact_json(full_record(result)))
        else:
            lines.append(_compact_json(compact_record(result, self._header)))
        self._file.append("".join(lines))  # header and record in one write: never one alone

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def last_header(path: str) -> str | None:
    """The last header line of a compact JSONL file (as written), or None."""
    found = None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith('{"kind":"header"'):
                found = line
    return found


def _compact_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
