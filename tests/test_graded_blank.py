"""A blank answer is a student who handed in nothing: batch grades it 0 with the 'empty'
advisory, as it grades an answer of '?', and tuning and suggest keep the tutor's mark for it.
Only a row with no answer field at all (no 'answer' column, an empty 'file') stays an error."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from evaluator.tools.graded import SkippedRow, read_graded_csv

MainsEval = Callable[..., CompletedProcess[str]]
RUBRIC = Path(__file__).resolve().parent / "data" / "batch" / "rubric"

GRADED = """id,answer,mark
s1,"India and Japan are Quad members and cooperate on maritime security.",5
s2,"Their ties are a Special Strategic and Global Partnership, and they cooperate in the Quad.",8
s3,"India and Japan are partners in the Quad.",4
s4,"Japan and India have a Special Strategic and Global Partnership.",6
s5,"Japan is an island country.",1
s6,"The Quad has four members and India and Japan cooperate in it.",5
blank,,0
space,"   ",0
"""


def test_batch_grades_a_blank_answer_cell_zero_with_the_empty_advisory(
    mains_eval: MainsEval, read_csv: Callable[[Path], list[dict[str, str]]], tmp_path: Path
) -> None:
    (tmp_path / "marks.csv").write_text(GRADED + "what,?,0\n", encoding="utf-8")
    (tmp_path / "files.csv").write_text("id,file\nnofile,\n", encoding="utf-8")
    (tmp_path / "rows.jsonl").write_text(
        '{"id": "j-blank", "answer": ""}\n{"id": "j-none"}\n', encoding="utf-8"
    )
    out = tmp_path / "out.csv"
    done = mains_eval(
        "batch", "marks.csv", "files.csv", "rows.jsonl", "-r", str(RUBRIC), "-q", "strategic-q",
        "-o", str(out), cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = {row["id"]: row for row in read_csv(out)}
    # "?" was graded 0 with the advisory; a blank cell was an error row instead
    graded = {key: rows["what"][key] for key in ("marks", "word_count", "advisories", "error")}
    assert graded == {"marks": "0", "word_count": "0", "advisories": "empty", "error": ""}
    for blank in ("blank", "space", "j-blank"):
        assert {key: rows[blank][key] for key in graded} == graded, rows[blank]
    assert float(rows["s2"]["marks"]) > 0
    # no answer field at all is still an error row
    needs = "needs a value in column 'answer' or 'file'"
    assert rows["nofile"]["error"] == f"row 2 (id nofile, line 2): {needs}"
    assert rows["nofile"]["marks"] == ""
    # a JSONL record has fields, not columns (trial 35)
    assert rows["j-none"]["error"] == f"line 2 (id j-none): {needs.replace('column', 'field')}"


def test_tuning_and_suggest_keep_a_blank_answer_the_tutor_marked(
    mains_eval: MainsEval, tmp_path: Path
) -> None:
    graded = tmp_path / "graded.csv"
    graded.write_text(GRADED, encoding="utf-8")
    tuned = mains_eval(
        "rubric", "tune", str(RUBRIC), "--graded", str(graded), "-q", "strategic-q", "--json",
        "--no-learn",
    )  # fmt: skip
    assert tuned.returncode == 0, tuned.stderr
    assert "skipped" not in tuned.stderr
    result = json.loads(tuned.stdout)
    assert result["n"] == 8 and result["skipped"] == []
    answers = {a["id"]: a for a in result["answers"]}
    for blank in ("blank", "space"):
        assert (answers[blank]["human"], answers[blank]["before"]) == (0.0, 0.0)

    suggested = mains_eval(
        "rubric", "suggest", str(RUBRIC), "--graded", str(graded), "-q", "strategic-q"
    )
    assert suggested.returncode == 0, suggested.stderr
    assert "skipped" not in suggested.stderr and "needs a value" not in suggested.stderr

    # the same in JSONL; a row with no answer column and an empty 'file' is still a bad row
    jsonl = tmp_path / "graded.jsonl"
    jsonl.write_text('{"id": "b", "answer": "", "mark": 0}\n', encoding="utf-8")
    assert [(r.id, r.text, r.mark) for r in read_graded_csv(jsonl)] == [("b", "", 0.0)]
    files = tmp_path / "files.csv"
    files.write_text("id,file,mark\nok,a.txt,3\nnone,,0\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("India and Japan are in the Quad.", encoding="utf-8")
    skipped: list[SkippedRow] = []
    assert [r.id for r in read_graded_csv(files, skipped=skipped)] == ["ok"]
    assert [s.line for s in skipped] == [3] and "needs a value" in skipped[0].message


def test_a_blank_answer_file_is_kept_as_a_blank_cell_is(
    mains_eval: MainsEval, tmp_path: Path
) -> None:
    """Trial 38: a graded CSV naming an empty answer file ('file' column) had the row skipped
    by `rubric tune` ("the answer is empty"), while an empty 'answer' cell is kept as a real
    0-mark data point. A script handed in blank is the same data point either way."""
    lines = ["id,file,mark"]
    for row in GRADED.splitlines()[1:]:
        answer_id, rest = row.split(",", 1)
        text, mark = rest.rsplit(",", 1)
        (tmp_path / f"{answer_id}.txt").write_text(text.strip('"'), encoding="utf-8")
        lines.append(f"{answer_id},{answer_id}.txt,{mark}")
    (tmp_path / "blank.txt").write_bytes(b"")  # an empty file, not a space
    graded = tmp_path / "files.csv"
    graded.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tuned = mains_eval(
        "rubric", "tune", str(RUBRIC), "--graded", str(graded), "-q", "strategic-q", "--json",
        "--no-learn",
    )  # fmt: skip
    assert tuned.returncode == 0, tuned.stderr
    assert "skipped" not in tuned.stderr and "empty" not in tuned.stderr
    result = json.loads(tuned.stdout)
    assert result["n"] == 8 and result["skipped"] == []
    answers = {a["id"]: a for a in result["answers"]}
    for blank in ("blank", "space"):
        assert (answers[blank]["human"], answers[blank]["before"]) == (0.0, 0.0)
    # suggest and diff read the same rows; diff's folder of answer files keeps it as well
    suggested = mains_eval(
        "rubric", "suggest", str(RUBRIC), "--graded", str(graded), "-q", "strategic-q"
    )
    assert suggested.returncode == 0 and "skipped" not in suggested.stderr, suggested.stderr
    assert [r.id for r in read_graded_csv(graded)][-2:] == ["blank", "space"]
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "blank.txt").write_bytes(b"\xef\xbb\xbf\n")  # a BOM and a line end: still blank
    (folder / "s1.txt").write_text("India and Japan are in the Quad.", encoding="utf-8")
    from evaluator.tools.graded import read_answers_source

    assert [(a.id, a.text) for a in read_answers_source(folder)] == [
        ("blank", ""),
        ("s1", "India and Japan are in the Quad."),
    ]
