"""A bad row of a table is named as its user finds it: the row a spreadsheet shows (a cell with
line breaks is one row but several lines of the file), the row's id, and the line it starts on,
in batch's error column and in the bad rows `rubric tune/suggest/diff` skip. One line each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

Run = Callable[..., CompletedProcess[str]]
RUBRIC = ["-r", str(Path(__file__).resolve().parent / "data" / "batch" / "rubric")]

# as a spreadsheet saves it: CRLF between rows, LF inside a cell that holds paragraphs
SHEET = (
    "id,answer\r\n"
    's-001,"India and Japan are Quad members.\n\nThey cooperate on maritime security."\r\n'
    's-002,"Their ties are a Special Strategic\nand Global Partnership."\r\n'
    ',"An answer nobody put an id on."\r\n'
    "s-004\r\n"
    's-005,"Japan and India are partners in the\nQuad."\r\n'
    "s-006,fine,extra\r\n"
)


def test_batch_names_a_bad_row_by_its_spreadsheet_row_id_and_line(
    mains_eval: Run, read_csv: Callable[[Path], list[dict[str, str]]], tmp_path: Path
) -> None:
    (tmp_path / "class.csv").write_bytes(SHEET.encode("utf-8"))
    (tmp_path / "class.jsonl").write_text(
        '{"id": "j-1", "answer": "India and Japan are Quad members."}\n'
        '{"id": "j-2", "answer": 7}\n'
        '{"answer": "no id"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    args = ["batch", "class.csv", "class.jsonl", *RUBRIC, "-q", "strategic-q", "-o", str(out)]
    done = mains_eval(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    errors = {row["source"]: row["error"] for row in read_csv(out) if row["error"]}
    assert errors == {
        # row 4 of the sheet: its answer cells above spent three lines more than their rows
        "class.csv:7": "row 4 (line 7): missing value for column 'id'",
        "class.csv:8": "row 5 (id s-004, line 8): 1 field, the header has 2",
        "class.csv:11": "row 7 (id s-006, line 11): 3 fields, the header has 2; quote an answer "
        "that holds the delimiter with double quotes",
        # a JSONL record is a line of its own: the line is its position
        "class.jsonl:2": "line 2 (id j-2): 'answer' must be text",
        "class.jsonl:3": "line 3: missing value for field 'id'",
    }
    assert all("\n" not in error for error in errors.values())


def test_an_answer_a_table_row_cannot_grade_is_named_by_its_row(
    mains_eval: Run, read_csv: Callable[[Path], list[dict[str, str]]], tmp_path: Path
) -> None:
    """Errors found after reading (an unknown question, an id used twice, an answer that is
    not text) name the row too, not only those of the table's shape."""
    (tmp_path / "class.csv").write_text(
        "id,question,answer\n"
        's-001,,"India and Japan are Quad members.\nThey cooperate."\n'
        "s-002,no-such-question,India and Japan are partners.\n"
        "s-001,,The same id again.\n"
        's-004,,"' + "\x01\x02\x03\x04 a garbled line " * 5 + '"\n'
        "s-005,," + "India and Japan cooperate in the Quad. " * 40 + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    done = mains_eval(
        "batch", "class.csv", *RUBRIC, "-q", "strategic-q", "-o", str(out), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    errors = {row["source"]: row["error"] for row in read_csv(out) if row["error"]}
    assert errors["class.csv:4"].startswith("row 3 (id s-002, line 4): unknown question")
    assert errors["class.csv:5"].startswith("row 4 (id s-001, line 5): duplicate id 's-001'")
    assert errors["class.csv:6"].startswith("row 5 (id s-004, line 6): looks like a binary file")


def test_rubric_diff_names_a_skipped_graded_row_by_its_row_and_id(
    mains_eval: Run, tmp_path: Path
) -> None:
    """Diff uses no marks, so a bad mark is no bad row to it (``x`` and ``abc`` pass); a
    duplicate id or an answer grading refuses is, named by its line, row and id."""
    too_long = "Quad " * 4_100  # grading refuses over 4,000 words
    graded = tmp_path / "graded.csv"
    graded.write_bytes(
        b"id,question,answer,mark\r\n"
        b's-001,strategic-q,"India and Japan are Quad members.\n\nThey cooperate.",4\r\n'
        b's-001,strategic-q,"A Special Strategic\nand Global Partnership.",x\r\n'
        + f",strategic-q,{too_long},abc\r\n".encode()
        + b"s-004,strategic-q,Japan and India are partners in the Quad.,5\r\n"
    )
    jsonl = tmp_path / "graded.jsonl"
    jsonl.write_text(
        '{"id": "j-1", "answer": "India and Japan are Quad members.", "mark": 4}\n'
        '{"id": "j-1", "answer": "A partnership.", "mark": "x"}\n'
        '{"answer": "no id", "mark": "x"}\n',
        encoding="utf-8",
    )
    rubric = RUBRIC[1]
    done = mains_eval(
        "rubric", "diff", rubric, rubric, "--answers", str(graded), "-q", "strategic-q"
    )
    assert done.returncode == 0, done.stderr
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped")]
    # the file line where the row starts, then the row a spreadsheet shows and its id
    duplicate = f"skipped {graded}:5: id 's-001' is used again (row 3; first used in row 2)"
    assert skipped[0] == duplicate
    assert skipped[1].startswith(f"skipped {graded}:7: the answer has about 4,1")
    assert skipped[1].endswith("the limit is 4,000 (row 4)") and len(skipped) == 2
    assert " of 2 answers moved" in done.stdout  # s-001 and s-004, whatever their marks
    done = mains_eval(
        "rubric", "diff", rubric, rubric, "--answers", str(jsonl), "-q", "strategic-q"
    )
    assert done.returncode == 0, done.stderr
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped")]
    assert skipped == [f"skipped {jsonl}:2: id 'j-1' is used again (first used on line 1)"]
