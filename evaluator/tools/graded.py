"""Reading a tutor's graded answers (CSV or JSONL) for tuning, suggesting and diffing rubrics.

The CSV has a header row with the columns ``answer`` (the answer text) or ``file`` (a path,
relative to the CSV's folder, of a text file holding the answer), ``mark`` (the tutor's mark),
and optionally ``id`` and ``question`` (a question id of the rubric). A JSONL file (``.jsonl``,
``.ndjson``, or text whose first character is ``{``) holds one JSON object per line with the
same fields, as batch reads it. An empty ``answer`` cell (with no ``file``), or a ``file`` that
holds nothing but white space, is an answer with nothing in it, graded 0 as batch grades an
empty cell, and kept: the tutor marked it. Every problem is
reported as one :class:`~evaluator.errors.TuningError` naming the file and the line (where the
row starts) and, for a bad row, the row as a spreadsheet numbers it and its id
(``marks.csv:15: mark 'x' is not a number (row 12, id s-014)``: a cell with line breaks is one
row in a spreadsheet but several lines in the file; :func:`row_message` names a row read earlier
the same way); with a ``skipped`` list, a bad row (a mark that is not a number, a missing answer
file, an unusable answer, a duplicate id, no answer column and no file) is reported there and
left out, like batch's error rows, and the run goes on. `rubric diff` reads no marks
(``require_marks=False``): its 'mark' column, if any, is never read, so never a bad row. With a
``warnings`` list, a file read in another encoding than UTF-8 (cp1252, UTF-16 without a BOM) is
noted there in batch's words (``marks.csv: decoded as cp1252 (Windows-1252), not UTF-8; check
accented characters``), the graded file's own once and its answer files' in one line.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from evaluator.errors import InputError, TuningError
from evaluator.scoring.inputs import (
    JSONL_SUFFIXES,
    MAX_ANSWER_BYTES,
    decode_answer,
    json_record,
    read_answer_bytes,
)
from evaluator.text import plural
from evaluator.textfile import (
    field_count_problem,
    read_bounded,
    row_id_text,
    rows_inside,
    table_delimiter,
    workbook_problem,
)

MAX_GRADED_BYTES = 20_000_000
"""Largest graded CSV accepted (about 20,000 answers of 150-250 words)."""

_TEXT_COLUMNS = ("answer", "file")
_KNOWN_COLUMNS = {"answer", "file", "mark", "id", "question"}
_COLUMN_ALIASES = {"marks": "mark"}
"""Other names of a column: a batch report's 'marks' column is a tutor's 'mark' (trial 30b: a
tutor who filled in the batch CSV had to rename it)."""


def _column(name: str) -> str:
    key = name.strip().lower()
    return _COLUMN_ALIASES.get(key, key)


_DECIMAL_COMMA = re.compile(r"\d+,\d+")


@dataclass(frozen=True)
class SkippedRow:
    """A graded row left out, and why (``file:line: reason``)."""

    line: int
    message: str
    shared: str | None = None
    """The reason when many rows may share it (an unknown question): said once for them all."""


@dataclass(frozen=True)
class GradedAnswer:
    """One answer with the mark a tutor gave it."""

    id: str
    """The row's id (the ``id`` column, else 'line-N')."""
    text: str
    """The answer text."""
    mark: float
    """The tutor's mark."""
    question: str | None
    """Question id from the ``question`` column, if any."""
    line: int
    """Line of the CSV where the row starts (for error messages)."""
    row: int | None = None
    """The row as a spreadsheet numbers it (the header is row 1); None for a JSONL record."""


