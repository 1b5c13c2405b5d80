"""Graded files as spreadsheets save them (trial s43): `rubric tune`, `suggest` and `diff` say,
as batch says of an answer table, when a graded CSV was read as Windows-1252 (Excel's "CSV
(Comma delimited)" writes 'é', '’' and '–' as single bytes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from evaluator.cli import main
from evaluator.tools.graded import read_answers_source, read_graded_csv

RUBRIC = Path(__file__).resolve().parent / "data" / "batch" / "rubric"
QUESTION = "strategic-q"

CP1252 = "decoded as cp1252 (Windows-1252), not UTF-8; check accented characters"
"""Batch's warning on a row of such a table, word for word."""

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
