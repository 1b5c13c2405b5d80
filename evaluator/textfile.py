"""Bytes to text for every file a user hands us (answers, source documents): BOM-aware decoding
with a cp1252 fallback, binary detection, and one clear message for each way a file is unfit."""

from __future__ import annotations

import codecs
import csv
import errno
import io
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable

from evaluator.errors import InputError

_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def read_bounded(source: str | os.PathLike[str], max_bytes: int, *, folder_hint: str = "") -> bytes:
    """A regular file's bytes, or InputError (``<source>: <reason>``) when it is missing, a
    folder, not a regular file, unreadable or over ``max_bytes``, which is never read whole.

    A pipe (FIFO) would block open() until a writer came, and a device such as /dev/zero never
    ends, so the type is checked before opening, and again on what was opened (opened without
    blocking, so a path swapped for a pipe in between cannot hang either). No more than
    ``max_bytes`` + 1 bytes are read (one past the limit tells a file that grew)."""
    try:
        _check_regular(os.stat(source), source, max_bytes, folder_hint)
        fd = os.open(source, os.O_RDONLY | _NONBLOCK)
    except OSError as exc:
        raise InputError(f"{source}: {_open_problem(source, exc)}") from exc
    try:
        info = os.fstat(fd)
        _check_regular(info, source, max_bytes, folder_hint)
        if _NONBLOCK:
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0 and (chunk := os.read(fd, left)):
            chunks.append(chunk)
            left -= len(chunk)
        if left == 0:
            size = max(info.st_size, os.fstat(fd).st_size, max_bytes + 1)
            raise InputError(f"{source}: file is {size:,} bytes; the limit is {max_bytes:,} bytes")
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror}") from exc
    finally:
        os.close(fd)
    return b"".join(chunks)


def _open_problem(source: str | os.PathLike[str], exc: OSError) -> str:
    """Why a file could not be opened, in a tutor's words: a link says it is one."""
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links (each points to another, none to a file)"
    if isinstance(exc, FileNotFoundError):
        return "a symbolic link to a missing file" if os.path.islink(source) else "no such file"
    return exc.strerror or str(exc)


def _check_regular(
    info: os.stat_result, source: str | os.PathLike[str], max_bytes: int, folder_hint: str
) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{source}: is a directory{folder_hint}")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{source}: not a regular file (a pipe or a device)")
    if info.st_size > max_bytes:
        raise InputError(
            f"{source}: file is {info.st_size:,} bytes; the limit is {max_bytes:,} bytes"
        )


def read_text_file(source: str | os.PathLike[str], max_bytes: int) -> tuple[str, str | None]:
    """A text or Markdown file's text and a decoding warning (or None); InputError when it is a
    folder, missing, unreadable, not a regular file, over ``max_bytes``, undecodable or binary."""
    data = read_bounded(source, max_bytes, folder_hint="; pass a text or Markdown file")
    text, warning = decode_text(data, str(source))
    if looks_binary(text):
        raise InputError(f"{source}: looks like a binary file, not text")
    return text, warning


def decode_text(data: bytes, name: str = "<text>") -> tuple[str, str | None]:
    """Bytes -> text by BOM and fallbacks; InputError when nothing fits."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), None
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: UTF-8 BOM but invalid UTF-8 at byte {exc.start}") from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: UTF-16 BOM but the text cannot be decoded") from exc
    if b"\x00" in data:
        encoding = utf16_without_bom(data)
        if encoding is not None:
            try:
                return data.decode(encoding), utf16_warning(encoding)
            except UnicodeDecodeError:
                pass
        raise InputError(f"{name}: looks like a binary file, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: cannot decode the text (not UTF-8, UTF-16 or cp1252)",
            hint="save the file as UTF-8 text",
        ) from exc
    return text, "decoded as cp1252 (Windows-1252), not UTF-8; check accented characters"


def utf16_warning(encoding: str) -> str:
    """The warning on a text read as UTF-16 by the pattern of its NUL bytes."""
    name = encoding.upper().replace("16-", "16")  # UTF-16LE
    return f"decoded as {name} (UTF-16 without a byte order mark); save it as UTF-8"


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when bytes without a BOM look like UTF-16 text, else None.

    Text in UTF-16 whose characters are mostly below U+0100 (English, with or without some
    other script) has a NUL in one byte of nearly every pair, always the same one, and almost
    never in the other: the second byte of each pair for little-endian (what Windows writes),
    the first for big-endian. A binary file's NULs fall on both sides (trial 35: such an answer
    had been called binary)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    pairs = len(sample) // 2
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    if odd >= 0.6 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.6 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def looks_binary(text: str) -> bool:
    """True when a decoded text is mostly control characters (an image, an archive...)."""
    if not text:
        return False
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    return controls / len(sample) > 0.05


_ZIP_START = b"PK\x03\x04"
_OLE2_START = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of a compound file (Excel 97-2003's .xls, Word's .doc)."""
_XLS_STREAM = "Workbook".encode("utf-16-le")
_SAVE_AS_CSV = {
    "xlsx": (
        "an Excel workbook (.xlsx)",
        "in Excel: File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'",
    ),
    "xls": (
        "an Excel 97-2003 workbook (.xls)",
        "in Excel: File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'",
    ),
    "ods": (
        "an OpenDocument spreadsheet (.ods)",
        "in LibreOffice: File > Save As > 'Text CSV (.csv)', character set 'Unicode (UTF-8)'",
    ),
}


