"""Batch inputs: files, folders, glob patterns, CSV and JSONL tables, read lazily.

Every input becomes one :class:`BatchItem`, in a deterministic order. An input that cannot be
read (empty, binary, too large, undecodable, a malformed table row) becomes an item carrying an
``error`` instead of text, so the run goes on and the output says what went wrong and where.
"""

from __future__ import annotations

import codecs
import csv
import glob
import math
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from evaluator.errors import EvaluatorError, InputError
from evaluator.scoring.inputs import (
    JSONL_SUFFIXES,
    MAX_ANSWER_BYTES,
    json_record,
    looks_binary,
    read_answer_bytes,
)
from evaluator.textfile import (
    field_count_problem,
    read_bounded,
    row_position,
    rows_inside,
    table_delimiter,
    utf16_warning,
    utf16_without_bom,
    workbook_problem,
)

ANSWER_SUFFIXES = (".txt", ".md")
"""Files picked up when a folder is given (recursively)."""
CSV_SUFFIXES = (".csv",)
GLOB_CHARS = frozenset("*?[")
MAX_TABLE_FIELD = 10 * MAX_ANSWER_BYTES
"""Largest CSV field the reader accepts; answers above MAX_ANSWER_BYTES still become errors."""
CP1252_WARNING = "decoded as cp1252 (Windows-1252), not UTF-8; check accented characters"


@dataclass(frozen=True)
class BatchItem:
    """One answer to grade (or the reason it cannot be graded), in input order."""

    index: int
    """Position in the input order (0-based); results are written in this order."""
    id: str
    """The answer's id: the file path, or the `id` field of a CSV/JSONL row."""
    source: str
    """Where it came from: a file path, or `table.csv:LINE`."""
    question: str | None
    """Question id from the row, or None to use the run's --question."""
    text: str | None = None
    """The answer text, or None when `error` is set."""
    warning: str | None = None
    """A non-fatal note, e.g. that the text was decoded as cp1252."""
    error: str | None = None
    """Why the input cannot be graded, in one line."""
    where: str = ""
    """Where a table's row is, as its user finds it (`row 12 (id s-014, line 15)`, see
    `textfile.row_position`): the start of its error messages. '' for an answer file."""

    def located(self, message: str) -> str:
        """An error message about this item, starting with where its row is (if a table's)."""
        return f"{self.where}: {message}" if self.where else message

    def failed(self, message: str) -> BatchItem:
        """A copy of this item carrying an error (`located`) instead of text."""
        return replace(self, text=None, error=self.located(message))


@dataclass(frozen=True)
class InputSpec:
    """One command-line INPUT, classified: a file, a table, a folder or a glob pattern."""

    kind: str
    """'file', 'csv', 'jsonl', 'dir' or 'glob'."""
    arg: str
    """The INPUT as given."""


def classify_inputs(args: Sequence[str]) -> list[InputSpec]:
    """Classify INPUT arguments; InputError for one that is neither a path nor a pattern."""
    specs = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            specs.append(InputSpec("dir", arg))
        elif path.is_file():
            specs.append(InputSpec(_file_kind(path), arg))
        elif GLOB_CHARS & set(arg):
            specs.append(InputSpec("glob", arg))
        elif path.is_symlink():
            # a link to nothing or a loop of links: an error row saying which, as in a folder
            # (it had been "no such file or folder", of a link that `ls` lists)
            specs.append(InputSpec("file", arg))
        elif path.exists():
            raise InputError(f"{arg}: not a regular file or folder")
        else:
            raise InputError(
                f"{arg}: no such file or folder",
                hint="quote glob patterns ('answers/*.txt') or check the path",
            )
    return specs


def _file_kind(path: PurePath) -> str:
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return "file"