def read_graded_csv(
    source: str | os.PathLike[str],
    *,
    name: str | None = None,
    base_dir: Path | None = None,
    require_marks: bool = True,
    skipped: list[SkippedRow] | None = None,
    warnings: list[str] | None = None,
) -> list[GradedAnswer]:
    """Read a graded CSV from a path, or from CSV text when ``source`` holds a newline.

    Raises TuningError with the file name and line number for anything malformed: an empty
    file, missing columns, a mark that is not a non-negative number, an unreadable answer file.
    With ``skipped``, a bad row is appended there and left out instead (the file's own problems
    still raise). With ``warnings``, how a file not in UTF-8 was decoded (see the module).
    """
    looks_like_text = "\n" in str(source) or ("," in str(source) and not Path(source).exists())
    if isinstance(source, str) and looks_like_text:
        return parse_graded_text(
            source,
            name=name or "<graded csv>",
            base_dir=base_dir,
            require_marks=require_marks,
            skipped=skipped,
            warnings=warnings,
        )
    path = Path(source)
    label = name or str(path)
    try:
        data = read_bounded(path, MAX_GRADED_BYTES, folder_hint="; pass the graded CSV file")
    except InputError as exc:
        raise TuningError(
            exc.message.replace(str(path), label, 1),
            hint="split the graded set into several files" if "limit" in exc.message else None,
        ) from exc
    return parse_graded_bytes(
        data,
        name=label,
        base_dir=base_dir or path.parent,
        require_marks=require_marks,
        skipped=skipped,
        warnings=warnings,
    )


def graded_columns(data: bytes) -> list[str]:
    """The header columns of a graded CSV's bytes, lower case, decoded as
    :func:`parse_graded_bytes` decodes them (UTF-16 with a BOM, CR or CRLF line ends); [] when
    there is no readable header (parsing then says why). For a check before parsing, such as
    refusing a ``file`` column in an upload."""
    try:
        text, _warning = decode_answer(data[:65_536], "upload")
    except InputError:
        return []
    try:
        first = text.splitlines()[:1]
        delimiter = table_delimiter(first[0] if first else "", _KNOWN_COLUMNS)
        return [_column(c) for c in next(csv.reader(first, delimiter=delimiter), [])]
    except csv.Error:
        return []


def parse_graded_bytes(
    data: bytes,
    *,
    name: str = "<graded csv>",
    base_dir: Path | None = None,
    require_marks: bool = True,
    skipped: list[SkippedRow] | None = None,
    warnings: list[str] | None = None,
) -> list[GradedAnswer]:
    """Decode (UTF-8, UTF-16 with BOM, cp1252) and parse an uploaded graded CSV; with
    ``warnings``, how it was decoded when not as UTF-8 (see the module)."""
    if len(data) > MAX_GRADED_BYTES:
        raise TuningError(
            f"{name}: file is {len(data):,} bytes; the limit is {MAX_GRADED_BYTES:,}",
            hint="split the graded set into several files",
        )
    workbook = workbook_problem(data)
    if workbook is not None:  # as batch says it of such a table
        raise TuningError(f"{name}: {workbook}")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TuningError(f"{name}: looks like a binary file, not a CSV")
    try:
        text, warning = decode_answer(data, name)
    except InputError as exc:
        raise TuningError(exc.message) from exc
    if warning and warnings is not None:
        # as batch notes it on each row of such a table, and `grade` for such an answer: the
        # tutor had never been told (trial s43: names and dashes of an Excel CSV in cp1252)
        warnings.append(f"{name}: {warning}")
    return parse_graded_text(
        text,
        name=name,
        base_dir=base_dir,
        require_marks=require_marks,
        skipped=skipped,
        warnings=warnings,
    )


