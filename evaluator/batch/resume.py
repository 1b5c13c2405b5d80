"""--resume: what an existing output already holds, checked whole before anything is cut or
appended.

A CSV must start with this run's header; a JSONL file must hold batch records only (and compact
headers of a format this version reads); every whole line must be UTF-8. A file that fails (a
tutor's own marks.csv, notes, a newer version's output, random bytes) is refused with an
OutputError and left byte for byte as it was. Only once the file has passed, and its ids are
known to be this run's, is a torn last line (a kill mid-write on another system, a full disk)
cut off; the ids already present are then skipped.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from evaluator.batch.compact import is_header, unknown_format
from evaluator.batch.compact.header import FORMAT_PREFIX
from evaluator.batch.outputs import (
    CsvWriter,
    JsonlWriter,
    ResultWriter,
    csv_header,
    csv_line,
    dimension_columns,
    journal_path,
    one_line,
    unprotect_cell,
)
from evaluator.errors import OutputError

if TYPE_CHECKING:
    from evaluator.rubric.loader import LoadedRubric

_ONLY_BATCH_FILES = "resume only files written by `mains-eval batch`, or choose another --out"
# the first cell of a row as csv.writer quotes it: "..." with "" for a quote, then , or the end
_QUOTED_CELL = re.compile(r'"([^"]*(?:""[^"]*)*)"(?:,|$)')


def _as_is(item_id: str) -> str:
    return item_id


@dataclass(frozen=True)
class DoneIds:
    """The ids an output already holds, as it wrote them; ``in`` compares a run's id in the
    same form (a CSV writes a line break in an id as a space)."""

    ids: frozenset[str] = frozenset()
    written: Callable[[str], str] = _as_is
    retried: int = 0
    """Error rows removed from the output so their answers are graded again."""

    def __contains__(self, item_id: object) -> bool:
        return isinstance(item_id, str) and self.written(item_id) in self.ids

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Existing:
    """An existing output that passed the checks."""

    ids: frozenset[str]
    """The ids of its records, as written."""
    failed: frozenset[str]
    """The ids of its error rows that no graded row shares (graded again on --resume)."""
    whole: int
    """Bytes of whole lines; what follows is a torn last line, cut off before appending."""
    size: int


class _Lines:
    """The whole lines of a file, numbered from 1 and decoded (OutputError when one is not
    UTF-8); once iterated, ``whole`` is their length in bytes and ``tail`` the unfinished last
    line after them (empty when the file ends with a line break)."""

    def __init__(self, handle: IO[bytes], path: str) -> None:
        self._handle = handle
        self._path = path
        self.whole = 0
        self.count = 0
        self.tail = b""

    def __iter__(self) -> Iterator[tuple[int, str]]:
        for raw in self._handle:
            if not raw.endswith(b"\n"):
                self.tail = raw
                return
            self.count += 1
            self.whole += len(raw)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise OutputError(
                    f"{self._path}:{self.count}: not a batch output (not UTF-8), "
                    "cannot resume from it",
                    hint=_ONLY_BATCH_FILES,
                ) from exc
            yield self.count, text


def read_existing(path: str, fmt: str, dimensions: Sequence[str]) -> Existing:
    """Check an existing output whole and return its ids; OutputError, touching nothing, when it
    is not a batch output this run can continue (``fmt`` is 'csv', else JSONL)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise OutputError(f"{path}: not a regular file, cannot resume from it")
        with open(path, "rb") as handle:
            lines = _Lines(handle, path)
            failed: set[str] = set()  # the ids of error rows
            if fmt == "csv":
                ids = _csv_ids(lines, path, dimensions, failed)
            else:
                ids = _jsonl_ids(lines, path, failed)
            graded = _ids_graded(path, fmt) if failed else ids
    except OSError as exc:
        raise OutputError(f"{path}: cannot read: {exc.strerror}") from exc
    if lines.tail and not _could_be_torn(lines, fmt, dimensions):
        raise OutputError(
            f"{path}:{lines.count + 1}: its unfinished last line is not a batch row, "
            "cannot resume from it",
            hint=_ONLY_BATCH_FILES,
        )
    failed -= graded  # a duplicate id's error row, beside the row of the id graded once
    return Existing(frozenset(ids), frozenset(failed), lines.whole, lines.whole + len(lines.tail))