def _display(path: str) -> str:
    """A path as text an output file can hold: a name that is not UTF-8 (its bytes kept by
    Python as lone surrogates) shows those bytes as escapes ('caf\\xff.txt')."""
    shown = PurePath(path).as_posix()
    if shown.isascii():
        return shown
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _expand(spec: InputSpec, exclude: frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """(kind, path) of every concrete input behind a spec, in a stable order, minus `exclude`
    (absolute paths: the run's own output, which a pattern like 'data/*' would match)."""
    for kind, path in _expand_all(spec):
        if not exclude or os.path.abspath(path) not in exclude:
            yield kind, path


def _expand_all(spec: InputSpec) -> Iterator[tuple[str, str]]:
    if spec.kind == "dir":
        yield from (("file", p) for p in walk_answers(spec.arg))
    elif spec.kind == "glob":
        # sorted for determinism; the list holds names only, never contents
        for match in sorted(glob.glob(spec.arg, recursive=True)):
            path = Path(match)
            if path.is_dir():
                yield from (("file", p) for p in walk_answers(match))
            elif path.is_file():
                yield _file_kind(path), match
            else:
                # a symlink loop, a dangling link, a pipe: an error row (read_file_item says
                # why, and never opens a pipe), not a silent gap in the output
                yield "file", match
    else:
        yield spec.kind, spec.arg


def walk_answers(folder: str) -> Iterator[str]:
    """Answer files under a folder, recursively, in path order; hidden entries are skipped.

    Every entry named like an answer that is not a folder is yielded, whatever it is: a symlink
    loop, a dangling link, a pipe or a link to a folder becomes an error row when read (hostile
    trial 34: a loop stopped the run with a traceback; the others vanished without a word)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return  # an unreadable sub-folder is skipped, like `find` does
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_real_folder(entry):
            yield from walk_answers(entry.path)
        elif entry.name.lower().endswith(ANSWER_SUFFIXES):
            yield entry.path


def _is_real_folder(entry: os.DirEntry[str]) -> bool:
    """A folder, not a link to one (links to folders are not followed: no walk in circles)."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def iter_items(
    specs: Sequence[InputSpec], exclude: frozenset[str] = frozenset()
) -> Iterator[BatchItem]:
    """Every answer behind the inputs, lazily, numbered in input order."""
    index = 0
    for spec in specs:
        for kind, path in _expand(spec, exclude):
            if kind == "csv":
                rows = iter_csv_rows(path)
            elif kind == "jsonl":
                rows = iter_jsonl_rows(path)
            else:
                rows = iter([read_file_item(path)])
            for item in rows:
                yield replace(item, index=index)
                index += 1


def iter_ids(specs: Sequence[InputSpec], exclude: frozenset[str] = frozenset()) -> Iterator[str]:
    """The id of every item `iter_items` will yield, in order; reads tables, not answers."""
    for spec in specs:
        for kind, path in _expand(spec, exclude):
            if kind == "file":
                yield _display(path)
            else:
                reader = iter_csv_rows if kind == "csv" else iter_jsonl_rows
                for item in reader(path, read=False):
                    yield item.id


def no_rows(specs: Sequence[InputSpec], exclude: frozenset[str] = frozenset()) -> str | None:
    """Why inputs that yielded no item at all did so when they name tables (each then has a
    header but no rows, or no records), else None."""
    tables = [(kind, _display(path)) for spec in specs for kind, path in _expand(spec, exclude)]
    tables = [(kind, name) for kind, name in tables if kind in ("csv", "jsonl")]
    if len(tables) > 1:
        names = ", ".join(name for _, name in tables[:3]) + (", ..." if len(tables) > 3 else "")
        return f"the tables {names} have no rows"
    if tables:
        kind, name = tables[0]
        return f"{name} has a header but no rows" if kind == "csv" else f"{name} holds no records"
    return None


def empty_inputs(
    specs: Sequence[InputSpec], exclude: frozenset[str] = frozenset()
) -> list[tuple[InputSpec, str]]:
    """The folders and patterns behind which there is nothing to grade, each with why: a folder
    without a .txt or .md file, a pattern matching nothing (a misspelt path). Each is a usage
    error even beside inputs that have answers (trial 35: it had been skipped without a word).
    Stops at the first answer behind each, so it costs little even for a large folder."""
    empty = []
    for spec in specs:
        if spec.kind not in ("dir", "glob") or next(_expand(spec, exclude), None) is not None:
            continue
        if spec.kind == "dir":
            empty.append((spec, "the folder holds no .txt or .md file (searched recursively)"))
        elif any(os.path.abspath(m) not in exclude for m in glob.iglob(spec.arg, recursive=True)):
            empty.append((spec, "the pattern matches only folders without .txt or .md files"))
        else:
            empty.append((spec, "the pattern matches no file"))
    return empty


def count_items(specs: Sequence[InputSpec], exclude: frozenset[str] = frozenset()) -> int:
    """How many items `iter_items` will yield (for the progress bar); reads tables, not answers."""
    return sum(1 for _ in iter_ids(specs, exclude))


# --- single files ---------------------------------------------------------------------------


def read_file_item(path: str, *, item_id: str | None = None, **fields: object) -> BatchItem:
    """One answer file as an item: text and warning, or the error that makes it unusable."""
    shown = _display(path)
    item = BatchItem(index=0, id=item_id or shown, source=shown, question=None)
    item = replace(item, **fields)  # type: ignore[arg-type]
    try:
        data = read_bounded(path, MAX_ANSWER_BYTES, folder_hint=FOLDER_HINT)
    except InputError as exc:  # a pipe or a device is never opened, a large file never read
        return item.failed(exc.message.removeprefix(f"{path}: "))
    return text_item(item, data)


