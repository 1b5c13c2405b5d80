"""Graded files as spreadsheets save them (trial s43): `rubric tune`, `suggest` and `diff` say,
as batch says of an answer table, when a graded CSV was read as Windows-1252 (Excel's "CSV
(Comma delimited)" writes 'é', '’' and '–' as single bytes), and an Excel workbook renamed .csv
is told to be saved as CSV UTF-8 instead of "looks like a binary file"."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from evaluator.batch.inputs import iter_csv_rows
from evaluator.cli import main
from evaluator.textfile import workbook_problem
from evaluator.tools.graded import read_answers_source, read_graded_csv

RUBRIC = Path(__file__).resolve().parent / "data" / "batch" / "rubric"
QUESTION = "strategic-q"

CP1252 = "decoded as cp1252 (Windows-1252), not UTF-8; check accented characters"
"""Batch's warning on a row of such a table, word for word."""
SAVE_AS = (
    "looks like an Excel workbook (.xlsx), not a CSV: save it as CSV UTF-8 "
    "(in Excel: File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)')"
)

# a tutor's sheet: a name with an accent, Word's curly apostrophe and an en dash
GRADED = """id,answer,mark
s1,"India and Japan are Quad members – they cooperate on maritime security, says Renée.",5
s2,"Their ties are a Special Strategic and Global Partnership; they cooperate in the Quad.",8
s3,"India and Japan are partners in the Quad.",4
s4,"Japan’s Special Strategic and Global Partnership with India dates from 2014.",6
s5,"Japan is an island country.",1
s6,"The Quad has four members and India and Japan cooperate in it.",5
"""


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture
def excel_csv(tmp_path: Path) -> Path:
    """The graded sheet as Excel's "CSV (Comma delimited)" saves it on Windows: cp1252, CRLF."""
    path = tmp_path / "marks.csv"
    path.write_bytes(GRADED.replace("\n", "\r\n").encode("cp1252"))
    return path


def _xlsx() -> bytes:
    """A workbook as Excel writes one: a zip of XML parts under xl/ (its first bytes 'PK')."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        archive.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet/>')
    return buffer.getvalue()


@pytest.fixture
def workbook_csv(tmp_path: Path) -> Path:
    path = tmp_path / "marks.csv"
    path.write_bytes(_xlsx())
    return path


# --- 1. a graded CSV in cp1252 ---------------------------------------------------------------


def test_the_answers_of_a_cp1252_sheet_are_read_as_written(excel_csv: Path) -> None:
    warnings: list[str] = []
    rows = read_graded_csv(excel_csv, warnings=warnings)
    assert "Renée" in rows[0].text and "–" in rows[0].text and "Japan’s" in rows[3].text
    assert warnings == [f"{excel_csv}: {CP1252}"]


@pytest.mark.parametrize("verb", ["tune", "suggest"])
def test_tune_and_suggest_say_in_one_line_that_the_sheet_was_read_as_windows_1252(
    excel_csv: Path, verb: str
) -> None:
    extra = ["--no-learn", "--folds", "3"] if verb == "tune" else []
    done = _invoke("rubric", verb, str(RUBRIC), "--graded", str(excel_csv), "-q", QUESTION, *extra)
    assert done.exit_code == 0, done.output
    warned = [line for line in _stderr_lines(done) if line.startswith("warning:")]
    assert warned == [f"warning: {excel_csv}: {CP1252}"]
    assert "error" not in done.stderr


def test_a_utf8_sheet_gets_no_warning(tmp_path: Path) -> None:
    graded = tmp_path / "marks.csv"
    graded.write_text(GRADED, encoding="utf-8")
    done = _invoke("rubric", "suggest", str(RUBRIC), "--graded", str(graded), "-q", QUESTION)
    assert done.exit_code == 0, done.output
    assert "warning" not in done.stderr and "cp1252" not in done.stderr


def test_diff_says_which_answer_files_were_read_as_windows_1252(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "a.txt").write_bytes("Japan’s ODA – and the Quad.".encode("cp1252"))
    (folder / "b.txt").write_bytes("India and Japan in the Quad, says Renée.".encode("cp1252"))
    (folder / "c.txt").write_text("India and Japan are Quad partners.", encoding="utf-8")
    done = _invoke(
        "rubric", "diff", str(RUBRIC), str(RUBRIC), "--answers", str(folder), "-q", QUESTION
    )
    assert done.exit_code == 0, done.output
    assert _stderr_lines(done) == [
        f"warning: {folder}: 2 answer files ('a.txt', 'b.txt'): {CP1252}"
    ]

    # a graded CSV's 'file' column: each file named once, however many rows name it
    table = tmp_path / "files.csv"
    table.write_text(
        "id,file,mark\nr1,answers/a.txt,3\nr2,answers/c.txt,4\nr3,answers/a.txt,2\n",
        encoding="utf-8",
    )
    warnings: list[str] = []
    read_graded_csv(table, warnings=warnings)
    assert warnings == [f"{table}: answer file 'answers/a.txt': {CP1252}"]
    warnings.clear()
    read_answers_source(table, warnings=warnings)
    assert warnings == [f"{table}: answer file 'answers/a.txt': {CP1252}"]


# --- 2. a workbook renamed .csv --------------------------------------------------------------


@pytest.mark.parametrize(
    "verb", [["rubric", "tune"], ["rubric", "suggest"], ["rubric", "diff", str(RUBRIC)]]
)
def test_a_workbook_renamed_csv_is_told_to_be_saved_as_csv(
    workbook_csv: Path, verb: list[str]
) -> None:
    option = "--answers" if "diff" in verb else "--graded"
    done = _invoke(*verb, str(RUBRIC), option, str(workbook_csv), "-q", QUESTION)
    assert done.exit_code == 2
    assert _stderr_lines(done) == [f"mains-eval: error: {workbook_csv}: {SAVE_AS}"]
    assert "binary" not in done.stderr


def test_batch_says_the_same_of_a_workbook_renamed_csv(workbook_csv: Path) -> None:
    [item] = iter_csv_rows(str(workbook_csv))
    assert item.error == SAVE_AS


def test_other_spreadsheets_and_archives() -> None:
    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    told = workbook_problem(ods.getvalue())
    assert told is not None and told.startswith("looks like an OpenDocument spreadsheet (.ods)")
    assert "'Unicode (UTF-8)'" in told
    # an .xls: a compound file whose directory names its 'Workbook' stream
    xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook".encode("utf-16-le")
    told = workbook_problem(xls)
    assert told is not None and told.startswith("looks like an Excel 97-2003 workbook (.xls)")
    # a zip of something else, a truncated zip, a text: no workbook
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("notes.txt", "hello")
    for data in (other.getvalue(), _xlsx()[:40], b"id,answer,mark\n", b""):
        assert workbook_problem(data) is None