def _could_be_torn(lines: _Lines, fmt: str, dimensions: Sequence[str]) -> bool:
    """Whether an unfinished last line can be the start of what a batch run writes."""
    if fmt != "csv":
        return lines.tail.startswith(b'{"') or b'{"'.startswith(lines.tail)
    if lines.count:
        return True  # after this run's header, any row
    return csv_line(csv_header(dimensions)).encode("utf-8").startswith(lines.tail)


def _csv_ids(lines: _Lines, path: str, dimensions: Sequence[str], failed: set[str]) -> set[str]:
    """The ids of a batch CSV's rows; those of its error rows are also added to `failed`."""
    ids: set[str] = set()
    rows = iter(lines)
    first = next(rows, None)
    if first is None:
        return ids
    try:
        header: list[str] | None = next(csv.reader([first[1]]), [])
    except csv.Error:
        header = None  # a field over the csv module's limit: no header of ours
    if header != csv_header(dimensions):
        shown = ", ".join(header[:8]) if header is not None else first[1]
        raise OutputError(
            f"{path}: its columns are not this run's ({shown[:120]}...)",
            hint="resume with the same rubric, or write to a new --out file",
        )
    # every row is one line (outputs.one_line); only the id is needed, so no field is too long
    for number, text in rows:
        line = text.rstrip("\r\n")
        if not line:
            continue
        cell = _first_cell(line)
        if cell is None:
            raise OutputError(
                f"{path}:{number}: not a row of a batch CSV, cannot resume from it",
                hint=_ONLY_BATCH_FILES,
            )
        ids.add(unprotect_cell(cell))
        if _csv_error_row(line):
            failed.add(unprotect_cell(cell))
    return ids


def _ids_graded(path: str, fmt: str) -> set[str]:
    """The ids of a checked output's rows that are not error rows."""
    with open(path, "rb") as handle:
        return {
            item_id
            for number, raw in enumerate(handle, start=1)
            if raw.endswith(b"\n")  # not a torn last line, which is cut off
            and (item_id := _row_id(raw.decode("utf-8"), number, fmt, error=False)) is not None
        }


def _csv_error_row(line: str) -> bool:
    """Whether a row of a batch CSV has an error: its last cell, `error`, is not empty (the
    csv writer ends a row whose last cell is empty with the comma before it)."""
    return not line.endswith(",")


def _first_cell(line: str) -> str | None:
    """The first cell of one CSV line, or None when its quotes do not close."""
    if not line.startswith('"'):
        return line.partition(",")[0]
    match = _QUOTED_CELL.match(line)
    return None if match is None else match.group(1).replace('""', '"')


def _jsonl_ids(lines: _Lines, path: str, failed: set[str]) -> set[str]:
    """The ids of a batch JSONL file's records; those of its error records also go in `failed`."""
    ids: set[str] = set()
    header_seen = False
    for number, text in lines:
        if not text.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(text)
        except RecursionError as exc:
            raise _not_batch(where, "JSON nested too deeply") from exc
        except ValueError as exc:
            raise _not_batch(where, "not JSON") from exc
        if not isinstance(record, dict):
            raise _not_batch(where, "not a JSON object")
        if is_header(record):
            if not str(record.get("format")).startswith(FORMAT_PREFIX):
                raise _not_batch(where, "a header without a batch format")
            unknown = unknown_format(record)
            if unknown is not None:
                raise OutputError(
                    f"{where}: {unknown}, cannot resume from it",
                    hint="resume it with the version that wrote it, or choose another --out",
                )
            header_seen = True
            continue
        if not (isinstance(record.get("id"), str) and isinstance(record.get("source"), str)):
            raise _not_batch(where, "no 'id' and 'source' text")
        if "graded" in record and not header_seen:
            raise _not_batch(where, "a compact record before any header record")
        ids.add(record["id"])
        if record.get("error"):
            failed.add(record["id"])
    return ids