def workbook_problem(source: bytes | str | os.PathLike[str]) -> str | None:
    """What to say of a spreadsheet's own file given where a CSV was wanted (bytes, or a path
    whose file is opened only to look), or None when it is none: ``looks like an Excel workbook
    (.xlsx), not a CSV: save it as CSV UTF-8 (in Excel: ...)``. A workbook renamed .csv had
    been told only "looks like a binary file" (trial s43). An .xlsx or .ods is a zip archive
    of XML files; an .xls a compound file holding a 'Workbook' stream."""
    try:
        kind = _workbook_kind(source)
    except OSError:
        return None  # reading it is another message's business
    if kind is None:
        return None
    described, how = _SAVE_AS_CSV[kind]
    return f"looks like {described}, not a CSV: save it as CSV UTF-8 ({how})"


def _workbook_kind(source: bytes | str | os.PathLike[str]) -> str | None:
    if isinstance(source, bytes):
        head, whole = source[:8], source
    else:
        with open(source, "rb") as handle:
            head = handle.read(8)
            # an .xls names its stream in its directory, in the first megabyte of a small file
            whole = head + handle.read(1 << 20) if head.startswith(_OLE2_START) else b""
    if head.startswith(_OLE2_START):
        return "xls" if _XLS_STREAM in whole else None
    if not head.startswith(_ZIP_START):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
            names = zf.namelist()
            if "mimetype" in names and b"spreadsheet" in zf.read("mimetype")[:100]:
                return "ods"
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, zlib.error):
        return None  # a broken or encrypted archive: no more than binary
    return "xlsx" if any(name.startswith("xl/") for name in names) else None


TABLE_DELIMITERS = (",", ";", "\t")
"""Delimiters a table may use: a comma; a semicolon, as a spreadsheet writes CSV where the decimal
mark is a comma; a tab, as Excel's "Unicode text" writes."""


def table_delimiter(header_line: str, known: Iterable[str]) -> str:
    """The delimiter of a table whose first line is ``header_line``: the one of
    :data:`TABLE_DELIMITERS` that splits it into the most ``known`` column names (a comma on a
    tie). A semicolon file read with commas had been told "no 'id' column in the header" with
    ``id;question;answer;mark`` in plain sight."""
    wanted = {k.lower() for k in known}

    def found(delimiter: str) -> int:
        try:
            cells = next(csv.reader([header_line], delimiter=delimiter), [])
        except csv.Error:
            return 0
        return sum(1 for c in cells if c.strip().lstrip("\ufeff").lower() in wanted)

    return max(TABLE_DELIMITERS, key=lambda d: (found(d), d == ","))


ID_SHOWN = 40
"""Characters of a row's id a bad-row message quotes (the rest is elided)."""


def row_id_text(value: object) -> str:
    """A table row's id as a bad-row message names it: one line, at most `ID_SHOWN` characters
    ('' for no id)."""
    text = " ".join(str(value).split()) if value is not None else ""
    return text if len(text) <= ID_SHOWN else text[: ID_SHOWN - 1] + "…"


def row_position(line: int, row: int | None = None, row_id: object = None) -> str:
    """Where a bad row of a table is, as its user finds it, for the start of a one-line message.

    A CSV row (``row`` given) is named by its spreadsheet row (the header is row 1), its id and
    the file line it starts on: ``row 12 (id s-014, line 15)``. The row and the line part once a
    cell holds a line break (a spreadsheet shows the cell in one row; the file spends a line per
    break). A JSONL record is one line: ``line 15 (id s-014)``."""
    shown = row_id_text(row_id)
    if row is None:
        return f"line {line} (id {shown})" if shown else f"line {line}"
    return f"row {row} (id {shown}, line {line})" if shown else f"row {row} (line {line})"


_ROW_START = re.compile(r"^([^,;\t\"\n]{1,40})[,;\t]")


def rows_inside(cells: list[str], like: object = None) -> list[str]:
    """The ids of the lines inside cells' line breaks that begin as rows of their own (an id of
    at most 40 characters and a delimiter): rows an unclosed quote took in. With ``like`` (the
    row's own id), only ids of its shape ('s04' beside 's03')."""
    shape = _id_shape(str(like)) if like is not None else None
    found = []
    for cell in cells:
        for line in cell.split("\n")[1:]:
            match = _ROW_START.match(line)
            head = match.group(1).strip() if match else ""
            if head and (shape is None or _id_shape(head) == shape):
                found.append(head)
    return found


def _id_shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


def field_count_problem(cells: list[str], header: int, first_line: int, last_line: int) -> str:
    """What is wrong with a CSV row of ``len(cells)`` cells under a header of ``header``, as
    batch, tune, suggest and diff all say it. A row that runs over several lines of the file
    with a line break inside a cell most likely holds a quote that was never closed: the quote
    swallows the next rows, so the message names the lines it ran over."""
    count = len(cells)
    message = f"{count} field{'' if count == 1 else 's'}, the header has {header}"
    if last_line > first_line and any("\n" in cell for cell in cells):
        message += (
            f"; a quote opened on line {first_line} seems never closed: the row runs to line "
            f"{last_line}, taking in the rows between"
        )
        swallowed = [row_id_text(i) for i in rows_inside(cells)]
        if swallowed:
            # trial 29b: "1 bad row skipped" while a second answer was lost inside it
            shown = ", ".join(swallowed[:5]) + (", …" if len(swallowed) > 5 else "")
            rows = "row" if len(swallowed) == 1 else "rows"
            message += f" ({len(swallowed)} more {rows} lost with it: id {shown})"
    elif count > header:
        message += "; quote an answer that holds the delimiter with double quotes"
    return message