FOLDER_HINT = ", not an answer file"
"""What a folder named as an answer is told (after 'is a directory')."""


def text_item(item: BatchItem, data: bytes, warning: str | None = None) -> BatchItem:
    """The item with decoded text, or with the decoding/size/binary/empty error."""
    try:
        text, decode_warning = read_answer_bytes(data, item.source)
    except EvaluatorError as exc:
        return item.failed(_strip_name(exc.message, item.source))
    return replace(item, text=text, warning=decode_warning or warning)


def _strip_name(message: str, name: str) -> str:
    prefix = f"{name}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def clean_id(value: object) -> str:
    """An id as one line of text (ids are matched again on --resume, so keep them stable)."""
    return " ".join(str(value).split())


# --- tables -----------------------------------------------------------------------------------


def sniff_encoding(path: str) -> tuple[str, str | None]:
    """The encoding to read a table with, and a warning when it is not UTF-8."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16", None
        utf16 = utf16_without_bom(head) if b"\x00" in head else None
        if utf16 is not None and os.path.getsize(path) % 2 == 0:
            return utf16, utf16_warning(utf16)
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            # streamed in blocks so a large table is checked in constant memory
            while block := handle.read(1 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252", CP1252_WARNING
    return "utf-8-sig", None


def _unfit_table(path: str, encoding: str, kind: str) -> str | None:
    """Why a table is no text at all, or None: a spreadsheet's own file (an .xlsx renamed .csv:
    say to save it as CSV, as `rubric tune` says it), or another binary file."""
    workbook = workbook_problem(path)
    if workbook is not None:
        return workbook
    if _looks_binary(path, encoding):
        return f"looks like a binary file, not a {kind} table"
    return None


def _looks_binary(path: str, encoding: str) -> bool:
    """Whether a table's start is binary (an image, an archive) rather than text."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if not encoding.startswith("utf-16") and b"\x00" in head:
        return True
    return looks_binary(head.decode(encoding, errors="replace"))


def _row_item(
    table: str,
    line: int,
    record: dict[str, object],
    warning: str | None,
    *,
    read: bool = True,
    row: int | None = None,
) -> BatchItem:
    """A CSV/JSONL record -> item; an error starts with where the row is (`row_position`: the
    CSV row, or the JSONL line, its id and the file line), as a spreadsheet user finds it."""
    source = f"{table}:{line}"
    raw_id = record.get("id")
    usable_id = isinstance(raw_id, str) or _is_number(raw_id)
    item_id = clean_id(raw_id) if usable_id and raw_id != "" else ""
    if "\ufffd" in item_id:
        # half a character ("s4\ud83d" in JSON, replaced when read) or a byte the encoding has
        # no character for: the id is written with U+FFFD in its place, and the row says so
        note = f"the id holds a character that could not be read; it is written as {item_id!r}"
        warning = f"{warning}; {note}" if warning else note
    question = record.get("question")
    question_id = clean_id(question) if question not in (None, "") else None
    where = row_position(line, row, item_id)
    field = "column" if row is not None else "field"  # a CSV row has cells, a JSONL record fields
    item = BatchItem(0, item_id or source, source, question_id, warning=warning, where=where)
    if raw_id not in (None, "") and not usable_id:
        return item.failed("'id' must be text or a number")
    if not item_id:
        return item.failed(f"missing value for {field} 'id'")
    if question not in (None, "") and not (isinstance(question, str) or _is_number(question)):
        # a JSON list or object had been read as its Python text: unknown question "['a']"
        return replace(item, question=None).failed("'question' must be text (a question id)")
    answer, file = record.get("answer"), record.get("file")
    # an empty 'answer' cell is a student who handed in nothing: graded (0 marks, the 'empty'
    # advisory), not an error; a row with no answer column at all still is one
    blank = isinstance(answer, str) and not answer.strip()
    if answer is not None and not blank:
        if not isinstance(answer, str):
            return item.failed("'answer' must be text")
        if not read:
            return item
        data = answer.encode("utf-8")
        if len(data) > MAX_ANSWER_BYTES:
            return item.failed(
                f"the answer is {len(data):,} bytes; the limit is {MAX_ANSWER_BYTES:,} bytes"
            )
        return text_item(item, data, warning)
    if file not in (None, ""):
        if not isinstance(file, str):
            return item.failed("'file' must be a path")
        path = os.path.join(os.path.dirname(table), file)
        if not read:
            return item
        found = read_file_item(path, item_id=item_id, question=question_id)
        if found.error:
            return item.failed(f"{_display(path)}: {found.error}")
        return replace(found, source=source, warning=found.warning or warning, where=where)
    if blank:
        return replace(item, text="")
    return item.failed(f"needs a value in {field} 'answer' or 'file'")