def _not_batch(where: str, reason: str) -> OutputError:
    return OutputError(
        f"{where}: not a batch result line ({reason}), cannot resume from it",
        hint=_ONLY_BATCH_FILES,
    )


def check_same_run(path: str, done: frozenset[str] | set[str], run_ids: Iterable[str]) -> None:
    """OutputError unless every id already in the output is one of this run's inputs: resuming
    another run's output would mix two runs in one file."""
    foreign = done.difference(run_ids)
    if foreign:
        example = min(foreign)
        raise OutputError(
            f"{path}: not this run's output: {len(foreign):,} of its {len(done):,} ids are not "
            f"among this run's inputs (for example {example!r})",
            hint="resume with the same inputs as the run that wrote it, or choose another --out",
        )


def _drop_error_rows(path: str, fmt: str, ids: frozenset[str]) -> None:
    """Rewrite an output (already checked whole) without the error rows of these ids; the file
    is replaced atomically, so a kill leaves it as it was or as it is meant to be."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        kept = tempfile.NamedTemporaryFile(  # noqa: SIM115 - renamed into place below
            "wb", dir=folder, prefix=".batch-resume-", suffix=".tmp", delete=False
        )
    except OSError as exc:
        raise OutputError(f"{path}: cannot write beside it: {exc.strerror}") from exc
    try:
        with kept, open(path, "rb") as source:
            for number, raw in enumerate(source, start=1):
                if _row_id(raw.decode("utf-8"), number, fmt, error=True) not in ids:
                    kept.write(raw)
        shutil.copymode(path, kept.name)
        os.replace(kept.name, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(kept.name)
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from exc


def _row_id(text: str, number: int, fmt: str, *, error: bool) -> str | None:
    """The id of line `number` of a checked output when it is a row with (`error`) or without
    an error, else None (a header, a blank line, the other kind of row)."""
    line = text.rstrip("\r\n")
    if not line:
        return None
    if fmt == "csv":
        cell = _first_cell(line) if number > 1 else None
        if cell is None or _csv_error_row(line) != error:
            return None
        return unprotect_cell(cell)
    record = json.loads(line)
    if is_header(record) or bool(record.get("error")) != error:
        return None
    return str(record["id"])


def _cut(path: str, size: int) -> None:
    try:
        with open(path, "rb+") as handle:
            handle.truncate(size)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from exc


def open_output(
    path: str,
    fmt: str,
    loaded: LoadedRubric,
    *,
    resume: bool,
    run_ids: Callable[[], Iterable[str]] | None = None,
    detail: str = "compact",
) -> tuple[ResultWriter, DoneIds]:
    """The writer for a run and the ids to skip (from the existing output when resuming).
    An existing output that is not a batch output, or (with ``run_ids``) holds ids that are not
    this run's, is refused (OutputError) before anything is cut or appended."""
    target = journal_path(path) if fmt == "html" else path
    dimensions = dimension_columns(loaded)
    written = one_line if fmt == "csv" else _as_is
    done = DoneIds(written=written)
    if resume and os.path.exists(target):
        existing = read_existing(target, fmt, dimensions)
        if existing.ids and run_ids is not None:
            check_same_run(target, existing.ids, map(written, run_ids()))
        if existing.whole < existing.size:
            _cut(target, existing.whole)
        if existing.failed:
            # the tutor fixed what failed (a file, a question cell) and resumes: those answers
            # are graded again, their new rows after the ones already there (trial 35: error
            # rows had counted as done, so --resume did nothing)
            _drop_error_rows(target, fmt, existing.failed)
        done = DoneIds(existing.ids - existing.failed, written, len(existing.failed))
    writer: ResultWriter
    if fmt == "csv":
        writer = CsvWriter(target, dimensions, truncate=not resume)
    else:
        writer = JsonlWriter(target, truncate=not resume, loaded=loaded, detail=detail)
    return writer, done