def parse_graded_text(
    text: str,
    *,
    name: str = "<graded csv>",
    base_dir: Path | None = None,
    require_marks: bool = True,
    skipped: list[SkippedRow] | None = None,
    warnings: list[str] | None = None,
) -> list[GradedAnswer]:
    """Parse CSV (or JSONL) text into graded answers (see :func:`read_graded_csv`)."""
    if name.lower().endswith(JSONL_SUFFIXES) or text.lstrip()[:1] == "{":
        return parse_graded_jsonl(
            text,
            name=name,
            base_dir=base_dir,
            require_marks=require_marks,
            skipped=skipped,
            warnings=warnings,
        )
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise TuningError(
            f"{name}:1: the file is empty",
            hint="write a header row 'id,question,answer,mark' and one row per graded answer",
        )
    delimiter = table_delimiter(text.split("\n", 1)[0], _KNOWN_COLUMNS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise TuningError(f"{name}:1: cannot read the header row: {exc}") from exc
    columns = [_column(c) for c in header]
    _check_header(columns, name, require_marks)
    index = {c: i for i, c in enumerate(columns) if c in _KNOWN_COLUMNS}
    rows: list[GradedAnswer] = []
    reading = _Reading(name, base_dir, require_marks, skipped)
    line = reader.line_num + 1
    number = 1  # the spreadsheet's row number: the header is row 1, a blank line a row too
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            message = _locate(f"{name}:{line}: malformed CSV: {exc}", number, None)
            raise TuningError(message) from exc
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        make = partial(_graded_row, reading, row, header, index, start, number, line - 1)
        row_id = row[index["id"]] if "id" in index and index["id"] < len(row) else None
        has_id = row_id is not None and str(row_id).strip()
        taken = rows_inside(row, like=row_id) if has_id and line - 1 > start else []
        if taken and len(row) == len(header):
            # an unclosed quote closed by the next row's own quote: the row has the header's
            # cells, one answer holds another's, and the mark is the other's (trial 29b)
            problem = TuningError(
                _locate(
                    f"{name}:{start}: a quote opened on line {start} seems never closed: the "
                    f"answer runs to line {line - 1} and takes in the row of id "
                    f"{', '.join(taken)}",
                    number,
                    row_id,
                )
            )
            if skipped is None:
                raise problem
            skipped.append(SkippedRow(start, problem.message))
            continue
        _keep(rows, skipped, start, _located(make, number, row_id))
    reading.note_decoded(warnings)
    return _some(rows, skipped, f"{name}:2: the file has a header but no graded answers")


def _locate(message: str, row: int | None, row_id: object, also: str = "") -> str:
    """A bad row's message and where a spreadsheet user finds the row: its number (a CSV's; a
    JSONL record is its line) and its id, unless the message names it already; ``also`` (say
    where a duplicate id was first used) joins them in the one bracket."""
    usable = isinstance(row_id, str | int | float) and not isinstance(row_id, bool)
    shown = row_id_text(row_id) if usable else ""  # a JSON list or object is no id to quote
    parts = [] if row is None else [f"row {row}"]
    if shown and repr(str(row_id).strip()) not in message:
        parts.append(f"id {shown}")
    where = ", ".join(parts)
    if also:
        where = f"{where}; {also}" if where else also
    return f"{message} ({where})" if where else message


def row_message(source_name: str | None, row: GradedAnswer, reason: str, then: str = "") -> str:
    """A problem with a graded row read earlier, named as the reader names its bad rows: the
    file and line, then the row and its id (``g.csv:5: no question for the answer (row 3, id
    s-002)``); ``then`` follows the bracket (``; the rubric's questions: ...``)."""
    where = f"{source_name}:" if source_name else "line "
    row_id = None if row.id == f"line-{row.line}" else row.id  # 'line-N': the row had no id
    message = _locate(f"{where}{row.line}: {reason}", row.row, row_id)
    return f"{message}; {then}" if then else message


class _DuplicateId(TuningError):
    """A graded id seen before; ``first`` says where (``first used in row 2``)."""

    def __init__(self, message: str, first: str) -> None:
        super().__init__(message, hint="give every graded answer a unique id")
        self.first = first


def _located(
    make: Callable[[], GradedAnswer], row: int | None, row_id: object
) -> Callable[[], GradedAnswer]:
    """``make``, its TuningError naming the row (see :func:`_locate`)."""

    def located() -> GradedAnswer:
        try:
            return make()
        except _DuplicateId as exc:
            message = _locate(exc.message, row, row_id, also=exc.first)
            raise TuningError(message, hint=exc.hint) from exc
        except TuningError as exc:
            raise TuningError(_locate(exc.message, row, row_id), hint=exc.hint) from exc

    return located


def _keep(
    rows: list[GradedAnswer],
    skipped: list[SkippedRow] | None,
    line: int,
    make: Callable[[], GradedAnswer],
) -> None:
    """Append the row ``make`` builds, or (with a ``skipped`` list) report why it is bad."""
    try:
        rows.append(make())
    except TuningError as exc:
        if skipped is None:
            raise
        skipped.append(SkippedRow(line, exc.message))


def _some(
    rows: list[GradedAnswer], skipped: list[SkippedRow] | None, empty: str
) -> list[GradedAnswer]:
    """The rows, or TuningError ``empty`` (with how many bad rows were skipped)."""
    if not rows:
        left_out = f" ({plural(len(skipped), 'bad row')} skipped)" if skipped else ""
        raise TuningError(f"{empty}{left_out}")
    return rows


def parse_graded_jsonl(
    text: str,
    *,
    name: str = "<graded jsonl>",
    base_dir: Path | None = None,
    require_marks: bool = True,
    skipped: list[SkippedRow] | None = None,
    warnings: list[str] | None = None,
) -> list[GradedAnswer]:
    """Parse JSON lines (one object per line with the CSV's fields) into graded answers; a line
    that is not a JSON object, or lacks a field, is a bad row (see :func:`read_graded_csv`)."""
    rows: list[GradedAnswer] = []
    reading = _Reading(name, base_dir, require_marks, skipped)

    def row_of(raw: str, line: int) -> GradedAnswer:
        record = _json_record(raw, name, line)
        return _located(partial(graded_of, record, line), None, record.get("id"))()

    def graded_of(record: dict[str, object], line: int) -> GradedAnswer:
        columns = sorted(key for key in _KNOWN_COLUMNS if record.get(key) not in (None, ""))
        if record.get("answer") == "":  # an empty answer, as in a CSV (see _graded_row)
            columns = sorted([*columns, "answer"])
        if not any(c in columns for c in _TEXT_COLUMNS):
            raise TuningError(f"{name}:{line}: needs a value for 'answer' (or 'file')")
        if require_marks and "mark" not in columns:
            raise TuningError(f"{name}:{line}: the mark is empty", hint="give every answer a mark")
        for key in ("answer", "file"):
            if key in columns and not isinstance(record[key], str):
                raise TuningError(f"{name}:{line}: {key!r} must be text")
        cells = [str(record[c]) for c in columns]
        index = {c: i for i, c in enumerate(columns)}
        return _graded_row(reading, cells, columns, index, line, None)

    for line, raw in enumerate(text.splitlines(), start=1):
        if raw.strip():
            _keep(rows, skipped, line, partial(row_of, raw, line))
    reading.note_decoded(warnings)
    return _some(rows, skipped, f"{name}: the file holds no graded answers")


def _json_record(raw: str, name: str, line: int) -> dict[str, object]:
    """One JSONL line as a record (as batch reads it; keys in lower case), or TuningError."""
    try:
        record = json_record(raw)
    except InputError as exc:
        raise TuningError(f"{name}:{line}: {exc.message}") from None
    return {_column(key): value for key, value in record.items()}


@dataclass
class _Reading:
    """What reading one graded file keeps between its rows."""

    name: str
    base_dir: Path | None
    require_marks: bool
    """False for `rubric diff`, which uses no marks: the 'mark' column is not read at all."""
    skipped: list[SkippedRow] | None
    seen_ids: dict[str, str] = field(default_factory=dict)
    """Each id read so far, and where (``row 2``; a JSONL record's ``line 2``)."""
    decoded: dict[str, list[str]] = field(default_factory=dict)
    """Answer files read in another encoding than UTF-8, by how they were decoded."""

    def note_decoded(self, warnings: list[str] | None) -> None:
        """Say in ``warnings`` how the answer files not in UTF-8 were decoded."""
        if warnings is not None:
            warnings.extend(decoded_files(self.name, self.decoded))


def _graded_row(
    reading: _Reading,
    row: list[str],
    header: list[str],
    index: dict[str, int],
    start: int,
    number: int | None,
    last: int | None = None,
) -> GradedAnswer:
    """One CSV row (``number`` its spreadsheet row; None for a JSONL record; ``last`` the file
    line it ends on) as a graded answer, or TuningError naming the file and line. A row with
    more or fewer cells than the header is a bad row, as in batch."""
    name, base_dir = reading.name, reading.base_dir
    if number is not None and len(row) != len(header):
        raise TuningError(
            f"{name}:{start}: "
            + field_count_problem(row, len(header), start, last if last is not None else start)
        )
    reads_mark = reading.require_marks and "mark" in index
    mark = _parse_mark(row[index["mark"]], name, start) if reads_mark else math.nan
    # as in batch: the 'answer' cell when it has text, else the file the 'file' cell names
    answer_text = row[index["answer"]] if "answer" in index else ""
    from_file = not answer_text.strip() and "file" in index and bool(row[index["file"]].strip())
    if from_file:
        answer_text = _read_answer_file(
            row[index["file"]].strip(), base_dir, name, start, reading.decoded
        )
    if not answer_text.strip():
        if "answer" not in index and not from_file:
            # as in batch: a row with no answer column and no file is an error row
            raise TuningError(f"{name}:{start}: needs a value in column 'answer' or 'file'")
        # an empty 'answer' cell (or a blank answer file) is an answer with nothing in it, and
        # the tutor marked it (as batch grades it: 0 marks, the 'empty' advisory): a real data
        # point, not a bad row
        answer_text = ""
    row_id = row[index["id"]].strip() if "id" in index else ""
    row_id = row_id or f"line-{start}"
    if row_id in reading.seen_ids:
        first = reading.seen_ids[row_id]
        raise _DuplicateId(
            f"{name}:{start}: id {row_id!r} is used again",
            f"first used {'on' if first.startswith('line') else 'in'} {first}",
        )
    if reading.skipped is not None:  # an answer grading would refuse is a bad row too
        from evaluator.scoring.engine import validate_answer_text

        try:
            validate_answer_text(answer_text)
        except InputError as exc:  # the row and its id follow (see _locate)
            raise TuningError(f"{name}:{start}: {exc.message}") from exc
    reading.seen_ids[row_id] = f"line {start}" if number is None else f"row {number}"
    question = row[index["question"]].strip() if "question" in index else ""
    return GradedAnswer(row_id, answer_text, mark, question or None, start, number)


def _check_header(columns: list[str], name: str, require_marks: bool) -> None:
    missing = []
    if not any(c in columns for c in _TEXT_COLUMNS):
        missing.append("'answer' (or 'file')")
    if require_marks and "mark" not in columns:
        missing.append("'mark'")
    if missing:
        found = ", ".join(repr(c) for c in columns if c) or "none"
        raise TuningError(
            f"{name}:1: missing column {' and '.join(missing)} in the header (found: {found})",
            hint=(
                "the header needs 'answer' (or 'file') and 'mark' (or 'marks'); 'id', 'question' "
                "are optional"
            ),
        )
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicated:
        raise TuningError(f"{name}:1: column {duplicated[0]!r} appears twice in the header")


def _parse_mark(cell: str, name: str, line: int) -> float:
    raw = cell.strip()
    if not raw:
        raise TuningError(f"{name}:{line}: the mark is empty", hint="give every answer a mark")
    if _DECIMAL_COMMA.fullmatch(raw):
        raw = raw.replace(",", ".")  # "7,5": a decimal comma (a mark is no thousands)
    try:
        mark = float(raw)
    except ValueError:
        raise TuningError(
            f"{name}:{line}: mark {raw!r} is not a number", hint="write marks like 6 or 6.5"
        ) from None
    if not math.isfinite(mark) or mark < 0:
        raise TuningError(f"{name}:{line}: mark {raw!r} must be a number of zero or more")
    return mark


def _read_answer_file(
    relative: str, base_dir: Path | None, name: str, line: int, decoded: dict[str, list[str]]
) -> str:
    if not relative:
        raise TuningError(f"{name}:{line}: the 'file' cell is empty")
    if base_dir is None:
        # CSV text from an upload or a string: its paths would name files on this machine
        raise TuningError(
            f"{name}:{line}: a 'file' column is only read from a CSV file on disk",
            hint="put the answers themselves in an 'answer' column",
        )
    path = Path(relative)
    if not path.is_absolute():
        path = base_dir / path
    try:
        data = read_bounded(path, MAX_ANSWER_BYTES)
    except InputError as exc:  # a pipe or /dev/zero would block or fill memory: never opened
        reason = exc.message.removeprefix(f"{path}: ")
        raise TuningError(f"{name}:{line}: answer file {relative!r}: {reason}") from exc
    try:
        return _answer_of(data, relative, decoded)
    except InputError as exc:
        raise TuningError(f"{name}:{line}: {exc.message}") from exc


def _answer_of(data: bytes, name: str, decoded: dict[str, list[str]]) -> str:
    """An answer file's text; a blank file is an answer handed in blank ('', graded 0), as an
    empty 'answer' cell is: the tutor marked it, so it is a data point, not a bad row (trial
    38: an empty file was skipped as "the answer is empty" while an empty cell was kept). A
    file not in UTF-8 is listed in ``decoded`` under how it was read."""
    if not data.strip() or not decode_answer(data, name)[0].strip():
        return ""
    text, warning = read_answer_bytes(data, name)
    if warning and name not in decoded.setdefault(warning, []):
        decoded[warning].append(name)  # a file two rows name is listed once
    return text


FILES_NAMED = 3
"""Answer files a decoding warning names (the rest are counted)."""


def decoded_files(source: str, decoded: dict[str, list[str]]) -> list[str]:
    """One warning line per way answer files of ``source`` were decoded when not as UTF-8:
    ``marks.csv: answer file 'a.txt': decoded as cp1252 ...``, or for several
    ``marks.csv: 4 answer files ('a.txt', 'b.txt', 'c.txt', ...): decoded as cp1252 ...``."""
    lines = []
    for warning, files in decoded.items():
        if len(files) == 1:
            lines.append(f"{source}: answer file {files[0]!r}: {warning}")
            continue
        named = ", ".join(repr(f) for f in files[:FILES_NAMED])
        more = ", ..." if len(files) > FILES_NAMED else ""
        lines.append(f"{source}: {len(files)} answer files ({named}{more}): {warning}")
    return lines


def read_answers_source(
    source: str | os.PathLike[str],
    *,
    skipped: list[SkippedRow] | None = None,
    warnings: list[str] | None = None,
) -> list[GradedAnswer]:
    """Answers for `rubric diff`: a graded CSV (a 'mark' column is not read: diff uses no
    marks) or a folder of .txt/.md files; with ``skipped``, bad rows and unreadable files are
    reported there and left out; with ``warnings``, files not in UTF-8 (see the module)."""
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in {".txt", ".md"})
        if not files:
            raise TuningError(f"{source}: the folder holds no .txt or .md answer files")
        from evaluator.scoring.engine import validate_answer_text

        answers = []
        decoded: dict[str, list[str]] = {}
        for number, file in enumerate(files, start=1):
            try:
                data = read_bounded(file, MAX_ANSWER_BYTES)
                text = _answer_of(data, file.name, decoded)
                validate_answer_text(text)  # an answer grading would refuse, named here
            except InputError as exc:
                reason = exc.message.removeprefix(f"{file}: ").removeprefix(f"{file.name}: ")
                if skipped is None:
                    raise TuningError(f"{file.name}: {reason}") from exc
                skipped.append(SkippedRow(number, f"{file.name}: {reason}"))
                continue
            answers.append(GradedAnswer(file.stem, text, math.nan, None, number))
        if warnings is not None:
            warnings.extend(decoded_files(str(source), decoded))
        if not answers:
            raise TuningError(f"{source}: no readable answer files ({len(files)} skipped)")
        return answers
    if not path.exists():
        raise TuningError(f"{source}: no such file or folder")
    return read_graded_csv(path, require_marks=False, skipped=skipped, warnings=warnings)