def _is_number(value: object) -> bool:
    """A JSON number usable as an id: an int or a finite float, not a boolean or NaN."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def iter_csv_rows(path: str, *, read: bool = True) -> Iterator[BatchItem]:
    """Rows of a CSV table (header with `answer` or `file`, optional `id` and `question`)."""
    table = _display(path)
    try:
        encoding, warning = sniff_encoding(path)
        # undefined cp1252 bytes become U+FFFD rather than stopping the whole table
        handle = open(path, encoding=encoding, errors="replace", newline="")  # noqa: SIM115
    except OSError as exc:
        yield BatchItem(0, table, table, None, error=f"cannot read: {exc.strerror}")
        return
    csv.field_size_limit(MAX_TABLE_FIELD)
    with handle:
        unfit = _unfit_table(path, encoding, "CSV")
        if unfit:
            yield BatchItem(0, table, table, None, error=unfit)
            return
        delimiter = table_delimiter(handle.readline(), TABLE_COLUMNS)
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = [h.strip().lower() for h in next(reader, [])]
        except csv.Error as exc:
            yield BatchItem(0, table, table, None, error=f"line 1: unreadable header: {exc}")
            return
        missing = _missing_columns(header)
        if missing:
            yield BatchItem(0, table, f"{table}:1", None, error=f"line 1: {missing}")
            return
        # a sheet of answers and marks with no id column (trial s42: a teacher's 'answer,mark'
        # sheet, which `rubric tune` read, was refused): each row is named by its line,
        # 'line-N', as `rubric tune` names it
        numbered = "id" not in header
        start = reader.line_num + 1
        number = 1  # the spreadsheet's row number: the header is row 1, a blank line a row too
        while True:
            number += 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                source = f"{table}:{start}"
                where = row_position(start, number)
                yield BatchItem(0, source, source, None, where=where).failed(
                    f"malformed CSV: {exc}"
                )
                start = reader.line_num + 1
                continue
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue  # blank line
            if len(row) != len(header):
                source = f"{table}:{line}"
                item_id = (
                    f"line-{line}"
                    if numbered
                    else clean_id(row[header.index("id")])
                    if len(row) > header.index("id")
                    else ""
                )
                where = row_position(line, number, item_id)
                yield BatchItem(0, item_id or source, source, None, where=where).failed(
                    field_count_problem(row, len(header), line, start - 1)
                )
                continue
            row_id = f"line-{line}" if numbered else clean_id(row[header.index("id")])
            taken = rows_inside(row, like=row_id) if row_id and start - 1 > line else []
            if taken:
                # a quote never closed up to the end of the file: the row keeps the header's
                # cells and its answer swallows the rows after it (hostile trial 33: one row,
                # exit 0, no word of the others), as `rubric tune` already says
                source = f"{table}:{line}"
                yield BatchItem(
                    0, row_id, source, None, where=row_position(line, number, row_id)
                ).failed(
                    f"a quote opened on line {line} seems never closed: the answer runs to line "
                    f"{start - 1} and takes in the rows of id {', '.join(taken[:5])}"
                    + (", …" if len(taken) > 5 else "")
                )
                continue
            record: dict[str, object] = dict(zip(header, row, strict=True))
            if numbered:
                record["id"] = row_id
            yield _row_item(table, line, record, warning, read=read, row=number)


TABLE_COLUMNS = ("id", "answer", "file", "question")
"""The columns batch reads from a table (others are ignored)."""


def _missing_columns(header: list[str]) -> str | None:
    if not header:
        return "the CSV is empty; expected a header with columns id and answer (or file)"
    if "answer" not in header and "file" not in header:
        return "no 'answer' or 'file' column in the header"
    return None


def iter_jsonl_rows(path: str, *, read: bool = True) -> Iterator[BatchItem]:
    """Records of a JSONL file: one JSON object per line with the same fields as the CSV."""
    table = _display(path)
    try:
        encoding, warning = sniff_encoding(path)
        handle = open(path, encoding=encoding, errors="replace")  # noqa: SIM115
    except OSError as exc:
        yield BatchItem(0, table, table, None, error=f"cannot read: {exc.strerror}")
        return
    with handle:
        unfit = _unfit_table(path, encoding, "JSONL")
        if unfit:
            yield BatchItem(0, table, table, None, error=unfit)
            return
        for line, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            source = f"{table}:{line}"
            try:
                record = json_record(raw)
            except InputError as exc:
                where = row_position(line)
                yield BatchItem(0, source, source, None, where=where).failed(exc.message)
                continue
            yield _row_item(table, line, record, warning, read=read)

    return None
